/**
 * The problem types the service answers with (RFC 9457). `type` URIs are stable: clients branch on them, never on
 * the title. Titles exist in the three languages the regulations are published in.
 */
import type { Localized } from '@kezek/domain'

export const PROBLEM_BASE = 'urn:kezek:problem:'

interface ProblemKind {
  readonly status: number
  readonly title: Localized
}

const kind = (status: number, ru: string, kk: string, en: string): ProblemKind => ({ status, title: { ru, kk, en } })

export const problemKinds = {
  'malformed-json': kind(400, 'Тело запроса не является корректным JSON', 'Сұраныс денесі дұрыс JSON емес', 'The request body is not valid JSON'),
  'malformed-xml': kind(400, 'Тело запроса не является корректным XML-документом', 'Сұраныс денесі дұрыс XML құжат емес', 'The request body is not a well-formed XML document'),
  'invalid-signature-document': kind(400, 'Подписанный документ не принят: подпись не относится к документу', 'Қол қойылған құжат қабылданбады: қолтаңба құжатқа жатпайды', 'The signed document was not accepted: the signature does not cover the document'),
  'malformed-url': kind(400, 'Адрес запроса содержит некорректную кодировку', 'Сұраныс мекенжайында қате кодтау бар', 'The request URL is not correctly percent-encoded'),
  'bad-request': kind(400, 'Некорректный HTTP-запрос', 'Қате HTTP сұранысы', 'The HTTP request is malformed'),
  'headers-too-large': kind(431, 'Заголовки запроса слишком велики', 'Сұраныс тақырыптары тым үлкен', 'The request headers are too large'),
  'request-timeout': kind(408, 'Запрос не был получен вовремя', 'Сұраныс уақытында алынбады', 'The request was not received in time'),
  'validation-failed': kind(422, 'Данные запроса не прошли проверку', 'Сұраныс деректері тексеруден өтпеді', 'The request data failed validation'),
  'unsupported-media-type': kind(415, 'Неподдерживаемый тип содержимого', 'Қолдау көрсетілмейтін мазмұн түрі', 'Unsupported content type'),
  'payload-too-large': kind(413, 'Тело запроса слишком велико', 'Сұраныс денесі тым үлкен', 'The request body is too large'),
  'unauthorized': kind(401, 'Требуется аутентификация', 'Аутентификация қажет', 'Authentication is required'),
  'forbidden': kind(403, 'Недостаточно прав для этого действия', 'Бұл әрекетке құқық жеткіліксіз', 'You are not allowed to do this'),
  'not-found': kind(404, 'Не найдено', 'Табылмады', 'Not found'),
  'precondition-failed': kind(412, 'Заявление изменено другим пользователем; обновите данные и повторите', 'Өтінішті басқа пайдаланушы өзгертті; деректерді жаңартып, қайталаңыз', 'The application was changed by someone else; reload and retry'),
  'invalid-precondition': kind(400, 'Заголовок If-Match должен содержать ревизию потока', 'If-Match тақырыбында ағын ревизиясы болуы керек', 'If-Match must carry a stream revision'),
  'command-refused': kind(409, 'Действие невозможно на текущем этапе заявления', 'Өтініштің қазіргі кезеңінде бұл әрекет мүмкін емес', 'The action is not possible at the application’s current stage'),
  'idempotency-key-reused': kind(422, 'Ключ идемпотентности уже использован с другим запросом', 'Идемпотенттілік кілті басқа сұраныспен қолданылған', 'The idempotency key was already used with a different request'),
  'registry-unavailable': kind(503, 'Государственная база данных временно недоступна; повторите позже', 'Мемлекеттік дерекқор уақытша қолжетімсіз; кейінірек қайталаңыз', 'A state registry is temporarily unavailable; retry later'),
  'signature-indeterminate': kind(503, 'Проверить подпись сейчас невозможно; повторите позже', 'Қолтаңбаны қазір тексеру мүмкін емес; кейінірек қайталаңыз', 'The signature cannot be checked now; retry later'),
  'store-unavailable': kind(503, 'Хранилище временно недоступно; повторите позже', 'Сақтау орны уақытша қолжетімсіз; кейінірек қайталаңыз', 'Storage is temporarily unavailable; retry later'),
  'not-ready': kind(503, 'Сервис запускается', 'Қызмет іске қосылуда', 'The service is starting'),
  'corrupt-history': kind(500, 'История заявления повреждена; обратитесь к администратору', 'Өтініш тарихы бүлінген; әкімшіге хабарласыңыз', 'The application history is damaged; contact the administrator'),
  'internal': kind(500, 'Внутренняя ошибка сервиса', 'Қызметтің ішкі қатесі', 'Internal service error'),
} as const satisfies Record<string, ProblemKind>

export type ProblemKindId = keyof typeof problemKinds

export const problemType = (id: ProblemKindId): string => `${PROBLEM_BASE}${id}`
