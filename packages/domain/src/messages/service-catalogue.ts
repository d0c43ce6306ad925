/**
 * Texts of the services beyond the housing queue: registers, result kinds, deals, and the receipts of seed 003
 * (the result documents' lines are in `form-catalogue.ts`). Russian is the forms' wording where the seeds print a form
 * (the placeholders replace the blanks «___»); where a seed only says «в произвольной форме в виде письма с текстом
 * обоснования отказа», the Russian is ours, and the comment says so. The seeds hold no Kazakh for these services
 * beyond one heading: every Kazakh text is composed (`kkComposed`) and needs a native speaker's review.
 */
import type { Localized } from './localized.js'

/** A composed-Kazakh text; generic so the literal Russian survives and `message()` can type its placeholders. */
const c = <R extends string, K extends string, E extends string>(ru: R, kk: K, en: E) =>
  ({ ru, kk, en, kkComposed: true }) as const satisfies Localized

export const serviceTexts = {
  // ── Registers (application/registry.ts).
  'registry.guardianship_register': c('Электронный реестр по опеке и попечительству', 'Қорғаншылық және қамқоршылық жөніндегі электрондық тізілім', 'Electronic guardianship register'),
  'registry.state_information_systems': c('Государственные информационные системы', 'Мемлекеттік ақпараттық жүйелер', 'State information systems'),

  // ── Result kinds (application/service-result.ts).
  'result_kind.unemployment_certificate': {
    ru: 'Справка о регистрации в качестве безработного',
    kk: 'Жұмыссыздық ретінде тіркеу туралы анықтама',
    en: 'Certificate of registration as unemployed',
  },
  'result_kind.disabled_child_allowance_notice': c('Уведомление о назначении материального обеспечения', 'Материалдық қамсыздандыру тағайындау туралы хабарлама', 'Notice assigning the allowance'),
  'result_kind.preschool_referral': c('Направление в дошкольную организацию', 'Мектепке дейінгі ұйымға жолдама', 'Referral to a pre-school organisation'),
  'result_kind.guardianship_certificate': c('Справка по опеке и попечительству', 'Қорғаншылық және қамқоршылық жөнінде анықтама', 'Guardianship certificate'),
  'result_kind.property_deal_permission': c('Справка-разрешение на сделку с имуществом несовершеннолетних', 'Кәмелетке толмағандардың мүлкімен мәмілеге рұқсат-анықтама', 'Permission for a deal with minors’ property'),
  'result_kind.inheritance_permission': c('Справка для оформления наследства несовершеннолетним', 'Кәмелетке толмағандарға мұраны ресімдеуге арналған анықтама', 'Certificate for minors’ inheritance'),
  'result_kind.housing_assistance_notice': c('Уведомление о назначении жилищной помощи', 'Тұрғын үй көмегін тағайындау туралы хабарлама', 'Notice assigning housing assistance'),

  // ── Deals and inheritance variants (services 5 and 6), as the permission names them («разрешает на ___»).
  'deal.sale': c('продажу', 'сатуға', 'the sale'),
  'deal.exchange': c('обмен', 'айырбастауға', 'the exchange'),
  'deal.gift': c('дарение', 'сыйға тартуға', 'the gift'),
  'deal.pledge': c('залог', 'кепілге беруге', 'the pledge'),
  'inheritance.pension_fund': c('Накопительный пенсионный фонд', 'Жинақтаушы зейнетақы қоры', 'Pension fund'),
  'inheritance.bank': c('Банк', 'Банк', 'Bank'),
  'inheritance.road_police': c('Территориальное подразделение Комитета дорожной полиции МВД РК', 'ҚР ІІМ Жол полициясы комитетінің аумақтық бөлімшесі', 'Road-police unit of the Ministry of Internal Affairs'),
  'list.preschool_journal': c('Журнал регистрации детей дошкольного возраста для направления в дошкольные организации', 'Мектепке дейінгі ұйымдарға жолдау үшін мектепке дейінгі жастағы балаларды тіркеу журналы', 'Journal of pre-school children awaiting referral to pre-school organisations'),

  // ── Seed 003: the ЦОН receipts and the unclaimed return. The result documents' lines are in form-catalogue.ts.
  'template.package_refusal_receipt': c(
    'Расписка об отказе в приеме документов: пакет документов неполный. Не представлены: {missing}.',
    'Құжаттарды қабылдаудан бас тарту туралы қолхат: құжаттар топтамасы толық емес. Ұсынылмағандар: {missing}.',
    'Receipt refusing to accept the documents: the package is incomplete. Missing: {missing}.',
  ),
  'template.unclaimed_returned': c(
    'Результат не востребован в течение одного месяца и передан услугодателю по реестру {registry} ({returnedOn}).',
    'Нәтиже бір ай ішінде талап етілмеді және {registry} тізілімі бойынша қызмет берушіге берілді ({returnedOn}).',
    'The result was not collected within a month and was handed back to the provider under registry {registry} ({returnedOn}).',
  ),
} as const
