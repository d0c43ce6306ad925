/**
 * The typed request of a service other than the housing queue, as it stands inside the signed application
 * document: one `<field>` per leaf value, named by its path, typed when it is not text.
 *
 * ```xml
 * <request>
 *   <field name="deal">pledge</field>
 *   <field name="children.0.iin">100101500123</field>
 *   <field name="children.0.consent" type="boolean">true</field>
 *   <field name="pledge.loanTiyn" type="integer">1500000000</field>
 * </request>
 * ```
 *
 * Flat paths rather than nested elements so one strict reader serves every service, present and future: the
 * domain's `ServiceRequest` codec decides what a request may hold, and a field the codec does not know is refused
 * (nothing can ride along in the signed document unnoticed). `service`, `documents` and `representativeIin` are
 * not fields: the document states them in `<service>`, `<documents>` and `<representative>`.
 */
import type { Element } from '@xmldom/xmldom'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { ServiceRequest } from '@kezek/domain'
import type { BadInput } from './refusal.js'
import { attribute, checkAttributes, escapeXml, fieldsOf, invalid, text } from './xml-reading.js'

export type FieldType = 'string' | 'integer' | 'boolean'

export interface RequestField {
  readonly name: string
  readonly type: FieldType
  readonly value: string
}

const MAX_FIELDS = 200
const MAX_VALUE = 500
const NAME = /^[a-zA-Z][a-zA-Z0-9]{0,40}(?:\.(?:0|[1-9]\d{0,2}|[a-zA-Z][a-zA-Z0-9]{0,40})){0,6}$/
const INTEGER = /^-?(?:0|[1-9]\d{0,15})$/
/** Stated by the document's own elements, never as fields. */
const OUTSIDE = new Set(['service', 'documents', 'representativeIin'])

const leaf = (name: string, v: unknown): RequestField => {
  if (typeof v === 'boolean') return { name, type: 'boolean', value: String(v) }
  if (typeof v === 'number') return { name, type: 'integer', value: String(v) }
  return { name, type: 'string', value: String(v) }
}

const walk = (prefix: string, v: unknown, out: RequestField[]): void => {
  if (Array.isArray(v)) { v.forEach((x, i) => walk(`${prefix}.${i}`, x, out)); return }
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) if (x !== undefined) walk(prefix === '' ? k : `${prefix}.${k}`, x, out)
    return
  }
  out.push(leaf(prefix, v))
}

/** The fields of a request, in its own key order (deterministic: the same request gives the same document). */
export const serviceRequestFields = (request: ServiceRequest): readonly RequestField[] => {
  const out: RequestField[] = []
  for (const [k, v] of Object.entries(request)) if (!OUTSIDE.has(k) && v !== undefined) walk(k, v, out)
  return out
}

export const serviceRequestXml = (request: ServiceRequest, indent = '  '): string[] => [
  `${indent}<request>`,
  ...serviceRequestFields(request).map((f) =>
    `${indent}  <field name="${escapeXml(f.name)}"${f.type === 'string' ? '' : ` type="${f.type}"`}>${escapeXml(f.value)}</field>`),
  `${indent}</request>`,
]

const valueOf = (f: RequestField): E.Either<BadInput, unknown> => {
  if (f.type === 'string') return f.value.length <= MAX_VALUE ? E.right(f.value) : E.left(invalid(`field ${f.name} is longer than ${MAX_VALUE} characters`))
  if (f.type === 'integer') return INTEGER.test(f.value) ? E.right(Number(f.value)) : E.left(invalid(`field ${f.name} is not a whole number`))
  return f.value === 'true' || f.value === 'false' ? E.right(f.value === 'true') : E.left(invalid(`field ${f.name} is true or false`))
}

type Tree = Record<string, unknown> | unknown[]

/** Puts every field at its path; a path that is both a value and a container, or an array with a gap, is refused. */
const assemble = (fields: readonly RequestField[]): E.Either<BadInput, Record<string, unknown>> => {
  const root: Record<string, unknown> = {}
  for (const f of fields) {
    const value = valueOf(f)
    if (E.isLeft(value)) return value
    const path = f.name.split('.')
    let at: Tree = root
    for (let i = 0; i < path.length; i++) {
      const key = path[i] as string
      const last = i === path.length - 1
      const next = path[i + 1]
      const holder = at as Record<string, unknown>
      const present = Object.hasOwn(holder, key) ? holder[key] : undefined
      if (last) {
        if (present !== undefined) return E.left(invalid(`field ${f.name} is given twice or also holds other fields`))
        holder[key] = value.right
        break
      }
      if (present === undefined) {
        const created: Tree = /^\d+$/.test(next ?? '') ? [] : {}
        holder[key] = created
        at = created
      } else if (typeof present === 'object' && present !== null && Array.isArray(present) === /^\d+$/.test(next ?? '')) {
        at = present as Tree
      } else {
        return E.left(invalid(`field ${f.name} conflicts with another field`))
      }
    }
  }
  const dense = (v: unknown): boolean =>
    Array.isArray(v) ? Object.keys(v).length === v.length && v.every(dense)
      : typeof v === 'object' && v !== null ? Object.values(v).every(dense) : true
  return dense(root) ? E.right(root) : E.left(invalid('a list field skips an index'))
}

