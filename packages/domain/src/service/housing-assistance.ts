/**
 * «Назначение жилищной помощи» (seed 003: Karaganda region akimat, 08.07.2014 № 34/04 as amended 12.12.2014
 * № 66/02; reference seed-003.md). Two channels, ЦОН and the portal. Its own shape, not the 2012 model text:
 * - the provider's internal procedure (п.5/7) is written out with durations: канцелярия 15 min → руководство
 *   30 min → ответственный исполнитель 9 calendar days → руководство 30 min → канцелярия 15 min. The steps without
 *   a fact of their own (the resolution, the signature) fold into the next step's clock;
 * - ЦОН intake (п.9–12): the operator checks the package against п.9 of the Standard and refuses to accept an
 *   incomplete one (receipt of прил.4 of the Standard); a complete one gets the receipt of п.10; a result not
 *   collected within a month goes back to the provider under a registry (прил.3 of the Standard);
 * - the portal's condition 3 reads the applicant's data from the state information systems: a register port.
 * The ИС ЦОН and portal processes print no durations (their diagrams, Appendices 3–4, are lost): those steps carry
 * the 2012 model text's value for the same step, marked inferred.
 */
import type { ServiceId } from '../kernel/ids.js'
import type { RejectionCode } from '../application/rejection.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { Role } from '../envelope/role.js'
import type { Localized } from '../messages/localized.js'
import type { ChannelDefinition, Completion, Condition, Deadline, ResultKind, ServiceDefinition, Step, StepOutcome } from './definition.js'
import { between, calendarDays, exactly, minutes, seconds, type DurationRange } from './duration.js'
import { asWritten, checked, done, modelRefusals } from './model-2012.js'
import { rulesFor } from './rules.js'

export const HOUSING_ASSISTANCE = 'housing-assistance' as ServiceId

const inferred = (range: DurationRange): Deadline => ({
  range,
  basis: 'inferred',
  note: 'seed 003 prints no time for this process (Appendices 3–4 lost); the 2012 model text’s value for the same step',
})
const M15 = asWritten(exactly(minutes(15)))
const M30 = asWritten(exactly(minutes(30)))
const NINE_CALENDAR_DAYS = asWritten(exactly(calendarDays(9)))

const t = (ru: string, kk: string, en: string): Localized => ({ ru, kk, en, kkComposed: true })

const step = (number: number, role: Role, sfe: string, action: Localized, completedBy: Completion | undefined, deadline: Deadline, then: StepOutcome): Step =>
  ({ number, actor: { role, sfe }, action, completedBy, deadline, then })
const go = (next: number): StepOutcome => ({ kind: 'continue', next })
const branch = (condition: Condition, ifFails: number, ifPasses: number): StepOutcome => ({ kind: 'branch', condition, ifFails, ifPasses })
const refuse = (result: string, ...rejections: [RejectionCode, ...RejectionCode[]]): StepOutcome => ({ kind: 'refusal', rejections, result })
const RESULT: StepOutcome = { kind: 'result', result: 'housing_assistance_notice' }

const cond = (text: Localized, passedWhen: Completion): Condition => ({ text, passedWhen })

const PERSON = cond(t('Проверка наличия данных услугополучателя в ГБД ФЛ/ГБД ЮЛ, данных доверенности в ЕНИС',
  'Қызмет алушы деректерінің ЖТ МДҚ/ЗТ МДҚ-да, сенімхат деректерінің БНАЖ-да болуын тексеру',
  'The applicant is looked up in the state databases, a notarised power of attorney in the notarial system'), checked('person_record'))
const PACKAGE = cond(t('Полнота пакета документов, указанных в пункте 9 Стандарта',
  'Стандарттың 9-тармағында көрсетілген құжаттар топтамасының толықтығы',
  'The package holds every document of point 9 of the Standard'), checked('package'))
const AUTH = cond(t('Проверка на портале подлинности данных о зарегистрированном услугополучателе через ИИН/БИН и пароль',
  'Тіркелген қызмет алушы туралы деректердің түпнұсқалылығын порталда ЖСН/БСН және пароль арқылы тексеру',
  'The portal verifies the registered applicant by IIN/BIN and password'), done('authorized'))
