/**
 * io-ts validation of request bodies and query strings: every input is decoded before use, and a failure is a
 * 422 problem listing each field that failed.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { decodeWith } from '@kezek/domain'
import { problem, type Problem } from '../problem/problem.js'

export const decodeInput = <A, O>(codec: t.Type<A, O, unknown>, input: unknown, what = 'body'): E.Either<Problem, A> =>
  E.mapLeft((e: { readonly errors: readonly string[] }) =>
    problem('validation-failed', `the ${what} does not match ${codec.name}`, { errors: e.errors }))(decodeWith(codec)(input))
