/**
 * The 2012 model text of an e-service regulation (seed 002, Kokpekty akimat resolution № 417, §8 of its reference):
 * every service of that act walks the same three channel tables — portal 8 steps, provider desk 8, service centre 9 —
 * and differs only in the per-step deadlines, the СФЕ names, the result and which refusals the provider's check can
 * give. This module builds a channel from those differences; each service file states them.
 *
 * Step → fact, as in the housing editions: authorization → `authorized`; the signature check (portal) or the ГБД ФЛ
 * look-up (desk, centre) → `checked`; signing → `request_signed`; registration → `registered`; the provider's
 * check → `checked(documents)`; refusal steps → `rejected`; the last step → the service's result fact. Choosing the
 * service and routing to АРМ РШЭП leave no fact.
 *
 * Russian action texts are the tables' (service 1's wording; the others differ in «услуга»/«электронная
 * государственная услуга» only). Seed 002 is Russian: every Kazakh text here follows the Kazakh edition of the same
 * model text (seed 004, Atyrau) where one exists and is marked `kkComposed` throughout.
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { Channel } from '../application/channel.js'
import type { RejectionCode } from '../application/rejection.js'
import type { Role } from '../envelope/role.js'
import type { Localized } from '../messages/localized.js'
import type { ChannelDefinition, Completion, Condition, Deadline, Step, StepOutcome } from './definition.js'
import { between, exactly, minutes, seconds, workingDays, type DurationRange } from './duration.js'

export const done = (event: Exclude<Completion['event'], 'checked'>): Completion => ({ event })
export const checked = (check: Extract<Completion, { event: 'checked' }>['check']): Completion => ({ event: 'checked', check })
export const asWritten = (range: DurationRange): Deadline => ({ range, basis: 'as_written' })

// The deadlines the tables print ("Сроки исполнения"); 1,5 минуты = 90 seconds.
export const S10 = asWritten(exactly(seconds(10)))
export const S10_15 = asWritten(between(seconds(10), seconds(15)))
export const S30 = asWritten(exactly(seconds(30)))
export const S30_M1 = asWritten(between(seconds(30), minutes(1)))
export const S90 = asWritten(exactly(seconds(90)))
export const M1 = asWritten(exactly(minutes(1)))
export const M10 = asWritten(exactly(minutes(10)))
export const workingDaysAsWritten = (n: number): Deadline => asWritten(exactly(workingDays(n)))

/**
 * A refusal step whose deadline cell prints «–» (services 2, 4–6). A step needs a term to be judged overdue, so it
 * gets the model text's value for the same step (30 seconds), marked inferred.
 */
export const DASH: Deadline = {
  range: exactly(seconds(30)),
  basis: 'inferred',
  note: 'the table prints «–»; 30 seconds as for the same refusal step of the model text (service 1)',
}

const kk = (ru: string, kkText: string, en: string): Localized => ({ ru, kk: kkText, en, kkComposed: true })

/** Who checks the documents: «услугодатель» (services 1–3) or «МИО» (services 4–6). */
export type Checker = 'услугодатель' | 'МИО'

const authentication: Condition = {
  text: kk(
    'Проверка на ПЭП подлинности данных о зарегистрированном потребителе через ИИН и пароль',
    'ЖСН мен пароль арқылы тіркелген тұтынушы туралы деректердің түпнұсқалылығын ЭҮП-да тексеру',
    'The portal verifies the registered consumer’s data by IIN and password',
  ),
  passedWhen: done('authorized'),
}

const signature: Condition = {
  text: kk(
    'Проверка срока действия регистрационного свидетельства ЭЦП и отсутствия в списке отозванных (аннулированных) регистрационных свидетельств, а также соответствия идентификационных данных (между ИИН, указанным в запросе, и ИИН, указанным в регистрационном свидетельстве ЭЦП)',
    'ЭЦҚ тіркеу куәлігінің жарамдылық мерзімін, қайта шақырылған (күші жойылған) тіркеу куәліктерінің тізімінде болмауын, сондай-ақ сұраныста көрсетілген ЖСН мен ЭЦҚ тіркеу куәлігінде көрсетілген ЖСН-нің сәйкестігін тексеру',
    'The signature certificate is valid, not revoked, and its IIN equals the IIN of the request',
  ),
  passedWhen: checked('signature'),
}

