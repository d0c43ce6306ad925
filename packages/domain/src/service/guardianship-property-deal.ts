/**
 * «Выдача справок органов, осуществляющих функции по опеке или попечительству для оформления сделок с имуществом,
 * принадлежащим на праве собственности несовершеннолетним детям» (seed 002, service 5; reference §5). Both spouses
 * ask to sell, exchange, give or pledge a dwelling their children own; children over 10 sign «согласны». The
 * permission («Справка») is valid one month from issue.
 */
import type { ServiceId } from '../kernel/ids.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { ServiceDefinition } from './definition.js'
import { GUARDIANSHIP_REJECTIONS, guardianshipChannels } from './guardianship-tables.js'
import { KOKPEKTY_2012_ACT } from './kokpekty-2012.js'
import { done, modelRefusals } from './model-2012.js'
import { rulesFor } from './rules.js'

export const GUARDIANSHIP_PROPERTY_DEAL = 'guardianship-property-deal' as ServiceId

export const guardianshipPropertyDealKokpekty2012: ServiceDefinition = {
  id: GUARDIANSHIP_PROPERTY_DEAL,
  name: {
    ru: 'Выдача справок органов, осуществляющих функции по опеке или попечительству для оформления сделок с имуществом, принадлежащим на праве собственности несовершеннолетним детям',
    kk: 'Кәмелетке толмаған балаларға меншік құқығында тиесілі мүлікпен мәмілелерді ресімдеу үшін қорғаншылық немесе қамқоршылық жөніндегі функцияларды жүзеге асыратын органдардың анықтамаларын беру',
    en: 'Guardianship-authority certificates for deals with property owned by minors',
    kkComposed: true,
  },
  edition: 'kokpekty-2012',
  ruleVersion: 'guardianship-property-deal/kokpekty-2012@1',
  act: KOKPEKTY_2012_ACT,
  channels: guardianshipChannels('property_deal_permission', {
    ru: 'Получение потребителем результата услуги — справки-разрешения',
    kk: 'Тұтынушының қызмет нәтижесін — рұқсат-анықтаманы алуы',
    en: 'The consumer receives the permission',
    kkComposed: true,
  }, ['documents_nonconforming', 'child_consent_missing']),
  results: [
    {
      id: 'property_deal_permission',
      positive: true,
      name: {
        ru: 'Справка-разрешение на сделку с недвижимым имуществом несовершеннолетних (действительна 1 месяц)',
        kk: 'Кәмелетке толмағандардың жылжымайтын мүлкімен мәмілеге рұқсат-анықтама (1 ай жарамды)',
        en: 'Permission for a deal with minors’ immovable property (valid one month)',
        kkComposed: true,
      },
      recordedBy: done('result_issued'),
      signedByProvider: true,
    },
    ...modelRefusals,
  ],
  rejections: [...GUARDIANSHIP_REJECTIONS, 'child_consent_missing'],
}

export const guardianshipPropertyDealRules: ServiceRules = rulesFor([guardianshipPropertyDealKokpekty2012], {
  request: 'guardianship-property-deal',
  extraCommands: ['issue_result', 'extend_deadline'],
  results: [{ kind: 'property_deal_permission', from: ['documents_checked'], validFor: { unit: 'months', amount: 1 } }],
  // «дети старше 10 лет расписываются, пишут слово "согласны"»: from the tenth birthday on.
  grounds: [{ kind: 'consent_from', years: 10 }],
})
