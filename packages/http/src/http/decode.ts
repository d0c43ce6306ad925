/**
 * io-ts validation of request bodies, query strings and path parameters: every input is decoded before use, exactly
 * (see exact.ts — a field the codec does not name is refused, never carried along), and a failure is a 422 problem
 * listing each field that failed.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { Problem } from '../problem/problem.js'
import { decodeExact } from './exact.js'

export const decodeInput = <A, O>(codec: t.Type<A, O, unknown>, input: unknown, what = 'body'): E.Either<Problem, A> =>
  decodeExact(codec, input, what)
