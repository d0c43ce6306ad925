/**
 * The application request document kezek accepts, version 1:
 *
 * ```xml
 * <application xmlns="urn:kezek:application:1">
 *   <service>housing-queue</service>
 *   <provider>almaty-housing</provider>
 *   <applicant iin="871008401427"/>
 *   <representative iin="760212350620" powerOfAttorney="PoA 2024-118"/>   <!-- optional, ЦОН -->
 *   <staff role="operator" iin="840317000029" bin="940140000385"/>         <!-- optional, desk / ЦОН -->
 *   <category>socially_vulnerable</category>
 *   <familySize>4</familySize>
 *   <documents>
 *     <document kind="identity_card" sha256="…64 hex…"/>
 *   </documents>
 *   <ds:Signature …/>   <!-- enveloped, Reference URI="" -->
 * </application>
 * ```
 *
 * Every other service states its typed request in `<request>` instead of `<category>` and `<familySize>` (see
 * service-request-fields.ts); the housing format above is unchanged:
 *
 * ```xml
 *   <service>kindergarten-queue</service> … <applicant iin="…"/>
 *   <request><field name="child.iin">210601600123</field></request>
 *   <documents>…</documents>
 * ```
 *
 * Who must sign: the staff member when `<staff>` is present (desk and ЦОН: the officer or operator signs with
 * their ЭЦП), otherwise the representative when present, otherwise the applicant.
 */
import type { Element } from '@xmldom/xmldom'
import { Category } from '@kezek/domain'
import type { ApplicationRequest } from '@kezek/domain'
import type { ServiceRequest } from '@kezek/domain'
import { BIN, IIN } from '@kezek/domain'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { BadInput } from './refusal.js'
import { readRequestFields, serviceRequestFromFields, serviceRequestXml } from './service-request-fields.js'
import { attribute, checkAttributes, elementChildren, escapeXml, fieldsOf, invalid, text } from './xml-reading.js'

export const APPLICATION_NS = 'urn:kezek:application:1'

export type StaffRole = 'officer' | 'operator'

/** Plain input for building a request document (strings and numbers: the HTTP layer fills it from a form). */
export interface ApplicationRequestInput {
  readonly serviceId: string
  readonly providerId: string
  readonly applicantIin: string
  readonly category: string
  readonly familySize: number
  readonly documents: readonly { readonly kind: string; readonly sha256: string }[]
  readonly representative?: { readonly iin: string; readonly powerOfAttorney: string }
  readonly staff?: { readonly role: StaffRole; readonly iin: string; readonly bin: string }
  /** Optional Id on the root, for signers that reference `#id` instead of `""`. */
  readonly id?: string
}

/**
 * A request of another service: the same document with the typed request in place of category and family size.
 * `documents` and `representative` fill the request's own fields, so the document cannot state two versions.
 */
export interface ServiceApplicationInput {
  readonly providerId: string
  readonly applicantIin: string
  /** Its `service` is the document's `<service>`; its `representativeIin` is not written (`representative` is). */
  readonly request: ServiceRequest
  readonly representative?: { readonly iin: string; readonly powerOfAttorney: string }
  readonly staff?: { readonly role: StaffRole; readonly iin: string; readonly bin: string }
  readonly id?: string
}

interface DocumentCommon {
  readonly serviceId: string
  readonly providerId: string
  readonly applicantIin: IIN
  readonly documents: readonly { readonly kind: string; readonly digest: string }[]
  readonly representative?: { readonly iin: IIN; readonly powerOfAttorney: string }
  readonly staff?: { readonly role: StaffRole; readonly iin: IIN; readonly bin: BIN }
}

/** The request as read from the signed element, fields validated: the housing request, or another service's. */
export type ApplicationRequestDocument =
  | (DocumentCommon & { readonly category: Category; readonly familySize: number; readonly request?: undefined })
  | (DocumentCommon & { readonly request: ServiceRequest; readonly category?: undefined; readonly familySize?: undefined })

/** The IIN (and BIN, for staff) the signer's certificate must carry. */
export const expectedSigner = (r: ApplicationRequestDocument): { readonly iin: string; readonly bin?: string; readonly who: string } =>
  r.staff !== undefined
    ? { iin: r.staff.iin, bin: r.staff.bin, who: r.staff.role }
    : r.representative !== undefined
      ? { iin: r.representative.iin, who: 'representative' }
      : { iin: r.applicantIin, who: 'applicant' }

/** The request the command `sign` carries: the housing `ApplicationRequest`, or the service's typed request. */
export const toDomainRequest = (r: ApplicationRequestDocument): ApplicationRequest | ServiceRequest =>
  r.request !== undefined
    ? r.request
    : {
        category: r.category,
        familySize: r.familySize,
        documents: r.documents,
        ...(r.representative === undefined ? {} : { representativeIin: r.representative.iin }),
      }

