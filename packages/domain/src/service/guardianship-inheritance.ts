/**
 * «Выдача справок в пенсионные фонды, банки для распоряжения вкладами несовершеннолетних детей, в территориальные
 * подразделения Комитета дорожной полиции МВД РК для оформления наследства несовершеннолетним детям» (seed 002,
 * service 6; reference §6). Three variants of application and certificate — pension fund, bank, road police — each
 * valid one month. The bank form asks children over 10 to sign «согласны»; the others do not.
 */
import type { ServiceId } from '../kernel/ids.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { ResultKind, ServiceDefinition } from './definition.js'
import { GUARDIANSHIP_REJECTIONS, guardianshipChannels } from './guardianship-tables.js'
import { KOKPEKTY_2012_ACT } from './kokpekty-2012.js'
import { done, modelRefusals } from './model-2012.js'
import { rulesFor } from './rules.js'

export const GUARDIANSHIP_INHERITANCE = 'guardianship-inheritance' as ServiceId

const variant = (id: string, ru: string, kk: string, en: string): ResultKind => ({
  id,
  positive: true,
  name: { ru, kk, en, kkComposed: true },
  recordedBy: done('result_issued'),
  signedByProvider: true,
})

export const guardianshipInheritanceKokpekty2012: ServiceDefinition = {
  id: GUARDIANSHIP_INHERITANCE,
  name: {
    ru: 'Выдача справок в пенсионные фонды, банки для распоряжения вкладами несовершеннолетних детей, в территориальные подразделения Комитета дорожной полиции Министерства внутренних дел Республики Казахстан для оформления наследства несовершеннолетним детям',
    kk: 'Кәмелетке толмаған балалардың салымдарына билік ету үшін зейнетақы қорларына, банктерге, кәмелетке толмаған балаларға мұраны ресімдеу үшін Қазақстан Республикасы Ішкі істер министрлігі Жол полициясы комитетінің аумақтық бөлімшелеріне анықтамалар беру',
    en: 'Certificates to pension funds, banks and road-police units for minors’ deposits and inheritance',
    kkComposed: true,
  },
  edition: 'kokpekty-2012',
  ruleVersion: 'guardianship-inheritance/kokpekty-2012@1',
  act: KOKPEKTY_2012_ACT,
  channels: guardianshipChannels('inheritance_permission', {
    ru: 'Получение потребителем результата услуги — справки',
    kk: 'Тұтынушының қызмет нәтижесін — анықтаманы алуы',
    en: 'The consumer receives the certificate for the fund, the bank or the road police',
    kkComposed: true,
  }, ['documents_nonconforming', 'child_consent_missing']),
  results: [
    // One result kind in the stream (`inheritance_permission` with its variant); three printed forms.
    variant('inheritance_permission', 'Справка (в пенсионный фонд, банк или подразделение дорожной полиции), действительна 1 месяц',
      'Анықтама (зейнетақы қорына, банкке немесе жол полициясы бөлімшесіне), 1 ай жарамды', 'Certificate (to a pension fund, a bank or a road-police unit), valid one month'),
    ...modelRefusals,
  ],
  rejections: [...GUARDIANSHIP_REJECTIONS, 'child_consent_missing'],
}

export const guardianshipInheritanceRules: ServiceRules = rulesFor([guardianshipInheritanceKokpekty2012], {
  request: 'guardianship-inheritance',
  extraCommands: ['issue_result', 'extend_deadline'],
  results: [{ kind: 'inheritance_permission', from: ['documents_checked'], validFor: { unit: 'months', amount: 1 } }],
  grounds: [{ kind: 'consent_from', years: 10, variants: ['bank'] }],
})
