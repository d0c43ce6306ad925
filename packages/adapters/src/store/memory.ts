/**
 * The in-memory store: for unit tests and for embedding where losing everything on exit is acceptable.
 *
 * The log lives in a `MemoryLog`, separate from the store object, so a test can "restart" (close the store, open a
 * new one over the same log) and an embedder can hand the same log to several store instances. Positions are the
 * 1-based index of the event in the global log, as a decimal string.
 */
import * as E from 'fp-ts/lib/Either.js'
import { chainBatch, GENESIS_HASH } from '../integrity/chain.js'
import type {
  AppendError,
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamNotFound,
  Subscription,
} from './port.js'
import { follow, stopAll, track, type Page } from './subscription.js'
import { checkReadStreamOptions, expectationHolds, validateAppend } from './validate.js'

export class MemoryLog {
  #events: RecordedEvent[] = []
  #streams = new Map<string, number[]>()
  #ids = new Set<string>()
  readonly #results = new Map<string, AppendResult>()
  readonly #listeners = new Set<() => void>()
  #nextPosition = 1

  /** Every recorded event, in global order. */
  get events(): readonly RecordedEvent[] {
    return this.#events
  }

  stream(streamId: string): readonly RecordedEvent[] | undefined {
    return this.#streams.get(streamId)?.map((i) => this.#events[i] as RecordedEvent)
  }

  lastOf(streamId: string): RecordedEvent | undefined {
    const idx = this.#streams.get(streamId)
    return idx === undefined ? undefined : this.#events[idx[idx.length - 1] as number]
  }

  hasEventId(id: string): boolean {
    return this.#ids.has(id)
  }

  result(streamId: string, key: string): AppendResult | undefined {
    return this.#results.get(JSON.stringify([streamId, key]))
  }

  /** Appends already-checked events; the only way the log grows. */
  commit(recorded: readonly RecordedEvent[], idempotency?: { streamId: string; key: string; result: AppendResult }): void {
    for (const e of recorded) {
      const idx = this.#streams.get(e.streamId) ?? []
      idx.push(this.#events.length)
      this.#streams.set(e.streamId, idx)
      this.#events.push(e)
      this.#ids.add(e.id)
    }
    if (idempotency !== undefined) {
      this.#results.set(JSON.stringify([idempotency.streamId, idempotency.key]), idempotency.result)
    }
    for (const wake of this.#listeners) wake()
  }

  takePosition(): string {
    return String(this.#nextPosition++)
  }

  onAppend(wake: () => void): () => void {
    this.#listeners.add(wake)
    return () => this.#listeners.delete(wake)
  }

  /**
   * Replaces the raw log, bypassing every check: what `UPDATE events ...` is to the SQL stores. For tampering tests
   * and repair tooling only.
   */
  unsafeRewrite(rewrite: (events: readonly RecordedEvent[]) => readonly RecordedEvent[]): void {
    this.#events = [...rewrite(this.#events)]
    this.#streams = new Map()
    this.#ids = new Set()
    this.#events.forEach((e, i) => {
      const idx = this.#streams.get(e.streamId) ?? []
      idx.push(i)
      this.#streams.set(e.streamId, idx)
      this.#ids.add(e.id)
    })
  }
}

export interface MemoryStoreOptions {
  /** The log to use; a new empty one by default. */
  readonly log?: MemoryLog
  /** The clock that stamps `recordedAt`. */
  readonly clock?: () => Date
}

const positionNumber = (p: string): number => {
  const n = Number(p)
  if (!Number.isSafeInteger(n) || n < 0 || String(n) !== p) throw new RangeError(`not a memory-store position: ${p}`)
  return n
}

export const openMemoryStore = (options: MemoryStoreOptions = {}): EventStore => {
  const log = options.log ?? new MemoryLog()
  const clock = options.clock ?? (() => new Date())
  let closed = false
  const subscriptions = new Set<Subscription>()
  const ensureOpen = (): void => {
    if (closed) throw new Error('the memory store is closed')
  }

  const append = async (
    streamId: string,
    events: readonly NewEvent[],
    opts: AppendOptions,
  ): Promise<E.Either<AppendError, AppendResult>> => {
    ensureOpen()
    const valid = validateAppend(streamId, events, opts)
    if (E.isLeft(valid)) return valid
    const key = opts.idempotencyKey
    const seen = key === undefined ? undefined : log.result(streamId, key)
    if (seen !== undefined) return E.right({ ...seen, duplicate: true })
    const last = log.lastOf(streamId)
    if (!expectationHolds(opts.expected, last?.revision)) {
      return E.left({ kind: 'wrong_expected_revision', streamId, expected: opts.expected, actual: last?.revision })
    }
    const taken = valid.right.find((e) => log.hasEventId(e.id))
    if (taken !== undefined) {
      return E.left({ kind: 'invalid_event', streamId, detail: `an event with id ${taken.id} is already stored` })
    }
    const first = (last?.revision ?? -1) + 1
    const recordedAt = clock().toISOString()
    const chained = chainBatch(
      last?.hash ?? GENESIS_HASH,
      valid.right.map((e, i) => ({ ...e, streamId, revision: first + i })),
    )
    const recorded: RecordedEvent[] = chained.map((e) => ({ ...e, position: log.takePosition(), recordedAt }))
    const lastRecorded = recorded[recorded.length - 1] as RecordedEvent
    const result: AppendResult = {
      nextExpectedRevision: lastRecorded.revision,
      position: lastRecorded.position,
      duplicate: false,
    }
    log.commit(recorded, key === undefined ? undefined : { streamId, key, result })
    return E.right(result)
  }

  const readStream = async (
    streamId: string,
    opts?: ReadStreamOptions,
  ): Promise<E.Either<StreamNotFound, readonly RecordedEvent[]>> => {
    ensureOpen()
    checkReadStreamOptions(opts)
    const events = log.stream(streamId)
    if (events === undefined) return E.left({ kind: 'stream_not_found', streamId })
    const from = opts?.from ?? 0
    const selected = events.filter((e) => e.revision >= from)
    return E.right(opts?.maxCount === undefined ? selected : selected.slice(0, opts.maxCount))
  }

  const readPage = async (after: string | undefined, limit: number): Promise<Page> => {
    ensureOpen()
    const all = log.events
    const bound = after === undefined ? 0 : positionNumber(after)
    // Binary search: positions grow along the log.
    let lo = 0
    let hi = all.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (positionNumber((all[mid] as RecordedEvent).position) <= bound) lo = mid + 1
      else hi = mid
    }
    return { events: all.slice(lo, lo + limit), held: false }
  }

  async function* readAll(opts?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    const limit = opts?.batchSize ?? 500
    const types = opts?.types === undefined ? undefined : new Set(opts.types)
    let after = opts?.after
    for (;;) {
      const page = await readPage(after, limit)
      for (const e of page.events) if (types === undefined || types.has(e.type)) yield e
      const last = page.events[page.events.length - 1]
      if (last === undefined || page.events.length < limit) return
      after = last.position
    }
  }

  return {
    append,
    readStream,
    readAll,
    subscribe: (opts) => {
      ensureOpen()
      return track(subscriptions, follow({ readPage, onAppend: (wake) => log.onAppend(wake), comparePositions }, opts))
    },
    headPosition: async () => log.events[log.events.length - 1]?.position,
    comparePositions,
    close: async () => {
      await stopAll(subscriptions)
      closed = true
    },
  }
}

const comparePositions = (a: string, b: string): number => positionNumber(a) - positionNumber(b)