const person = (withProxy: boolean): Condition => ({
  text: withProxy
    ? kk(
        'Проверка наличия данных потребителя в ГБД ФЛ, данных доверенности в ЕНИС',
        'Тұтынушы деректерінің ЖТ МДҚ-да, сенімхат деректерінің БНАЖ-да болуын тексеру',
        'The consumer is looked up in the State Database “Individuals”, a notarised power of attorney in the notarial system',
      )
    : kk(
        'Проверка наличия данных потребителя в ГБД ФЛ',
        'Тұтынушы деректерінің ЖТ МДҚ-да болуын тексеру',
        'The consumer is looked up in the State Database “Individuals”',
      ),
  passedWhen: checked('person_record'),
})

const documents = (checker: Checker): Condition => ({
  text: kk(
    `Проверка (обработка) ${checker === 'МИО' ? 'МИО' : 'услугодателем'} соответствия приложенных потребителем документов, указанных в Стандарте, и основаниям для оказания услуги`,
    'Тұтынушы қоса берген Стандартта көрсетілген құжаттардың сәйкестігін және қызмет көрсетуге негіздерді қызмет берушінің тексеруі (өңдеуі)',
    'The provider checks the documents the Standard requires and the grounds for the service',
  ),
  passedWhen: checked('documents'),
})

const go = (next: number): StepOutcome => ({ kind: 'continue', next })
const branch = (condition: Condition, ifFails: number, ifPasses: number): StepOutcome => ({ kind: 'branch', condition, ifFails, ifPasses })
const refuse = (result: string, rejections: ReadonlyNonEmptyArray<RejectionCode>): StepOutcome => ({ kind: 'refusal', rejections, result })

/** What one service's table says for one channel. */
export interface ChannelSpec {
  /** «Сроки исполнения», one per step in table order (the tuple length is the channel's step count). */
  readonly deadlines: readonly Deadline[]
  /** «Наименование СФЕ» per step; the last name repeats to the end. */
  readonly sfe: readonly string[]
  readonly checker: Checker
  /** The final step: its action, the result document it issues and the fact(s) that record it. */
  readonly final: {
    readonly action: Localized
    readonly result: string
    readonly completedBy: Completion
    readonly alsoCompletedBy?: readonly Completion[]
  }
  /** The refusals the provider's check can give (the document refusal step). */
  readonly documentRefusals: ReadonlyNonEmptyArray<RejectionCode>
  readonly source: string
}

type D = Deadline
export type PortalDeadlines = readonly [D, D, D, D, D, D, D, D]
export type DeskDeadlines = readonly [D, D, D, D, D, D, D, D]
export type CentreDeadlines = readonly [D, D, D, D, D, D, D, D, D]

const roleOf = (sfe: string, fallback: Role): Role =>
  /АРМ РШЭП|ПЭП|ГБД|ЕНИС|АРМ ИС/.test(sfe) && !/Оператор|Услугодатель|Потребитель/.test(sfe) ? 'system' : fallback

const build = (channel: Channel, spec: ChannelSpec, rows: readonly Omit<Step, 'deadline' | 'actor'>[], who: Role): ChannelDefinition => {
  const steps = rows.map((row, i): Step => {
    const sfe = spec.sfe[i] ?? spec.sfe[spec.sfe.length - 1] ?? ''
    return { ...row, actor: { role: roleOf(sfe, who), sfe }, deadline: spec.deadlines[i] as Deadline }
  })
  return { channel, source: spec.source, steps: [steps[0] as Step, ...steps.slice(1)] }
}

const finalStep = (n: number, spec: ChannelSpec): Omit<Step, 'deadline' | 'actor'> => ({
  number: n,
  action: spec.final.action,
  completedBy: spec.final.completedBy,
  ...(spec.final.alsoCompletedBy === undefined ? {} : { alsoCompletedBy: spec.final.alsoCompletedBy }),
  then: { kind: 'result', result: spec.final.result },
})

