/**
 * Which fields of an event are personal data, found by walking the domain's codecs for the `personal(...)` marks
 * (`@kezek/domain` kernel/personal.ts) — never a hand list, so a field added to a codec with a personal type is
 * encrypted and erased without anyone remembering to list it here.
 *
 * A field is named by its path from the payload's root (`request.children.iin`); array elements are transparent
 * (`children[3].iin` is `children.iin`). Each event type has its own paths; the envelope's paths hold for every event.
 */
import type * as t from 'io-ts'
import { allEventCodecs, Envelope, ERASED_IIN, ERASED_TEXT, type PersonalMark } from '@kezek/domain'
import type { Json } from '../store/port.js'

export { ERASED_IIN, ERASED_TEXT }

export interface PersonalField {
  /** `data` is the event payload, `metadata` the provenance envelope. */
  readonly in: 'data' | 'metadata'
  readonly path: readonly string[]
  readonly mark: PersonalMark
}

type Codec = t.Any & { readonly _tag?: string; readonly props?: t.Props; readonly types?: readonly t.Any[]; readonly type?: t.Any; readonly mark?: PersonalMark }

/** Every marked field under `codec`, with its path (array elements transparent). */
export const marksOf = (codec: t.Any, path: readonly string[] = []): Array<{ readonly path: readonly string[]; readonly mark: PersonalMark }> => {
  const c = codec as Codec
  switch (c._tag) {
    case 'PersonalType':
      return [{ path, mark: c.mark! }]
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
      return Object.entries(c.props ?? {}).flatMap(([k, v]) => marksOf(v, [...path, k]))
    case 'IntersectionType':
    case 'UnionType':
      return (c.types ?? []).flatMap((x) => marksOf(x, path))
    case 'RefinementType':
    case 'ReadonlyType':
    case 'ExactType':
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return c.type === undefined ? [] : marksOf(c.type, path)
    default:
      return []
  }
}

/** Paths (joined with `.`) to the marks found there; a path under a union may carry more than one. */
export type FieldIndex = ReadonlyMap<string, readonly PersonalField[]>

export interface PersonalFields {
  /** The payload fields of one event type (an unknown type gets the union of every known type's). */
  readonly data: (eventType: string) => FieldIndex
  readonly metadata: FieldIndex
  /** Every field, per event type, for documentation and tests. */
  readonly byEventType: ReadonlyMap<string, readonly PersonalField[]>
}

const index = (fields: readonly PersonalField[]): FieldIndex => {
  const out = new Map<string, PersonalField[]>()
  for (const f of fields) {
    const key = f.path.join('.')
    const list = out.get(key) ?? []
    if (!list.some((x) => JSON.stringify(x.mark) === JSON.stringify(f.mark))) list.push(f)
    out.set(key, list)
  }
  return out
}

/** Derives the personal fields of a vocabulary from its codecs and its envelope codec. */
export const personalFieldsFrom = (eventCodecs: Readonly<Record<string, t.Any>>, envelope: t.Any): PersonalFields => {
  const byEventType = new Map<string, PersonalField[]>()
  for (const [type, codec] of Object.entries(eventCodecs)) {
    byEventType.set(type, marksOf(codec).map((m) => ({ in: 'data' as const, ...m })))
  }
  const perType = new Map([...byEventType].map(([k, v]) => [k, index(v)]))
  const anyType = index([...byEventType.values()].flat())
  return {
    data: (type) => perType.get(type) ?? anyType,
    metadata: index(marksOf(envelope).map((m) => ({ in: 'metadata' as const, ...m }))),
    byEventType,
  }
}

/** kezek's events and envelope, as the domain's codecs mark them. */
export const kezekPersonalFields: PersonalFields = personalFieldsFrom(allEventCodecs, Envelope)

export interface Match {
  readonly field: PersonalField
  /** Where the value sits, e.g. `data/check/signer/iin`: bound into the ciphertext. */
  readonly at: string
}

type JsonObject = { readonly [k: string]: Json }
const isObject = (v: Json): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Whether a field's mark holds in `container` (a mark may apply only when a sibling has a given value). */
export const applies = (f: PersonalField, container: JsonObject): boolean =>
  f.mark.when === undefined || container[f.mark.when.sibling] === f.mark.when.equals

/** The marked paths as a tree: at each level, only the keys worth looking at, and the fields marked there. */
export interface Branch {
  readonly fields: readonly PersonalField[] | undefined
  /**
   * The keys below, as an array and not a Map: a walk runs for every section of every event sealed or read, and
   * iterating a Map made an iterator and an entry array per key (a third of the walk's allocation).
   */
  readonly next: readonly (readonly [key: string, branch: Branch])[]
}

