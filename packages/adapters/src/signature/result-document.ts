/**
 * The provider's result documents (регламент: «электронный документ формируется с использованием ЭЦП
 * уполномоченного лица услугодателя»): the notification of registration with the queue number, or the motivated
 * refusal with its reasons and the appeal clause. Both carry the facts as fields, the ru and kk texts, and the
 * bilingual legal footer, and are signed enveloped (NCALayer shape) with the key of the provider's authorised
 * person — a legal-entity certificate with `OU=BIN…` — so they verify with the same verifier as requests.
 *
 * ```xml
 * <result xmlns="urn:kezek:result:1" kind="notification|motivated_refusal">
 *   <provider id="…" bin="…">name</provider>
 *   <applicant iin="…"><name>…</name><address>…</address><phone>…</phone></applicant>
 *   <requestNumber>…</requestNumber> <filingDate>YYYY-MM-DD</filingDate> <familySize>n</familySize>
 *   <!-- notification --> <commissionDecisionDate/> <category/> <queueNumber/>
 *   <!-- refusal -->      <reason>…</reason>…
 *   <headOfOffice>…</headOfOffice> <issuedAt>ISO instant</issuedAt>
 *   <text xml:lang="ru">…</text> <text xml:lang="kk">…</text>
 *   <footer xml:lang="kk">…</footer> <footer xml:lang="ru">…</footer>
 *   <ds:Signature …/>
 * </result>
 * ```
 */
import type { Element } from '@xmldom/xmldom'
import { BIN, IIN } from '@kezek/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { GostSigningKey } from './append-signature.js'
import type { x509 } from './engine.js'
import type { BadInput, SignatureRefusal } from './refusal.js'
import { checkResultSigner, type ResultSignerRule, type SignerPolicy } from './signer-roles.js'
import { LEGAL_FOOTER, notificationText, refusalText, type Lang } from './result-texts.js'
import { signXml, type SignXmlOptions } from './sign.js'
import { verifySignedXml, type VerifiedSignature, type VerifyOptions } from './verify-signed-xml.js'
import { attribute, checkAttributes, escapeXml, fieldsOf, invalid, text } from './xml-reading.js'

export const RESULT_NS = 'urn:kezek:result:1'
const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/** Plain input: what the HTTP layer knows when the decision is made. */
interface ResultCommon {
  readonly provider: { readonly id: string; readonly bin: string; readonly name: string }
  readonly applicant: { readonly iin: string; readonly name: string; readonly address?: string; readonly phone?: string }
  readonly requestNumber: string
  /** `YYYY-MM-DD`: the filing date with all documents (seniority runs from it). */
  readonly filingDate: string
  readonly familySize: number
  /** The head of the office, as printed under the text. */
  readonly headOfOffice: string
  /** ISO instant the document is issued at. */
  readonly issuedAt: string
}

export interface NotificationInput extends ResultCommon {
  /** `YYYY-MM-DD` of the housing commission's decision. */
  readonly commissionDecisionDate: string
  /** Category list code (`socially_vulnerable`, …); titled in ru/kk in the text. */
  readonly category: string
  /** «На момент постановки на учет Ваша очередность № N». */
  readonly queueNumber: number
}

export interface MotivatedRefusalInput extends ResultCommon {
  /** The officer's reasons, verbatim; at least one. */
  readonly reasons: readonly string[]
}

export type ResultDocument =
  | ({ readonly kind: 'notification' } & NotificationInput)
  | ({ readonly kind: 'motivated_refusal' } & MotivatedRefusalInput)

export interface ResultInputError {
  readonly kind: 'invalid_result_input'
  readonly detail: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const problem = (detail: string): E.Either<ResultInputError, never> => E.left({ kind: 'invalid_result_input', detail })
const filled = (s: string): boolean => s.trim() === s && s.length > 0 && s.length <= 500

const validate = (doc: ResultDocument): E.Either<ResultInputError, ResultDocument> => {
  const dates = [doc.filingDate, ...(doc.kind === 'notification' ? [doc.commissionDecisionDate] : [])]
  if (dates.some((d) => !DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))) return problem('dates are YYYY-MM-DD')
  if (!INSTANT.test(doc.issuedAt)) return problem('issuedAt is an ISO UTC instant')
  if (!Number.isInteger(doc.familySize) || doc.familySize < 1 || doc.familySize > 99) return problem('familySize is 1–99')
  if (!IIN.is(doc.applicant.iin)) return problem('applicant IIN is not valid')
  if (!BIN.is(doc.provider.bin)) return problem('provider BIN is not valid')
  const texts = [doc.provider.id, doc.provider.name, doc.applicant.name, doc.requestNumber, doc.headOfOffice]
  if (!texts.every(filled)) return problem('names, numbers and the head of office are non-empty, trimmed, ≤ 500 characters')
  if (doc.kind === 'notification') {
    if (!Number.isInteger(doc.queueNumber) || doc.queueNumber < 1) return problem('queueNumber is a whole number ≥ 1')
    if (!filled(doc.category)) return problem('category is required')
  } else if (doc.reasons.length === 0 || !doc.reasons.every(filled)) {
    return problem('a motivated refusal states at least one reason')
  }
  return E.right(doc)
}

