/**
 * «Постановка на учет и очередность граждан, нуждающихся в жилище…» as service definitions, one per regulation
 * edition in the seeds (reference/seed-housing-queue.md §0, §1). The editions share one model text: the steps,
 * conditions and every deadline but the last are the same. They differ in:
 * - the final step ("получение результата услуги"): Akzhar and Atyrau time only the system operation (15 minutes
 *   via portal and ЦОН, 10–15 seconds at the provider's desk); Almaty ("30 дней") and Kokpekty ("30 календарных
 *   дней") give 30 calendar days, which reads as the time for the decision itself (reference §1.4, inferred);
 * - the СФЕ names (Akzhar writes "Сотрудник Центра" for АРМ РШЭП steps, a copy-paste error kept verbatim, A4);
 * - Atyrau's portal table is missing: its portal steps come from the prose (п.6) and the deadlines are inferred
 *   from Akzhar, whose Tables 2–3 Atyrau matches cell for cell.
 *
 * Step → fact: authorization → `authorized`; the signature check (portal) or ГБД ФЛ look-up (walk-in) →
 * `checked`; signing → `signed`; registration in АРМ РШЭП → `registered`; the document check (condition after
 * registration) → `checked(documents)`; refusal steps → `rejected`; the final step → `queued`. Choosing the
 * service (desk, ЦОН step 2) and routing to АРМ РШЭП (ЦОН step 6) leave no fact of their own.
 * Russian action texts are Akzhar's (Almaty writes «потребитель» for «получатель государственной услуги»);
 * Kazakh texts are Atyrau's tables (desk, ЦОН) and prose (portal), `kkComposed` where neither has one.
 */
import { categories } from '../application/category.js'
import type { RejectionCode } from '../application/rejection.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { Role } from '../envelope/role.js'
import type { ServiceId } from '../kernel/ids.js'
import type { Localized } from '../messages/localized.js'
import type { ChannelDefinition, Completion, Condition, Deadline, ResultKind, ServiceDefinition, Step, StepOutcome } from './definition.js'
import { between, calendarDays, exactly, minutes, seconds, type DurationRange } from './duration.js'
import { rulesFor } from './rules.js'

export const HOUSING_QUEUE = 'housing-queue' as ServiceId

export type HousingQueueEdition = 'akzhar-2012' | 'almaty-2012' | 'atyrau-2012' | 'kokpekty-2012'

const NAME: Localized = {
  ru: 'Постановка на учет и очередность граждан, нуждающихся в жилище из государственного жилищного фонда или жилище, арендованном местным исполнительным органом в частном жилищном фонде',
  kk: 'Мемлекеттік тұрғын үй қорынан тұрғын үйге немесе жеке тұрғын үй қорынан жергілікті атқарушы орган жалдаған тұрғын үйге мұқтаж азаматтарды есепке қою және олардың кезегі',
  en: 'Registration and queueing of citizens in need of housing from the state housing fund or of housing leased by the local executive body in the private housing fund',
}

const done = (event: Exclude<Completion['event'], 'checked'>): Completion => ({ event })
const checked = (check: Extract<Completion, { event: 'checked' }>['check']): Completion => ({ event: 'checked', check })

const asWritten = (range: DurationRange): Deadline => ({ range, basis: 'as_written' })

// The deadlines the four editions share ("Сроки исполнения"). 1,5 минуты = 90 seconds.
const S30_M1 = asWritten(between(seconds(30), minutes(1)))
const S30 = asWritten(exactly(seconds(30)))
const S90 = asWritten(exactly(seconds(90)))
const M1 = asWritten(exactly(minutes(1)))
const S10 = asWritten(exactly(seconds(10)))
const S10_15 = asWritten(between(seconds(10), seconds(15)))

