/**
 * Client exceptions → the port's typed errors. Only the outcomes a caller can act on become values (a conflict, an
 * unknown stream); everything else (unavailable, access denied, deadline) stays an exception, because nothing was
 * written and the caller's only move is to retry or give up.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  ErrorType,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import type { AppendError, ExpectedRevision, StreamNotFound } from '../port.js'
import { fromCurrentRevision } from './revision.js'

const hasType = (e: unknown, type: ErrorType): boolean =>
  typeof e === 'object' && e !== null && (e as { type?: unknown }).type === type

/**
 * A failed append as a port error, or the original exception when it is not a concurrency outcome. `expected` is
 * what the caller asked for (the adapter may have sent the server a narrower, exact revision).
 */
export const appendErrorFrom = (
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): E.Either<unknown, AppendError> => {
  if (error instanceof WrongExpectedVersionError || hasType(error, ErrorType.WRONG_EXPECTED_VERSION)) {
    const actual = (error as WrongExpectedVersionError).actualVersion
    return E.right({ kind: 'wrong_expected_revision', streamId, expected, actual: fromCurrentRevision(actual) })
  }
  return E.left(error)
}

/**
 * A failed stream read as `stream_not_found`, or the original exception. A deleted (soft-deleted or tombstoned)
 * stream reads as not found too: to the port a stream with no readable events does not exist.
 */
export const readErrorFrom = (error: unknown, streamId: string): E.Either<unknown, StreamNotFound> =>
  error instanceof StreamNotFoundError ||
  error instanceof StreamDeletedError ||
  hasType(error, ErrorType.STREAM_NOT_FOUND) ||
  hasType(error, ErrorType.STREAM_DELETED)
    ? E.right({ kind: 'stream_not_found', streamId })
    : E.left(error)

/** Errors after which a subscription may resubscribe from its last checkpoint (the connection, not the data). */
export const isTransient = (error: unknown): boolean =>
  hasType(error, ErrorType.UNAVAILABLE) ||
  hasType(error, ErrorType.DEADLINE_EXCEEDED) ||
  hasType(error, ErrorType.NOT_LEADER) ||
  hasType(error, ErrorType.TIMEOUT)