const SIGNATURE = cond(t('Проверка на портале срока действия регистрационного свидетельства ЭЦП, отсутствия в списке отозванных (аннулированных) регистрационных свидетельств, соответствия ИИН/БИН в запросе и в свидетельстве',
  'ЭЦҚ тіркеу куәлігінің жарамдылық мерзімін, қайта шақырылғандар тізімінде болмауын, сұраныстағы және куәліктегі ЖСН/БСН сәйкестігін порталда тексеру',
  'The portal checks the certificate’s validity, revocation and the IIN/BIN match'), checked('signature'))
const STATE_IS = cond(t('Получение услугодателем данных документов, удостоверяющих личность, из государственных информационных систем',
  'Қызмет берушінің жеке басын куәландыратын құжаттар деректерін мемлекеттік ақпараттық жүйелерден алуы',
  'The provider reads the applicant’s identity-document data from the state information systems'), checked('record'))
const COMPLETENESS = cond(t('Проверка полноты документов ответственным исполнителем',
  'Жауапты орындаушының құжаттардың толықтығын тексеруі',
  'The responsible executor checks the documents are complete'), checked('documents'))

/** The provider's procedure of п.5 is the same in both channels: registration first, numbered from `at`. */
const procedure = (at: number, registrationFollows: StepOutcome): Step[] => [
  step(at, 'provider_officer', 'Канцелярия услугодателя', t('Прием документов, их регистрация; расписка о приеме документов',
    'Құжаттарды қабылдау, оларды тіркеу; құжаттарды қабылдау туралы қолхат', 'The registry office accepts and registers the documents'),
    done('registered'), M15, registrationFollows),
]

const executor = (at: number): Step[] => [
  step(at, 'provider_officer', 'Руководство услугодателя', t('Ознакамливается с документами, накладывает резолюцию и определяет ответственного исполнителя',
    'Құжаттармен танысады, бұрыштама қояды және жауапты орындаушыны анықтайды', 'The head reads the documents and names the responsible executor'),
    undefined, M30, go(at + 1)),
  step(at + 1, 'provider_officer', 'Ответственный исполнитель услугодателя', t('Осуществляет проверку полноты документов и подготовку уведомления',
    'Құжаттардың толықтығын тексереді және хабарламаны дайындайды', 'The executor checks the documents and prepares the notice'),
    checked('documents'), NINE_CALENDAR_DAYS, branch(COMPLETENESS, at + 2, at + 3)),
  step(at + 2, 'provider_officer', 'Услугодатель', t('Мотивированный ответ услугодателя об отказе в оказании государственной услуги',
    'Қызмет берушінің мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауабы', 'The provider’s motivated refusal'),
    done('rejected'), M15, refuse('motivated_refusal', 'documents_nonconforming')),
  step(at + 3, 'provider_officer', 'Руководство услугодателя', t('Ознакамливается с документами и подписывает уведомление',
    'Құжаттармен танысады және хабарламаға қол қояды', 'The head signs the notice'),
    undefined, M30, go(at + 4)),
]

const issue = (n: number, sfe: string, en: string): Step =>
  step(n, 'provider_officer', sfe, t('Выдача уведомления о назначении жилищной помощи услугополучателю',
    'Қызмет алушыға тұрғын үй көмегін тағайындау туралы хабарламаны беру', en),
    done('result_issued'), M15, RESULT)