const RESULTS: ResultKind[] = [
  {
    id: 'registration_notice',
    positive: true,
    // ru: Akzhar's wording (the only one naming the queue number); kk: composed (reference §5.4).
    name: { ru: 'Уведомление о постановке на учет с указанием порядкового номера очереди', kk: 'Кезек нөмірі көрсетілген есепке қою туралы хабарлама', en: 'Notice of registration on the housing list, with the queue number', kkComposed: true },
    recordedBy: done('queued'),
    // Stated for the portal and provider channels only; ЦОН hands the same document over through the operator.
    signedByProvider: true,
  },
  {
    id: 'refusal_message',
    positive: false,
    name: { ru: 'Сообщение об отказе в запрашиваемой электронной государственной услуге', kk: 'Сұрау салынатын электрондық мемлекеттік қызмет көрсетуден бас тарту туралы хабарлама', en: 'Message refusing the requested electronic state service', kkComposed: true },
    recordedBy: done('rejected'),
    signedByProvider: false,
  },
  {
    id: 'motivated_refusal',
    positive: false,
    name: { ru: 'Мотивированный отказ', kk: 'Дәлелді бас тарту', en: 'Motivated refusal' },
    recordedBy: done('rejected'),
    signedByProvider: true,
  },
]

const REJECTIONS: [RejectionCode, ...RejectionCode[]] = [
  'authorization_refused', 'signature_not_confirmed', 'person_not_found', 'power_of_attorney_not_found', 'documents_nonconforming',
]

const AUTHENTICATION: Condition = {
  text: {
    ru: 'Проверка на ПЭП подлинности данных о зарегистрированном получателе государственной услуги через ИИН и пароль',
    kk: 'ЖСН мен пароль арқылы тіркелген тұтынушы туралы деректердің түпнұсқалылығын ЭҮП-да тексеру',
    en: 'The portal verifies the registered recipient’s data by IIN and password',
  },
  passedWhen: done('authorized'),
}

const SIGNATURE: Condition = {
  text: {
    ru: 'Проверка на ПЭП срока действия регистрационного свидетельства ЭЦП и отсутствия в списке отозванных (аннулированных) регистрационных свидетельств, а также соответствия идентификационных данных (между ИИН указанным в запросе, и ИИН указанным в регистрационном свидетельстве ЭЦП)',
    kk: 'ЭЦҚ тіркеу куәлігінің жарамдылық мерзімін және тізімде қайта шақырылған (күші жойылған) тіркеу куәліктерінің болмауын, сондай-ақ сәйкестендіру деректерінің сәйкестігін (сұраныста көрсетілген ЖСН мен ЭЦҚ тіркеу куәлігінде көрсетілген ЖСН арасында) ЭҮП-да тексеру',
    en: 'The portal checks the signature certificate’s validity period, that it is not revoked, and that the IIN in the request equals the IIN in the certificate',
  },
  passedWhen: checked('signature'),
}

const PERSON: Condition = {
  text: {
    ru: 'Проверка наличия данных получателя государственной услуги в ГБД ФЛ',
    kk: 'Тұтынушы деректерінің ЖТ МДҚ-да болуын тексеру',
    en: 'The recipient’s data are looked up in the State Database “Individuals”',
    kkComposed: true,
  },
  passedWhen: checked('person_record'),
}

const PERSON_AND_PROXY: Condition = {
  text: {
    ru: 'Проверка наличия данных получателя государственной услуги в ГБД ФЛ, данных доверенности в ЕНИС',
    kk: 'Тұтынушы деректерінің ЖТ МДҚ-да, сенімхат деректерінің БНАЖ-да болуын тексеру',
    en: 'The recipient’s data are looked up in the State Database “Individuals”, a notarised power of attorney in the Unified Notarial Information System',
    kkComposed: true,
  },
  // A power of attorney is looked up only when a representative acts under a notarised one: the person record is
  // the fact every ЦОН application has.
  passedWhen: checked('person_record'),
}

const documentsCondition = (pointEleven: boolean): Condition => ({
  text: {
    ru: pointEleven
      ? 'Проверка (обработка) услугодателем соответствия приложенных документов, указанных в пункте 11 Стандарта и оснований для оказания услуги'
      : 'Проверка (обработка) услугодателем соответствия приложенных документов, указанных в Стандарте и основаниям для оказания услуги',
    kk: 'Тұтынушының қоса берілген Стандартта көрсетілген және қызмет көрсетуге негіз болатын құжаттарының сәйкестігін қызмет берушінің тексеруі (өңдеуі)',
    en: 'The provider checks that the attached documents required by the Standard conform and that there are grounds for the service',
  },
  passedWhen: checked('documents'),
})

