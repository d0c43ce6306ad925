/**
 * «Выдача справок безработным гражданам» (seed 002, service 1; reference seed-002.md §1). Three channels; the result
 * is «Справка о регистрации в качестве безработного» signed by the provider.
 *
 * The source contradicts itself on the term and we keep both, per channel: the last step takes 10 minutes via the
 * portal and the provider's desk, and 3 working days via ЦОН (Table 3). Nothing says which governs; a ЦОН
 * application is judged by 3 working days, the others by 10 minutes.
 */
import type { ServiceId } from '../kernel/ids.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { ResultKind, ServiceDefinition } from './definition.js'
import { KOKPEKTY_2012_ACT, KOKPEKTY_SFE } from './kokpekty-2012.js'
import {
  centreChannel, deskChannel, done, M1, M10, modelRefusals, portalChannel, S10, S10_15, S30, S30_M1, S90,
  workingDaysAsWritten,
} from './model-2012.js'
import { rulesFor } from './rules.js'

export const UNEMPLOYMENT_CERTIFICATE = 'unemployment-certificate' as ServiceId

const RESULT: ResultKind = {
  id: 'unemployment_certificate',
  positive: true,
  // The form's bilingual heading: «ЖҰМЫССЫЗДЫҚ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА / СПРАВКА О РЕГИСТРАЦИИ В КАЧЕСТВЕ БЕЗРАБОТНОГО».
  name: { ru: 'Справка о регистрации в качестве безработного', kk: 'Жұмыссыздық ретінде тіркеу туралы анықтама', en: 'Certificate of registration as unemployed' },
  recordedBy: done('result_issued'),
  signedByProvider: true,
}

const final = (en: string) => ({
  action: {
    ru: 'Получение потребителем результата услуги — справки о регистрации в качестве безработного',
    kk: 'Тұтынушының қызмет нәтижесін — жұмыссыздық ретінде тіркеу туралы анықтаманы алуы',
    en,
    kkComposed: true,
  },
  result: RESULT.id,
  completedBy: done('result_issued'),
})

const TEN_MINUTES_CONFLICT = { ...M10, note: 'portal and desk print 10 minutes; ЦОН prints 3 working days for the same step (kept per channel)' }
const THREE_DAYS_CONFLICT = { ...workingDaysAsWritten(3), note: 'ЦОН prints 3 working days; portal and desk print 10 minutes (kept per channel)' }

export const unemploymentCertificateKokpekty2012: ServiceDefinition = {
  id: UNEMPLOYMENT_CERTIFICATE,
  name: {
    ru: 'Выдача справок безработным гражданам',
    kk: 'Жұмыссыз азаматтарға анықтамалар беру',
    en: 'Certificates for unemployed citizens',
    kkComposed: true,
  },
  edition: 'kokpekty-2012',
  ruleVersion: 'unemployment-certificate/kokpekty-2012@1',
  act: KOKPEKTY_2012_ACT,
  channels: [
    portalChannel({
      source: 'Appendix 1, Table 1 (ПЭП)',
      deadlines: [S30_M1, S30, S90, S90, S30_M1, M1, S30, TEN_MINUTES_CONFLICT],
      sfe: KOKPEKTY_SFE.portal,
      checker: 'услугодатель',
      final: final('The consumer receives the certificate as an electronic document'),
      documentRefusals: ['documents_nonconforming'],
    }),
    deskChannel({
      source: 'Appendix 1, Table 2 (услугодатель)',
      deadlines: [S10_15, S10, S90, S10_15, S10_15, S90, S90, TEN_MINUTES_CONFLICT],
      sfe: KOKPEKTY_SFE.desk,
      checker: 'услугодатель',
      final: final('The consumer receives the certificate from the provider'),
      documentRefusals: ['documents_nonconforming'],
    }),
    centreChannel({
      source: 'Appendix 1, Table 3 (Центр)',
      deadlines: [S30_M1, S30, S90, S90, S30_M1, M1, M1, S30_M1, THREE_DAYS_CONFLICT],
      sfe: KOKPEKTY_SFE.centre,
      checker: 'услугодатель',
      final: final('The consumer receives the certificate through the service-centre operator'),
      documentRefusals: ['documents_nonconforming'],
    }),
  ],
  results: [RESULT, ...modelRefusals],
  rejections: ['authorization_refused', 'signature_not_confirmed', 'person_not_found', 'power_of_attorney_not_found', 'documents_nonconforming'],
}

export const unemploymentCertificateRules: ServiceRules = rulesFor([unemploymentCertificateKokpekty2012], {
  request: 'unemployment-certificate',
  extraCommands: ['issue_result'],
  results: [{ kind: 'unemployment_certificate', from: ['documents_checked'] }],
})