const serviceCentre: ChannelDefinition = {
  channel: 'service_centre',
  source: 'п.5, п.7 (procedure), п.9–13 (ЦОН), п.15 (processes via ИС ЦОН)',
  steps: [
    step(1, 'service_centre_operator', 'Оператор ЦОН, АРМ ИС ЦОН', t('Ввод оператором ЦОН логина и пароля (процесс авторизации)',
      'ХҚКО операторының логин мен парольді енгізуі (авторландыру үдерісі)', 'The ЦОН operator logs in'),
      done('authorized'), inferred(between(seconds(30), minutes(1))), go(2)),
    step(2, 'service_centre_operator', 'Оператор ЦОН', t('Выбор услуги, ввод данных услугополучателя и данных доверенности',
      'Қызметті таңдау, қызмет алушы деректерін және сенімхат деректерін енгізу', 'Chooses the service, enters the applicant’s and the power of attorney’s data'),
      undefined, inferred(exactly(seconds(30))), go(3)),
    step(3, 'service_centre_operator', 'ШЭП, ГБД ФЛ/ГБД ЮЛ, ЕНИС', t('Направление запроса через ШЭП в ГБД ФЛ/ГБД ЮЛ и в ЕНИС',
      'ЭҮШ арқылы ЖТ МДҚ/ЗТ МДҚ-ға және БНАЖ-ға сұраныс жолдау', 'Requests the applicant’s data and the power of attorney'),
      checked('person_record'), inferred(exactly(seconds(90))), branch(PERSON, 4, 5)),
    step(4, 'system', 'ИС ЦОН', t('Сообщение о невозможности получения данных', 'Деректерді алу мүмкін еместігі туралы хабарлама',
      'A message that the data cannot be obtained'),
      done('rejected'), inferred(exactly(seconds(90))), refuse('motivated_refusal', 'person_not_found', 'power_of_attorney_not_found')),
    step(5, 'service_centre_operator', 'Работник ЦОН', t('Проверка полноты пакета документов, сверка оригиналов с данными государственных информационных систем, возврат оригиналов, выдача расписки о приеме',
      'Құжаттар топтамасының толықтығын тексеру, түпнұсқаларды мемлекеттік ақпараттық жүйелер деректерімен салыстыру, түпнұсқаларды қайтару, қабылдау туралы қолхат беру',
      'Checks the package is complete, compares the originals with the state systems, returns them and issues the receipt'),
      checked('package'), { ...M15, basis: 'inferred', note: 'seed 003 gives the ЦОН intake no time; the provider’s канцелярия takes 15 minutes to accept documents (п.5)' },
      branch(PACKAGE, 6, 7)),
    step(6, 'service_centre_operator', 'Работник ЦОН', t('Выдача расписки об отказе в приеме документов (приложение 4 Стандарта)',
      'Құжаттарды қабылдаудан бас тарту туралы қолхат беру (Стандарттың 4-қосымшасы)', 'Issues the receipt refusing to accept an incomplete package'),
      done('rejected'), { ...M15, basis: 'inferred', note: 'as step 5' }, refuse('intake_refusal_receipt', 'package_incomplete')),
    step(7, 'service_centre_operator', 'Оператор ЦОН', t('Сканирование документов, прикрепление к запросу, удостоверение посредством ЭЦП',
      'Құжаттарды сканерлеу, сұранысқа тіркеу, ЭЦҚ арқылы куәландыру', 'Scans the documents, attaches them and signs with the operator’s signature'),
      done('request_signed'), inferred(between(seconds(30), minutes(1))), go(8)),
    step(8, 'system', 'ШЭП/РШЭП', t('Направление электронного документа через ШЭП/РШЭП в АРМ РШЭП',
      'Электрондық құжатты ЭҮШ/ӨЭҮШ арқылы ЭҮӨШ АЖО-ға жолдау', 'Routes the signed document to the provider’s workstation'),
      undefined, inferred(exactly(minutes(1))), go(9)),
    ...procedure(9, go(10)),
    ...executor(10),
    issue(14, 'Канцелярия услугодателя; окно ЦОН', 'The notice is handed over at a ЦОН window (п.11)'),
  ],
}

