/**
 * The result document of the service, before signing: the notification with the queue number at registration (for
 * the kindergarten, the Journal's number and date), the document a certificate-type service issues (`result_issued`),
 * or the refusal — each printed after its own appendix form (`forms/*`), Kazakh first, then Russian, each language
 * followed by the bilingual legal footer.
 *
 * An issued document is a function of the events up to its `result_issued` and of the provider's fixed details
 * (name, head of office) only — its instant is that event's — so the bytes signed when it was issued, whose SHA-256
 * the event records, are the bytes every later download gets. The domain holds names only where the applicant gave
 * them in the signed request (`contact`); elsewhere a form's name blank prints the IIN.
 */
import {
  builtInRulesOf, message, type ApplicationEvent, type EventOf, type ServiceId,
} from '@kezek/domain'
import { escapeXml } from '@kezek/adapters'
import { DOC_LANGS, type DocLang, type FormContext, type FormLines } from './form.js'
import { issuedForm } from './forms/issued.js'
import { housingNoticeForm, preschoolNoticeForm } from './forms/queue.js'
import { refusalForm } from './forms/refusal.js'

export const RESULT_NS = 'urn:kezek:result:1'

/** UTC+5, the whole country's clock since March 2024, for a service the catalogue does not know. */
const KAZAKHSTAN_OFFSET = 300

export type ResultContext = FormContext

export type ResultDocumentKind = 'issued' | 'refusal' | 'notification' | 'receipt'

/** A result document as its forms print it: the lines in each language, and the machine-readable facts. */
export interface ResultDocument {
  readonly kind: ResultDocumentKind
  readonly applicationId: string
  readonly serviceId: string
  readonly providerId: string
  readonly applicantIin: string
  readonly requestNumber?: string
  readonly issuedAt: string
  readonly lines: Readonly<Record<DocLang, FormLines>>
  /** The XML elements with the decision's data (`<queue>`, `<issued>`, `<refusal>`). */
  readonly dataXml: string
}

const find = <K extends ApplicationEvent['type']>(events: readonly ApplicationEvent[], type: K): EventOf<K> | undefined =>
  events.filter((e): e is EventOf<K> => e.type === type).at(-1)

const attr = (name: string, value: string | number): string => ` ${name}="${escapeXml(String(value))}"`

/** The bilingual legal footer every form ends with, Kazakh first (reference §3.4). */
export const legalFooter = (): FormLines => [message('legal.footer', 'kk'), message('legal.footer', 'ru')]

/** A document's full text in one language: its lines, then the footer. What the PDF prints and the fixtures hold. */
export const documentText = (doc: ResultDocument, l: DocLang): FormLines => [...doc.lines[l], ...legalFooter()]

const linesBy = (form: (l: DocLang) => FormLines): Readonly<Record<DocLang, FormLines>> => ({ kk: form('kk'), ru: form('ru') })

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

/** The document the history has come to, or undefined while there is none (no decision yet). */
export const resultDocument = (events: readonly ApplicationEvent[], issuedAt: string, ctx: FormContext = {}): ResultDocument | undefined => {
  const issuedAtIndex = events.findIndex((e) => e.type === 'result_issued')
  // Nothing after the issue changes the document (see above): read the history up to it.
  const upTo = issuedAtIndex < 0 ? events : events.slice(0, issuedAtIndex + 1)
  const authorized = find(upTo, 'authorized')
  const last = upTo.filter((e) => e.type === 'queued' || e.type === 'rejected' || e.type === 'result_issued').at(-1)
  if (authorized === undefined || last === undefined) return undefined
  const registered = find(upTo, 'registered')
  const serviceRequest = find(upTo, 'request_signed')?.request
  const request = serviceRequest ?? find(upTo, 'signed')?.request
  const base = {
    applicationId: authorized.applicationId, serviceId: authorized.serviceId, providerId: authorized.providerId,
    applicantIin: authorized.applicantIin, ...(registered === undefined ? {} : { requestNumber: registered.requestNumber }),
  }
  if (last.type === 'result_issued') {
    const facts = { issued: last, request: serviceRequest, applicantIin: authorized.applicantIin }
    return {
      ...base, kind: 'issued', issuedAt: last.at, lines: linesBy((l) => issuedForm(facts, l, ctx)),
      dataXml: `<issued${attr('resultKind', last.result.kind)}${attr('issuedOn', last.issuedOn)}` +
        `${last.validUntil === undefined ? '' : attr('validUntil', last.validUntil)}>${dataFields(last.result).join('')}</issued>`,
    }
  }
  if (last.type === 'rejected') {
    const facts = { serviceId: authorized.serviceId, applicantIin: authorized.applicantIin, reason: last.reason, request }
    return {
      ...base, kind: 'refusal', issuedAt, lines: linesBy((l) => refusalForm(facts, l, ctx)),
      dataXml: `<refusal${attr('code', last.reason.code)}${attr('decidedAt', last.at)}/>`,
    }
  }
  const facts = { queued: last, applicantIin: authorized.applicantIin, request, utcOffsetMinutes: builtInRulesOf(authorized.serviceId as ServiceId)?.utcOffsetMinutes ?? KAZAKHSTAN_OFFSET }
  const journal = last.journal
  const queue = `<queue${attr('category', last.list.category)}${attr('numberAtRegistration', last.queueNumberAtRegistration)}${attr('filedAt', last.filedAt)}`
  return journal === undefined
    ? {
        ...base, kind: 'notification', issuedAt, lines: linesBy((l) => housingNoticeForm(facts, l, ctx)),
        dataXml: `${queue}${attr('commissionDecisionDate', last.commissionDecisionDate)}${attr('familySize', last.familySize)}/>`,
      }
    : {
        ...base, kind: 'notification', issuedAt, lines: linesBy((l) => preschoolNoticeForm(facts, journal, l, ctx)),
        dataXml: `${queue}${attr('journalNumber', journal.number)}${attr('journalDate', journal.date)}/>`,
      }
}

/** The document as XML, ready for the provider's signature: data, then each language's lines, then the footer. */
export const resultXml = (doc: ResultDocument): string =>
  `<result xmlns="${RESULT_NS}"${attr('kind', doc.kind)}${attr('applicationId', doc.applicationId)}` +
  `${doc.requestNumber === undefined ? '' : attr('requestNumber', doc.requestNumber)}${attr('issuedAt', doc.issuedAt)}>` +
  `<service>${escapeXml(doc.serviceId)}</service><provider>${escapeXml(doc.providerId)}</provider>` +
  `<applicant${attr('iin', doc.applicantIin)}/>${doc.dataXml}` +
  DOC_LANGS.map((l) => `<text${attr('lang', l)}>${doc.lines[l].map((line) => `<line>${escapeXml(line)}</line>`).join('')}</text>`).join('') +
  DOC_LANGS.map((l) => `<footer${attr('lang', l)}>${escapeXml(message('legal.footer', l))}</footer>`).join('') +
  '</result>'

export const buildResultXml = (events: readonly ApplicationEvent[], issuedAt: string, ctx: FormContext = {}): string | undefined => {
  const doc = resultDocument(events, issuedAt, ctx)
  return doc === undefined ? undefined : resultXml(doc)
}