/** ПЭП: 8 processes, 3 conditions. */
export const portalChannel = (spec: ChannelSpec & { readonly deadlines: PortalDeadlines }): ChannelDefinition => build('portal', spec, [
  { number: 1, action: kk('Авторизуется на ПЭП по ИИН и паролю', 'ЭҮП-да ЖСН және пароль арқылы авторландырылады', 'Logs in to the portal with IIN and password'),
    completedBy: done('authorized'), then: branch(authentication, 2, 3) },
  { number: 2, action: kk('Формирование ПЭП сообщения об отказе в авторизации в связи с имеющимися нарушениями в данных потребителя',
      'Тұтынушы деректерінде бұзушылықтар болуына байланысты авторландырудан бас тарту туралы ЭҮП хабарламасын қалыптастыру',
      'The portal forms a message refusing authorization'),
    completedBy: done('rejected'), then: refuse('refusal_message', ['authorization_refused']) },
  { number: 3, action: kk('Выбирает услугу и формирует данные запроса выбором потребителя ЭЦП',
      'Қызметті таңдайды, сұраныс деректерін қалыптастырады және ЭЦҚ тіркеу куәлігін таңдайды',
      'Chooses the service, fills in the request, attaches the documents and chooses the signature certificate'),
    completedBy: checked('signature'), then: branch(signature, 4, 5) },
  { number: 4, action: kk('Формирование сообщения об отказе в запрашиваемой услуге в связи с неподтверждением подлинности ЭЦП потребителя',
      'Тұтынушы ЭЦҚ түпнұсқалығының расталмауына байланысты сұрау салынатын қызмет көрсетуден бас тарту туралы хабарламаны қалыптастыру',
      'Forms a message refusing the service because the signature could not be confirmed'),
    completedBy: done('rejected'), then: refuse('refusal_message', ['signature_not_confirmed']) },
  { number: 5, action: kk('Удостоверение (подписание) посредством ЭЦП потребителя и направление запроса в АРМ РШЭП',
      'Сұранысты тұтынушының ЭЦҚ-мен куәландыру (қол қою) және ЭҮӨШ АЖО-ға жолдау',
      'Signs the request with their own signature and sends it to the provider’s workstation'),
    completedBy: done('request_signed'), then: go(6) },
  { number: 6, action: kk('Регистрация документа', 'Құжатты тіркеу', 'Registers the document and assigns the application its number'),
    completedBy: done('registered'), then: branch(documents(spec.checker), 7, 8) },
  { number: 7, action: kk('Формирование сообщения об отказе в связи с имеющимися нарушениями в документах потребителя',
      'Тұтынушының құжаттарында бұзушылықтар болуына байланысты бас тарту туралы хабарламаны қалыптастыру',
      'Forms a motivated refusal because of irregularities in the documents'),
    completedBy: done('rejected'), then: refuse('motivated_refusal', spec.documentRefusals) },
  finalStep(8, spec),
], 'citizen')

/** Услугодатель: 8 processes, 2 conditions. */
export const deskChannel = (spec: ChannelSpec & { readonly deadlines: DeskDeadlines }): ChannelDefinition => build('provider_desk', spec, [
  { number: 1, action: kk('Авторизуется на АРМ РШЭП через ИИН и пароль', 'ЭҮӨШ АЖО-да ЖСН және пароль арқылы авторландырылады', 'The officer logs in to the provider’s workstation'),
    completedBy: done('authorized'), then: go(2) },
  { number: 2, action: kk('Выбор сотрудником услугодателя услуги, вывод формы запроса и ввод данных потребителя',
      'Қызмет беруші қызметкерінің қызметті таңдауы, сұраныс нысанын шығаруы және тұтынушы деректерін енгізуі',
      'Chooses the service and enters the consumer’s data'),
    completedBy: undefined, then: go(3) },
  { number: 3, action: kk('Направление запроса о данных потребителя в ГБД ФЛ', 'Тұтынушы деректері туралы сұранысты ЖТ МДҚ-ға жолдау',
      'Sends a request to the State Database “Individuals”'),
    completedBy: checked('person_record'), then: branch(person(false), 4, 5) },
  { number: 4, action: kk('Формирование сообщения об отсутствии данных ГБД ФЛ', 'ЖТ МДҚ-да деректердің болмауы туралы хабарламаны қалыптастыру',
      'Forms a message that the State Database “Individuals” holds no data'),
    completedBy: done('rejected'), then: refuse('motivated_refusal', ['person_not_found']) },
  { number: 5, action: kk('Заполнение формы запроса с прикреплением сканированных документов и удостоверением ЭЦП',
      'Сканерленген құжаттарды тіркей отырып сұраныс нысанын толтыру және ЭЦҚ-мен куәландыру',
      'Fills in the request, attaches the scanned documents and signs with the officer’s signature'),
    completedBy: done('request_signed'), then: go(6) },
  { number: 6, action: kk('Регистрация документа в АРМ РШЭП', 'Құжатты ЭҮӨШ АЖО-да тіркеу', 'Registers the document and assigns the application its number'),
    completedBy: done('registered'), then: branch(documents(spec.checker), 7, 8) },
  { number: 7, action: kk('Формирует сообщение об отказе в связи с имеющимися нарушениями в документах потребителя',
      'Тұтынушының құжаттарында бұзушылықтар болуына байланысты бас тарту туралы хабарламаны қалыптастырады',
      'Forms a motivated refusal because of irregularities in the documents'),
    completedBy: done('rejected'), then: refuse('motivated_refusal', spec.documentRefusals) },
  finalStep(8, spec),
], 'provider_officer')

