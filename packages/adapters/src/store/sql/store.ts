/**
 * The event store over SQL, shared by PGlite and PostgreSQL.
 *
 * Global order and why readers never skip an event
 * ------------------------------------------------
 * `global_position` comes from a sequence, handed out when a row is inserted, but transactions commit in any
 * order: a transaction holding position 10 can commit after one holding 11. A reader that trusts the sequence
 * sees 11, moves its checkpoint past it, and never sees 10. So readers:
 *   1. order by `(transaction_id, global_position)` and use that pair as the position, and
 *   2. only read rows whose `transaction_id` is below the oldest transaction still running
 *      (`pg_snapshot_xmin(pg_current_snapshot())`, taken from the statement's own snapshot; refined below to
 *      ignore transactions of other databases, see horizon.ts).
 * Every transaction below that horizon has finished, so the set of rows below it can no longer change, and any
 * transaction that has not written yet will get a larger id. What a reader has seen is therefore a prefix of the
 * final order, and its checkpoint is safe. The price: a long-running transaction that wrote in this database
 * holds readers back (never forward) until it ends.
 *
 * Per-stream order inside the global order
 * ----------------------------------------
 * Appends to one stream are serialised by a transaction-level advisory lock on the stream, taken first thing in
 * `append_batch` (migration 4), before anything assigns the transaction an id. The next append to the stream can
 * only get the lock (and then its id) after the previous one committed, so its transaction id is larger and its
 * events come later in the global order too. Locking a row alone would not be enough: a transaction may be given
 * its id while waiting for the row lock, before the holder's.
 *
 * Appends are written by group commit (group-commit.ts): those that arrive together share one statement and one
 * commit, each with its own optimistic-concurrency result.
 */
import * as E from 'fp-ts/lib/Either.js'
import type {
  AppendError,
  AppendOptions,
  AppendResult,
  EventHeader,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamNotFound,
  Subscription,
} from '../port.js'
import { follow, stopAll, track, type Page } from '../subscription.js'
import { checkReadStreamOptions, validateAppendAsText } from '../validate.js'
import { sha256Bytes } from '../../integrity/sha256.js'
import type { SqlDriver } from './driver.js'
import { bulkWrite, type BulkWriter, type BulkWritten } from './bulk.js'
import { GroupCommit, type CommitBatch } from './group-commit.js'
import { COLUMNS, HEADER_COLUMNS, TEXT_COLUMNS, toHeaderOnRead, toRecorded, toRecordedOnRead, type EventRow, type FollowRow, type TextRow } from './event-row.js'
import { belowHorizon, page, pageWithHeld } from './horizon.js'
import { compareSqlPositions, formatPosition, parsePosition } from './position.js'
import { checkSchemaName, migrate, quoteIdent } from './schema.js'

/** A SQL store also exposes its driver and schema, so projections can share its database and transactions. */
export interface SqlEventStore extends EventStore {
  readonly driver: SqlDriver
  readonly schema: string
  /**
   * Many appends in one transaction, all or nothing, written in large batches (`kezek import`). Other writers wait
   * until it ends; see bulk.ts.
   */
  readonly bulk: <T>(body: (writer: BulkWriter) => Promise<T>) => Promise<BulkWritten<T>>
}

/** The advisory-lock key of a stream (`append_batch` and the INSERT on known heads take it before writing). */
export const streamLockKey = (schema: string, streamId: string): bigint => sha256Bytes(`${schema}\u0000${streamId}`).readBigInt64BE(0)

/**
 * Least time between two NOTIFYs of one store (see `announce`). Each NOTIFY is a statement, a wake-up of a backend
 * and a socket write: at 10 ms a lone writer sent one per seven appends and lost a tenth of its rate to them
 * (measured side by side on PostgreSQL). At 50 ms another process's subscribers hear of a busy writer's commits at
 * most 50 ms late; a quiet writer's first commit is still announced at once.
 */
const NOTIFY_PAUSE_MS = 50

/**
 * How long this process's caught-up subscriptions let commits gather before reading them back, when nobody waits for
 * a position (subscription.ts). Under signed submissions a read-back followed every group-commit batch, nearly half
 * of the reference service's statements; at 20 ms one read takes three batches or so, and PostgreSQL's CPU per
 * submission fell by a quarter (docs/benchmarks-history.md, stop 50). A reader that did not ask for a position sees
 * a commit at most this much later; one that waits with `reached` is read for at once.
 */
const FOLLOW_GATHER_MS = 20

