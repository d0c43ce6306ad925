/**
 * The result document of the service, before signing: the notification «о постановке на учет» with the queue
 * number at registration, or the motivated refusal with its reasons and the appeal clause. Kazakh first, then
 * Russian, as the [KOK] templates print them, with the bilingual legal footer.
 */
import type { ApplicationEvent, EventOf } from '@kezek/domain'
import { describeRejection, message } from '@kezek/domain/messages/index'
import { escapeXml } from '@kezek/adapters/signature/xml-reading'

export const RESULT_NS = 'urn:kezek:result:1'

const LANGS = ['kk', 'ru'] as const

const find = <K extends ApplicationEvent['type']>(events: readonly ApplicationEvent[], type: K): EventOf<K> | undefined =>
  events.filter((e): e is EventOf<K> => e.type === type).at(-1)

const attr = (name: string, value: string | number): string => ` ${name}="${escapeXml(String(value))}"`

export const buildResultXml = (events: readonly ApplicationEvent[], issuedAt: string): string | undefined => {
  const authorized = find(events, 'authorized')
  const registered = find(events, 'registered')
  const queued = find(events, 'queued')
  const last = events.filter((e) => e.type === 'queued' || e.type === 'rejected').at(-1)
  if (authorized === undefined || last === undefined) return undefined
  const head = (kind: string) =>
    `<result xmlns="${RESULT_NS}"${attr('kind', kind)}${attr('applicationId', authorized.applicationId)}` +
    `${registered === undefined ? '' : attr('requestNumber', registered.requestNumber)}${attr('issuedAt', issuedAt)}>` +
    `<service>${escapeXml(authorized.serviceId)}</service><provider>${escapeXml(authorized.providerId)}</provider>` +
    `<applicant${attr('iin', authorized.applicantIin)}/>`
  const footer = LANGS.map((l) => `<footer${attr('lang', l)}>${escapeXml(message('legal.footer', l))}</footer>`).join('')
  if (last.type === 'rejected') {
    const signed = find(events, 'signed')
    const texts = LANGS.map((l) => {
      const reason = describeRejection(last.reason, l)
      const body = signed === undefined ? reason : message('result.refusal_notice', l, { familySize: signed.request.familySize, reason })
      return `<text${attr('lang', l)}>${escapeXml(body)}</text>`
    }).join('')
    return `${head('refusal')}<refusal${attr('code', last.reason.code)}${attr('decidedAt', last.at)}/>${texts}${footer}</result>`
  }
  if (queued === undefined) return undefined
  const texts = LANGS.map((l) => `<text${attr('lang', l)}>${escapeXml(message('result.notice', l, {
    decisionDate: queued.commissionDecisionDate,
    category: queued.list.category,
    filedOn: queued.filedAt.slice(0, 10),
    requestNumber: queued.requestNumber,
    familySize: queued.familySize,
    n: queued.queueNumberAtRegistration,
  }))}</text>`).join('')
  const q = `<queue${attr('category', queued.list.category)}${attr('numberAtRegistration', queued.queueNumberAtRegistration)}` +
    `${attr('filedAt', queued.filedAt)}${attr('commissionDecisionDate', queued.commissionDecisionDate)}${attr('familySize', queued.familySize)}/>`
  return `${head('notification')}${q}${texts}${footer}</result>`
}