const go = (next: number): StepOutcome => ({ kind: 'continue', next })
const branch = (condition: Condition, ifFails: number, ifPasses: number): StepOutcome => ({ kind: 'branch', condition, ifFails, ifPasses })
const refuse = (result: string, ...rejections: [RejectionCode, ...RejectionCode[]]): StepOutcome => ({ kind: 'refusal', rejections, result })
const RESULT: StepOutcome = { kind: 'result', result: 'registration_notice' }

const step = (
  number: number, role: Role, sfe: string, action: Localized, completedBy: Completion | undefined, deadline: Deadline, then: StepOutcome,
): Step => ({ number, actor: { role, sfe }, action, completedBy, deadline, then })

/** What differs between editions. */
interface Edition {
  readonly edition: HousingQueueEdition
  readonly act: string
  /** СФЕ names per step, as the edition writes them (index 0 = step 1). */
  readonly sfe: { readonly portal: readonly string[]; readonly desk: readonly string[]; readonly centre: readonly string[] }
  readonly final: { readonly portal: Deadline; readonly desk: Deadline; readonly centre: Deadline }
  /** Atyrau has no portal table: its portal deadlines are Akzhar's, marked inferred. */
  readonly portalDeadlinesInferred: boolean
  /** Akzhar names point 11 of the Standard in the document check; the others say "the Standard". */
  readonly pointEleven: boolean
}

/** Names run out where the table repeats the last one to the end (АРМ РШЭП for the closing steps). */
const sfeAt = (names: readonly string[], n: number): string => names[n - 1] ?? names[names.length - 1] ?? ''

const portal = (e: Edition): ChannelDefinition => {
  const sfe = (n: number) => sfeAt(e.sfe.portal, n)
  const d = (x: Deadline): Deadline =>
    e.portalDeadlinesInferred ? { range: x.range, basis: 'inferred', note: 'Atyrau prints no portal table (Table 1); value of Akzhar Table 1' } : x
  return {
    channel: 'portal',
    source: e.portalDeadlinesInferred ? 'п.6 (prose; Table 1 missing)' : 'Appendix 1, Table 1 «Описание действий СФЕ через ПЭП»',
    steps: [
      step(1, 'citizen', sfe(1), {
        ru: 'Авторизуется на ПЭП по ИИН и паролю',
        kk: 'Қызмет алу үшін тұтынушымен ЭҮП-да ЖСН мен парольды (авторландыру үдерісі) енгізу',
        en: 'Logs in to the portal with IIN and password',
      }, done('authorized'), d(S30_M1), branch(AUTHENTICATION, 2, 3)),
      step(2, 'system', sfe(2), {
        ru: 'Формирует сообщение об отказе в связи с имеющимися нарушениями в данных получателя государственной услуги',
        kk: 'Тұтынушы деректерінде бұзушылықтар болуына байланысты авторландырудан бас тарту туралы ЭҮП-мен хабарламаны қалыптастыру',
        en: 'Forms a message refusing authorization because of irregularities in the recipient’s data',
      }, done('rejected'), d(S30), refuse('refusal_message', 'authorization_refused')),
      step(3, 'citizen', sfe(3), {
        ru: 'Выбирает услугу и формирует данные запроса, выбором получателя государственной услуги ЭЦП',
        kk: 'Қызметті таңдайды, сұраныс деректерін қалыптастырады және ЭЦҚ тіркеу куәлігін таңдайды',
        en: 'Chooses the service, fills in the request, attaches the documents and chooses the signature certificate',
        kkComposed: true,
      }, checked('signature'), d(S90), branch(SIGNATURE, 4, 5)),
      step(4, 'system', sfe(4), {
        ru: 'Формирует сообщение об отказе в связи с имеющимися нарушениями в данных получателя государственной услуги ЭЦП',
        kk: 'Тұтынушы ЭЦҚ түпнұсқалығының расталмауына байланысты сұрау салынатын қызмет көрсетуден бас тарту туралы хабарламаны қалыптастыру',
        en: 'Forms a message refusing the service because the signature could not be confirmed',
      }, done('rejected'), d(S90), refuse('refusal_message', 'signature_not_confirmed')),
      step(5, 'citizen', sfe(5), {
        ru: 'Удостоверение (подписание) посредством ЭЦП получателя государственной услуги и направление запроса в АРМ РШЭП',
        kk: 'Тұтынушының ЭЦҚ арқылы қызмет көрсету үшін сұранысты куәландыру және электрондық құжатты (сұранысты) ЭҮШ арқылы жолдау',
        en: 'Signs the request with their own signature and sends it to the provider’s workstation',
      }, done('signed'), d(S30_M1), go(6)),
      step(6, 'system', sfe(6), {
        ru: 'Регистрация документа',
        kk: 'Электрондық құжатты ЭҮӨШ АЖО-да тіркеу',
        en: 'Registers the document and assigns the application its number',
      }, done('registered'), d(M1), branch(documentsCondition(e.pointEleven), 7, 8)),
      step(7, 'system', sfe(7), {
        ru: 'Формирование сообщения об отказе в связи с имеющимися нарушениями в документах получателя государственной услуги',
        kk: 'Тұтынушының құжаттарында бұзушылықтар болуына байланысты сұрау салынған қызметтен бас тарту туралы хабарламаны қалыптастыру',
        en: 'Forms a motivated refusal because of irregularities in the recipient’s documents',
      }, done('rejected'), d(S30), refuse('motivated_refusal', 'documents_nonconforming')),
      step(8, 'system', sfe(8), {
        ru: 'Получение получателем государственной услуги результата услуги',
        kk: 'Тұтынушының ЭҮӨШ АЖО-мен қалыптастырылған қызмет нәтижесін (электрондық құжат түріндегі хабарлама) алуы',
        en: 'The recipient receives the service result',
      }, done('queued'), e.final.portal, RESULT),
    ],
  }
}

