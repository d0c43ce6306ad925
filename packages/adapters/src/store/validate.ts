/**
 * What every back-end checks before it writes anything, so all of them accept and refuse exactly the same input.
 */
import * as E from 'fp-ts/lib/Either.js'
import { canonicalStorableJson, toStorableJson, unstorableString } from '../integrity/canonical.js'
import type { AppendError, AppendOptions, ExpectedRevision, Json, NewEvent } from './port.js'

/** Longest stream id, event id, event type and idempotency key accepted (PostgreSQL btree entries stay small). */
export const MAX_NAME_LENGTH = 500

/** An event after validation: a deep copy in the form every back-end stores. */
export interface ValidEvent {
  readonly id: string
  readonly type: string
  readonly data: Json
  readonly metadata: Json
}

const checkName = (what: string, value: unknown): string | undefined => {
  if (typeof value !== 'string' || value.length === 0) return `${what} must be a non-empty string`
  if (value.length > MAX_NAME_LENGTH) return `${what} is longer than ${MAX_NAME_LENGTH} characters`
  const bad = unstorableString(value)
  return bad === undefined ? undefined : `${what} ${bad}`
}

const isExpectedRevision = (x: unknown): x is ExpectedRevision =>
  x === 'any' || x === 'no_stream' || x === 'stream_exists' || (Number.isSafeInteger(x) && (x as number) >= 0)

/** An event after validation, with its data and metadata as the canonical JSON text that is hashed and stored. */
export interface ValidEventText {
  readonly id: string
  readonly type: string
  readonly dataText: string
  readonly metadataText: string
}

/** Validates an append's arguments; returns the events as they will be stored. */
export const validateAppend = (
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): E.Either<AppendError, readonly ValidEvent[]> =>
  validateWith(streamId, events, options, (e, i, invalid) => {
    const data = toStorableJson(e.data, `events[${i}].data`)
    if (E.isLeft(data)) return invalid(`${data.left.path}: ${data.left.reason}`)
    const metadata = toStorableJson(e.metadata, `events[${i}].metadata`)
    if (E.isLeft(metadata)) return invalid(`${metadata.left.path}: ${metadata.left.reason}`)
    return E.right({ id: e.id, type: e.type, data: data.right, metadata: metadata.right })
  })

/**
 * `validateAppend` with the same checks and the same errors, returning the canonical text of data and metadata
 * instead of a copy (the bulk path hashes and stores that text: one pass over each event instead of three).
 */
export const validateAppendAsText = (
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): E.Either<AppendError, readonly ValidEventText[]> =>
  validateWith(streamId, events, options, (e, i, invalid) => {
    const data = canonicalStorableJson(e.data, `events[${i}].data`)
    if (E.isLeft(data)) return invalid(`${data.left.path}: ${data.left.reason}`)
    const metadata = canonicalStorableJson(e.metadata, `events[${i}].metadata`)
    if (E.isLeft(metadata)) return invalid(`${metadata.left.path}: ${metadata.left.reason}`)
    return E.right({ id: e.id, type: e.type, dataText: data.right, metadataText: metadata.right })
  })

const validateWith = <V>(
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
  body: (e: NewEvent, i: number, invalid: (detail: string) => E.Either<AppendError, never>) => E.Either<AppendError, V>,
): E.Either<AppendError, readonly V[]> => {
  const invalid = (detail: string): E.Either<AppendError, never> => E.left({ kind: 'invalid_event', streamId, detail })
  const badStream = checkName('the stream id', streamId)
  if (badStream !== undefined) return invalid(badStream)
  if (!isExpectedRevision(options.expected)) {
    return invalid(`expected revision ${String(options.expected)} is not any, no_stream, stream_exists or a revision >= 0`)
  }
  if (options.idempotencyKey !== undefined) {
    const badKey = checkName('the idempotency key', options.idempotencyKey)
    if (badKey !== undefined) return invalid(badKey)
  }
  if (!Array.isArray(events) || events.length === 0) return E.left({ kind: 'empty_append', streamId })
  const ids = new Set<string>()
  const out: V[] = []
  for (const [i, e] of events.entries()) {
    const bad = checkName(`event ${i}: the id`, e.id) ?? checkName(`event ${i}: the type`, e.type)
    if (bad !== undefined) return invalid(bad)
    if (ids.has(e.id)) return invalid(`event ${i}: the id ${e.id} appears twice in the append`)
    ids.add(e.id)
    const valid = body(e, i, invalid)
    if (E.isLeft(valid)) return valid
    out.push(valid.right)
  }
  return E.right(out)
}

/** The optimistic-concurrency rule, shared by every back-end. `actual` is the stream's last revision. */
export const expectationHolds = (expected: ExpectedRevision, actual: number | undefined): boolean => {
  switch (expected) {
    case 'any':
      return true
    case 'no_stream':
      return actual === undefined
    case 'stream_exists':
      return actual !== undefined
    default:
      return actual === expected
  }
}

/** Checks `readStream` options; a bad value is a programming error, so it throws rather than returning a Left. */
export const checkReadStreamOptions = (options: { from?: number; maxCount?: number } | undefined): void => {
  const from = options?.from
  if (from !== undefined && !(Number.isSafeInteger(from) && from >= 0)) {
    throw new RangeError(`readStream: from must be a revision >= 0, got ${String(from)}`)
  }
  const max = options?.maxCount
  if (max !== undefined && !(Number.isSafeInteger(max) && max >= 0)) {
    throw new RangeError(`readStream: maxCount must be an integer >= 0, got ${String(max)}`)
  }
}
