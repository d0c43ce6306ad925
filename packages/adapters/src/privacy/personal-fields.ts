/**
 * Which fields of an event are personal data, whose they are, and what they read as once erased.
 *
 * A field is named by a dotted path *suffix* matched at any depth: `applicantIin` is that key wherever it appears,
 * `signer.iin` is `iin` directly under a `signer` object (in `checked.check.signer` and in a signature verdict
 * alike). Array indices do not take part in matching.
 */
import type { Json } from '../store/port.js'

/**
 * The erased IIN. All zeros passes the IIN checksum (the weighted sum is 0, so is the check digit), so an erased
 * event still decodes with `@kezek/domain`'s `IIN` codec; no real person has it (no valid birth date).
 */
export const ERASED_IIN = '000000000000'
/** The erased name, for free-text personal fields. */
export const ERASED_TEXT = '[erased]'

export interface PersonalField {
  /** `data` is the event payload, `metadata` the provenance envelope. */
  readonly in: 'data' | 'metadata'
  readonly path: string
  /** The data subject: the field's own value (an IIN), or a sibling key holding the IIN (a name next to its IIN). */
  readonly subject: 'self' | { readonly sibling: string }
  /** What the field reads as after erasure; must decode with the field's domain codec. */
  readonly erased: Json
  /** Only when the object holding the field satisfies this (e.g. the actor is a citizen, not staff). */
  readonly when?: (container: { readonly [k: string]: Json }) => boolean
}

const iin = (section: 'data' | 'metadata', path: string): PersonalField => ({
  in: section, path, subject: 'self', erased: ERASED_IIN,
})

/** kezek's events and envelope: every IIN and the signer's name. */
export const kezekPersonalFields: readonly PersonalField[] = [
  iin('data', 'applicantIin'),
  iin('data', 'representativeIin'),
  iin('data', 'successorIin'),
  iin('data', 'signerIin'),
  iin('data', 'signer.iin'),
  { in: 'data', path: 'signer.commonName', subject: { sibling: 'iin' }, erased: ERASED_TEXT },
  // Staff ids are not personal data of a citizen; a citizen acting for themselves is identified by IIN.
  { ...iin('metadata', 'actor.id'), when: (actor) => actor.role === 'citizen' },
  iin('metadata', 'onBehalfOf.iin'),
]

export interface Match {
  readonly field: PersonalField
  /** Where the value sits, e.g. `data/check/signer/iin`: bound into the ciphertext. */
  readonly at: string
}

const endsWith = (keys: readonly string[], suffix: readonly string[]): boolean =>
  suffix.length <= keys.length && suffix.every((s, i) => keys[keys.length - suffix.length + i] === s)

type JsonObject = { readonly [k: string]: Json }
const isObject = (v: Json): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Rebuilds `json`, replacing each personal field's value by `replace(value, match, container)`. The container is the
 * object as it was before any replacement, so a name can still find the IIN next to it.
 */
export const mapPersonalFields = async (
  json: Json,
  section: 'data' | 'metadata',
  fields: readonly PersonalField[],
  replace: (value: Json, match: Match, container: JsonObject) => Promise<Json>,
): Promise<Json> => {
  const mine = fields.filter((f) => f.in === section).map((f) => ({ field: f, suffix: f.path.split('.') }))
  const walk = async (node: Json, keys: readonly string[], at: string): Promise<Json> => {
    if (Array.isArray(node)) {
      const out: Json[] = []
      for (const [i, item] of (node as readonly Json[]).entries()) out.push(await walk(item, keys, `${at}/${i}`))
      return out
    }
    if (!isObject(node)) return node
    const out: { [k: string]: Json } = {}
    for (const [k, v] of Object.entries(node)) {
      const path = [...keys, k]
      const hit = mine.find((m) => endsWith(path, m.suffix) && (m.field.when?.(node) ?? true))
      out[k] = hit !== undefined && v !== null && typeof v !== 'object'
        ? await replace(v, { field: hit.field, at: `${at}/${k}` }, node)
        : await walk(v, path, `${at}/${k}`)
    }
    return out
  }
  return walk(json, [], section)
}

/** The IIN that owns a matched field, or a reason it has none. */
export const subjectOf = (value: Json, field: PersonalField, container: JsonObject): string | undefined => {
  const owner = field.subject === 'self' ? value : container[field.subject.sibling]
  return typeof owner === 'string' && owner !== '' ? owner : undefined
}