const providerDesk = (e: Edition): ChannelDefinition => {
  const sfe = (n: number) => sfeAt(e.sfe.desk, n)
  return {
    channel: 'provider_desk',
    source: 'Appendix 1, Table 2 «Описание действий СФЕ через услугодателя» / «2-кесте»',
    steps: [
      step(1, 'provider_officer', sfe(1), {
        ru: 'Авторизуется на АРМ РШЭП через ИИН и пароль',
        kk: 'ЭҮӨШ АЖО-да ЖСН және пароль арқылы авторландырады',
        en: 'The provider’s officer logs in to the workstation with IIN and password',
      }, done('authorized'), S10_15, go(2)),
      step(2, 'provider_officer', sfe(2), {
        ru: 'Выбор сотрудником услугодателя услуги',
        kk: 'Қызмет берушінің қызметкер қызметті таңдау',
        en: 'The officer chooses the service',
      }, undefined, S10, go(3)),
      step(3, 'provider_officer', sfe(3), {
        ru: 'Направление запроса о данных получателя государственной услуги в ГБД ФЛ',
        kk: 'ЖТ МДҚ-ға тұтынушы деректері туралы сұраныс жолдау',
        en: 'Sends a request for the recipient’s data to the State Database “Individuals”',
      }, checked('person_record'), S90, branch(PERSON, 4, 5)),
      step(4, 'system', sfe(4), {
        ru: 'Формирование сообщения об отсутствии данных ГБД ФЛ',
        kk: 'ЖТ МДҚ-да деректердің болмауы туралы хабарлама қалыптастыру',
        en: 'Forms a message that the State Database “Individuals” holds no data on the recipient',
      }, done('rejected'), S10_15, refuse('motivated_refusal', 'person_not_found')),
      step(5, 'provider_officer', sfe(5), {
        ru: 'Заполнение формы-запроса с прикреплением сканированных документов и удостоверением ЭЦП',
        kk: 'ЭЦҚ куәландыруымен және сканерленген құжаттарды тіркеумен сұраныс нысанын толтыру',
        en: 'Fills in the request form, attaches the scanned documents and signs with the officer’s signature',
      }, done('signed'), S10_15, go(6)),
      step(6, 'system', sfe(6), {
        ru: 'Регистрация документа в АРМ РШЭП',
        kk: 'ЭҮӨШ АЖО-да құжаттарды тіркеу',
        en: 'Registers the document in the provider’s workstation and assigns the application its number',
      }, done('registered'), S90, branch(documentsCondition(e.pointEleven), 7, 8)),
      step(7, 'system', sfe(7), {
        ru: 'Формирует сообщение об отказе в связи с имеющимися нарушениями в документах получателя государственной услуги',
        kk: 'Тұтынушының құжаттарында орын алған бұзушылықтарға байланысты бас тарту туралы хабарламаны қалыптастырады',
        en: 'Forms a motivated refusal because of irregularities in the recipient’s documents',
      }, done('rejected'), S90, refuse('motivated_refusal', 'documents_nonconforming')),
      step(8, 'system', sfe(8), {
        ru: 'Получение получателем государственной услуги результата услуги',
        kk: 'Тұтынушының қызмет нәтижесін алуы',
        en: 'The recipient receives the service result',
      }, done('queued'), e.final.desk, RESULT),
    ],
  }
}

