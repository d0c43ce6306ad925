/**
 * Receipts (расписка) given at intake, where the regulations give one: the ЦОН's receipt for a complete housing-
 * assistance package (seed 003 п.10), and the receipt of step 1 of the desk and ЦОН tables of the housing list
 * (000 Прил.1). A receipt is a function of the intake's events only, dated by the fact that gave it, so every
 * download of it is the same text; the provider signs it like a result document.
 */
import { definitionOf, message, type ApplicationEvent, type EventOf, type ServiceId } from '@kezek/domain'
import { builtInRulesOf, informationChannelsOf } from '@kezek/domain'
import { escapeXml } from '@kezek/adapters'
import { contactOf, localDateOf, nameOf, officialDate, optional, say, type DocLang, type FormLines } from './form.js'
import type { ResultDocument } from './document.js'

const find = <K extends ApplicationEvent['type']>(events: readonly ApplicationEvent[], type: K): EventOf<K> | undefined =>
  events.filter((e): e is EventOf<K> => e.type === type).at(-1)

const KAZAKHSTAN_OFFSET = 300

/** `dd.mm.yyyy HH:MM` on the local clock: the receipt records when the documents were taken. */
const localDateTime = (instant: string, offsetMinutes: number): string => {
  const local = new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString()
  return `${officialDate(local.slice(0, 10))} ${local.slice(11, 16)}`
}

/** The channels whose step 1 gives a receipt in the housing list's tables (000 Прил.1, Tables 2 and 3). */
const intakeReceiptChannels: ReadonlySet<string> = new Set(['provider_desk', 'service_centre'])

export const receiptDocument = (events: readonly ApplicationEvent[]): ResultDocument | undefined => {
  const authorized = find(events, 'authorized')
  if (authorized === undefined) return undefined
  const offset = builtInRulesOf(authorized.serviceId as ServiceId)?.utcOffsetMinutes ?? KAZAKHSTAN_OFFSET
  const service = (l: DocLang) => definitionOf(authorized.serviceId)?.name[l] ?? authorized.serviceId
  const request = find(events, 'request_signed')?.request ?? find(events, 'signed')?.request
  const contact = contactOf(request)
  const registered = find(events, 'registered')
  const base = {
    applicationId: authorized.applicationId, serviceId: authorized.serviceId, providerId: authorized.providerId,
    applicantIin: authorized.applicantIin, ...(registered === undefined ? {} : { requestNumber: registered.requestNumber }),
  }
  const packageCheck = events.find((e): e is EventOf<'checked'> => e.type === 'checked' && e.check.kind === 'package')
  if (packageCheck !== undefined && packageCheck.check.kind === 'package') {
    const r = packageCheck.check.receipt
    const phone = r.contactPhone ?? contact?.phone
    const lines = (l: DocLang): FormLines => [
      say('receipt.title', l, { number: r.receiptNumber }),
      say('receipt.accepted_on', l, { acceptedOn: localDateTime(packageCheck.at, offset) }),
      say('receipt.service', l, { service: service(l) }),
      say('receipt.documents', l, { count: r.documents.length, documents: r.documents.join('; ') }),
      say('receipt.collect', l, { collectOn: officialDate(r.collectOn), collectAt: r.collectAt }),
      say('receipt.operator', l, { operator: r.operator }),
      say('receipt.applicant', l, { name: nameOf(authorized.applicantIin, contact, l) }),
      ...optional(phone, (p) => say('receipt.phone', l, { phone: p })),
      // Seed 003 names no contact centre (informationChannelsOf): its receipt has the fields of п.10 only.
      ...optional(informationChannelsOf(authorized.serviceId), () => say('receipt.contact_centre', l)),
    ]
    return {
      ...base, kind: 'receipt', issuedAt: packageCheck.at, lines: { kk: lines('kk'), ru: lines('ru') },
      dataXml: `<receipt number="${escapeXml(r.receiptNumber)}" acceptedAt="${packageCheck.at}" collectOn="${r.collectOn}"/>`,
    }
  }
  if (authorized.serviceId !== 'housing-queue' || !intakeReceiptChannels.has(authorized.channel)) return undefined
  const documents = request?.documents.map((d) => d.kind) ?? []
  const lines = (l: DocLang): FormLines => [
    say('receipt.title_intake', l),
    say('receipt.accepted_on', l, { acceptedOn: localDateTime(authorized.at, offset) }),
    say('receipt.service', l, { service: service(l) }),
    ...optional(registered?.requestNumber, (number) => say('receipt.request_number', l, { number })),
    say('receipt.channel', l, { channel: message(`channel.${authorized.channel}`, l) }),
    say('receipt.applicant', l, { name: nameOf(authorized.applicantIin, contact, l) }),
    ...optional(contact?.phone, (phone) => say('receipt.phone', l, { phone })),
    ...(documents.length === 0 ? [] : [say('receipt.documents', l, { count: documents.length, documents: documents.join('; ') })]),
    say('receipt.contact_centre', l),
  ]
  return {
    ...base, kind: 'receipt', issuedAt: authorized.at, lines: { kk: lines('kk'), ru: lines('ru') },
    dataXml: `<receipt acceptedAt="${authorized.at}" channel="${authorized.channel}"/>`,
  }
}