const el = (name: string, body: string, attrs: Record<string, string> = {}): string =>
  `<${name}${Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('')}>${escapeXml(body)}</${name}>`

const textsOf = (doc: ResultDocument, lang: Lang): string =>
  doc.kind === 'notification' ? notificationText(doc, lang) : refusalText(doc, lang)

/** The unsigned XML of a result document. */
export const buildResultXml = (doc: ResultDocument): E.Either<ResultInputError, string> => {
  const valid = validate(doc)
  if (E.isLeft(valid)) return valid
  const a = doc.applicant
  const lines = [
    `<result xmlns="${RESULT_NS}" kind="${doc.kind}">`,
    `  ${el('provider', doc.provider.name, { id: doc.provider.id, bin: doc.provider.bin })}`,
    `  <applicant iin="${a.iin}">${el('name', a.name)}${a.address === undefined ? '' : el('address', a.address)}${a.phone === undefined ? '' : el('phone', a.phone)}</applicant>`,
    `  ${el('requestNumber', doc.requestNumber)}`,
    `  ${el('filingDate', doc.filingDate)}`,
    `  ${el('familySize', String(doc.familySize))}`,
    ...(doc.kind === 'notification'
      ? [
          `  ${el('commissionDecisionDate', doc.commissionDecisionDate)}`,
          `  ${el('category', doc.category)}`,
          `  ${el('queueNumber', String(doc.queueNumber))}`,
        ]
      : doc.reasons.map((r) => `  ${el('reason', r)}`)),
    `  ${el('headOfOffice', doc.headOfOffice)}`,
    `  ${el('issuedAt', doc.issuedAt)}`,
    `  ${el('text', textsOf(doc, 'ru'), { 'xml:lang': 'ru' })}`,
    `  ${el('text', textsOf(doc, 'kk'), { 'xml:lang': 'kk' })}`,
    `  ${el('footer', LEGAL_FOOTER.kk, { 'xml:lang': 'kk' })}`,
    `  ${el('footer', LEGAL_FOOTER.ru, { 'xml:lang': 'ru' })}`,
    '</result>',
  ]
  return E.right(lines.join('\n'))
}

/** Builds and signs a result document with the provider's key (enveloped XMLDSig, NCALayer shape). */
export const signResultDocument = async (
  doc: ResultDocument,
  privateKey: CryptoKey | GostSigningKey,
  certificate: x509.X509Certificate,
  options: SignXmlOptions = {},
): Promise<E.Either<ResultInputError | BadInput, string>> => {
  const xml = buildResultXml(doc)
  if (E.isLeft(xml)) return xml
  return signXml(xml.right, privateKey, certificate, options)
}

// ── reading back ────────────────────────────────────────────────────────────────────────────────────────────

const SINGLE = ['provider', 'applicant', 'requestNumber', 'filingDate', 'familySize', 'commissionDecisionDate',
  'category', 'queueNumber', 'headOfOffice', 'issuedAt']
const REPEATED = ['reason', 'text', 'footer']

const langOf = (e: Element): string | null => e.getAttributeNS(XML_NS, 'lang')

const field = (fields: Map<string, Element[]>, name: string): E.Either<BadInput, string> => {
  const e = fields.get(name)?.[0]
  return e === undefined ? E.left(invalid(`<${name}> is required`)) : E.chain(() => text(e))(checkAttributes(e, []))
}

const readApplicant = (e: Element | undefined): E.Either<BadInput, ResultCommon['applicant']> => {
  if (e === undefined) return E.left(invalid('<applicant> is required'))
  const iin = attribute(e, 'iin')
  if (E.isLeft(iin)) return iin
  const parts = fieldsOf(e, RESULT_NS, ['name', 'address', 'phone'])
  if (E.isLeft(parts)) return parts
  const name = field(parts.right, 'name')
  if (E.isLeft(name)) return name
  const address = parts.right.has('address') ? field(parts.right, 'address') : E.right(undefined)
  if (E.isLeft(address)) return address
  const phone = parts.right.has('phone') ? field(parts.right, 'phone') : E.right(undefined)
  if (E.isLeft(phone)) return phone
  return E.right({
    iin: iin.right,
    name: name.right,
    ...(address.right === undefined ? {} : { address: address.right }),
    ...(phone.right === undefined ? {} : { phone: phone.right }),
  })
}