/** Центр (ЦОН): 9 processes, 2 conditions; the extra step forwards the signed request to АРМ РШЭП. */
export const centreChannel = (spec: ChannelSpec & { readonly deadlines: CentreDeadlines }): ChannelDefinition => build('service_centre', spec, [
  { number: 1, action: kk('Авторизуется оператор Центра по логину и паролю', 'Орталық операторы логин және пароль арқылы авторландырылады',
      'The service-centre operator logs in'),
    completedBy: done('authorized'), then: go(2) },
  { number: 2, action: kk('Выбирает услугу и формирует данные запроса', 'Қызметті таңдайды және сұраныс деректерін қалыптастырады',
      'Chooses the service and enters the request data (and a notarised power of attorney)'),
    completedBy: undefined, then: go(3) },
  { number: 3, action: kk('Направление запроса в ГБД ФЛ, ЕНИС', 'ЖТ МДҚ, БНАЖ-ға сұраныс жолдау',
      'Sends requests to the State Database “Individuals” and the notarial system'),
    completedBy: checked('person_record'), then: branch(person(true), 4, 5) },
  { number: 4, action: kk('Формирует сообщение о невозможности получения данных, в связи с отсутствием данных потребителя',
      'Тұтынушы деректерінің болмауына байланысты деректер алу мүмкін еместігі туралы хабарлама қалыптастыру',
      'Forms a message that the data cannot be obtained'),
    completedBy: done('rejected'), then: refuse('motivated_refusal', ['person_not_found', 'power_of_attorney_not_found']) },
  { number: 5, action: kk('Заполнение запроса с прикреплением к форме запроса необходимых документов и удостоверение ЭЦП',
      'Қажетті құжаттарды сұраныс нысанына тіркеумен сұранысты толтыру және ЭЦҚ-мен куәландыру',
      'Fills in the request, attaches the scanned documents and signs with the operator’s signature'),
    completedBy: done('request_signed'), then: go(6) },
  { number: 6, action: kk('Направление документа удостоверенного (подписанного) ЭЦП в АРМ РШЭП',
      'ЭЦҚ-мен куәландырылған (қол қойылған) құжатты ЭҮӨШ АЖО-ға жолдау', 'Sends the signed document to the provider’s workstation'),
    completedBy: undefined, then: go(7) },
  { number: 7, action: kk('Регистрация документа', 'Құжатты тіркеу', 'Registers the document and assigns the application its number'),
    completedBy: done('registered'), then: branch(documents(spec.checker), 8, 9) },
  { number: 8, action: kk('Формирование сообщения об отказе в услуге в связи с имеющимися нарушениями в документах потребителя',
      'Тұтынушының құжаттарында бұзушылықтар болуына байланысты қызмет көрсетуден бас тарту туралы хабарламаны қалыптастыру',
      'Forms a motivated refusal because of irregularities in the documents'),
    completedBy: done('rejected'), then: refuse('motivated_refusal', spec.documentRefusals) },
  finalStep(9, spec),
], 'service_centre_operator')

/** The refusal documents every service of the model text issues. */
export const modelRefusals = [
  {
    id: 'refusal_message',
    positive: false,
    name: kk('Сообщение об отказе в запрашиваемой электронной государственной услуге',
      'Сұрау салынатын электрондық мемлекеттік қызмет көрсетуден бас тарту туралы хабарлама',
      'Message refusing the requested electronic state service'),
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
] as const