const SHA256_HEX = /^[0-9a-f]{64}$/
const BOUNDED = /^[^\s](?:[^\n]{0,198}[^\s])?$/
const MAX_DOCUMENTS = 200

export const buildApplicationRequestXml = (input: ApplicationRequestInput | ServiceApplicationInput): string => {
  const a = (name: string, value: string): string => ` ${name}="${escapeXml(value)}"`
  const serviceId = 'request' in input ? input.request.service : input.serviceId
  const documents = 'request' in input ? input.request.documents.map((d) => ({ kind: d.kind, sha256: d.digest })) : input.documents
  const lines = [
    `<application xmlns="${APPLICATION_NS}"${input.id === undefined ? '' : a('Id', input.id)}>`,
    `  <service>${escapeXml(serviceId)}</service>`,
    `  <provider>${escapeXml(input.providerId)}</provider>`,
    `  <applicant${a('iin', input.applicantIin)}/>`,
    ...(input.representative === undefined
      ? []
      : [`  <representative${a('iin', input.representative.iin)}${a('powerOfAttorney', input.representative.powerOfAttorney)}/>`]),
    ...(input.staff === undefined
      ? []
      : [`  <staff${a('role', input.staff.role)}${a('iin', input.staff.iin)}${a('bin', input.staff.bin)}/>`]),
    ...('request' in input
      ? serviceRequestXml(input.request)
      : [`  <category>${escapeXml(input.category)}</category>`, `  <familySize>${String(input.familySize)}</familySize>`]),
    '  <documents>',
    ...documents.map((d) => `    <document${a('kind', d.kind)}${a('sha256', d.sha256)}/>`),
    '  </documents>',
    '</application>',
  ]
  return lines.join('\n')
}

const iinAttribute = (el: Element, name: string): E.Either<BadInput, IIN> => {
  const value = attribute(el, name)
  if (E.isLeft(value)) return value
  return IIN.is(value.right) ? E.right(value.right) : E.left(invalid(`<${el.localName} ${name}> is not a valid IIN`))
}

const bounded = (what: string, value: E.Either<BadInput, string>): E.Either<BadInput, string> =>
  E.isLeft(value) || BOUNDED.test(value.right) ? value : E.left(invalid(`${what} must be 1–200 characters on one line`))

const one = (fields: Map<string, Element[]>, name: string): E.Either<BadInput, Element> => {
  const el = fields.get(name)?.[0]
  return el === undefined ? E.left(invalid(`<${name}> is required`)) : E.right(el)
}

const optional = (fields: Map<string, Element[]>, name: string): Element | undefined => fields.get(name)?.[0]

const readDocuments = (container: Element): E.Either<BadInput, ApplicationRequestDocument['documents']> => {
  const children = fieldsOf(container, APPLICATION_NS, [], ['document'])
  if (E.isLeft(children)) return children
  const items = children.right.get('document') ?? []
  if (items.length > MAX_DOCUMENTS) return E.left(invalid(`at most ${MAX_DOCUMENTS} documents`))
  const out: { kind: string; digest: string }[] = []
  for (const d of items) {
    const attrs = checkAttributes(d, ['kind', 'sha256'])
    if (E.isLeft(attrs)) return attrs
    if (elementChildren(d).length > 0 || (d.textContent ?? '').trim() !== '') return E.left(invalid('<document> must be empty'))
    const kind = bounded('document kind', attribute(d, 'kind'))
    if (E.isLeft(kind)) return kind
    const digest = attribute(d, 'sha256')
    if (E.isLeft(digest)) return digest
    if (!SHA256_HEX.test(digest.right)) return E.left(invalid('document sha256 must be 64 lowercase hex digits'))
    out.push({ kind: kind.right, digest: digest.right })
  }
  return E.right(out)
}

const readRepresentative = (el: Element | undefined): E.Either<BadInput, ApplicationRequestDocument['representative']> => {
  if (el === undefined) return E.right(undefined)
  const attrs = checkAttributes(el, ['iin', 'powerOfAttorney'])
  if (E.isLeft(attrs)) return attrs
  const iin = iinAttribute(el, 'iin')
  if (E.isLeft(iin)) return iin
  const poa = bounded('powerOfAttorney', attribute(el, 'powerOfAttorney'))
  if (E.isLeft(poa)) return poa
  return E.right({ iin: iin.right, powerOfAttorney: poa.right })
}

const readStaff = (el: Element | undefined): E.Either<BadInput, ApplicationRequestDocument['staff']> => {
  if (el === undefined) return E.right(undefined)
  const attrs = checkAttributes(el, ['role', 'iin', 'bin'])
  if (E.isLeft(attrs)) return attrs
  const role = attribute(el, 'role')
  if (E.isLeft(role)) return role
  if (role.right !== 'officer' && role.right !== 'operator') return E.left(invalid('<staff role> is officer or operator'))
  const iin = iinAttribute(el, 'iin')
  if (E.isLeft(iin)) return iin
  const bin = attribute(el, 'bin')
  if (E.isLeft(bin)) return bin
  if (!BIN.is(bin.right)) return E.left(invalid('<staff bin> is not a valid BIN'))
  return E.right({ role: role.right, iin: iin.right, bin: bin.right })
}