export interface SqlStoreOptions {
  readonly schema?: string
  /** Default page size of `readAll` and of subscriptions' catch-up reads. */
  readonly batchSize?: number
  /** Append batches written at once (group commit); default the driver's, else 1. */
  readonly maxBatchesInFlight?: number
  /** Told of every group-commit batch once it is settled: its appends, events and time (metrics). */
  readonly onCommitBatch?: (batch: CommitBatch) => void
  /**
   * How long caught-up subscriptions let commits gather before reading them, unless someone waits for a position;
   * default 20 ms, 0 to read after every commit. See `FOLLOW_GATHER_MS`.
   */
  readonly followGatherMs?: number
}

export const openSqlStore = async (driver: SqlDriver, options: SqlStoreOptions = {}): Promise<SqlEventStore> => {
  const schema = checkSchemaName(options.schema ?? 'kezek')
  const defaultBatch = options.batchSize ?? 500
  const gatherMs = options.followGatherMs ?? FOLLOW_GATHER_MS
  if (!Number.isFinite(gatherMs) || gatherMs < 0) throw new RangeError(`followGatherMs must be a finite number of ms, 0 or more: ${gatherMs}`)
  await migrate(driver, schema)
  const s = quoteIdent(schema)
  const channel = `${schema}_events`
  const sole = driver.soleWriter === true
  const visible = belowHorizon(sole)
  const localWakers = new Set<() => void>()
  const subscriptions = new Set<Subscription>()
  let unlisten: (() => Promise<void>) | undefined
  let listening: Promise<void> | undefined
  let closed = false

  // Other processes learn of appends by NOTIFY, sent after COMMIT and coalesced. Not inside the append's
  // transaction: a committing transaction that has notified holds a cluster-wide lock through its WAL flush, which
  // would serialise every append and defeat group commit. A NOTIFY lost to a crash right after COMMIT only delays
  // other processes' subscribers until their next poll.
  let notifying: Promise<void> | undefined
  let notifyAgain = false
  const announce = (): void => {
    const notify = driver.notify
    if (notify === undefined) return
    if (notifying !== undefined) {
      notifyAgain = true
      return
    }
    notifying = (async () => {
      do {
        notifyAgain = false
        await notify(channel).catch(() => undefined)
        // Then a short pause that gathers the commits made meanwhile into the next NOTIFY: one writer committing
        // back to back otherwise sent a NOTIFY, and woke a backend, per append. The first commit after a quiet
        // spell is still announced at once; the others at most NOTIFY_PAUSE_MS late.
        await new Promise((resolve) => setTimeout(resolve, NOTIFY_PAUSE_MS))
      } while (notifyAgain && !closed)
      notifying = undefined
    })()
  }

  const wakeAll = (): void => {
    for (const wake of localWakers) wake()
  }

  const ensureOpen = (): void => {
    if (closed) throw new Error(`the ${schema} event store is closed`)
  }

  const commits = new GroupCommit({
    executor: driver.batches ?? driver,
    schemaSql: s,
    lockKey: (streamId) => streamLockKey(schema, streamId),
    maxInFlight: options.maxBatchesInFlight ?? driver.maxBatchesInFlight ?? 1,
    knownHeads: sole ? 'sole-writer' : 'with-locks',
    ...(options.onCommitBatch === undefined ? {} : { onBatch: options.onCommitBatch }),
    onWritten: () => {
      wakeAll()
      announce()
    },
  })

  const readRows = (text: string, params: readonly unknown[]): Promise<EventRow[]> =>
    driver.query<EventRow>(text, params, { arrays: true })

  const append = async (
    streamId: string,
    events: readonly NewEvent[],
    opts: AppendOptions,
  ): Promise<E.Either<AppendError, AppendResult>> => {
    ensureOpen()
    const valid = validateAppendAsText(streamId, events, opts)
    if (E.isLeft(valid)) return valid
    return commits.append(streamId, valid.right, opts.expected, opts.idempotencyKey ?? null)
  }

  const readStream = async (
    streamId: string,
    opts?: ReadStreamOptions,
  ): Promise<E.Either<StreamNotFound, readonly RecordedEvent[]>> => {
    ensureOpen()
    checkReadStreamOptions(opts)
    const rows = await readRows(
      `SELECT ${COLUMNS} FROM ${s}.events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, opts?.from ?? 0, opts?.maxCount ?? null],
    )
    // No rows from revision 0 with room for some: the stream has no events, no second query needed. Only a read
    // from a later revision (or of none) must ask whether the stream exists at all.
    const fromStart = (opts?.from ?? 0) === 0 && opts?.maxCount !== 0
    if (rows.length === 0 && fromStart) return E.left({ kind: 'stream_not_found', streamId })
    if (rows.length === 0) {
      const exists = await driver.query(`SELECT 1 FROM ${s}.events WHERE stream_id = $1 LIMIT 1`, [streamId])
      if (exists.length === 0) return E.left({ kind: 'stream_not_found', streamId })
    }
    const events = rows.map(toRecorded)
    // A read to the end of the stream tells the next append its head, so the append needs no read of its own.
    const last = events[events.length - 1]
    if (last !== undefined && (opts?.maxCount === undefined || rows.length < opts.maxCount)) {
      commits.heads.set(streamId, { revision: last.revision, hash: last.hash })
    }
    return E.right(events)
  }

  const pageSql = page(s, COLUMNS, sole)
  const typedPageSql = page(s, COLUMNS, sole, true)
  // Subscriptions read data and metadata as text, parsed only by the followers that read them (event-row.ts).
  const soleFollowSql = page(s, TEXT_COLUMNS, sole)
  const followSql = pageWithHeld(s, TEXT_COLUMNS)
  // A subscriber that says which events it reads (`needsData`) gets a page of headers, then the documents of those
  // events only. The service's read models skip its own writes and its notices read no data, so under load the
  // read-back sent every event's data and metadata as text for nothing: 18 % of the server's statement time
  // (pg_stat_statements, docs/benchmarks-history.md, stop 54).
  const soleFollowHeadersSql = page(s, HEADER_COLUMNS, sole)
  const followHeadersSql = pageWithHeld(s, HEADER_COLUMNS)
  const documentsSql = `SELECT e.data::text, e.metadata::text
      FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(x, g, n)
      JOIN ${s}.events e ON e.transaction_id = t.x::xid8 AND e.global_position = t.g
     ORDER BY t.n`

  /** The page's events, read as headers, with the data and metadata of those `needsData` asks for read now. */
  const withData = async (rows: readonly (readonly [...TextRow, ...unknown[]])[], needsData: (h: EventHeader) => boolean): Promise<RecordedEvent[]> => {
    const events = rows.map(toHeaderOnRead)
    const wanted = events.flatMap((e, i) => (needsData(e) ? [i] : []))
    if (wanted.length === 0) return events
    const at = wanted.map((i) => parsePosition((events[i] as RecordedEvent).position))
    const documents = await driver.query<readonly [data: string, metadata: string]>(
      documentsSql,
      [at.map((p) => p.transactionId.toString()), at.map((p) => p.globalPosition.toString())],
      { arrays: true },
    )
    // The log is append-only: every event of the page is still there.
    if (documents.length !== wanted.length) throw new Error(`read ${documents.length} of ${wanted.length} events' data`)
    wanted.forEach((i, k) => {
      const row = rows[i] as readonly [...TextRow, ...unknown[]]
      const [data, metadata] = documents[k] as readonly [string, string]
      events[i] = toRecordedOnRead([row[0], row[1], row[2], data, metadata, row[5]])
    })
    return events
  }

  /**
   * A page of the global order; `held` is only worked out when `askHeld` (subscriptions need it, readAll not), and
   * `types` filters it (readAll's option; subscriptions follow every event).
   */
  const readPage = async (
    after: string | undefined,
    limit: number,
    askHeld = true,
    types?: readonly string[],
    needsData?: (h: EventHeader) => boolean,
  ): Promise<Page> => {
    ensureOpen()
    const from = after === undefined ? { transactionId: 0n, globalPosition: 0n } : parsePosition(after)
    const params = [from.transactionId.toString(), from.globalPosition.toString(), limit]
    if (types !== undefined) return { events: (await readRows(typedPageSql, [...params, types])).map(toRecorded), held: false }
    if (!askHeld) return { events: (await readRows(pageSql, params)).map(toRecorded), held: false }
    // A sole writer has no horizon, so nothing is ever held.
    if (sole) {
      if (needsData !== undefined) return { events: await withData(await driver.query<TextRow>(soleFollowHeadersSql, params, { arrays: true }), needsData), held: false }
      return { events: (await driver.query<TextRow>(soleFollowSql, params, { arrays: true })).map(toRecordedOnRead), held: false }
    }
    const rows = await driver.query<FollowRow>(needsData === undefined ? followSql : followHeadersSql, params, { arrays: true })
    const first = rows[0]
    if (first === undefined || first[0] === null) return { events: [], held: first?.[6] === true }
    // All NULL only when the page is empty: every row of a page is an event.
    const full = rows as readonly Extract<FollowRow, readonly [string, ...unknown[]]>[]
    const events = needsData === undefined ? full.map(toRecordedOnRead) : await withData(full, needsData)
    return { events, held: events.length < limit && first[6] === true }
  }

  /**
   * Not an async generator: a generator's `yield` costs several promise hops per event, and readAll hands out
   * thousands of events per page. This iterator answers `next()` from the page in hand with an already-settled
   * promise, so a `for await` pays one hop per event and a page read per page.
   */
  const readAll = (opts?: ReadAllOptions): AsyncIterable<RecordedEvent> => ({
    [Symbol.asyncIterator]: (): AsyncIterator<RecordedEvent> => {
      const limit = opts?.batchSize ?? defaultBatch
      let events: readonly RecordedEvent[] = []
      let index = 0
      let more = true
      let next: Promise<Page> | undefined
      // The next page is asked for as soon as this one arrives, so the database reads it while the caller works
      // through this one: readAll's time is then the larger of the two, not their sum.
      const fetch = (after: string | undefined): void => {
        next = readPage(after, limit, false, opts?.types)
        // A caller that stops early never awaits it: its failure must not surface as an unhandled rejection.
        next.catch(() => undefined)
      }
      const finished = (): IteratorResult<RecordedEvent> => {
        more = false
        next = undefined
        events = []
        return { done: true, value: undefined }
      }
      const step = async (): Promise<IteratorResult<RecordedEvent>> => {
        while (index >= events.length) {
          if (next === undefined) return finished()
          let page: Page
          try {
            page = await next
          } catch (error) {
            // As a generator would: a failed read ends the iteration.
            finished()
            throw error
          }
          next = undefined
          events = page.events
          index = 0
          const last = events[events.length - 1]
          if (last !== undefined && events.length >= limit && more) fetch(last.position)
        }
        return { done: false, value: events[index++] as RecordedEvent }
      }
      fetch(opts?.after)
      // Calls to `next` that overlap (not `for await`, which waits) are answered in order, as a generator would.
      let busy: Promise<IteratorResult<RecordedEvent>> | undefined
      return {
        next: () => {
          if (busy === undefined && index < events.length) {
            return Promise.resolve({ done: false, value: events[index++] as RecordedEvent })
          }
          const result = busy === undefined ? step() : busy.then(step, step)
          busy = result
          const settle = (): void => {
            if (busy === result) busy = undefined
          }
          result.then(settle, settle)
          return result
        },
        return: async () => finished(),
      }
    },
  })

  const startListening = (): void => {
    if (driver.listen === undefined || listening !== undefined) return
    listening = driver.listen(channel, wakeAll).then(
      (stop) => {
        unlisten = stop
      },
      // Without LISTEN the subscriptions still follow through the poll: slower, never wrong.
      () => undefined,
    )
  }

  const onAppend = (wake: () => void): (() => void) => {
    localWakers.add(wake)
    return () => localWakers.delete(wake)
  }

  return {
    driver,
    schema,
    append,
    bulk: async (body) => {
      ensureOpen()
      const done = await bulkWrite(driver, s, body)
      if (done.written > 0) {
        wakeAll()
        announce()
      }
      return done
    },
    readStream,
    readAll,
    subscribe: (opts) => {
      ensureOpen()
      startListening()
      const log = {
        readPage: (after: string | undefined, limit: number, needsData?: (h: EventHeader) => boolean) => readPage(after, limit, true, undefined, needsData),
        onAppend,
        comparePositions: compareSqlPositions,
        ...(driver.pollIntervalMs === undefined ? {} : { pollIntervalMs: driver.pollIntervalMs }),
        ...(gatherMs > 0 ? { gatherMs } : {}),
      }
      return track(subscriptions, follow(log, { batchSize: defaultBatch, ...opts }))
    },
    headPosition: async () => {
      ensureOpen()
      const [row] = await driver.query<{ tx: string; gp: string }>(
        `SELECT transaction_id::text AS tx, global_position::text AS gp FROM ${s}.events
          WHERE true ${visible}
          ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
        [], // prepared, as `held` above
      )
      return row === undefined ? undefined : formatPosition(row.tx, row.gp)
    },
    comparePositions: compareSqlPositions,
    close: async () => {
      if (closed) return
      await stopAll(subscriptions)
      closed = true
      await commits.idle()
      await notifying
      await listening
      await unlisten?.()
      await driver.close()
    },
  }
}
