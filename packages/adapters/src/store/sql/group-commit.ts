/**
 * Group commit: appends that arrive while a batch is being written wait, and go together in the next batch, as
 * ONE prepared statement (`append_batch`, migration 4) and so one transaction and one durable commit. The cost of
 * an append on PostgreSQL is per statement and per commit, not per row, so this is where throughput comes from.
 *
 * What each append keeps:
 * - Its own optimistic-concurrency result. Every append carries the head (revision and hash) its events were
 *   chained on; the database writes it only if that is still the stream's head, under the stream's advisory lock,
 *   and otherwise reports the real head. A conflicting append therefore fails alone; the others commit.
 * - Durability: its promise settles only after the statement, and with it the transaction, committed.
 * - The hash chain: hashes are computed here, in Node, on the head the database confirms, over the canonical text
 *   validation produced; that same text is what the database stores (one pass over each event, not three).
 * - Idempotency: a stored key wins inside the database, before any check, and the first result comes back.
 * - The global order: the function takes the streams' locks first (sorted, so batches never deadlock), before any
 *   write gives the transaction an id; see store.ts.
 *
 * The head is known without a read when this process wrote or read the stream last (`StreamHeads`), or when the
 * append expects a new stream. Otherwise the first attempt only asks the database for the head (a probe), and the
 * append is chained and sent again: one more round trip, never a wrong write. A batch whose every head is known
 * goes as a plain INSERT of its rows instead (known-heads.ts), the constraints checking the guess; refused, it goes
 * through `append_batch`.
 *
 * A stream is in at most one batch at a time, and at most once per batch: a later append to it waits for the next
 * batch, so appends to one stream stay in call order, as they were under the per-append lock.
 */
import * as E from 'fp-ts/lib/Either.js'
import { chainHashOfText } from '../../integrity/chain.js'
import type { AppendError, AppendResult, ExpectedRevision } from '../port.js'
import { expectationHolds, type ValidEventText } from '../validate.js'
import { isDataError, isUniqueViolation, type SqlExecutor } from './driver.js'
import { jsonArrayOf, textsOf } from './json-array.js'
import { knownHeadsSql, writeOnKnownHeads, type ChainedRow, type KnownHeadsSql } from './known-heads.js'
import { NO_STREAM, type StreamHead, StreamHeads } from './stream-heads.js'

export type AppendOutcome = E.Either<AppendError, AppendResult>

export interface GroupCommitOptions {
  /** Runs the batch statement; it commits on its own (autocommit), or inside a transaction a caller opened. */
  readonly executor: SqlExecutor
  /** The quoted schema name. */
  readonly schemaSql: string
  /** Advisory-lock key of a stream. */
  readonly lockKey: (streamId: string) => bigint
  /** How many batches may be in flight at once (each on its own connection); 1 where there is one connection. */
  readonly maxInFlight: number
  /** Upper bound on the events of one batch (an append larger than this goes alone). */
  readonly maxBatchEvents?: number
  /**
   * How a batch whose every head is known is written (known-heads.ts): by a plain INSERT, `'sole-writer'` where every
   * write to the database goes through this process one statement at a time (PGlite), `'with-locks'` taking the
   * streams' locks first (PostgreSQL); default `'with-locks'`. A refused INSERT goes through `append_batch`.
   */
  readonly knownHeads?: 'sole-writer' | 'with-locks'
  /** Called after a batch wrote anything: wakes local subscribers, announces to other processes. */
  readonly onWritten: () => void
  /** Told of every batch once it is settled (metrics); see `CommitBatch`. */
  readonly onBatch?: (batch: CommitBatch) => void
}

/**
 * One batch of the group commit, as an operator sees it. `seconds` runs from taking the batch off the queue to
 * settling its last append: the statement, the durable commit, and the wait for the event loop to hear the answer.
 * With one batch in flight, appends arriving meanwhile wait this long before their own batch starts, so it is the
 * figure that bounds a busy service's writes (docs/benchmarks-history.md, stop 25).
 */
export interface CommitBatch {
  readonly appends: number
  readonly events: number
  readonly seconds: number
}

interface Pending {
  readonly streamId: string
  readonly events: readonly ValidEventText[]
  readonly expected: ExpectedRevision
  readonly key: string | null
  attempts: number
  readonly settle: (outcome: AppendOutcome) => void
  readonly fail: (error: unknown) => void
}

