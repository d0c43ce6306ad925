/**
 * «Выдача справок по опеке и попечительству» (seed 002, service 4; reference §4). The certificate confirms a
 * guardianship appointed by akimat resolution; it is refused when the appointment is not in the «Электронный реестр
 * по опеке и попечительству» (the refusal template says so), which the МИО consults after registration: a register
 * port like ГБД ФЛ, through `check_record`.
 */
import type { ServiceId } from '../kernel/ids.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { ResultKind, ServiceDefinition } from './definition.js'
import { GUARDIANSHIP_REJECTIONS, guardianshipChannels } from './guardianship-tables.js'
import { KOKPEKTY_2012_ACT } from './kokpekty-2012.js'
import { done, modelRefusals } from './model-2012.js'
import { rulesFor } from './rules.js'

export const GUARDIANSHIP_CERTIFICATE = 'guardianship-certificate' as ServiceId

const RESULTS: readonly [ResultKind, ...ResultKind[]] = [
  {
    id: 'guardianship_certificate',
    positive: true,
    name: { ru: 'Справка по опеке и попечительству', kk: 'Қорғаншылық және қамқоршылық жөнінде анықтама', en: 'Guardianship certificate', kkComposed: true },
    recordedBy: done('result_issued'),
    signedByProvider: true,
  },
  {
    id: 'register_refusal',
    positive: false,
    name: {
      ru: 'Отказ: запись не найдена в Электронном реестре по опеке и попечительству',
      kk: 'Бас тарту: Қорғаншылық және қамқоршылық жөніндегі электрондық тізілімде жазба табылмады',
      en: 'Refusal: no record in the electronic guardianship register',
      kkComposed: true,
    },
    recordedBy: done('rejected'),
    signedByProvider: true,
  },
]

export const guardianshipCertificateKokpekty2012: ServiceDefinition = {
  id: GUARDIANSHIP_CERTIFICATE,
  name: { ru: 'Выдача справок по опеке и попечительству', kk: 'Қорғаншылық және қамқоршылық жөнінде анықтамалар беру', en: 'Guardianship certificates', kkComposed: true },
  edition: 'kokpekty-2012',
  ruleVersion: 'guardianship-certificate/kokpekty-2012@1',
  act: KOKPEKTY_2012_ACT,
  channels: guardianshipChannels('guardianship_certificate', {
    ru: 'Получение потребителем результата услуги — справки по опеке и попечительству',
    kk: 'Тұтынушының қызмет нәтижесін — қорғаншылық және қамқоршылық жөнінде анықтаманы алуы',
    en: 'The consumer receives the guardianship certificate',
    kkComposed: true,
  }, ['documents_nonconforming', 'record_not_found']),
  results: [...RESULTS, ...modelRefusals],
  rejections: [...GUARDIANSHIP_REJECTIONS, 'record_not_found'],
}

export const guardianshipCertificateRules: ServiceRules = rulesFor([guardianshipCertificateKokpekty2012], {
  request: 'guardianship-certificate',
  extraCommands: ['check_record', 'issue_result', 'extend_deadline'],
  records: [{ registry: 'guardianship_register', channels: ['service_centre', 'portal'] }],
  results: [{ kind: 'guardianship_certificate', from: ['documents_checked'] }],
})
