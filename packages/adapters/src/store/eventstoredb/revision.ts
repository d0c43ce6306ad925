/**
 * Expected revisions between the port (numbers and the KurrentDB words) and the client (bigint and its constants).
 */
import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client'
import type { ExpectedRevision } from '../port.js'
import { expectationHolds } from '../validate.js'

export const toClientExpected = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY
    case 'no_stream':
      return NO_STREAM
    case 'stream_exists':
      return STREAM_EXISTS
    default:
      return BigInt(expected)
  }
}

/** The reverse, for errors the server reports in its own terms. */
export const fromClientExpected = (expected: AppendExpectedRevision): ExpectedRevision =>
  typeof expected === 'bigint' ? toRevision(expected) : expected

/** The stream's last revision, or `undefined` when the server says it has none. */
export const fromCurrentRevision = (current: CurrentRevision | undefined): number | undefined =>
  current === undefined || current === NO_STREAM ? undefined : toRevision(current)

/** Revisions are bigint on the wire; ours are numbers. 2^53 events in one stream is out of reach, so we check. */
export const toRevision = (r: bigint): number => {
  if (r < 0n || r > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`revision out of range: ${r}`)
  return Number(r)
}

/**
 * Whether a stream whose last revision is `actual` satisfies `expected` (the rule every back-end shares). The
 * adapter checks it itself before it turns the caller's expectation into an exact revision: the hash chain needs
 * the exact predecessor.
 */
export const satisfies = expectationHolds