interface Attempt {
  readonly pending: Pending
  /** The head the events are chained on; undefined: only ask for the head (the expectation cannot hold on it). */
  readonly basis: StreamHead | undefined
  readonly chained: readonly ChainedRow[]
}

interface LockKey {
  readonly value: bigint
  readonly text: string
}

interface OutcomeRow {
  readonly o_outcome: 'written' | 'duplicate' | 'moved'
  readonly o_revision: string | null
  readonly o_hash: string | null
  readonly o_position: string | null
}

/** Streams whose lock keys are remembered (a key is a SHA-256 of the stream id: worth keeping, not worth a leak). */
const LOCK_KEYS_KEPT = 10_000

/** Beyond this many attempts (each one lost to a concurrent writer) the append fails instead of trying on. */
const MAX_ATTEMPTS = 50

/** The events' data and metadata go as one JSON array each ($10, $11), split back into `text[]` (json-array.ts). */
export const appendBatchSql = (s: string): string =>
  `SELECT o_outcome, o_revision::text AS o_revision, o_hash, o_position
     FROM ${s}.append_batch($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::integer[],
                            $7::bigint[], $8::text[], $9::text[], ${textsOf('$10')}, ${textsOf('$11')}, $12::text[], $13::text[])`

/** One append of at most one event (a lone writer's usual batch), in scalars: see migration 7. */
export const appendOneSql = (s: string): string =>
  `SELECT o_outcome, o_revision::text AS o_revision, o_hash, o_position
     FROM ${s}.append_one($1, $2::bigint, $3::bigint, $4, $5, $6, $7, $8, $9, $10)`


export class GroupCommit {
  readonly heads = new StreamHeads()
  private queue: Pending[] = []
  private readonly busy = new Set<string>()
  private inFlight = 0
  private scheduled = false
  private idleWaiters: (() => void)[] = []
  private readonly sql: string
  private readonly oneSql: string
  private readonly known: KnownHeadsSql
  private readonly lockKeys = new Map<string, LockKey>()

  constructor(private readonly options: GroupCommitOptions) {
    this.sql = appendBatchSql(options.schemaSql)
    this.oneSql = appendOneSql(options.schemaSql)
    this.known = knownHeadsSql(options.schemaSql, options.knownHeads !== 'sole-writer')
  }