const portal: ChannelDefinition = {
  channel: 'portal',
  source: 'п.5, п.7 (procedure), п.16 (processes via the portal)',
  steps: [
    step(1, 'citizen', 'Услугополучатель', t('Ввод ИИН/БИН и пароля (процесс авторизации)', 'ЖСН/БСН мен парольді енгізу (авторландыру үдерісі)',
      'Logs in to the portal with IIN/BIN and password'),
      done('authorized'), inferred(between(seconds(30), minutes(1))), branch(AUTH, 2, 3)),
    step(2, 'system', 'Портал', t('Сообщение об отказе в авторизации', 'Авторландырудан бас тарту туралы хабарлама', 'A message refusing authorization'),
      done('rejected'), inferred(exactly(seconds(30))), refuse('refusal_message', 'authorization_refused')),
    step(3, 'citizen', 'Услугополучатель', t('Выбор услуги, заполнение формы запроса, выбор регистрационного свидетельства ЭЦП',
      'Қызметті таңдау, сұраныс нысанын толтыру, ЭЦҚ тіркеу куәлігін таңдау', 'Chooses the service, fills in the form and chooses the signature certificate'),
      checked('signature'), inferred(exactly(seconds(90))), branch(SIGNATURE, 4, 5)),
    step(4, 'system', 'Портал', t('Сообщение об отказе в связи с неподтверждением подлинности ЭЦП',
      'ЭЦҚ түпнұсқалығының расталмауына байланысты бас тарту туралы хабарлама', 'A message refusing the service: the signature is not confirmed'),
      done('rejected'), inferred(exactly(seconds(90))), refuse('refusal_message', 'signature_not_confirmed')),
    step(5, 'citizen', 'Услугополучатель', t('Удостоверение запроса посредством ЭЦП и направление в АРМ РШЭП для обработки услугодателем',
      'Сұранысты ЭЦҚ арқылы куәландыру және қызмет беруші өңдеуі үшін ЭҮӨШ АЖО-ға жолдау', 'Signs the request and sends it to the provider'),
      done('request_signed'), inferred(between(seconds(30), minutes(1))), go(6)),
    ...procedure(6, branch(STATE_IS, 7, 8)),
    step(7, 'system', 'АРМ РШЭП', t('Сообщение об отказе в связи с отсутствием данных услугополучателя в государственных информационных системах',
      'Мемлекеттік ақпараттық жүйелерде қызмет алушы деректерінің болмауына байланысты бас тарту туралы хабарлама',
      'A refusal: the state information systems hold no data of the applicant'),
      done('rejected'), inferred(exactly(seconds(30))), refuse('refusal_message', 'record_not_found')),
    ...executor(8),
    issue(12, 'Портал', 'The portal forms the notice as an electronic document signed by the provider'),
  ],
}

const RESULTS: readonly [ResultKind, ...ResultKind[]] = [
  {
    id: 'housing_assistance_notice',
    positive: true,
    name: t('Уведомление о назначении жилищной помощи', 'Тұрғын үй көмегін тағайындау туралы хабарлама', 'Notice assigning housing assistance'),
    recordedBy: done('result_issued'),
    signedByProvider: true,
  },
  {
    id: 'intake_refusal_receipt',
    positive: false,
    name: t('Расписка об отказе в приеме документов', 'Құжаттарды қабылдаудан бас тарту туралы қолхат', 'Receipt refusing to accept the documents'),
    recordedBy: done('rejected'),
    signedByProvider: false,
  },
]

export const housingAssistanceKaraganda2014: ServiceDefinition = {
  id: HOUSING_ASSISTANCE,
  name: t('Назначение жилищной помощи', 'Тұрғын үй көмегін тағайындау', 'Assignment of housing assistance'),
  edition: 'karaganda-2014',
  ruleVersion: 'housing-assistance/karaganda-2014@1',
  act: 'Akimat of Karaganda region, resolution of 08.07.2014 N 34/04 (п.5, п.7, Appendix 2 as amended 12.12.2014 N 66/02); registered 13.08.2014 N 2718; repealed 07.12.2015 N 69/07',
  channels: [serviceCentre, portal],
  results: [...RESULTS, ...modelRefusals],
  rejections: [
    'authorization_refused', 'signature_not_confirmed', 'person_not_found', 'power_of_attorney_not_found', 'package_incomplete',
    'record_not_found', 'documents_nonconforming',
  ],
}

export const housingAssistanceRules: ServiceRules = rulesFor([housingAssistanceKaraganda2014], {
  request: 'housing-assistance',
  extraCommands: ['check_package', 'check_record', 'issue_result', 'return_unclaimed'],
  // The seed has no appendix with the quality questionnaire (its appendices are the step tables and diagrams).
  withoutCommands: ['answer_questionnaire'],
  packageCheck: ['service_centre'],
  records: [{ registry: 'state_information_systems', channels: ['portal'] }],
  results: [{ kind: 'housing_assistance_notice', from: ['documents_checked'] }],
  // п.12: «ЦОН обеспечивает его хранение в течение одного месяца, после чего передает их услугодателю».
  unclaimedReturn: { channels: ['service_centre'], after: { unit: 'months', amount: 1 } },
})
