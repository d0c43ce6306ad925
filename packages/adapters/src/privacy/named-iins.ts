/**
 * The IINs an event names in its personal fields (applicant, representative, children, second parent, signer,
 * citizen actor …), found through the codecs' marks: what an erasure looks for and what a read model indexes so it
 * can find a person's applications without reading every stream.
 */
import type { Json, NewEvent } from '../store/port.js'
import { kezekPersonalFields, type FieldIndex, type PersonalFields } from './personal-fields.js'
import { ERASED_IIN } from './personal-fields.js'

type JsonObject = { readonly [k: string]: Json }
const isObject = (v: Json): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v)

const collect = (node: Json, keys: string, fields: FieldIndex, out: Set<string>): void => {
  if (Array.isArray(node)) { for (const x of node as readonly Json[]) collect(x, keys, fields, out); return }
  if (!isObject(node)) return
  for (const [k, v] of Object.entries(node)) {
    const path = keys === '' ? k : `${keys}.${k}`
    const hit = fields.get(path)?.find((f) => f.mark.kind === 'iin' && (f.mark.when === undefined || node[f.mark.when.sibling] === f.mark.when.equals))
    if (hit !== undefined) {
      for (const x of Array.isArray(v) ? (v as readonly Json[]) : [v]) if (typeof x === 'string' && x !== ERASED_IIN && !x.startsWith('pii1.')) out.add(x)
    } else collect(v, path, fields, out)
  }
}

export const iinsNamedIn = (e: Pick<NewEvent, 'type' | 'data' | 'metadata'>, fields: PersonalFields = kezekPersonalFields): readonly string[] => {
  const out = new Set<string>()
  collect(e.data, '', fields.data(e.type), out)
  collect(e.metadata, '', fields.metadata, out)
  return [...out]
}