/**
 * The value as the codec sees it: only the properties some member of the codec declares. Unions keep the first
 * member that accepts the value (the service literal and the inheritance variant pick exactly one).
 */
const known = (codec: t.Mixed, v: unknown): unknown => {
  if (codec instanceof t.RefinementType || codec instanceof t.ReadonlyType || codec instanceof t.ExactType) return known(codec.type as t.Mixed, v)
  if ((codec instanceof t.ReadonlyArrayType || codec instanceof t.ArrayType) && Array.isArray(v)) return v.map((x) => known(codec.type as t.Mixed, x))
  if (codec instanceof t.UnionType) {
    const member = (codec.types as t.Mixed[]).find((m) => E.isRight(m.decode(v)))
    return member === undefined ? v : known(member, v)
  }
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as t.Mixed[]).map((m) => known(m, v))
    return Object.assign({}, ...parts.filter((p) => typeof p === 'object' && p !== null)) as unknown
  }
  if ((codec instanceof t.InterfaceType || codec instanceof t.PartialType) && typeof v === 'object' && v !== null) {
    const props = codec.props as Record<string, t.Mixed>
    const out: Record<string, unknown> = {}
    for (const [k, c] of Object.entries(props)) if (Object.hasOwn(v, k)) out[k] = known(c, (v as Record<string, unknown>)[k])
    return out
  }
  return v
}

/** The typed request of `serviceId` from its fields, the documents and the representative stated beside them. */
export const serviceRequestFromFields = (
  serviceId: string,
  fields: readonly RequestField[],
  outside: { readonly documents: ServiceRequest['documents']; readonly representativeIin?: string },
): E.Either<BadInput, ServiceRequest> => {
  if (fields.length > MAX_FIELDS) return E.left(invalid(`at most ${MAX_FIELDS} request fields`))
  for (const f of fields) {
    if (!NAME.test(f.name)) return E.left(invalid(`request field name ${JSON.stringify(f.name.slice(0, 60))} is not a field path`))
    if (OUTSIDE.has(f.name.split('.')[0] ?? '')) return E.left(invalid(`${f.name} is stated by its own element, not as a request field`))
  }
  const tree = assemble(fields)
  if (E.isLeft(tree)) return tree
  const candidate = {
    service: serviceId, ...tree.right, documents: outside.documents,
    ...(outside.representativeIin === undefined ? {} : { representativeIin: outside.representativeIin }),
  }
  // A value of the wrong type (text where the codec wants a number) fails here: the codec is the one judge.
  const decoded = ServiceRequest.decode(candidate)
  if (E.isLeft(decoded)) {
    const where = decoded.left[0]?.context.map((c) => c.key).filter((k) => k !== '' && !/^\d+$/.test(k)).join('.') ?? ''
    return E.left(invalid(`the request does not fit the service ${serviceId.slice(0, 60)}${where === '' ? '' : ` (at ${where})`}`))
  }
  const declared = new Set(serviceRequestFields(known(ServiceRequest, decoded.right) as ServiceRequest).map((f) => f.name))
  const extra = fields.find((f) => !declared.has(f.name))
  if (extra !== undefined) return E.left(invalid(`request field ${extra.name} is not part of the service ${serviceId.slice(0, 60)}`))
  return E.right(decoded.right)
}

/** Reads `<request>`: `<field name type?>` children only, each text. */
export const readRequestFields = (el: Element, namespace: string): E.Either<BadInput, readonly RequestField[]> => {
  const attrs = checkAttributes(el, [])
  if (E.isLeft(attrs)) return attrs
  const children = fieldsOf(el, namespace, [], ['field'])
  if (E.isLeft(children)) return children
  const items = children.right.get('field') ?? []
  if (items.length > MAX_FIELDS) return E.left(invalid(`at most ${MAX_FIELDS} request fields`))
  const out: RequestField[] = []
  for (const f of items) {
    const fa = checkAttributes(f, ['name', 'type'])
    if (E.isLeft(fa)) return fa
    const name = attribute(f, 'name')
    if (E.isLeft(name)) return name
    const type = f.getAttributeNS(null, 'type') ?? 'string'
    if (type !== 'string' && type !== 'integer' && type !== 'boolean') return E.left(invalid('<field type> is string, integer or boolean'))
    const value = text(f)
    if (E.isLeft(value)) return value
    out.push({ name: name.right, type, value: value.right })
  }
  return E.right(out)
}
