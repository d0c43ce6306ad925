/**
 * Walks hash chains and names the first event where one breaks. Works on any sequence that keeps each stream in
 * revision order (a `readStream` result, or `readAll`, which interleaves streams): every stream is checked on its
 * own, from its first event.
 *
 * A chain alone proves that nothing was changed *without recomputing the hashes after it*. Someone with write
 * access who rewrites a stream and recomputes every later hash, or who cuts a stream's tail, leaves a consistent
 * chain. To catch that, publish the streams' heads somewhere the database administrator cannot write (a signed
 * receipt, a transparency log) and pass them back as `anchors`.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, RecordedEvent } from '../store/port.js'
import { chainHash, GENESIS_HASH } from './chain.js'

export type BreakKind =
  /** The event's content or hash was changed: its hash no longer matches what it holds. */
  | 'altered'
  /** Events are missing before this one: revisions jump. */
  | 'removed'
  /** The event is intact but out of place: it was recorded at another revision, or came again or too early. */
  | 'reordered'
  /** The event is intact but does not chain to the event before it: that one was replaced (its hash recomputed). */
  | 'broken_link'
  /** The stream ends before a published anchor: its tail was cut. */
  | 'truncated'
  /** The stream is internally consistent but differs from a published anchor: it was rewritten wholesale. */
  | 'rewritten'

export interface ChainBreak {
  readonly kind: BreakKind
  readonly streamId: string
  /** Where the chain breaks: the event's revision, or for `removed`/`truncated` the first missing revision. */
  readonly revision: number
  /** The event at which the break was noticed; absent for `truncated`, where there is no such event. */
  readonly eventId?: string
  readonly position?: string
  readonly detail: string
}

/** The last event of a stream as a verifier (or an anchor) sees it. */
export interface StreamHead {
  readonly revision: number
  readonly hash: string
}

export interface VerifiedChains {
  readonly streams: number
  readonly events: number
  /** Each stream's head, to publish as anchors for the next verification. */
  readonly heads: ReadonlyMap<string, StreamHead>
}

export interface VerifyOptions {
  /** Heads published earlier: the stream must still contain each, with the same hash. */
  readonly anchors?: ReadonlyMap<string, StreamHead>
}

const START: StreamHead = { revision: -1, hash: GENESIS_HASH }

const at = (e: RecordedEvent, kind: BreakKind, detail: string, revision = e.revision): ChainBreak => ({
  kind,
  streamId: e.streamId,
  revision,
  eventId: e.id,
  position: e.position,
  detail,
})

/** The revision under which the event's own hash would verify, if any: it was moved there from elsewhere. */
const recordedRevision = (e: RecordedEvent, searchUpTo: number): number | undefined => {
  for (let r = 0; r <= searchUpTo; r++) {
    if (r !== e.revision && chainHash(e.previousHash, { ...e, revision: r }) === e.hash) return r
  }
  return undefined
}

/** Checks one event against the head of its stream so far. */
export const checkLink = (prev: StreamHead, e: RecordedEvent): ChainBreak | undefined => {
  const expected = prev.revision + 1
  if (chainHash(e.previousHash, e) !== e.hash) {
    const moved = recordedRevision(e, Math.max(e.revision, expected) * 2 + 16)
    return moved === undefined
      ? at(e, 'altered', 'the hash does not match the event content')
      : at(e, 'reordered', `the event was recorded at revision ${moved}, not ${e.revision}`)
  }
  if (e.revision > expected) {
    return at(e, 'removed', `revisions ${expected}..${e.revision - 1} are missing before this event`, expected)
  }
  if (e.revision < expected) {
    return at(e, 'reordered', `revision ${e.revision} comes after revision ${prev.revision}`)
  }
  if (e.previousHash !== prev.hash) {
    return at(e, 'broken_link', `revision ${prev.revision} is not the event this one was chained to`)
  }
  return undefined
}

/** Verifies events incrementally; `push` returns the first break and every later call repeats it. */
export class ChainVerifier {
  readonly #heads = new Map<string, StreamHead>()
  readonly #anchors: ReadonlyMap<string, StreamHead>
  #events = 0
  #break: ChainBreak | undefined

  constructor(options: VerifyOptions = {}) {
    this.#anchors = options.anchors ?? new Map()
  }

  push(e: RecordedEvent): ChainBreak | undefined {
    if (this.#break !== undefined) return this.#break
    const found = checkLink(this.#heads.get(e.streamId) ?? START, e) ?? this.#checkAnchor(e)
    if (found !== undefined) {
      this.#break = found
      return found
    }
    this.#heads.set(e.streamId, { revision: e.revision, hash: e.hash })
    this.#events++
    return undefined
  }

  finish(): E.Either<ChainBreak, VerifiedChains> {
    if (this.#break !== undefined) return E.left(this.#break)
    for (const [streamId, anchor] of this.#anchors) {
      const head = this.#heads.get(streamId) ?? START
      if (head.revision < anchor.revision) {
        return E.left({
          kind: 'truncated',
          streamId,
          revision: head.revision + 1,
          detail: `the stream ends at revision ${head.revision}; the anchor holds revision ${anchor.revision}`,
        })
      }
    }
    return E.right({ streams: this.#heads.size, events: this.#events, heads: new Map(this.#heads) })
  }

  #checkAnchor(e: RecordedEvent): ChainBreak | undefined {
    const anchor = this.#anchors.get(e.streamId)
    return anchor !== undefined && anchor.revision === e.revision && anchor.hash !== e.hash
      ? at(e, 'rewritten', 'the chain is consistent but differs from the published anchor at this revision')
      : undefined
  }
}

/** Verifies a whole stream (a `readStream` result from revision 0), or any in-order mix of whole streams. */
export const verifyStream = (
  events: readonly RecordedEvent[],
  options?: VerifyOptions,
): E.Either<ChainBreak, VerifiedChains> => {
  const v = new ChainVerifier(options)
  for (const e of events) if (v.push(e) !== undefined) break
  return v.finish()
}

/** Verifies every stream of the store, walking the global log once. Memory grows with the number of streams. */
export const verifyStore = async (
  store: Pick<EventStore, 'readAll'>,
  options?: VerifyOptions & { readonly batchSize?: number },
): Promise<E.Either<ChainBreak, VerifiedChains>> => {
  const v = new ChainVerifier(options)
  const batch = options?.batchSize
  for await (const e of store.readAll(batch === undefined ? {} : { batchSize: batch })) {
    if (v.push(e) !== undefined) break
  }
  return v.finish()
}
