/**
 * The CLI's own words for an audit timeline, in the three languages of the domain catalogue. Texts that a citizen
 * also sees (statuses, refusals, removal grounds, channels) come from `@kezek/domain`'s catalogue; these are the
 * auditor's extras. The Kazakh here was composed from the catalogue's attested vocabulary and wants a native
 * speaker's review before it is shown outside an audit (as `kkComposed` marks in the domain catalogue).
 */
import { fill, type Language, type Role } from '@kezek/domain'

type Texts = Readonly<Record<Language, string>>

const t = (ru: string, kk: string, en: string): Texts => ({ ru, kk, en })

export const words = {
  application: t('Заявление', 'Өтініш', 'Application'),
  request: t('запрос №', 'сұраныс №', 'request No.'),
  applicant: t('заявитель, ИИН', 'өтініш беруші, ЖСН', 'applicant IIN'),
  stream: t('поток', 'ағын', 'stream'),
  events: t('событий', 'оқиға', 'events'),
  who: t('кто', 'кім', 'who'),
  role: t('роль', 'рөлі', 'role'),
  channel: t('канал', 'арна', 'channel'),
  onBehalfOf: t('от имени', 'атынан', 'on behalf of'),
  powerOfAttorney: t('доверенность', 'сенімхат', 'power of attorney'),
  validTime: t('действует с', 'күшіне енді', 'valid'),
  recordTime: t('записано', 'жазылды', 'recorded'),
  storeTime: t('принято хранилищем', 'қоймаға қабылданды', 'stored'),
  rule: t('правило', 'ереже', 'rule'),
  signature: t('подпись', 'қолтаңба', 'signature'),
  chainLink: t('звено цепочки', 'тізбек буыны', 'chain link'),
  chainIntact: t('цепочка хешей цела', 'хеш тізбегі бүтін', 'hash chain intact'),
  chainBroken: t('цепочка хешей нарушена', 'хеш тізбегі бұзылған', 'hash chain BROKEN'),
  ok: t('верно', 'дұрыс', 'ok'),
  broken: t('НАРУШЕНО', 'БҰЗЫЛҒАН', 'BROKEN'),
  currentStatus: t('Текущий статус', 'Ағымдағы мәртебе', 'Current status'),
  problems: t('Проблемы', 'Ақаулар', 'Problems'),
  undecodable: t('событие не читается', 'оқиға оқылмайды', 'the event does not decode'),

  // Event sentences (placeholders as in the domain catalogue).
  authorizedDetail: t(
    'услуга {service}, услугодатель {provider}, заявитель ИИН {iin}',
    '{service} қызметі, {provider} қызмет беруші, өтініш беруші ЖСН {iin}',
    'service {service}, provider {provider}, applicant IIN {iin}',
  ),
  personFound: t(
    'Данные получателя найдены в ГБД ФЛ (ответ {ref})',
    'Тұтынушы деректері ЖТ МДҚ-да табылды (жауап {ref})',
    'The applicant was found in the State Database “Individuals” (reply {ref})',
  ),
  powerOfAttorneyFound: t(
    'Доверенность {poa} представителя (ИИН {iin}) найдена в ЕНИС (ответ {ref})',
    'Өкілдің (ЖСН {iin}) {poa} сенімхаты БНАЖ-да табылды (жауап {ref})',
    'Power of attorney {poa} of the representative (IIN {iin}) found in the notarial system ЕНИС (reply {ref})',
  ),
  signatureConfirmed: t(
    'Подлинность ЭЦП подтверждена: {cn}, ИИН {iin}, сертификат {serial}, издатель {issuer}',
    'ЭЦҚ түпнұсқалығы расталды: {cn}, ЖСН {iin}, {serial} сертификаты, берген {issuer}',
    'Signature confirmed: {cn}, IIN {iin}, certificate {serial} issued by {issuer}',
  ),
  signedDetail: t(
    'категория «{category}», состав семьи {family}, документов: {documents}, подписано {signedAt} (ИИН подписавшего {signer})',
    '«{category}» санаты, отбасы құрамы {family}, құжаттар саны: {documents}, {signedAt} қол қойылды (қол қоюшының ЖСН {signer})',
    'category “{category}”, family of {family}, {documents} document(s), signed at {signedAt} by IIN {signer}',
  ),
  queuedDetail: t(
    'список {list}; подано {filedAt}, запрос № {requestNumber}, решение комиссии от {decision}, состав семьи {family}',
    '{list} тізімі; {filedAt} берілді, сұраныс № {requestNumber}, комиссия шешімі {decision}, отбасы құрамы {family}',
    'list {list}; filed {filedAt}, request No. {requestNumber}, commission decision of {decision}, family of {family}',
  ),
  dataChanged: t(
    'Изменены данные: состав семьи {family} ({note})',
    'Деректер өзгертілді: отбасы құрамы {family} ({note})',
    'Data changed: family of {family} ({note})',
  ),
  successor: t(
    'очередность за членом семьи с ИИН {iin}',
    'кезек ЖСН {iin} отбасы мүшесінде сақталады',
    'the place passes to the family member with IIN {iin}',
  ),
  decision: t('решение {ref} от {date}', '{date} күнгі {ref} шешім', 'decision {ref} of {date}'),
  dwelling: t('жилище {ref}', '{ref} тұрғын үй', 'dwelling {ref}'),
  restored: t(
    'Восстановлен по результатам обжалования {ref} от {date}',
    '{date} күнгі {ref} шағым нәтижесі бойынша қалпына келтірілді',
    'Restored after a successful appeal {ref} of {date}',
  ),
  deadlineExtended: t(
    'Срок оказания услуги продлен до {until}: {ground} (решение {ref})',
    'Қызмет көрсету мерзімі {until} дейін ұзартылды: {ground} ({ref} шешім)',
    'The term of the service was extended to {until}: {ground} (decision {ref})',
  ),
  resultViewed: t('Результат просмотрен', 'Нәтиже қаралды', 'The result was viewed'),
  questionnaire: t(
    'Анкета заполнена: качество — {quality}; информация — {information}',
    'Сауалнама толтырылды: сапа — {quality}; ақпарат — {information}',
    'Questionnaire answered: quality — {quality}; information — {information}',
  ),
  unknownEvent: t('Событие типа {type}', '{type} типті оқиға', 'Event of type {type}'),
  requestSignedDetail: t(
    'услуга {service}: {fields}; документов: {documents}, подписано {signedAt} (ИИН подписавшего {signer})',
    '{service} қызметі: {fields}; құжаттар саны: {documents}, {signedAt} қол қойылды (қол қоюшының ЖСН {signer})',
    'service {service}: {fields}; {documents} document(s), signed at {signedAt} by IIN {signer}',
  ),
  resultIssuedDetail: t(
    'выдан {issuedOn}{until}; {fields}; SHA-256 документа {digest}',
    '{issuedOn} берілді{until}; {fields}; құжаттың SHA-256 {digest}',
    'issued on {issuedOn}{until}; {fields}; document SHA-256 {digest}',
  ),
  validUntil: t(', действителен по {date}', ', {date} дейін жарамды', ', valid until {date}'),
  recordFound: t('Запись найдена: {registry} (ответ {ref})', 'Жазба табылды: {registry} (жауап {ref})', 'Record found: {registry} (reply {ref})'),
  packageAccepted: t(
    'ЦОН принял полный пакет: расписка № {number}, документов {count}, выдача {collectOn}',
    'ХҚКО толық топтаманы қабылдады: № {number} қолхат, құжаттар саны {count}, беру {collectOn}',
    'The service centre accepted a complete package: receipt No. {number}, {count} document(s), to collect on {collectOn}',
  ),

  // What the audit can say about a signature.
  sigRecordedValid: t(
    'проверена при приёме (записан вердикт: {cn}, ИИН {iin}, {algorithm}, дайджест {digest}); подписанный XML не хранится — повторная проверка невозможна',
    'қабылдау кезінде тексерілді (шешім жазылды: {cn}, ЖСН {iin}, {algorithm}, дайджест {digest}); қол қойылған XML сақталмайды — қайта тексеру мүмкін емес',
    'verified at intake (recorded verdict: {cn}, IIN {iin}, {algorithm}, digest {digest}); the signed XML is not stored, so it cannot be re-verified',
  ),
  sigRecordedInvalid: t(
    'не подтверждена при приёме: {reason}',
    'қабылдау кезінде расталмады: {reason}',
    'not confirmed at intake: {reason}',
  ),
  sigMatchesVerdict: t(
    'дайджест документа совпадает с проверенной подписью',
    'құжат дайджесі тексерілген қолтаңбамен сәйкес',
    'the document digest matches the verified signature',
  ),
  sigReverified: t(
    'повторно проверена по сохранённому XML: верна ({cn}, ИИН {iin})',
    'сақталған XML бойынша қайта тексерілді: дұрыс ({cn}, ЖСН {iin})',
    're-verified from the stored XML: valid ({cn}, IIN {iin})',
  ),
  sigReverifyFailed: t(
    'повторная проверка по сохранённому XML НЕ пройдена: {detail}',
    'сақталған XML бойынша қайта тексеру ӨТПЕДІ: {detail}',
    're-verification from the stored XML FAILED: {detail}',
  ),
} satisfies Record<string, Texts>

export type WordKey = keyof typeof words

export const say = (key: WordKey, lang: Language, params: Readonly<Record<string, string | number>> = {}): string =>
  fill(words[key][lang], params)

const roles: Readonly<Record<Role, Texts>> = {
  citizen: t('гражданин', 'азамат', 'citizen'),
  provider_officer: t('сотрудник услугодателя', 'қызмет берушінің қызметкері', 'provider officer'),
  service_centre_operator: t('оператор ЦОН', 'ХҚКО операторы', 'service centre operator'),
  auditor: t('аудитор', 'аудитор', 'auditor'),
  administrator: t('администратор', 'әкімші', 'administrator'),
  data_protection_officer: t('ответственный за защиту персональных данных', 'дербес деректерді қорғауға жауапты тұлға', 'data-protection officer'),
  system: t('система', 'жүйе', 'system'),
}

export const roleName = (role: Role, lang: Language): string => roles[role][lang]

export const systemChannel: Texts = t('система (без участия человека)', 'жүйе (адамның қатысуынсыз)', 'system (no person involved)')
