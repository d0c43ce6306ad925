/**
 * «Оформление документов для материального обеспечения детей-инвалидов, обучающихся и воспитывающихся на дому»
 * (seed 002, service 2; reference §2). Two channels — the provider's desk and the portal; no ЦОН. The term is
 * 10 working days in both. The result notice states the amount, the period and a quarterly payment table; the
 * refusal is a free-form letter «при формировании заключения комиссии».
 */
import type { ServiceId } from '../kernel/ids.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { ResultKind, ServiceDefinition } from './definition.js'
import { KOKPEKTY_2012_ACT, KOKPEKTY_SFE } from './kokpekty-2012.js'
import { DASH, deskChannel, done, modelRefusals, portalChannel, S10, S10_15, S30, S30_M1, S90, workingDaysAsWritten } from './model-2012.js'
import { rulesFor } from './rules.js'

export const DISABLED_CHILD_ALLOWANCE = 'disabled-child-allowance' as ServiceId

const RESULT: ResultKind = {
  id: 'allowance_notice',
  positive: true,
  name: {
    ru: 'Уведомление о назначении материального обеспечения ребенку-инвалиду, обучающемуся и воспитывающемуся на дому',
    kk: 'Үйде оқитын және тәрбиеленетін мүгедек балаға материалдық қамсыздандыру тағайындау туралы хабарлама',
    en: 'Notice assigning the allowance to a disabled child educated and raised at home',
    kkComposed: true,
  },
  recordedBy: done('result_issued'),
  signedByProvider: true,
}

const final = (en: string) => ({
  action: {
    ru: 'Получение потребителем результата услуги — уведомления об оформлении документов',
    kk: 'Тұтынушының қызмет нәтижесін — құжаттарды ресімдеу туралы хабарламаны алуы',
    en,
    kkComposed: true,
  },
  result: RESULT.id,
  completedBy: done('result_issued'),
})

const TEN_WORKING_DAYS = workingDaysAsWritten(10)

export const disabledChildAllowanceKokpekty2012: ServiceDefinition = {
  id: DISABLED_CHILD_ALLOWANCE,
  name: {
    ru: 'Оформление документов для материального обеспечения детей-инвалидов, обучающихся и воспитывающихся на дому',
    kk: 'Үйде оқитын және тәрбиеленетін мүгедек балаларды материалдық қамсыздандыру үшін құжаттарды ресімдеу',
    en: 'Documents for the allowance of disabled children educated and raised at home',
    kkComposed: true,
  },
  edition: 'kokpekty-2012',
  ruleVersion: 'disabled-child-allowance/kokpekty-2012@1',
  act: KOKPEKTY_2012_ACT,
  // Table 1 is the desk, Table 2 the portal (the annexes of this regulation are ordered differently).
  channels: [
    deskChannel({
      source: 'Appendix 2, Table 1 (услугодатель)',
      deadlines: [S10_15, S10, S90, S10_15, S10_15, S30_M1, DASH, TEN_WORKING_DAYS],
      sfe: KOKPEKTY_SFE.deskProviderRegisters,
      checker: 'услугодатель',
      final: final('The consumer receives the notice from the provider'),
      documentRefusals: ['documents_nonconforming'],
    }),
    portalChannel({
      source: 'Appendix 2, Table 2 (ПЭП)',
      deadlines: [S30_M1, S30, S90, S90, S30_M1, S30_M1, DASH, TEN_WORKING_DAYS],
      sfe: KOKPEKTY_SFE.portal,
      checker: 'услугодатель',
      final: final('The consumer receives the notice as an electronic document'),
      documentRefusals: ['documents_nonconforming'],
    }),
  ],
  results: [RESULT, ...modelRefusals],
  rejections: ['authorization_refused', 'signature_not_confirmed', 'person_not_found', 'documents_nonconforming'],
}

export const disabledChildAllowanceRules: ServiceRules = rulesFor([disabledChildAllowanceKokpekty2012], {
  request: 'disabled-child-allowance',
  extraCommands: ['issue_result', 'extend_deadline'],
  results: [{ kind: 'disabled_child_allowance_notice', from: ['documents_checked'] }],
})
