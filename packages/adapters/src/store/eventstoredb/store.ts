/**
 * The event-store port over EventStoreDB / KurrentDB (`@eventstore/db-client` 6.x, gRPC).
 *
 * - Appends are atomic per call (one `appendToStream`). The caller's expected revision is checked by the adapter
 *   against the stream's last event and then sent to the server as an exact revision: the hash chain needs the
 *   exact predecessor, and optimistic concurrency on that revision is what keeps the chain linear. `any` and
 *   `stream_exists` retry on a lost race, since the caller did not care which revision it lands on.
 * - Idempotency keys: the events of a keyed append get ids derived from (stream, key, index), and the adapter scans
 *   the stream backwards (up to `idempotencyWindow` events) for the key before writing. A retry within the window
 *   returns the original result. Two racing first attempts of the same key both send the same ids against the same
 *   exact revision; the server writes one batch and acknowledges the other as an idempotent replay, so only one
 *   copy is stored, though both callers may see `duplicate: false`.
 * - Reads are bounded (`maxCount` per page, `batchSize` events in memory) and consumed through the client's async
 *   iterator, so a slow reader applies backpressure instead of buffering the log (KurrentDB-Client-NodeJS#169, #294).
 * - Subscriptions use `subscribeToAll` with a server-side filter (the store's namespace, or "no system events"),
 *   and resubscribe from the last delivered position after a connection failure.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventData,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client'
import type {
  AppendError,
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamNotFound,
  SubscribeOptions,
  Subscription,
} from '../port.js'
import { chainHash, GENESIS_HASH } from '../../integrity/chain.js'
import { validateAppend, type ValidEvent } from '../validate.js'
import type { ChainHasher } from './chain.js'
import { appendErrorFrom, isTransient, readErrorFrom } from './errors.js'
import { freshEventId, idempotentEventId } from './event-id.js'
import { comparePositionStrings, decodePosition, encodePosition } from './position.js'
import {
  fromClientEvent,
  isSystemEvent,
  toEventData,
  toPortEvent,
  type KezekMetadata,
} from './recorded-event.js'
import { satisfies, toRevision } from './revision.js'

export interface EventStoreDbOptions {
  readonly client: EventStoreDBClient
  /** Default: the integrity module's chain, the same as every other back-end's. */
  readonly hasher?: ChainHasher
  /**
   * Prefix of every ESDB stream name this store owns, e.g. `kezek-almaty/`. The store sees only its own streams,
   * so several stores (or test runs) can share one server. Empty: every non-system stream.
   */
  readonly namespace?: string
  /** Events per read page and per `readAll` batch held in memory. Default 500. */
  readonly batchSize?: number
  /** How many of a stream's latest events are searched for an idempotency key. Default 10,000. */
  readonly idempotencyWindow?: number
  /** Retries of an `any` / `stream_exists` append that lost a race. Default 20. */
  readonly maxAppendRetries?: number
  /** Resubscriptions after connection failures, per failure streak. Default 5. */
  readonly maxResubscribes?: number
  /** Record time; injectable for tests. */
  readonly now?: () => Date
  /** Dispose the client on `close`. Default true. */
  readonly ownsClient?: boolean
}

const positionOrThrow = (s: string): Position => {
  const decoded = decodePosition(s)
  if (E.isLeft(decoded)) throw new Error(`not an EventStoreDB position: ${JSON.stringify(s)}`)
  return decoded.right
}

interface Last {
  readonly revision: number
  readonly hash: string
}

type Ours = RecordedEvent & { readonly kezek: KezekMetadata }

