/**
 * The result document of the service, before signing: the notification «о постановке на учет» with the queue
 * number at registration (for the kindergarten queue, the Journal's number and date), the document a
 * certificate-type service issues (`result_issued`, rendered with the seeds' `template.*` forms), or the motivated
 * refusal with its reasons. Kazakh first, then Russian, as the [KOK] templates print them, with the bilingual legal
 * footer.
 *
 * An issued document is a function of the events up to its `result_issued` only (its instant is that event's), so
 * the bytes signed when it was issued — whose SHA-256 the event records — are the bytes every later download gets.
 * The domain holds no names: where a form has a blank for a name, the document prints the IIN.
 */
import {
  birthDateOf, definitionOf, type ApplicationEvent, type EventOf, type IssuedResult, type ServiceRequest,
} from '@kezek/domain'
import { describeRejection, message, type Language } from '@kezek/domain'
import { escapeXml } from '@kezek/adapters'

export const RESULT_NS = 'urn:kezek:result:1'

const LANGS = ['kk', 'ru'] as const

const find = <K extends ApplicationEvent['type']>(events: readonly ApplicationEvent[], type: K): EventOf<K> | undefined =>
  events.filter((e): e is EventOf<K> => e.type === type).at(-1)

const attr = (name: string, value: string | number): string => ` ${name}="${escapeXml(String(value))}"`

type Lang = (typeof LANGS)[number]

/** What the document says beside the events: the provider's name, for the forms that print it. */
export interface ResultContext {
  readonly providerName?: string
}

const iinLabel = (iin: string, l: Language): string => `${l === 'kk' ? 'ЖСН' : 'ИИН'} ${iin}`

const money = (tiyn: number, l: Language): string =>
  `${Math.floor(tiyn / 100)}.${String(tiyn % 100).padStart(2, '0')} ${l === 'kk' ? 'теңге' : 'тенге'}`

const childrenOf = (r: ServiceRequest | undefined, l: Language): string =>
  r !== undefined && 'children' in r ? r.children.map((c) => iinLabel(c.iin, l)).join(', ') : ''

const childOf = (r: ServiceRequest | undefined): { readonly iin: string; readonly birthDate: string } | undefined => {
  const child = r === undefined ? undefined : 'child' in r ? r.child : 'ward' in r ? r.ward : undefined
  return child === undefined ? undefined : { iin: child.iin, birthDate: birthDateOf(child) ?? '' }
}

/** The form's text for an issued result, in one language. */
const issuedText = (e: EventOf<'result_issued'>, request: ServiceRequest | undefined, applicantIin: string, l: Lang, ctx: ResultContext): string => {
  const r: IssuedResult = e.result
  const name = iinLabel(applicantIin, l)
  const child = childOf(request)
  const childName = child === undefined ? '' : iinLabel(child.iin, l)
  const validUntil = e.validUntil ?? ''
  switch (r.kind) {
    case 'unemployment_certificate':
      return `${message('template.unemployment_certificate.title', l)}. ${message('template.unemployment_certificate', l, {
        name, registeredOn: r.registeredOn, periodFrom: r.periodFrom, periodTo: r.periodTo, presentTo: r.presentTo ?? '',
      })}`
    case 'disabled_child_allowance_notice': {
      const rows = r.payments.map((p, i) => message('template.allowance_table_row', l, { n: i + 1, quarter: p.quarter, year: p.year, amount: money(p.amountTiyn, l) }))
      return [
        message('template.allowance_notice', l, { name, childName, amount: money(r.amountTiyn, l), periodFrom: r.periodFrom, periodTo: r.periodTo }),
        message('template.allowance_table_header', l), ...rows, message('template.allowance_collect', l),
      ].join('\n')
    }
    case 'preschool_referral':
      return message('template.preschool_referral', l, {
        number: r.referralNumber, provider: ctx.providerName ?? e.applicationId, organisation: r.organisation, address: r.address ?? '',
        childName, birthDate: child?.birthDate ?? '', issuedOn: e.issuedOn, validUntil,
      })
    case 'guardianship_certificate':
      return message('template.guardianship_certificate', l, {
        number: r.certificateNumber, name, place: '', decision: r.appointmentDecision, appointedOn: r.appointedOn,
        wardName: childName, wardBirthDate: child?.birthDate ?? '',
      })
    case 'property_deal_permission':
      return `${message('template.property_deal_permission', l, { children: childrenOf(request, l), deal: message(`deal.${r.deal}`, l), address: r.propertyAddress })} ` +
        message('template.valid_one_month', l, { validUntil })
    case 'inheritance_permission': {
      const children = childrenOf(request, l)
      const body = r.variant === 'pension_fund'
        ? message('template.inheritance_pension_fund', l, {
            name, children, addressee: r.addressee,
            inheritanceCertificate: request !== undefined && 'inheritanceCertificate' in request ? request.inheritanceCertificate : '',
            deathCertificate: request !== undefined && 'deathCertificate' in request ? request.deathCertificate : '',
          })
        : r.variant === 'bank'
          ? message('template.inheritance_bank', l, { name, children, addressee: r.addressee })
          : message('template.inheritance_road_police', l, { children, vehicle: request !== undefined && 'vehicle' in request ? request.vehicle : '' })
      return `${body} ${message('template.valid_one_month', l, { validUntil })}`
    }
    case 'housing_assistance_notice':
      return message('template.housing_assistance_notice', l, { amount: money(r.monthlyTiyn, l), periodFrom: r.periodFrom, periodTo: r.periodTo })
  }
}

