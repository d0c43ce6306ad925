/**
 * Every text kezek shows a citizen, an officer or a developer, in Russian, Kazakh and English. Sources:
 * reference/seed-housing-queue.md §5.4 (message catalogue), §5.3 (glossary), §3 (status screen, [KOK] output
 * templates, legal footer), §4 (questionnaire); domain-kz.md §2.5 (Art. 73). Kazakh texts not found in the seeds are
 * marked `kkComposed: true` and were built from the attested vocabulary of §5.3; English is ours throughout.
 *
 * The catalogue is checked for completeness by the compiler: a new rejection code, signature failure, removal
 * ground, status or domain error code without a text here fails the type check.
 * Placeholders are written `{name}` and must be the same in all three languages (tested).
 */
import type { Category } from '../application/category.js'
import type { Channel } from '../application/channel.js'
import type { DomainErrorCode, Inconsistency } from '../application/errors.js'
import type { RejectionCode, SignatureFailure } from '../application/rejection.js'
import type { RemovalGround, SuccessionGround } from '../application/removal-ground.js'
import type { PreschoolList } from '../application/list-category.js'
import type { Registry } from '../application/registry.js'
import type { ResultKindId } from '../application/service-result.js'
import type { InheritanceVariant, PropertyDeal } from '../application/service-request.js'
import type { Status } from '../status/application-status.js'
import type { Localized } from './localized.js'
import { formTexts } from './form-catalogue.js'
import { serviceTexts } from './service-catalogue.js'

/** Keys the catalogue must hold, derived from the domain's own vocabularies. */
export type RequiredKey =
  | `rejection.${RejectionCode}`
  | `signature.${SignatureFailure}`
  | `status.${Status}`
  | `removal.${RemovalGround}`
  | `succession.${SuccessionGround}`
  | `error.${DomainErrorCode}`
  | `inconsistency.${Inconsistency}`
  | `channel.${Channel}`
  | `registry.${Registry}`
  | `result_kind.${ResultKindId}`
  | `deal.${PropertyDeal}`
  | `inheritance.${InheritanceVariant}`
  | `list.${PreschoolList}`
  | `category.${Category}`