const branchCache = new WeakMap<FieldIndex, Branch>()
/** The tree of `fields`, built once per index: every walk that looks for personal values follows it. */
export const branchesOf = (fields: FieldIndex): Branch => {
  let root = branchCache.get(fields)
  if (root === undefined) {
    type Mutable = { fields: PersonalField[] | undefined; next: Map<string, Mutable> }
    const top: Mutable = { fields: undefined, next: new Map() }
    for (const [key, marked] of fields) {
      let at = top
      for (const part of key.split('.')) {
        let child = at.next.get(part)
        if (child === undefined) at.next.set(part, (child = { fields: undefined, next: new Map() }))
        at = child
      }
      at.fields = [...(at.fields ?? []), ...marked]
    }
    const frozen = (m: Mutable): Branch => ({ fields: m.fields, next: [...m.next].map(([k, child]) => [k, frozen(child)] as const) })
    branchCache.set(fields, (root = frozen(top)))
  }
  return root
}

/**
 * `json` with each personal value replaced by `replace(value, match, container)`, in one synchronous pass (where
 * every answer is at hand: a decrypting read whose keys are all cached). Only the marked paths are walked (a
 * payload's other keys are never visited: this runs for every event a decrypting store reads). The container is
 * the object as it was before any replacement; an object is copied only where something in it changed, and what
 * holds no personal value is returned as it is.
 */
type Replace = (value: Json, match: Match, container: JsonObject) => Json

export const replacePersonalFields = (
  json: Json,
  section: 'data' | 'metadata',
  fields: FieldIndex,
  replace: Replace,
): Json => walk(json, branchesOf(fields), section, replace)

/** The first of `fields` whose mark holds in `container`: a loop, not a closure made per key walked. */
const applying = (fields: readonly PersonalField[], container: JsonObject): PersonalField | undefined => {
  for (const f of fields) if (applies(f, container)) return f
  return undefined
}

/** A function of the module, not a closure made per call: it runs for every section of every event read. */
const walk = (node: Json, branch: Branch, at: string, replace: Replace): Json => {
  if (Array.isArray(node)) return (node as readonly Json[]).map((item, i) => walk(item, branch, `${at}/${i}`, replace))
  if (!isObject(node)) return node
  let out: { [k: string]: Json } | undefined
  for (const [k, child] of branch.next) {
    if (!Object.hasOwn(node, k)) continue
    const v = node[k] as Json
    const hit = child.fields === undefined ? undefined : applying(child.fields, node)
    const next = hit !== undefined && v !== null && typeof v !== 'object'
      ? replace(v, { field: hit, at: `${at}/${k}` }, node)
      : hit !== undefined && Array.isArray(v)
        ? (v as readonly Json[]).map((x, i) => (x !== null && typeof x !== 'object' ? replace(x, { field: hit, at: `${at}/${k}/${i}` }, node) : x))
        : v !== null && typeof v === 'object' && child.next.length > 0
          ? walk(v, child, `${at}/${k}`, replace)
          : v
    if (next !== v) (out ??= { ...node })[k] = next
  }
  return out ?? node
}

/** The personal values of `json` with where they sit, in the order `mapPersonalFields` replaces them. */
export const personalValuesOf = (
  json: Json,
  section: 'data' | 'metadata',
  fields: FieldIndex,
): Array<readonly [Json, Match, JsonObject]> => {
  const found: Array<readonly [Json, Match, JsonObject]> = []
  replacePersonalFields(json, section, fields, (value, match, container) => {
    found.push([value, match, container])
    return value
  })
  return found
}

/**
 * Rebuilds `json`, replacing each personal field's value by `replace(value, match, container)`, one value after
 * the other. The container is the object as it was before any replacement, so a name can still find the IIN next
 * to it. The walk itself is synchronous (a first pass finds the values, a second puts the answers in): only the
 * replacements wait, and a payload with no personal value is returned as it is, without waiting at all.
 */
export const mapPersonalFields = async (
  json: Json,
  section: 'data' | 'metadata',
  fields: FieldIndex,
  replace: (value: Json, match: Match, container: JsonObject) => Promise<Json>,
): Promise<Json> => {
  const found = personalValuesOf(json, section, fields)
  if (found.length === 0) return json
  const answers: Json[] = []
  for (const [value, match, container] of found) answers.push(await replace(value, match, container))
  let next = 0
  return replacePersonalFields(json, section, fields, () => answers[next++] as Json)
}

/** The IINs that own a matched value besides the application's applicant (an IIN owns itself). */
export const ownersOf = (value: Json, field: PersonalField, container: JsonObject): readonly string[] => {
  const owner = field.mark.kind === 'iin' ? value : field.mark.owner === undefined ? undefined : container[field.mark.owner.sibling]
  return typeof owner === 'string' && owner !== '' ? [owner] : []
}