/**
 * The result's data as flat fields, so a machine reads the document without parsing its prose. Keys in text order:
 * a store may hand the payload back with its keys reordered (PostgreSQL `jsonb` does), and the bytes must not move.
 */
const dataFields = (v: unknown, prefix = ''): string[] => {
  if (Array.isArray(v)) return v.flatMap((x, i) => dataFields(x, `${prefix}.${i}`))
  if (typeof v === 'object' && v !== null)
    return Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([k, x]) => (x === undefined ? [] : dataFields(x, prefix === '' ? k : `${prefix}.${k}`)))
  return [`<field${attr('name', prefix)}>${escapeXml(String(v))}</field>`]
}

export const buildResultXml = (events: readonly ApplicationEvent[], issuedAt: string, ctx: ResultContext = {}): string | undefined => {
  const issuedAtIndex = events.findIndex((e) => e.type === 'result_issued')
  // Nothing after the issue changes the document (see above): read the history up to it.
  const upTo = issuedAtIndex < 0 ? events : events.slice(0, issuedAtIndex + 1)
  const authorized = find(upTo, 'authorized')
  const registered = find(upTo, 'registered')
  const queued = find(upTo, 'queued')
  const last = upTo.filter((e) => e.type === 'queued' || e.type === 'rejected' || e.type === 'result_issued').at(-1)
  if (authorized === undefined || last === undefined) return undefined
  const head = (kind: string, at = issuedAt) =>
    `<result xmlns="${RESULT_NS}"${attr('kind', kind)}${attr('applicationId', authorized.applicationId)}` +
    `${registered === undefined ? '' : attr('requestNumber', registered.requestNumber)}${attr('issuedAt', at)}>` +
    `<service>${escapeXml(authorized.serviceId)}</service><provider>${escapeXml(authorized.providerId)}</provider>` +
    `<applicant${attr('iin', authorized.applicantIin)}/>`
  const footer = LANGS.map((l) => `<footer${attr('lang', l)}>${escapeXml(message('legal.footer', l))}</footer>`).join('')
  const serviceRequest = find(upTo, 'request_signed')?.request
  if (last.type === 'result_issued') {
    const texts = LANGS.map((l) => `<text${attr('lang', l)}>${escapeXml(issuedText(last, serviceRequest, authorized.applicantIin, l, ctx))}</text>`).join('')
    const issued = `<issued${attr('resultKind', last.result.kind)}${attr('issuedOn', last.issuedOn)}` +
      `${last.validUntil === undefined ? '' : attr('validUntil', last.validUntil)}>${dataFields(last.result).join('')}</issued>`
    return `${head('issued', last.at)}${issued}${texts}${footer}</result>`
  }
  if (last.type === 'rejected') {
    const signed = find(events, 'signed')
    const texts = LANGS.map((l) => {
      const reason = describeRejection(last.reason, l)
      const body = last.reason.code === 'package_incomplete'
        ? message('template.package_refusal_receipt', l, { missing: last.reason.missing.join('; ') })
        : signed !== undefined
          ? message('result.refusal_notice', l, { familySize: signed.request.familySize, reason })
          : serviceRequest !== undefined || authorized.serviceId !== 'housing-queue'
            ? message('template.free_form_refusal', l, {
                name: iinLabel(authorized.applicantIin, l), service: definitionOf(authorized.serviceId)?.name[l] ?? authorized.serviceId, reason,
              })
            : reason
      return `<text${attr('lang', l)}>${escapeXml(body)}</text>`
    }).join('')
    return `${head('refusal')}<refusal${attr('code', last.reason.code)}${attr('decidedAt', last.at)}/>${texts}${footer}</result>`
  }
  if (queued === undefined) return undefined
  const journal = queued.journal
  if (journal !== undefined) {
    const child = childOf(serviceRequest)
    const texts = LANGS.map((l) => `<text${attr('lang', l)}>${escapeXml(`${message('template.preschool_queue_notice', l, {
      parentName: iinLabel(authorized.applicantIin, l), childName: child === undefined ? '' : iinLabel(child.iin, l),
      journalNumber: journal.number, journalDate: journal.date,
    })} ${message('template.preschool_queue_control', l)}`)}</text>`).join('')
    const q = `<queue${attr('category', queued.list.category)}${attr('numberAtRegistration', queued.queueNumberAtRegistration)}` +
      `${attr('filedAt', queued.filedAt)}${attr('journalNumber', journal.number)}${attr('journalDate', journal.date)}/>`
    return `${head('notification')}${q}${texts}${footer}</result>`
  }
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