  append(streamId: string, events: readonly ValidEventText[], expected: ExpectedRevision, key: string | null): Promise<AppendOutcome> {
    return new Promise((settle, fail) => {
      this.queue.push({ streamId, events, expected, key, attempts: 0, settle, fail })
      this.schedule()
    })
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Appends made in the same tick go in one batch: the pump runs once they are all queued. */
  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      this.pump()
    })
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take()
      if (batch.length === 0) break
      this.inFlight++
      const streams = batch.map((p) => p.streamId)
      for (const id of streams) this.busy.add(id)
      const started = performance.now()
      void this.write(batch).finally(() => {
        this.observe(batch, started)
        this.inFlight--
        for (const id of streams) this.busy.delete(id)
        this.pump()
      })
    }
    if (this.queue.length === 0 && this.inFlight === 0) {
      const waiters = this.idleWaiters
      this.idleWaiters = []
      for (const w of waiters) w()
    }
  }

  private observe(batch: readonly Pending[], started: number): void {
    const onBatch = this.options.onBatch
    if (onBatch === undefined) return
    let events = 0
    for (const p of batch) events += p.events.length
    try {
      onBatch({ appends: batch.length, events, seconds: (performance.now() - started) / 1000 })
    } catch {
      // A failing observer must not stop the pump: the appends behind this batch would wait for ever.
    }
  }

  /** The next batch: queued appends in order, each stream once and none already in flight, within the size bound. */
  private take(): Pending[] {
    const limit = this.options.maxBatchEvents ?? 1000
    const batch: Pending[] = []
    const rest: Pending[] = []
    const streams = new Set<string>()
    let events = 0
    for (const p of this.queue) {
      const fits = batch.length === 0 || events + p.events.length <= limit
      if (!fits || this.busy.has(p.streamId) || streams.has(p.streamId)) rest.push(p)
      else {
        batch.push(p)
        streams.add(p.streamId)
        events += p.events.length
      }
    }
    this.queue = rest
    return batch
  }

  private prepare(pending: Pending): Attempt {
    const known = this.heads.get(pending.streamId)
    // No known head: a new stream is the likely case for `no_stream` and `any`; otherwise ask first.
    const guess = known ?? (pending.expected === 'no_stream' || pending.expected === 'any' ? NO_STREAM : undefined)
    const holds = guess !== undefined && expectationHolds(pending.expected, guess.revision < 0 ? undefined : guess.revision)
    if (!holds) return { pending, basis: undefined, chained: [] }
    const chained: ChainedRow[] = []
    const streamId = pending.streamId
    let previousHash = guess.hash
    let revision = guess.revision
    for (const e of pending.events) {
      revision += 1
      const hash = chainHashOfText(previousHash, { streamId, revision, id: e.id, type: e.type }, e.dataText, e.metadataText)
      // Spelled out, not spread: one object of one shape per event, on every append.
      chained.push({ streamId, revision, id: e.id, type: e.type, dataText: e.dataText, metadataText: e.metadataText, hash, previousHash })
      previousHash = hash
    }
    return { pending, basis: guess, chained }
  }

  /** A stream's lock key, remembered: a stream is usually appended to again soon, and the key is a SHA-256. */
  private lockKeyOf(streamId: string): LockKey {
    let key = this.lockKeys.get(streamId)
    if (key === undefined) {
      const value = this.options.lockKey(streamId)
      key = { value, text: String(value) }
      if (this.lockKeys.size >= LOCK_KEYS_KEPT) this.lockKeys.clear()
      this.lockKeys.set(streamId, key)
    }
    return key
  }

  /**
   * The streams' lock keys, distinct and sorted by value (so two batches, of this process or another, never wait
   * for each other in a cycle), as text.
   */
  private locksOf(attempts: readonly Attempt[]): string[] {
    if (attempts.length === 1) return [this.lockKeyOf((attempts[0] as Attempt).pending.streamId).text]
    const keys = [...new Map(attempts.map((a) => this.lockKeyOf(a.pending.streamId)).map((k) => [k.text, k])).values()]
    return keys.sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0)).map((k) => k.text)
  }

  private params(attempts: readonly Attempt[]): unknown[] {
    const locks = this.locksOf(attempts)
    const cols = { owners: [] as number[], revisions: [] as number[], ids: [] as string[], types: [] as string[] }
    const data: string[] = []
    const metadata: string[] = []
    const hashes: string[] = []
    const previous: string[] = []
    attempts.forEach((a, i) => {
      for (const e of a.chained) {
        cols.owners.push(i + 1)
        cols.revisions.push(e.revision)
        cols.ids.push(e.id)
        cols.types.push(e.type)
        data.push(e.dataText)
        metadata.push(e.metadataText)
        hashes.push(e.hash)
        previous.push(e.previousHash)
      }
    })
    return [
      attempts.map((a) => a.pending.streamId),
      locks,
      attempts.map((a) => a.basis?.revision ?? -1),
      attempts.map((a) => a.basis?.hash ?? null),
      attempts.map((a) => a.pending.key),
      cols.owners,
      cols.revisions,
      cols.ids,
      cols.types,
      jsonArrayOf(data),
      jsonArrayOf(metadata),
      hashes,
      previous,
    ]
  }

  /** `append_one`'s arguments; a probe (no basis) carries no event, and the function only reports the head. */
  private paramsOfOne(a: Attempt): unknown[] {
    const e = a.chained[0]
    const p = a.pending
    return [
      p.streamId,
      this.lockKeyOf(p.streamId).text,
      a.basis?.revision ?? -1,
      a.basis === undefined ? null : a.basis.hash,
      p.key,
      e?.id ?? null,
      e?.type ?? null,
      e?.dataText ?? null,
      e?.metadataText ?? null,
      e?.hash ?? null,
    ]
  }

  private async write(batch: readonly Pending[]): Promise<void> {
    const attempts = batch.map((p) => this.prepare(p))
    if (attempts.every((a) => a.basis !== undefined) && (await this.writeOnKnownHeads(attempts))) return
    let rows: OutcomeRow[]
    try {
      const one = attempts.length === 1 && (attempts[0] as Attempt).pending.events.length === 1 ? (attempts[0] as Attempt) : undefined
      rows =
        one === undefined
          ? await this.options.executor.query<OutcomeRow>(this.sql, this.params(attempts))
          : await this.options.executor.query<OutcomeRow>(this.oneSql, this.paramsOfOne(one))
    } catch (error) {
      if (batch.length > 1 && isDataError(error)) {
        // One append's data failed the whole statement (nothing of it committed): write each alone, so only the
        // offender fails.
        for (const p of batch) await this.write([p])
        return
      }
      for (const p of batch) {
        if (isUniqueViolation(error, 'events_id_unique')) {
          p.settle(E.left({ kind: 'invalid_event', streamId: p.streamId, detail: 'an event with one of these ids is already stored' }))
        } else p.fail(error)
      }
      return
    }
    let wrote = false
    const again: Pending[] = []
    rows.forEach((row, i) => {
      const a = attempts[i] as Attempt
      if (this.settle(a, row, again)) wrote = true
    })
    if (rows.length !== attempts.length) {
      for (const a of attempts.slice(rows.length)) a.pending.fail(new Error('append_batch answered fewer appends than it was given'))
    }
    this.queue.unshift(...again)
    if (wrote) this.options.onWritten()
  }

  /**
   * A batch whose every append is chained on its known head: one INSERT. False when the constraints refused it
   * (nothing was written): the caller then writes the batch through `append_batch`.
   */
  private async writeOnKnownHeads(attempts: readonly Attempt[]): Promise<boolean> {
    const rows = attempts.length === 1 ? (attempts[0] as Attempt).chained : attempts.flatMap((a) => a.chained)
    const keys = attempts.flatMap((a) => {
      const last = a.chained[a.chained.length - 1]
      return a.pending.key === null || last === undefined ? [] : [{ streamId: a.pending.streamId, lastRevision: last.revision, key: a.pending.key }]
    })
    let written: Awaited<ReturnType<typeof writeOnKnownHeads>>
    try {
      // Only PostgreSQL's statements take the locks.
      written = await writeOnKnownHeads(this.options.executor, this.known, rows, keys, this.known.postgres ? this.locksOf(attempts) : [])
    } catch (error) {
      if (isDataError(error)) return false
      for (const a of attempts) a.pending.fail(error)
      return true
    }
    for (const a of attempts) {
      const p = a.pending
      const w = written.get(p.streamId)
      const last = a.chained[a.chained.length - 1]
      if (w === undefined || last === undefined || w.revision !== last.revision) {
        p.fail(new Error(`append to ${p.streamId}: the INSERT did not answer the append's last event`))
        continue
      }
      this.heads.set(p.streamId, { revision: last.revision, hash: last.hash })
      p.settle(E.right({ nextExpectedRevision: w.revision, position: w.position, duplicate: false }))
    }
    this.options.onWritten()
    return true
  }

  /** Settles one append from its row, or puts it in `again`; true when it wrote. */
  private settle(a: Attempt, row: OutcomeRow, again: Pending[]): boolean {
    const p = a.pending
    if (row.o_outcome === 'written') {
      const last = a.chained[a.chained.length - 1]
      if (last !== undefined) this.heads.set(p.streamId, { revision: last.revision, hash: last.hash })
      p.settle(E.right({ nextExpectedRevision: Number(row.o_revision), position: String(row.o_position), duplicate: false }))
      return true
    }
    if (row.o_outcome === 'duplicate') {
      p.settle(E.right({ nextExpectedRevision: Number(row.o_revision), position: String(row.o_position), duplicate: true }))
      return false
    }
    const actual = row.o_revision === null ? undefined : Number(row.o_revision)
    this.heads.set(p.streamId, actual === undefined ? NO_STREAM : { revision: actual, hash: String(row.o_hash) })
    if (!expectationHolds(p.expected, actual)) {
      p.settle(E.left({ kind: 'wrong_expected_revision', streamId: p.streamId, expected: p.expected, actual }))
    } else if (++p.attempts >= MAX_ATTEMPTS) {
      p.fail(new Error(`append to ${p.streamId}: the stream moved under ${MAX_ATTEMPTS} attempts in a row`))
    } else again.push(p)
    return false
  }
}