const readFamilySize = (el: Element): E.Either<BadInput, number> => {
  const value = text(el)
  if (E.isLeft(value)) return value
  return /^[1-9]\d?$/.test(value.right) ? E.right(Number(value.right)) : E.left(invalid('familySize is a whole number 1–99'))
}

const SINGLE = ['service', 'provider', 'applicant', 'representative', 'staff', 'category', 'familySize', 'documents', 'request']

/** Reads the request from the element the signature covers — never from anywhere else in the document. */
export const readApplicationRequest = (root: Element): E.Either<BadInput, ApplicationRequestDocument> => {
  if (root.namespaceURI !== APPLICATION_NS || root.localName !== 'application') {
    return E.left(invalid(`the signed root is {${root.namespaceURI ?? ''}}${root.localName ?? ''}, expected {${APPLICATION_NS}}application`))
  }
  const rootAttrs = checkAttributes(root, ['Id'])
  if (E.isLeft(rootAttrs)) return rootAttrs
  const fields = fieldsOf(root, APPLICATION_NS, SINGLE)
  if (E.isLeft(fields)) return fields
  const f = fields.right
  const get = (name: string): E.Either<BadInput, string> =>
    pipe(one(f, name), E.chainFirst((el) => checkAttributes(el, [])), E.chain(text))

  const serviceId = bounded('service', get('service'))
  if (E.isLeft(serviceId)) return serviceId
  const providerId = bounded('provider', get('provider'))
  if (E.isLeft(providerId)) return providerId
  const applicantEl = one(f, 'applicant')
  if (E.isLeft(applicantEl)) return applicantEl
  const applicantAttrs = checkAttributes(applicantEl.right, ['iin'])
  if (E.isLeft(applicantAttrs)) return applicantAttrs
  const applicantIin = iinAttribute(applicantEl.right, 'iin')
  if (E.isLeft(applicantIin)) return applicantIin
  const documentsEl = one(f, 'documents')
  if (E.isLeft(documentsEl)) return documentsEl
  const documents = pipe(checkAttributes(documentsEl.right, []), E.chain(() => readDocuments(documentsEl.right)))
  if (E.isLeft(documents)) return documents
  const representative = readRepresentative(optional(f, 'representative'))
  if (E.isLeft(representative)) return representative
  const staff = readStaff(optional(f, 'staff'))
  if (E.isLeft(staff)) return staff
  const common: DocumentCommon = {
    serviceId: serviceId.right,
    providerId: providerId.right,
    applicantIin: applicantIin.right,
    documents: documents.right,
    ...(representative.right === undefined ? {} : { representative: representative.right }),
    ...(staff.right === undefined ? {} : { staff: staff.right }),
  }
  const requestEl = optional(f, 'request')
  return requestEl === undefined ? readHousing(f, get, common) : readService(f, requestEl, common)
}

/** The housing request: `<category>` and `<familySize>`, exactly as before service requests existed. */
const readHousing = (
  f: Map<string, Element[]>,
  get: (name: string) => E.Either<BadInput, string>,
  common: DocumentCommon,
): E.Either<BadInput, ApplicationRequestDocument> => {
  const category = get('category')
  if (E.isLeft(category)) return category
  if (!Category.is(category.right)) return E.left(invalid(`category ${category.right.slice(0, 60)} is unknown`))
  const familySizeEl = one(f, 'familySize')
  if (E.isLeft(familySizeEl)) return familySizeEl
  const familySize = pipe(checkAttributes(familySizeEl.right, []), E.chain(() => readFamilySize(familySizeEl.right)))
  if (E.isLeft(familySize)) return familySize
  return E.right({ ...common, category: category.right, familySize: familySize.right })
}

/** Another service's request: `<request>` alone, never beside the housing fields (one document, one request). */
const readService = (f: Map<string, Element[]>, el: Element, common: DocumentCommon): E.Either<BadInput, ApplicationRequestDocument> => {
  if (f.has('category') || f.has('familySize')) return E.left(invalid('<request> replaces <category> and <familySize>; a document states one request'))
  const fields = readRequestFields(el, APPLICATION_NS)
  if (E.isLeft(fields)) return fields
  const request = serviceRequestFromFields(common.serviceId, fields.right, {
    documents: common.documents,
    ...(common.representative === undefined ? {} : { representativeIin: common.representative.iin }),
  })
  if (E.isLeft(request)) return request
  return E.right({ ...common, request: request.right })
}
