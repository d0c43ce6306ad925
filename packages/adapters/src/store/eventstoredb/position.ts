/**
 * Global positions of EventStoreDB as the port's opaque strings. ESDB addresses a record in its transaction log by
 * a (commit, prepare) pair of 64-bit unsigned integers; the port wants one comparable string, so we write
 * `"<commit>:<prepare>"` in decimal and compare by parsing, never by text (decimal text does not sort by value).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Position } from '@eventstore/db-client'

export interface InvalidPosition {
  readonly kind: 'invalid_position'
  readonly position: string
}

const SHAPE = /^(\d{1,20}):(\d{1,20})$/
const U64_MAX = (1n << 64n) - 1n

export const encodePosition = (p: Position): string => `${p.commit.toString(10)}:${p.prepare.toString(10)}`

export const decodePosition = (s: string): E.Either<InvalidPosition, Position> => {
  const m = SHAPE.exec(s)
  if (m === null) return E.left({ kind: 'invalid_position', position: s })
  const commit = BigInt(m[1] as string)
  const prepare = BigInt(m[2] as string)
  return commit > U64_MAX || prepare > U64_MAX
    ? E.left({ kind: 'invalid_position', position: s })
    : E.right({ commit, prepare })
}

const sign = (n: bigint): number => (n < 0n ? -1 : n > 0n ? 1 : 0)

/** Log order: commit position first, prepare position within one commit. */
export const compareEsdbPositions = (a: Position, b: Position): number =>
  sign(a.commit - b.commit) || sign(a.prepare - b.prepare)

/**
 * Compares two encoded positions. A malformed position is a programming error (positions only ever come from this
 * adapter), so it throws rather than silently ordering garbage.
 */
export const comparePositionStrings = (a: string, b: string): number => {
  const pa = decodePosition(a)
  const pb = decodePosition(b)
  if (E.isLeft(pa)) throw new Error(`not an EventStoreDB position: ${JSON.stringify(a)}`)
  if (E.isLeft(pb)) throw new Error(`not an EventStoreDB position: ${JSON.stringify(b)}`)
  return compareEsdbPositions(pa.right, pb.right)
}
