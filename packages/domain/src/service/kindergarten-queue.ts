/**
 * «Постановка на очередь детей дошкольного возраста (до 7 лет) для направления в детские дошкольные организации»
 * (seed 002, service 3; reference §3). Three channels, 3 working days each. The result is one of two documents:
 * the notification of registration in the Journal («за № ___, от ___») — the `queued` fact, reusing the waiting-list
 * projection — or, when a place is free, the referral («НАПРАВЛЕНИЕ № ___», valid five days from issue) — a
 * `result_issued`. A referral can also be issued later to a child waiting in the Journal.
 *
 * The child must be under 7 (the service's name is the only age rule); the age is taken at the filing instant,
 * from the explicit birth date or the IIN's hint. The providers are the district education department and the
 * rural-district akims' offices: each keeps its own Journal (one list per provider).
 */
import type { ServiceId } from '../kernel/ids.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { ResultKind, ServiceDefinition } from './definition.js'
import { KOKPEKTY_2012_ACT, KOKPEKTY_SFE } from './kokpekty-2012.js'
import {
  centreChannel, deskChannel, done, M1, modelRefusals, portalChannel, S10, S10_15, S30, S30_M1, S90, workingDaysAsWritten,
} from './model-2012.js'
import { rulesFor } from './rules.js'

export const KINDERGARTEN_QUEUE = 'kindergarten-queue' as ServiceId

const RESULTS: readonly ResultKind[] = [
  {
    id: 'queue_notice',
    positive: true,
    name: { ru: 'Уведомление о регистрации ребенка', kk: 'Баланы тіркеу туралы хабарлама', en: 'Notice of the child’s registration in the Journal', kkComposed: true },
    recordedBy: done('queued'),
    signedByProvider: true,
  },
  {
    id: 'preschool_referral',
    positive: true,
    name: { ru: 'Направление в дошкольную организацию', kk: 'Мектепке дейінгі ұйымға жолдама', en: 'Referral to a pre-school organisation', kkComposed: true },
    recordedBy: done('result_issued'),
    signedByProvider: true,
  },
]

const final = (en: string) => ({
  action: {
    ru: 'Получение потребителем результата услуги — направления в ДДО либо уведомления о постановке на очередь',
    kk: 'Тұтынушының қызмет нәтижесін — МДҰ-ға жолдаманы не кезекке қою туралы хабарламаны алуы',
    en,
    kkComposed: true,
  },
  result: 'queue_notice',
  completedBy: done('queued'),
  alsoCompletedBy: [done('result_issued')],
})

const THREE_WORKING_DAYS = workingDaysAsWritten(3)
const REFUSALS = ['documents_nonconforming', 'child_over_age'] as const

export const kindergartenQueueKokpekty2012: ServiceDefinition = {
  id: KINDERGARTEN_QUEUE,
  name: {
    ru: 'Постановка на очередь детей дошкольного возраста (до 7 лет) для направления в детские дошкольные организации',
    kk: 'Мектепке дейінгі балалар ұйымдарына жолдама беру үшін мектепке дейінгі (7 жасқа дейін) жастағы балаларды кезекке қою',
    en: 'Queueing pre-school children (under 7) for referral to pre-school organisations',
    kkComposed: true,
  },
  edition: 'kokpekty-2012',
  ruleVersion: 'kindergarten-queue/kokpekty-2012@1',
  act: KOKPEKTY_2012_ACT,
  channels: [
    deskChannel({
      source: 'Appendix 2, Table 1 (услугодатель)',
      deadlines: [S10_15, S10, S90, S10_15, S10_15, S90, S90, { ...THREE_WORKING_DAYS, note: 'printed «3 рабочих дней»' }],
      sfe: KOKPEKTY_SFE.deskProviderRegisters,
      checker: 'услугодатель',
      final: final('The consumer receives the referral or the queue notice from the provider'),
      documentRefusals: REFUSALS,
    }),
    centreChannel({
      source: 'Appendix 2, Table 2 (Центр)',
      deadlines: [S30_M1, S30, S90, S90, S30_M1, M1, M1, S30_M1, THREE_WORKING_DAYS],
      sfe: KOKPEKTY_SFE.centre,
      checker: 'услугодатель',
      final: final('The consumer receives the referral or the queue notice through the service-centre operator'),
      documentRefusals: REFUSALS,
    }),
    portalChannel({
      source: 'Appendix 2, Table 3 (ПЭП)',
      deadlines: [S30_M1, S30, S90, S90, S30_M1, M1, S30, THREE_WORKING_DAYS],
      sfe: KOKPEKTY_SFE.portal,
      checker: 'услугодатель',
      final: final('The consumer receives the referral or the queue notice as an electronic document'),
      documentRefusals: REFUSALS,
    }),
  ],
  results: [RESULTS[0] as ResultKind, ...RESULTS.slice(1), ...modelRefusals],
  rejections: [
    'authorization_refused', 'signature_not_confirmed', 'person_not_found', 'power_of_attorney_not_found', 'documents_nonconforming',
    'child_over_age',
  ],
}

export const kindergartenQueueRules: ServiceRules = rulesFor([kindergartenQueueKokpekty2012], {
  request: 'kindergarten-queue',
  extraCommands: ['queue', 'issue_result'],
  lists: ['preschool_journal'],
  journal: true,
  // «Направление должно быть предоставлено в дошкольную организацию в течение пяти дней со дня его выдачи».
  results: [{ kind: 'preschool_referral', from: ['documents_checked', 'queued'], validFor: { unit: 'days', amount: 5 } }],
  grounds: [{ kind: 'child_younger_than', years: 7 }],
})