export const catalogue = {
  ...serviceTexts,
  ...formTexts,
  // ── Refusals (§5.4). RU/KZ attested in the regulations (trimmed or adapted where §5.4 says so).
  'rejection.authorization_refused': {
    ru: 'Отказ в авторизации в связи с имеющимися нарушениями в данных получателя',
    kk: 'Тұтынушы деректерінде бұзушылықтар болуына байланысты авторландырудан бас тарту',
    en: 'Authorization refused because of irregularities in the recipient’s data',
  },
  'rejection.signature_not_confirmed': {
    ru: 'Отказ в запрашиваемой услуге в связи с неподтверждением подлинности ЭЦП',
    kk: 'Тұтынушы ЭЦҚ түпнұсқалығының расталмауына байланысты сұрау салынатын қызмет көрсетуден бас тарту',
    en: 'The requested service is refused because the authenticity of the digital signature was not confirmed',
  },
  'rejection.person_not_found': {
    ru: 'Невозможно получить данные: данные получателя отсутствуют в ГБД ФЛ',
    kk: 'ЖТ МДҚ-да тұтынушы деректерінің болмауына байланысты деректерді алу мүмкін емес',
    en: 'The data cannot be obtained: the State Database “Individuals” holds no record of the recipient',
  },
  'rejection.power_of_attorney_not_found': {
    ru: 'Невозможно получить данные доверенности в ЕНИС',
    kk: 'БНАЖ-да сенімхат деректерінің болмауына байланысты деректерді алу мүмкін емес',
    en: 'The power of attorney cannot be found in the Unified Notarial Information System',
  },
  'rejection.documents_nonconforming': {
    ru: 'Отказ в запрашиваемой услуге в связи с имеющимися нарушениями в документах',
    kk: 'Тұтынушының құжаттарында бұзушылықтар болуына байланысты сұрау салынған қызметтен бас тарту',
    en: 'The requested service is refused because of irregularities in the documents',
  },
  // The refusals of the other services. RU from their forms where one exists (seed 002 §4.4), else ours.
  'rejection.record_not_found': {
    ru: 'Запись не найдена в реестре',
    kk: 'Тізілімде жазба табылмады',
    en: 'No record was found in the register',
    kkComposed: true,
  },
  'rejection.package_incomplete': {
    ru: 'Отказ в приеме документов: представлен неполный пакет документов',
    kk: 'Құжаттарды қабылдаудан бас тарту: құжаттардың толық емес топтамасы ұсынылды',
    en: 'The documents are not accepted: the package is incomplete',
    kkComposed: true,
  },
  'rejection.child_over_age': {
    ru: 'Ребенок на момент подачи заявления достиг семилетнего возраста',
    kk: 'Өтініш берілген сәтте бала жеті жасқа толған',
    en: 'The child had turned seven when the application was filed',
    kkComposed: true,
  },
  'rejection.child_consent_missing': {
    ru: 'Отсутствует согласие детей старше 10 лет',
    kk: '10 жастан асқан балалардың келісімі жоқ',
    en: 'The consent of the children over 10 is missing',
    kkComposed: true,
  },

  // ── Why a signature was not confirmed. The regulation has one message (C2a–C2c); the causes are ours.
  'signature.certificate_expired': {
    ru: 'Срок действия регистрационного свидетельства ЭЦП истек',
    kk: 'ЭЦҚ тіркеу куәлігінің жарамдылық мерзімі өтіп кеткен',
    en: 'The signature certificate has expired',
    kkComposed: true,
  },
  'signature.certificate_not_yet_valid': {
    ru: 'Срок действия регистрационного свидетельства ЭЦП еще не наступил',
    kk: 'ЭЦҚ тіркеу куәлігінің жарамдылық мерзімі әлі басталмаған',
    en: 'The signature certificate is not valid yet',
    kkComposed: true,
  },
  'signature.certificate_revoked': {
    ru: 'Регистрационное свидетельство ЭЦП находится в списке отозванных (аннулированных)',
    kk: 'ЭЦҚ тіркеу куәлігі қайта шақырылған (күші жойылған) тіркеу куәліктерінің тізімінде',
    en: 'The signature certificate is on the list of revoked certificates',
    kkComposed: true,
  },
  'signature.untrusted_issuer': {
    ru: 'Регистрационное свидетельство ЭЦП выдано недоверенным удостоверяющим центром',
    kk: 'ЭЦҚ тіркеу куәлігін сенім білдірілмеген куәландырушы орталық берген',
    en: 'The signature certificate was issued by an untrusted certification authority',
    kkComposed: true,
  },
  'signature.wrong_key_usage': {
    ru: 'Ключ ЭЦП не предназначен для подписания документов',
    kk: 'ЭЦҚ кілті құжаттарға қол қоюға арналмаған',
    en: 'The certificate’s key is not meant for signing documents',
    kkComposed: true,
  },
  'signature.iin_mismatch': {
    ru: 'ИИН, указанный в запросе, не соответствует ИИН, указанному в регистрационном свидетельстве ЭЦП',
    kk: 'Сұраныста көрсетілген ЖСН ЭЦҚ тіркеу куәлігінде көрсетілген ЖСН-ге сәйкес келмейді',
    en: 'The IIN in the request does not match the IIN in the signature certificate',
    kkComposed: true,
  },
  'signature.signature_invalid': {
    ru: 'Подпись недействительна: документ изменен после подписания или подпись повреждена',
    kk: 'Қолтаңба жарамсыз: құжат қол қойылғаннан кейін өзгертілген немесе қолтаңба бүлінген',
    en: 'The signature is invalid: the document was changed after signing or the signature is damaged',
    kkComposed: true,
  },
  'signature.unsupported_algorithm': {
    ru: 'Алгоритм подписи не поддерживается',
    kk: 'Қолтаңба алгоритміне қолдау көрсетілмейді',
    en: 'The signature algorithm is not supported',
    kkComposed: true,
  },
  'signature.signer_role_missing': {
    ru: 'Регистрационное свидетельство ЭЦП не содержит роли, необходимой для подписания этого документа',
    kk: 'ЭЦҚ тіркеу куәлігінде осы құжатқа қол қоюға қажетті рөл жоқ',
    en: 'The signature certificate does not carry the role needed to sign this document',
    kkComposed: true,
  },
  'signature.policy_not_accepted': {
    ru: 'Политика применения регистрационного свидетельства ЭЦП не принимается для этого документа',
    kk: 'ЭЦҚ тіркеу куәлігін қолдану саясаты осы құжат үшін қабылданбайды',
    en: 'The certificate policy of the signature certificate is not accepted for this document',
    kkComposed: true,
  },

  // ── Statuses of the status screen («статус запроса» / «сұраныс мәртебесі»). The regulations name the field,
  // not its values: every value is ours, built from attested terms.
  'status.authorized': { ru: 'Авторизация пройдена', kk: 'Авторландырудан өтті', en: 'Authorized', kkComposed: true },
  'status.signed': { ru: 'Запрос удостоверен ЭЦП', kk: 'Сұраныс ЭЦҚ-мен куәландырылды', en: 'Request signed', kkComposed: true },
  'status.registered': {
    ru: 'Запрос зарегистрирован, заявлению присвоен номер',
    kk: 'Сұраныс тіркелді, өтінішке нөмір тағайындалды',
    en: 'Request registered, the application has its number',
    kkComposed: true,
  },
  'status.documents_checked': { ru: 'Документы проверены услугодателем', kk: 'Құжаттарды қызмет беруші тексерді', en: 'Documents checked by the provider', kkComposed: true },
  'status.queued': { ru: 'Поставлен на учет', kk: 'Есепке қойылды', en: 'Registered on the housing list', kkComposed: true },
  // The kindergarten Journal is a queue, not the housing register (seed 002 §3: «поставлен(а) на очередь»).
  'status.queued_preschool': { ru: 'Поставлен(а) на очередь', kk: 'Кезекке қойылды', en: 'Entered in the kindergarten queue', kkComposed: true },
  'status.rejected': { ru: 'Отказано', kk: 'Бас тартылды', en: 'Refused', kkComposed: true },
  'status.removed': { ru: 'Снят с учета', kk: 'Есептен шығарылды', en: 'Removed from the housing list', kkComposed: true },
  'status.housed': { ru: 'Жилище предоставлено', kk: 'Тұрғын үй берілді', en: 'Housing allocated', kkComposed: true },
  'status.result_issued': { ru: 'Результат услуги выдан', kk: 'Қызмет нәтижесі берілді', en: 'Result issued', kkComposed: true },
  'status.returned_unclaimed': {
    ru: 'Результат не востребован и возвращен услугодателю',
    kk: 'Нәтиже талап етілмеді және қызмет берушіге қайтарылды',
    en: 'Result not collected, returned to the provider',
    kkComposed: true,
  },

  // ── Removal from the list, classic Art. 73 p.1 (domain-kz.md §2.5 summarises the law in English; the Russian
  // below paraphrases it and is not a quotation).
  'removal.grounds_ceased': {
    ru: 'Отпали основания для предоставления жилища',
    kk: 'Тұрғын үй беруге негіздер жойылды',
    en: 'The grounds for providing housing no longer exist',
    kkComposed: true,
  },
  'removal.moved_away_or_left_state_employment': {
    ru: 'Выезд на постоянное жительство в другой населенный пункт либо прекращение работы в государственном предприятии (учреждении)',
    kk: 'Басқа елді мекенге тұрақты тұруға кетуі не мемлекеттік кәсіпорындағы (мекемедегі) жұмысын тоқтатуы',
    en: 'Moved to permanent residence in another locality, or left employment in the state enterprise (institution)',
    kkComposed: true,
  },
  'removal.untrue_information': {
    ru: 'Представление не соответствующих действительности сведений о нуждаемости в жилище либо неправомерные действия должностных лиц при принятии на учет',
    kk: 'Тұрғын үйге мұқтаждығы туралы шындыққа сәйкес келмейтін мәліметтер беруі не есепке қою кезінде лауазымды адамдардың заңсыз әрекеттері',
    en: 'Untrue information about the need for housing was given, or officials acted unlawfully at registration',
    kkComposed: true,
  },
  'removal.acquired_housing': {
    ru: 'Получение земельного участка и строительство на нем жилища либо приобретение жилища',
    kk: 'Жер учаскесін алып, онда тұрғын үй салуы не тұрғын үй сатып алуы',
    en: 'Built housing on an allotted land plot, or acquired housing',
    kkComposed: true,
  },

  // ── Art. 73 p.2: the family keeps the place.
  'succession.applicant_died': {
    ru: 'Смерть гражданина, состоявшего на учете: очередность сохраняется за оставшимися членами семьи',
    kk: 'Есепте тұрған азаматтың қайтыс болуы: кезек отбасының қалған мүшелерінде сақталады',
    en: 'The registered citizen died: the remaining family members keep the place in the queue',
    kkComposed: true,
  },
  'succession.applicant_moved_away': {
    ru: 'Выезд гражданина, состоявшего на учете, на другое постоянное место жительства: очередность сохраняется за оставшимися членами семьи',
    kk: 'Есепте тұрған азаматтың басқа тұрақты тұрғылықты жерге кетуі: кезек отбасының қалған мүшелерінде сақталады',
    en: 'The registered citizen moved away permanently: the remaining family members keep the place in the queue',
    kkComposed: true,
  },

  // ── Intermediate messages (§5.4).
  'request.formed': { ru: 'Запрос успешно сформирован', kk: 'Сұраныс сәтті қалыптастырылды', en: 'The request was formed', kkComposed: true },
  'request.registered': {
    ru: 'Запрос зарегистрирован, заявлению присвоен номер № {n}',
    kk: 'Сұраныс тіркелді, өтінішке № {n} нөмір тағайындалды',
    en: 'The request is registered; the application number is {n}',
    kkComposed: true,
  },

  // ── Result documents. RU from §5.4 and the [KOK] templates (§3.4); KZ composed (§5.4 asks for review).
  'result.queued': {
    ru: 'Уведомление о постановке на учет. Порядковый номер очереди: {n}',
    kk: 'Есепке қою туралы хабарлама. Кезек нөмірі: {n}',
    en: 'Notice of registration on the housing list. Queue number: {n}',
    kkComposed: true,
  },
  'result.queue_number': {
    ru: 'На момент постановки на учет Ваша очередность № {n}',
    kk: 'Есепке қойылған сәтте Сіздің кезегіңіз № {n}',
    en: 'At the time of registration your place in the queue is No. {n}',
    kkComposed: true,
  },
  // A motivated refusal as the status screen shows it: the same words for every service (the forms print
  // their own heading, then «Причина отказа: …»).
  'result.refused': {
    ru: 'Мотивированный отказ. Причина отказа: {reason}.',
    kk: 'Дәлелді бас тарту. Бас тарту себебі: {reason}.',
    en: 'Motivated refusal. Reason for refusal: {reason}.',
    kkComposed: true,
  },
  'result.appeal': {
    ru: 'В случае несогласия с данным решением, Вы вправе обжаловать его в порядке, установленном законодательством.',
    kk: 'Осы шешіммен келіспеген жағдайда, Сіз оған заңнамада белгіленген тәртіппен шағымдануға құқылысыз.',
    en: 'If you disagree with this decision, you have the right to appeal it in the manner established by law.',
    kkComposed: true,
  },
  // Attested in [KOK] only; the document prints the Kazakh line first.
  'legal.footer': {
    ru: 'Данный документ согласно пункту 1 статьи 7 ЗРК от 7 января 2003 года «Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе.',
    kk: 'Осы құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» 2003 жылғы 7 қаңтардағы N 370-II ҚРЗ 7-бабының 1-тармағына сәйкес қағаз тасығыштағы құжатқа тең.',
    en: 'Under Article 7(1) of the Law of the Republic of Kazakhstan of 7 January 2003 “On the electronic document and electronic digital signature”, this document is equivalent to a paper document.',
  },

  // ── Quality questionnaire (§4), attested in all editions.
  'questionnaire.title': {
    ru: 'Форма анкеты для определения показателей электронной государственной услуги: «качество» и «доступность»',
    kk: 'Электрондық мемлекеттік қызметтің: "сапа" және "қолжетімдік" көрсеткіштерін айқындауға арналған сауалнама нысаны',
    en: 'Questionnaire measuring the “quality” and “accessibility” of the electronic state service',
  },
  'questionnaire.quality': {
    ru: 'Удовлетворены ли Вы качеством процесса и результатом оказания электронной государственной услуги?',
    kk: 'Сіз электрондық мемлекеттік қызметті көрсету үдерісінің сапасына және нәтижесіне қанағаттандыңыз ба?',
    en: 'Are you satisfied with the quality of the process and the result of the electronic state service?',
  },
  'questionnaire.information': {
    ru: 'Удовлетворены ли Вы качеством информации о порядке оказания электронной государственной услуги?',
    kk: 'Сіз электрондық мемлекеттік қызмет көрсету тәртібі туралы ақпараттың сапасына қанағаттандыңыз ба?',
    en: 'Are you satisfied with the quality of the information on how the electronic state service is provided?',
  },
  'questionnaire.answer.1': { ru: 'не удовлетворен', kk: 'қанағаттанбадым', en: 'not satisfied' },
  'questionnaire.answer.2': { ru: 'частично удовлетворен', kk: 'ішінара қанағаттандым', en: 'partly satisfied' },
  'questionnaire.answer.3': { ru: 'удовлетворен', kk: 'қанағаттандым', en: 'satisfied' },

  // ── Status screen (§3.3): fields and buttons, RU from Almaty п.9, KZ from Atyrau п.9–10.
  'screen.iin': { ru: 'ИИН', kk: 'ЖСН', en: 'IIN' },
  'screen.request_number': { ru: 'Номер запроса', kk: 'Сұраныс нөмірі', en: 'Request number' },
  'screen.service_type': { ru: 'Тип услуги', kk: 'Қызмет түрі', en: 'Service type' },
  'screen.status': { ru: 'Статус запроса', kk: 'Сұраныс мәртебесі', en: 'Request status' },
  'screen.deadline': { ru: 'Срок оказания услуги', kk: 'Қызмет көрсету мерзімі', en: 'Service deadline' },
  'button.order_online': { ru: 'Заказать услугу online', kk: 'Онлайн қызметке тапсырыс', en: 'Order the service online' },
  'button.send_request': { ru: 'Отправить запрос', kk: 'Сұранысты жіберу', en: 'Send request' },
  'button.sign': { ru: 'Подписать', kk: 'Қол қою', en: 'Sign' },
  'button.refresh_status': { ru: 'Обновить статус', kk: 'Мәртебесін жаңғырту', en: 'Refresh status' },
  'button.view_result': { ru: 'Просмотр результата', kk: 'Нәтижені қарау', en: 'View result' },
  // Atyrau only, so the Russian is ours.
  'button.view_output_document': { ru: 'Просмотр выходного документа', kk: 'Шығу құжатын қарау', en: 'View output document' },
  'button.save': { ru: 'Сохранить', kk: 'Сақтау', en: 'Save' },

  // ── Channels (§0).
  'channel.portal': { ru: 'Веб-портал «электронного правительства»', kk: '«Электрондық үкіметтің» веб-порталы', en: 'E-government portal' },
  'channel.provider_desk': { ru: 'Услугодатель', kk: 'Қызмет беруші', en: 'Service provider' },
  'channel.service_centre': { ru: 'Центр обслуживания населения', kk: 'Халыққа қызмет көрсету орталығы', en: 'Public service centre' },

  // ── Domain errors: the caller's mistakes, not refusals of the citizen.
  'error.not_allowed': {
    ru: 'Команда «{command}» недопустима на этапе «{stage}»',
    kk: '«{command}» командасына «{stage}» кезеңінде рұқсат етілмейді',
    en: 'The command “{command}” is not allowed at stage “{stage}”',
    kkComposed: true,
  },
  'error.step_skipped': {
    ru: 'Команда «{command}» требует сначала выполнить шаг «{missing}»',
    kk: '«{command}» командасы алдымен «{missing}» қадамын орындауды талап етеді',
    en: 'The command “{command}” needs the step “{missing}” first',
    kkComposed: true,
  },
  'error.wrong_channel': {
    ru: 'Шаг «{command}» не предусмотрен в канале «{channel}»',
    kk: '«{channel}» арнасында «{command}» қадамы қарастырылмаған',
    en: 'The step “{command}” does not exist in the channel “{channel}”',
    kkComposed: true,
  },
  'error.application_mismatch': {
    ru: 'Команда относится к заявлению {actual}, а поток событий — к заявлению {expected}',
    kk: 'Команда {actual} өтінішіне қатысты, ал оқиғалар ағыны {expected} өтінішіне тиесілі',
    en: 'The command is for application {actual}, but the stream belongs to application {expected}',
    kkComposed: true,
  },
  'error.inconsistent': {
    ru: 'Команда «{command}» противоречит записанным фактам: {detail}',
    kk: '«{command}» командасы тіркелген фактілерге қайшы келеді: {detail}',
    en: 'The command “{command}” contradicts the recorded facts: {detail}',
    kkComposed: true,
  },
  'error.queue_number_mismatch': {
    ru: 'Номер очереди на момент постановки на учет по списку — {expected}, в команде указан {given}',
    kk: 'Есепке қою сәтіндегі кезек нөмірі тізім бойынша — {expected}, командада {given} көрсетілген',
    en: 'The waiting list gives number {expected} at registration; the command states {given}',
    kkComposed: true,
  },
  'inconsistency.waiting_list_not_given': {
    ru: 'не передан список очередности, по которому считается номер на момент постановки на учет',
    kk: 'есепке қою сәтіндегі нөмір есептелетін кезек тізімі берілмеген',
    en: 'the waiting list the number at registration is counted from was not given',
    kkComposed: true,
  },
  'inconsistency.filed_after_decision': {
    ru: 'дата подачи заявления позже даты решения комиссии',
    kk: 'өтініш берілген күн комиссия шешімінің күнінен кейін',
    en: 'the filing date is after the commission’s decision date',
    kkComposed: true,
  },
  'inconsistency.decision_before_filing': {
    ru: 'дата решения комиссии раньше даты подачи заявления',
    kk: 'комиссия шешімінің күні өтініш берілген күннен бұрын',
    en: 'the commission’s decision is dated before the application was filed',
    kkComposed: true,
  },
  'inconsistency.decision_after_command': {
    ru: 'дата решения комиссии ещё не наступила',
    kk: 'комиссия шешімінің күні әлі келген жоқ',
    en: 'the commission’s decision is dated in the future',
    kkComposed: true,
  },
  'inconsistency.successor_is_holder': {
    ru: 'правопреемник уже является держателем очереди',
    kk: 'құқықтық мирасқор кезектің иесі болып табылады',
    en: 'the successor already holds the place in the queue',
    kkComposed: true,
  },
  'inconsistency.representative_not_confirmed': {
    ru: 'доверенность представителя не подтверждена в ЕНИС',
    kk: 'өкілдің сенімхаты БНАЖ-да расталмаған',
    en: 'the representative’s power of attorney was not confirmed in the notarial system',
    kkComposed: true,
  },
  'inconsistency.questionnaire_already_answered': {
    ru: 'анкета уже заполнена',
    kk: 'сауалнама толтырылып қойған',
    en: 'the questionnaire was already answered',
    kkComposed: true,
  },
  'inconsistency.no_result_yet': {
    ru: 'результат услуги еще не сформирован',
    kk: 'қызмет нәтижесі әлі қалыптастырылмаған',
    en: 'the service result has not been issued yet',
    kkComposed: true,
  },
  'inconsistency.unknown_service': {
    ru: 'услуга не найдена в каталоге услуг',
    kk: 'қызмет қызметтер каталогында табылмады',
    en: 'the service is not in the service catalogue',
    kkComposed: true,
  },
  'inconsistency.channel_not_offered': {
    ru: 'услуга не оказывается через этот канал',
    kk: 'қызмет осы арна арқылы көрсетілмейді',
    en: 'the service is not offered through this channel',
    kkComposed: true,
  },
  'inconsistency.command_not_in_service': {
    ru: 'такого шага нет в регламенте этой услуги',
    kk: 'бұл қызметтің регламентінде мұндай қадам жоқ',
    en: 'the service’s regulation has no such step',
    kkComposed: true,
  },
  'inconsistency.request_not_for_service': {
    ru: 'запрос относится к другой услуге',
    kk: 'сұраныс басқа қызметке қатысты',
    en: 'the request is for another service',
    kkComposed: true,
  },
  'inconsistency.list_not_offered': {
    ru: 'услуга не ведет такой очереди',
    kk: 'қызмет мұндай кезекті жүргізбейді',
    en: 'the service keeps no such waiting list',
    kkComposed: true,
  },
  'inconsistency.result_not_offered': {
    ru: 'услуга не выдает такой документ',
    kk: 'қызмет мұндай құжат бермейді',
    en: 'the service issues no such document',
    kkComposed: true,
  },
  'inconsistency.registry_not_in_service': {
    ru: 'регламент услуги не предусматривает проверку в этом реестре',
    kk: 'қызмет регламентінде осы тізілімде тексеру қарастырылмаған',
    en: 'the service’s regulation does not consult this register',
    kkComposed: true,
  },
  'inconsistency.journal_entry_required': {
    ru: 'не указаны номер и дата записи в журнале регистрации',
    kk: 'тіркеу журналындағы жазбаның нөмірі мен күні көрсетілмеген',
    en: 'the registration journal’s number and date are missing',
    kkComposed: true,
  },
  'inconsistency.child_birth_date_unknown': {
    ru: 'дата рождения ребенка не указана и не следует из ИИН',
    kk: 'баланың туған күні көрсетілмеген және ЖСН-нен шықпайды',
    en: 'the child’s birth date is neither given nor readable from the IIN',
    kkComposed: true,
  },
  'inconsistency.period_reversed': {
    ru: 'начало периода позже его окончания',
    kk: 'кезеңнің басы оның аяқталуынан кейін',
    en: 'the period starts after it ends',
    kkComposed: true,
  },
  'inconsistency.payment_table_mismatch': {
    ru: 'таблица выплат не соответствует сумме или периоду',
    kk: 'төлемдер кестесі сомаға немесе кезеңге сәйкес келмейді',
    en: 'the payment table does not match the amount or the period',
    kkComposed: true,
  },
  'inconsistency.result_does_not_match_request': {
    ru: 'документ не соответствует запросу',
    kk: 'құжат сұранысқа сәйкес келмейді',
    en: 'the document does not match the request',
    kkComposed: true,
  },
  'inconsistency.unclaimed_period_not_over': {
    ru: 'срок хранения невостребованного результата еще не истек',
    kk: 'талап етілмеген нәтижені сақтау мерзімі әлі өткен жоқ',
    en: 'the storage period of the uncollected result is not over yet',
    kkComposed: true,
  },
  'inconsistency.extension_not_later': {
    ru: 'новый срок должен быть позже сегодняшнего дня и ранее установленного срока',
    kk: 'жаңа мерзім бүгінгі күннен және бұрын белгіленген мерзімнен кейін болуы тиіс',
    en: 'the new deadline must be later than today and than the deadline already set',
    kkComposed: true,
  },
  'inconsistency.result_already_collected': {
    ru: 'результат уже получен услугополучателем',
    kk: 'нәтижені қызмет алушы алып қойған',
    en: 'the applicant has already collected the result',
    kkComposed: true,
  },
} as const satisfies Record<RequiredKey, Localized> & Record<string, Localized>

export type Catalogue = typeof catalogue
export type MessageKey = keyof Catalogue
