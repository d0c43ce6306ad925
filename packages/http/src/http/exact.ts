/**
 * Exact input: a body or query may carry only the fields its codec names, at every depth. io-ts `t.type` keeps
 * unknown properties and `t.exact` drops them silently; neither tells the caller. Here every codec is made exact
 * all the way down (`deepExact`), the input is decoded, and any property the decoded value does not have is an
 * unknown field, answered 422 with its path. So nothing a client adds can travel into a command — not a `type`,
 * not an id, not a queue number — whatever codec a route author wrote.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decodeWith } from '@kezek/domain'
import { problem, type Problem } from '../problem/problem.js'
import { unstorableText } from './text.js'

type Any = t.Mixed

const mapProps = (props: t.Props): t.Props =>
  Object.fromEntries(Object.entries(props).map(([k, c]) => [k, deepExactOf(c as Any)]))

const made = new WeakMap<Any, Any>()

/** The same codec with every object type exact, through unions, intersections, refinements, arrays and records. */
const deepExactOf = (c: Any): Any => {
  const known = made.get(c)
  if (known !== undefined) return known
  let out: Any = c
  if (c instanceof t.InterfaceType) out = t.exact(t.type(mapProps(c.props as t.Props), c.name), c.name)
  else if (c instanceof t.PartialType) out = t.exact(t.partial(mapProps(c.props as t.Props), c.name), c.name)
  else if (c instanceof t.ExactType) out = deepExactOf(c.type as Any)
  else if (c instanceof t.StrictType) out = t.exact(t.type(mapProps(c.props as t.Props), c.name), c.name)
  else if (c instanceof t.UnionType) out = t.union((c.types as Any[]).map(deepExactOf) as [Any, Any, ...Any[]], c.name)
  else if (c instanceof t.IntersectionType) out = t.intersection((c.types as Any[]).map(deepExactOf) as [Any, Any], c.name)
  else if (c instanceof t.RefinementType) out = t.refinement(deepExactOf(c.type as Any), c.predicate as (a: unknown) => boolean, c.name)
  else if (c instanceof t.ReadonlyArrayType) out = t.readonlyArray(deepExactOf(c.type as Any), c.name)
  else if (c instanceof t.ArrayType) out = t.array(deepExactOf(c.type as Any), c.name)
  else if (c instanceof t.ReadonlyType) out = t.readonly(deepExactOf(c.type as Any), c.name)
  else if (c instanceof t.DictionaryType) out = t.record(c.domain as t.Mixed as never, deepExactOf(c.codomain as Any), c.name)
  made.set(c, out)
  return out
}

/** `codec`, exact at every depth. The static type is unchanged: only unknown properties are refused. */
export const deepExact = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> => deepExactOf(codec as unknown as Any) as unknown as t.Type<A, O, unknown>

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/** Paths of the input's properties that the decoded value does not carry: fields the codec does not name. */
export const unknownFields = (input: unknown, decoded: unknown, path = ''): string[] => {
  if (Array.isArray(input) && Array.isArray(decoded))
    return input.flatMap((x, i) => unknownFields(x, decoded[i], `${path}[${i}]`))
  if (!isRecord(input) || !isRecord(decoded)) return []
  return Object.keys(input).flatMap((k) => {
    const at = path === '' ? k : `${path}.${k}`
    return Object.hasOwn(decoded, k) ? unknownFields(input[k], decoded[k], at) : [at]
  })
}

/**
 * Decodes `input` exactly: a field the codec does not name, at any depth, is a 422 naming it (`unknownFields`),
 * and the value returned holds the codec's fields only.
 */
export const decodeExact = <A, O>(codec: t.Type<A, O, unknown>, input: unknown, what = 'body'): E.Either<Problem, A> => {
  const unstorable = unstorableText(input).slice(0, 20)
  if (unstorable.length > 0)
    return E.left(problem('validation-failed', `the ${what} holds a NUL or a lone surrogate in ${unstorable.join(', ')}`,
      { errors: unstorable.map((f) => `${f}: NUL or lone surrogate`) }))
  const exact = deepExact(codec)
  const decoded = decodeWith(exact)(input)
  if (E.isLeft(decoded))
    return E.left(problem('validation-failed', `the ${what} does not match ${codec.name}`, { errors: decoded.left.errors }))
  const extra = unknownFields(input, decoded.right)
  if (extra.length > 0) {
    const shown = extra.slice(0, 20)
    return E.left(problem('validation-failed', `the ${what} has fields ${codec.name} does not accept: ${shown.join(', ')}`,
      { errors: shown.map((f) => `${f}: unknown field`), unknownFields: shown }))
  }
  return E.right(decoded.right)
}