const serviceCentre = (e: Edition): ChannelDefinition => {
  const sfe = (n: number) => sfeAt(e.sfe.centre, n)
  return {
    channel: 'service_centre',
    source: 'Appendix 1, Table 3 «Описание действий СФЕ через Центр / ЦОН» / «3-кесте»',
    steps: [
      step(1, 'service_centre_operator', sfe(1), {
        ru: 'Авторизуется оператор Центра по логину и паролю',
        kk: 'Логин және пароль арқылы Орталық операторы авторландырылады',
        en: 'The service-centre operator logs in with login and password',
      }, done('authorized'), S30_M1, go(2)),
      step(2, 'service_centre_operator', sfe(2), {
        ru: 'Выбирает услугу и формирует данные запроса',
        kk: 'Қызметті таңдайды және сұраныс деректерін қалыптастырады',
        en: 'Chooses the service and enters the request data (and a notarised power of attorney)',
      }, undefined, S30, go(3)),
      step(3, 'service_centre_operator', sfe(3), {
        ru: 'Направление запроса в ГБД ФЛ, ЕНИС',
        kk: 'ЖТ МДҚ, БНАЖ-ға сұраныс жолдау',
        en: 'Sends requests to the State Database “Individuals” and the Unified Notarial Information System',
      }, checked('person_record'), S90, branch(PERSON_AND_PROXY, 4, 5)),
      step(4, 'system', sfe(4), {
        ru: 'Формирует сообщение о невозможности получения данных в связи с отсутствием данных получателя государственной услуги',
        kk: 'Тұтынушы деректердің болмауына байланысты деректер алу мүмкін еместігі туралы хабарлама қалыптастыру',
        en: 'Forms a message that the data cannot be obtained because the recipient’s (or the power of attorney’s) data are missing',
      }, done('rejected'), S90, refuse('motivated_refusal', 'person_not_found', 'power_of_attorney_not_found')),
      step(5, 'service_centre_operator', sfe(5), {
        ru: 'Заполнение запроса с прикреплением к форме запроса необходимых документов и удостоверение ЭЦП',
        kk: 'Қажетті құжаттарды сұраныс нысанына тіркелумен сұранысты толтыру және ЭЦҚ-мен куәландыру',
        en: 'Fills in the request, attaches the scanned documents and signs with the operator’s signature',
      }, done('signed'), S30_M1, go(6)),
      step(6, 'service_centre_operator', sfe(6), {
        ru: 'Направление документа удостоверенного (подписанного) ЭЦП в АРМ РШЭП',
        kk: 'ЭЦҚ-мен куәландырылған (қол қойылған) құжатты ЭҮӨШ АЖО жолдау',
        en: 'Sends the signed document to the provider’s workstation',
      }, undefined, M1, go(7)),
      // Akzhar's branch cell reads "7 – если есть нарушения; 9 – если нарушений нет": a typo for 8 (Almaty, Atyrau
      // and Kokpekty all print 8/9), so every edition branches to 8.
      step(7, 'system', sfe(7), {
        ru: 'Регистрация документа',
        kk: 'Құжатты тіркеу',
        en: 'Registers the document and assigns the application its number',
      }, done('registered'), M1, branch(documentsCondition(e.pointEleven), 8, 9)),
      step(8, 'system', sfe(8), {
        ru: 'Формирование сообщения об отказе в услуге в связи с имеющимися нарушениями в документах получателя государственной услуги',
        kk: 'Тұтынушының құжаттарында орын алған бұзушылықтарға байланысты қызмет көрсетуден бас тарту туралы хабарламаны қалыптастырады',
        en: 'Forms a motivated refusal because of irregularities in the recipient’s documents',
      }, done('rejected'), S30_M1, refuse('motivated_refusal', 'documents_nonconforming')),
      step(9, 'system', sfe(9), {
        ru: 'Получение получателем государственной услуги результата услуги',
        kk: 'Тұтынушының қызмет нәтижесін алуы',
        en: 'The recipient receives the service result through the service-centre operator',
      }, done('queued'), e.final.centre, RESULT),
    ],
  }
}