const readProvider = (e: Element | undefined): E.Either<BadInput, ResultCommon['provider']> => {
  if (e === undefined) return E.left(invalid('<provider> is required'))
  const attrs = checkAttributes(e, ['id', 'bin'])
  if (E.isLeft(attrs)) return attrs
  const id = attribute(e, 'id')
  if (E.isLeft(id)) return id
  const bin = attribute(e, 'bin')
  if (E.isLeft(bin)) return bin
  const name = text(e)
  if (E.isLeft(name)) return name
  return E.right({ id: id.right, bin: bin.right, name: name.right })
}

/** Reads a result document from its signed root and checks that its texts are the ones its fields produce. */
export const readResultDocument = (root: Element): E.Either<BadInput, ResultDocument> => {
  if (root.namespaceURI !== RESULT_NS || root.localName !== 'result') return E.left(invalid('the signed root is not a kezek result'))
  const kind = root.getAttributeNS(null, 'kind')
  if (kind !== 'notification' && kind !== 'motivated_refusal') return E.left(invalid('result kind is notification or motivated_refusal'))
  const f = fieldsOf(root, RESULT_NS, SINGLE, REPEATED)
  if (E.isLeft(f)) return f
  const fields = f.right
  const provider = readProvider(fields.get('provider')?.[0])
  if (E.isLeft(provider)) return provider
  const applicant = readApplicant(fields.get('applicant')?.[0])
  if (E.isLeft(applicant)) return applicant
  const common = ['requestNumber', 'filingDate', 'familySize', 'headOfOffice', 'issuedAt'].map((n) => field(fields, n))
  const failed = common.find(E.isLeft)
  if (failed !== undefined) return failed
  const [requestNumber, filingDate, familySize, headOfOffice, issuedAt] = common.map((c) => (E.isRight(c) ? c.right : ''))
  const base = {
    provider: provider.right,
    applicant: applicant.right,
    requestNumber: requestNumber ?? '',
    filingDate: filingDate ?? '',
    familySize: Number(familySize),
    headOfOffice: headOfOffice ?? '',
    issuedAt: issuedAt ?? '',
  }
  let doc: ResultDocument
  if (kind === 'notification') {
    const decision = field(fields, 'commissionDecisionDate')
    const category = field(fields, 'category')
    const queue = field(fields, 'queueNumber')
    if (E.isLeft(decision)) return decision
    if (E.isLeft(category)) return category
    if (E.isLeft(queue)) return queue
    doc = { kind, ...base, commissionDecisionDate: decision.right, category: category.right, queueNumber: Number(queue.right) }
  } else {
    const reasons: string[] = []
    for (const r of fields.get('reason') ?? []) {
      const t = text(r)
      if (E.isLeft(t)) return t
      reasons.push(t.right)
    }
    doc = { kind, ...base, reasons }
  }
  if (E.isLeft(validate(doc))) return E.left(invalid('result fields are not valid'))
  // The texts are derived from the fields: a document whose words say something else than its fields is refused.
  for (const lang of ['ru', 'kk'] as const) {
    const texts = (fields.get('text') ?? []).filter((t) => langOf(t) === lang)
    const footers = (fields.get('footer') ?? []).filter((t) => langOf(t) === lang)
    if (texts.length !== 1 || texts[0]?.textContent !== textsOf(doc, lang)) return E.left(invalid(`the ${lang} text does not match the fields`))
    if (footers.length !== 1 || footers[0]?.textContent !== LEGAL_FOOTER[lang]) return E.left(invalid(`the ${lang} legal footer is missing`))
  }
  if ((fields.get('text') ?? []).length !== 2 || (fields.get('footer') ?? []).length !== 2) return E.left(invalid('one text and one footer per language'))
  return E.right(doc)
}

export interface VerifiedResult {
  readonly signature: VerifiedSignature
  readonly result: ResultDocument
}

export interface VerifyResultOptions extends VerifyOptions {
  /** Who must sign (signer-roles.ts): `head` (default: the document prints the head of office) or `authorised`. */
  readonly resultSigner?: ResultSignerRule
  /** Accepted certificate policies of the signer's key (`staffPolicies`), when configured. */
  readonly signerPolicy?: SignerPolicy
}

/**
 * Verifies a result document: the same checks as a request, then its signer — the provider's BIN, a legal entity's
 * key, the first head's role (or, with `resultSigner: 'authorised'`, the head's or a signatory's), the accepted
 * policies — each mismatch its own refusal (`checkResultSigner`).
 */
export const verifyResultDocument = async (
  xml: Uint8Array | string,
  options: VerifyResultOptions,
): Promise<E.Either<SignatureRefusal, VerifiedResult>> => {
  const verified = await verifySignedXml(xml, options)
  if (E.isLeft(verified)) return verified
  const result = readResultDocument(verified.right.signedElement)
  if (E.isLeft(result)) return result
  const signer = checkResultSigner(verified.right.signature, result.right.provider.bin, options.resultSigner, options.signerPolicy)
  if (E.isLeft(signer)) return signer
  return E.right({ signature: verified.right.signature, result: result.right })
}
