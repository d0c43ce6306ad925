/**
 * The IINs an event names in its personal fields (applicant, representative, children, second parent, signer,
 * citizen actor …), found through the codecs' marks: what an erasure looks for and what a read model indexes so it
 * can find a person's applications without reading every stream.
 */
import type { Json, NewEvent } from '../store/port.js'
import { applies, branchesOf, kezekPersonalFields, type Branch, type PersonalField, type PersonalFields } from './personal-fields.js'
import { ERASED_IIN } from './personal-fields.js'

type JsonObject = { readonly [k: string]: Json }
const isObject = (v: Json): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v)

const namesIin = (f: PersonalField, container: JsonObject): boolean => f.mark.kind === 'iin' && applies(f, container)

/**
 * Follows the tree of marked paths only, as the decrypting read does: this runs for every event the read models
 * apply, and walking every key with its dotted path built as a string was most of its cost (--cpu-prof, issue 19).
 */
const collect = (node: Json, branch: Branch, out: Set<string>): void => {
  if (Array.isArray(node)) { for (const x of node as readonly Json[]) collect(x, branch, out); return }
  if (!isObject(node)) return
  for (const [k, child] of branch.next) {
    if (!Object.hasOwn(node, k)) continue
    const v = node[k] as Json
    if (child.fields?.some((f) => namesIin(f, node)) === true) {
      for (const x of Array.isArray(v) ? (v as readonly Json[]) : [v]) if (typeof x === 'string' && x !== ERASED_IIN && !x.startsWith('pii1.')) out.add(x)
    } else if (child.next.length > 0) collect(v, child, out)
  }
}

export const iinsNamedIn = (e: Pick<NewEvent, 'type' | 'data' | 'metadata'>, fields: PersonalFields = kezekPersonalFields): readonly string[] => {
  const out = new Set<string>()
  collect(e.data, branchesOf(fields.data(e.type)), out)
  collect(e.metadata, branchesOf(fields.metadata), out)
  return [...out]
}