const build = (e: Edition): ServiceDefinition => ({
  id: HOUSING_QUEUE,
  name: NAME,
  edition: e.edition,
  ruleVersion: `housing-queue/${e.edition}@1`,
  act: e.act,
  channels: [portal(e), providerDesk(e), serviceCentre(e)],
  results: [RESULTS[0] as ResultKind, ...RESULTS.slice(1)],
  rejections: REJECTIONS,
})

const FIFTEEN_MINUTES = asWritten(exactly(minutes(15)))
const THIRTY_DAYS_WRITTEN_AS_DAYS: Deadline = {
  range: exactly(calendarDays(30)),
  basis: 'as_written',
  note: 'printed "30 дней"; calendar days per the Kokpekty edition of the same table ("30 календарных дней")',
}
const THIRTY_CALENDAR_DAYS = asWritten(exactly(calendarDays(30)))

/** Akimat of Akzhar district, North Kazakhstan region: decree of 10.12.2012 N 397 (reg. 25.01.2013 N 2118). */
export const housingQueueAkzhar2012: ServiceDefinition = build({
  edition: 'akzhar-2012',
  act: 'Akimat of Akzhar district, North Kazakhstan region, decree of 10.12.2012 N 397; registered 25.01.2013 N 2118',
  sfe: {
    portal: ['Получатель государственной услуги', 'ПЭП', 'Получатель государственной услуги', 'ПЭП', 'Получатель государственной услуги', 'АРМ РШЭП'],
    // Steps 6–8 say "Сотрудник Центра" although АРМ РШЭП acts (copy-paste error in the act, kept verbatim).
    desk: ['Сотрудник услугодателя', 'Сотрудник услугодателя', 'Сотрудник услугодателя', 'ГБД ФЛ', 'Сотрудник услугодателя', 'Сотрудник Центра'],
    centre: ['Сотрудник Центра', 'Сотрудник Центра', 'Сотрудник Центра', 'ГБД ФЛ, ЕНИС', 'Сотрудник Центра'],
  },
  final: { portal: FIFTEEN_MINUTES, desk: asWritten(between(seconds(10), seconds(15))), centre: FIFTEEN_MINUTES },
  portalDeadlinesInferred: false,
  pointEleven: true,
})

/** Akimat of Almaty region: decree of 24.12.2012 N 424 (reg. 28.01.2013 N 2292). */
export const housingQueueAlmaty2012: ServiceDefinition = build({
  edition: 'almaty-2012',
  act: 'Akimat of Almaty region, decree of 24.12.2012 N 424; registered 28.01.2013 N 2292',
  sfe: {
    portal: ['Потребитель', 'ПЭП', 'Потребитель', 'ПЭП', 'Потребитель', 'АРМ РШЭП'],
    desk: ['Услугодатель', 'Услугодатель', 'Улугодатель [sic]', 'ГБД ФЛ', 'Услугодатель', 'АРМ РШЭП'],
    centre: ['АРМ ИС ЦОН', 'Оператор Центра', 'Оператор Центра', 'ГБД ФЛ, ЕНИС', 'Оператор Центра', 'Оператор Центра', 'АРМ РШЭП'],
  },
  final: { portal: THIRTY_DAYS_WRITTEN_AS_DAYS, desk: THIRTY_DAYS_WRITTEN_AS_DAYS, centre: THIRTY_DAYS_WRITTEN_AS_DAYS },
  portalDeadlinesInferred: false,
  pointEleven: false,
})

