/**
 * The one boundary where untrusted data becomes domain values. Every decode returns an `Either`; nothing throws.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'

/** A value that did not match its codec; `errors` name each path that failed and why. */
export interface DecodeError {
  readonly kind: 'decode_error'
  readonly codec: string
  readonly errors: readonly string[]
}

const describe = (e: t.ValidationError): string => {
  const path = e.context.map((c) => c.key).filter((k) => k !== '').join('.')
  const expected = e.context[e.context.length - 1]?.type.name ?? 'value'
  const shown = (() => {
    try { return JSON.stringify(e.value)?.slice(0, 80) ?? 'undefined' } catch { return String(e.value) }
  })()
  return e.message ?? `${path || '(root)'}: expected ${expected}, got ${shown}`
}

export const decodeWith = <A, O, I>(codec: t.Type<A, O, I>) => (input: I): E.Either<DecodeError, A> =>
  E.mapLeft((errors: t.Errors): DecodeError => ({
    kind: 'decode_error',
    codec: codec.name,
    errors: errors.slice(0, 20).map(describe),
  }))(codec.decode(input))