export const eventStoreDbStore = (options: EventStoreDbOptions): EventStore => {
  const { client } = options
  const hasher: ChainHasher = options.hasher ?? { genesis: GENESIS_HASH, hash: chainHash }
  const namespace = options.namespace ?? ''
  const batchSize = Math.max(2, options.batchSize ?? 500)
  const window = options.idempotencyWindow ?? 10_000
  const maxRetries = options.maxAppendRetries ?? 20
  const maxResubscribes = options.maxResubscribes ?? 5
  const now = options.now ?? (() => new Date())

  const esdbName = (streamId: string): string => namespace + streamId
  const portName = (name: string): string | undefined =>
    name.startsWith(namespace) ? name.slice(namespace.length) : undefined

  /** Converts what a read returned; undefined for events this store does not own. */
  const ours = (resolved: ResolvedEvent | AllStreamResolvedEvent): Ours | undefined => {
    const event = resolved.event
    if (event === undefined || isSystemEvent(event)) return undefined
    const streamId = portName(event.streamId)
    if (streamId === undefined) return undefined
    const converted = fromClientEvent(event, streamId)
    if (E.isRight(converted)) return converted.right
    // Inside a namespace every event must be ours; in the root namespace other writers' events are legitimate.
    if (namespace !== '') throw new Error(`event ${event.id} in ${event.streamId} is not a kezek event: ${converted.left.kind}`)
    return undefined
  }

  /** Reads a stream backwards page by page until `stop` says so; a missing stream reads as nothing. */
  const scanBackwards = async (streamId: string, limit: number, stop: (e: Ours) => boolean): Promise<void> => {
    let from: bigint | typeof END = END
    let seen = 0
    while (seen < limit) {
      const page = Math.min(batchSize, limit - seen)
      let count = 0
      let lowest: bigint | undefined
      try {
        for await (const resolved of client.readStream(esdbName(streamId), {
          direction: BACKWARDS,
          fromRevision: from,
          maxCount: page,
        })) {
          count += 1
          lowest = resolved.event?.revision
          const e = ours(resolved)
          if (e !== undefined && stop(e)) return
        }
      } catch (error) {
        if (E.isRight(readErrorFrom(error, streamId))) return
        throw error
      }
      seen += count
      if (count < page || lowest === undefined || lowest === 0n) return
      from = lowest - 1n
    }
  }

  const lastOf = async (streamId: string): Promise<Ours | undefined> => {
    let last: Ours | undefined
    await scanBackwards(streamId, 1, (e) => ((last = e), true))
    return last
  }

  /** The last event of an earlier append with this key, if it is within the window. */
  const findKey = async (streamId: string, key: string): Promise<Ours | undefined> => {
    let found: Ours | undefined
    await scanBackwards(streamId, window, (e) => (e.kezek.idempotencyKey === key ? ((found = e), true) : false))
    return found
  }

  const prepare = (
    streamId: string,
    events: readonly ValidEvent[],
    last: Last | undefined,
    key: string | undefined,
    attempt: string,
  ): EventData[] => {
    const recordedAt = now().toISOString()
    let previousHash = last?.hash ?? hasher.genesis
    let revision = last === undefined ? 0 : last.revision + 1
    return events.map((event, index) => {
      const hash = hasher.hash(previousHash, {
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        streamId,
        revision,
        recordedAt,
      })
      const kezek: KezekMetadata =
        key === undefined
          ? { v: 1, id: event.id, recordedAt, hash, previousHash }
          : { v: 1, id: event.id, recordedAt, hash, previousHash, idempotencyKey: key, index, count: events.length, attempt }
      previousHash = hash
      revision += 1
      return toEventData(event, key === undefined ? freshEventId() : idempotentEventId(streamId, key, index), kezek)
    })
  }

  /** ESDB reserves `$` for its own streams and event types. */
  const reserved = (streamId: string, events: readonly ValidEvent[]): AppendError | undefined => {
    if (streamId.startsWith('$')) return { kind: 'invalid_event', streamId, detail: 'stream ids must not start with $' }
    const bad = events.find((e) => e.type.startsWith('$'))
    return bad === undefined
      ? undefined
      : { kind: 'invalid_event', streamId, detail: `event type ${JSON.stringify(bad.type)}: must not start with $` }
  }

  const append: EventStore['append'] = async (streamId, events, opts: AppendOptions) => {
    const valid = validateAppend(streamId, events, opts)
    if (E.isLeft(valid)) return valid
    const refused = reserved(streamId, valid.right)
    if (refused !== undefined) return E.left(refused)
    for (let attempt = 0; ; attempt += 1) {
      if (opts.idempotencyKey !== undefined) {
        const earlier = await findKey(streamId, opts.idempotencyKey)
        if (earlier !== undefined) {
          return E.right({ nextExpectedRevision: earlier.revision, position: earlier.position, duplicate: true })
        }
      }
      const last = await lastOf(streamId)
      if (!satisfies(opts.expected, last?.revision)) {
        return E.left({ kind: 'wrong_expected_revision', streamId, expected: opts.expected, actual: last?.revision })
      }
      const exact: AppendExpectedRevision = last === undefined ? NO_STREAM : BigInt(last.revision)
      const attemptId = freshEventId()
      try {
        const result = await client.appendToStream(
          esdbName(streamId),
          prepare(streamId, valid.right, last, opts.idempotencyKey, attemptId),
          { expectedRevision: exact },
        )
        if (opts.idempotencyKey !== undefined) {
          // The server acknowledges a replay of the same ids at the same revision as a success without writing
          // (its own idempotency). Only the batch's attempt id tells whether these events are ours.
          const stored = await lastOf(streamId)
          if (stored !== undefined && stored.kezek.idempotencyKey === opts.idempotencyKey) {
            return E.right({
              nextExpectedRevision: stored.revision,
              position: stored.position,
              duplicate: stored.kezek.attempt !== attemptId,
            })
          }
        }
        const position = result.position === undefined ? (await lastOf(streamId))?.position : encodePosition(result.position)
        if (position === undefined) throw new Error(`append to ${streamId} succeeded but its position is unknown`)
        const done: AppendResult = { nextExpectedRevision: toRevision(result.nextExpectedRevision), position, duplicate: false }
        return E.right(done)
      } catch (error) {
        const mapped = appendErrorFrom(error, streamId, opts.expected)
        if (E.isLeft(mapped)) throw mapped.left
        // Someone appended between our read and our write. Re-check from the top: a keyed retry may now be a
        // duplicate, `any` simply lands later, an exact expectation now fails the check above.
        if (attempt >= maxRetries) return E.left(mapped.right)
      }
    }
  }

  const readStream: EventStore['readStream'] = async (streamId, opts: ReadStreamOptions = {}) => {
    const out: RecordedEvent[] = []
    const from = Math.max(0, opts.from ?? 0)
    const wanted = opts.maxCount ?? Number.POSITIVE_INFINITY
    if (wanted <= 0) {
      const exists = (await lastOf(streamId)) !== undefined
      return exists ? E.right(out) : E.left<StreamNotFound>({ kind: 'stream_not_found', streamId })
    }
    let next = BigInt(from)
    while (out.length < wanted) {
      const page = Math.min(batchSize, wanted - out.length)
      let count = 0
      try {
        for await (const resolved of client.readStream(esdbName(streamId), {
          direction: FORWARDS,
          fromRevision: next,
          maxCount: page,
        })) {
          count += 1
          const e = ours(resolved)
          if (e !== undefined) out.push(toPortEvent(e))
          if (resolved.event !== undefined) next = resolved.event.revision + 1n
        }
      } catch (error) {
        const mapped = readErrorFrom(error, streamId)
        if (E.isRight(mapped)) return E.left(mapped.right)
        throw error
      }
      if (count < page) break
    }
    // A stream read past its end is empty, not missing; only a stream with no events at all is unknown.
    if (out.length === 0 && (await lastOf(streamId)) === undefined) return E.left({ kind: 'stream_not_found', streamId })
    return E.right(out)
  }

  const clientFilter = () =>
    namespace === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [namespace] })

  async function* readAll(opts: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const size = Math.max(2, opts.batchSize ?? batchSize)
    // Filtered as read: `readAll` of the gRPC client takes no event-type filter (only subscriptions do).
    const types = opts.types === undefined ? undefined : new Set(opts.types)
    let cursor: Position | typeof START = START
    let lastSeen: string | undefined = opts.after
    if (opts.after !== undefined) cursor = positionOrThrow(opts.after)
    for (;;) {
      // One bounded page at a time, fully drained before the caller sees it: the gRPC stream is never held open
      // while the caller works, and memory stays within `size` events.
      const batch: RecordedEvent[] = []
      let count = 0
      let lastPosition: Position | undefined
      for await (const resolved of client.readAll({ fromPosition: cursor, maxCount: size, direction: FORWARDS })) {
        count += 1
        const event = resolved.event
        if (event === undefined) continue
        lastPosition = event.position
        const encoded = encodePosition(event.position)
        // `fromPosition` is inclusive: the event at the cursor was already handed out.
        if (lastSeen !== undefined && comparePositionStrings(encoded, lastSeen) <= 0) continue
        const e = ours(resolved)
        if (e !== undefined) batch.push(toPortEvent(e))
      }
      for (const e of batch) {
        lastSeen = e.position
        if (types === undefined || types.has(e.type)) yield e
      }
      if (count < size || lastPosition === undefined) return
      lastSeen = lastSeen !== undefined && comparePositionStrings(lastSeen, encodePosition(lastPosition)) > 0
        ? lastSeen
        : encodePosition(lastPosition)
      cursor = lastPosition
    }
  }

  const headPosition: EventStore['headPosition'] = async () => {
    let cursor: Position | typeof END = END
    for (;;) {
      let count = 0
      let lowest: Position | undefined
      for await (const resolved of client.readAll({ fromPosition: cursor, maxCount: batchSize, direction: BACKWARDS })) {
        count += 1
        const event = resolved.event
        if (event === undefined) continue
        lowest = event.position
        const e = ours(resolved)
        if (e !== undefined) return e.position
      }
      if (count < batchSize || lowest === undefined) return undefined
      cursor = lowest
    }
  }

  const subscribe = (opts: SubscribeOptions): Subscription => {
    let processed = opts.after
    let stopped = false
    /** Consecutive failed (re)subscriptions; a delivered event ends the streak. */
    let failures = 0
    let current: { unsubscribe: () => Promise<void> } | undefined
    const waiters: Array<{ readonly position: string; readonly resolve: () => void }> = []
    const wake = () => {
      for (let i = waiters.length - 1; i >= 0; i -= 1) {
        const w = waiters[i] as (typeof waiters)[number]
        if (processed !== undefined && comparePositionStrings(processed, w.position) >= 0) {
          waiters.splice(i, 1)
          w.resolve()
        }
      }
    }
    const reached = (position: string): Promise<void> =>
      new Promise((resolve) => {
        waiters.push({ position, resolve })
        wake()
      })

    const head = headPosition()
    const caughtUp = head.then((h) => (h === undefined ? undefined : reached(h)))

    const runOnce = async (): Promise<void> => {
      const from = processed === undefined ? START : positionOrThrow(processed)
      const sub = client.subscribeToAll({ fromPosition: from, filter: clientFilter() })
      current = sub
      try {
        if (stopped) return
        for await (const resolved of sub) {
          if (stopped) break
          const e = ours(resolved)
          if (e === undefined) continue
          // Subscriptions start after `fromPosition`, but a resubscription may replay the boundary: never twice.
          if (processed !== undefined && comparePositionStrings(e.position, processed) <= 0) continue
          await opts.onEvent(toPortEvent(e))
          processed = e.position
          failures = 0
          wake()
        }
      } finally {
        // Leaving the loop (stop, handler failure) must also cancel the gRPC call, or the server keeps pushing.
        await sub.unsubscribe()
      }
    }

    const done = (async () => {
      while (!stopped) {
        try {
          await runOnce()
          // The server ended the call without an error (a restart, a leader change): resubscribe like after a drop.
          if (stopped) break
          if (failures >= maxResubscribes) throw new Error('EventStoreDB keeps ending the subscription')
        } catch (error) {
          if (stopped) break
          if (!isTransient(error) || failures >= maxResubscribes) throw error
        }
        failures += 1
        await new Promise((r) => setTimeout(r, 100 * 2 ** failures))
      }
    })()
    // Unobserved until the caller looks at `done`; keep the process from crashing on an unhandled rejection.
    done.catch(() => undefined)

    return {
      caughtUp,
      reached,
      done,
      stop: async () => {
        stopped = true
        await current?.unsubscribe()
        await done.catch(() => undefined)
      },
    }
  }

  return {
    append,
    readStream,
    readAll,
    subscribe,
    headPosition,
    comparePositions: comparePositionStrings,
    close: async () => {
      if (options.ownsClient ?? true) await client.dispose()
    },
  }
}

/** Connects with an ESDB connection string (`esdb://host:2113?tls=false`). */
export const connectEventStoreDb = (
  connectionString: string,
  options: Omit<EventStoreDbOptions, 'client' | 'ownsClient'>,
): EventStore =>
  eventStoreDbStore({ ...options, client: EventStoreDBClient.connectionString(connectionString), ownsClient: true })