/** Akimat of Atyrau region: қаулы of 28.12.2012 № 427 (reg. 25.01.2013 № 2686). Kazakh only. */
export const housingQueueAtyrau2012: ServiceDefinition = build({
  edition: 'atyrau-2012',
  act: 'Akimat of Atyrau region, қаулы of 28.12.2012 № 427; registered 25.01.2013 № 2686',
  sfe: {
    // No Table 1: the actors of the prose (п.6).
    portal: ['Тұтынушы', 'ЭҮП', 'Тұтынушы', 'ЭҮП', 'Тұтынушы', 'ЭҮӨШ АЖО'],
    desk: ['Қызмет беруші', 'Қызмет беруші', 'Қызмет беруші', 'ЖТ МДҚ', 'Қызмет беруші', 'ЭҮӨШ АЖО'],
    centre: ['ХҚКО АЖ АЖО', 'Орталық операторы', 'Орталық операторы', 'ЖТ МДҚ, БНАЖ', 'Орталық операторы', 'Орталық операторы', 'ЭҮӨШ АЖО'],
  },
  final: {
    portal: { range: exactly(minutes(15)), basis: 'inferred', note: 'Atyrau prints no portal table (Table 1); value of Akzhar Table 1' },
    desk: asWritten(between(seconds(10), seconds(15))),
    centre: FIFTEEN_MINUTES,
  },
  portalDeadlinesInferred: true,
  pointEleven: false,
})

/**
 * Akimat of Kokpekty district, East Kazakhstan region: 24.12.2012 N 417 (reg. 04.02.2013 N 2869). Its tables match
 * Almaty's cell for cell (reference §1.3); the СФЕ names are Almaty's.
 */
export const housingQueueKokpekty2012: ServiceDefinition = build({
  edition: 'kokpekty-2012',
  act: 'Akimat of Kokpekty district, East Kazakhstan region, decree of 24.12.2012 N 417; registered 04.02.2013 N 2869',
  sfe: {
    portal: ['Потребитель', 'ПЭП', 'Потребитель', 'ПЭП', 'Потребитель', 'АРМ РШЭП'],
    desk: ['Услугодатель', 'Услугодатель', 'Услугодатель', 'ГБД ФЛ', 'Услугодатель', 'АРМ РШЭП'],
    centre: ['АРМ ИС ЦОН', 'Оператор Центра', 'Оператор Центра', 'ГБД ФЛ, ЕНИС', 'Оператор Центра', 'Оператор Центра', 'АРМ РШЭП'],
  },
  final: { portal: THIRTY_CALENDAR_DAYS, desk: THIRTY_CALENDAR_DAYS, centre: THIRTY_CALENDAR_DAYS },
  portalDeadlinesInferred: false,
  pointEleven: false,
})

export const housingQueueEditions: Readonly<Record<HousingQueueEdition, ServiceDefinition>> = {
  'akzhar-2012': housingQueueAkzhar2012,
  'almaty-2012': housingQueueAlmaty2012,
  'atyrau-2012': housingQueueAtyrau2012,
  'kokpekty-2012': housingQueueKokpekty2012,
}

/**
 * What the decider needs of the housing queue: the housing request, the five category lists, the list's lifecycle
 * after `queued` (Art. 73), and the three channels of every edition.
 */
export const housingQueueRules: ServiceRules = rulesFor([housingQueueAkzhar2012, housingQueueAlmaty2012, housingQueueAtyrau2012, housingQueueKokpekty2012], {
  request: 'housing',
  extraCommands: ['queue', 'change_data', 'keep_position_for_family', 'remove', 'allocate_housing'],
  lists: categories,
})
