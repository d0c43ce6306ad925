/**
 * Bulk writing for `kezek import`: many appends in ONE transaction, all or nothing, with the checks and the hash
 * chain of `append` but thousands of rows per statement instead of one statement per append.
 *
 * The transaction first locks the events table against other writers (EXCLUSIVE: readers go on, appends wait). An
 * import holds one transaction id for everything it writes, so another writer appending to the same streams
 * meanwhile could otherwise put a later revision under an older transaction id; with the lock there is no other
 * writer, and per-stream order inside the global order holds as it does for appends. Readers see the whole import
 * at once, when it commits.
 */
import * as E from 'fp-ts/lib/Either.js'
import { chainHashOfText } from '../../integrity/chain.js'
import type { AppendError, ExpectedRevision, NewEvent } from '../port.js'
import { expectationHolds, validateAppendAsText } from '../validate.js'
import type { SqlDriver, SqlExecutor } from './driver.js'
import { NO_STREAM, type StreamHead } from './stream-heads.js'

export interface BulkWriter {
  /** The import's transaction, for writes that must commit or roll back with its events (keys of sealed data). */
  readonly tx: SqlExecutor
  /** The stream's head as this import sees it (its own writes included). */
  readonly head: (streamId: string) => Promise<StreamHead>
  /** The id and hash of a stored event, for comparing a file with what the target already holds. */
  readonly eventAt: (streamId: string, revision: number) => Promise<{ readonly id: string; readonly hash: string } | undefined>
  /** Validates, checks `expected`, chains and queues the events; returns their hashes. Written in large batches. */
  readonly append: (
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ) => Promise<E.Either<AppendError, readonly string[]>>
}

export interface BulkWritten<T> {
  readonly value: T
  readonly written: number
  /** Position of the last event written; undefined when nothing was. */
  readonly last: string | undefined
}

/** Rows per INSERT: large enough that the per-statement cost vanishes, small enough to keep memory flat. */
const ROWS_PER_STATEMENT = 2_000

export const bulkWrite = async <T>(
  driver: SqlDriver,
  s: string,
  body: (writer: BulkWriter) => Promise<T>,
): Promise<BulkWritten<T>> =>
  driver.transaction(async (tx) => {
    await tx.query(`LOCK TABLE ${s}.events IN EXCLUSIVE MODE`)
    const [state] = await tx.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${s}.events) AS empty`)
    const writer = new Writer(tx, s, state?.empty === true)
    const value = await body(writer)
    await writer.finish()
    // The position of the last row written, for waiting until readers see the import (it commits as one).
    const [last] = writer.written === 0 ? [] : await tx.query<{ position: string }>(
      `SELECT transaction_id::text || ':' || global_position::text AS position FROM ${s}.events
        WHERE transaction_id = pg_current_xact_id() ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    )
    return { commit: true, value: { value, written: writer.written, last: last?.position } }
  })

class Writer implements BulkWriter {
  written = 0
  private readonly heads = new Map<string, StreamHead>()
  private cols = Writer.columns()
  private inFlight: Promise<unknown> | undefined
  private readonly insert: string

  constructor(
    readonly tx: SqlExecutor,
    s: string,
    private readonly empty: boolean,
  ) {
    this.insert = `INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
      SELECT t.s, t.r, t.i, t.ty, t.d::jsonb, t.m::jsonb, t.h, t.p
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
             WITH ORDINALITY AS t(s, r, i, ty, d, m, h, p, ord)
       ORDER BY t.ord`
    this.headSql = `SELECT e.revision::text AS head, e.hash FROM ${s}.events e WHERE e.stream_id = $1 ORDER BY e.revision DESC LIMIT 1`
    this.eventSql = `SELECT id, hash FROM ${s}.events WHERE stream_id = $1 AND revision = $2`
  }

  private readonly headSql: string
  private readonly eventSql: string

  private static columns() {
    return { s: [] as string[], r: [] as number[], i: [] as string[], ty: [] as string[], d: [] as string[], m: [] as string[], h: [] as string[], p: [] as string[] }
  }

  head = async (streamId: string): Promise<StreamHead> => {
    const known = this.heads.get(streamId)
    if (known !== undefined) return known
    if (this.empty) return NO_STREAM
    const [row] = await this.tx.query<{ head: string; hash: string }>(this.headSql, [streamId])
    const head = row === undefined ? NO_STREAM : { revision: Number(row.head), hash: row.hash }
    this.heads.set(streamId, head)
    return head
  }

  eventAt = async (streamId: string, revision: number) => {
    if (this.empty) return undefined
    const [row] = await this.tx.query<{ id: string; hash: string }>(this.eventSql, [streamId, revision])
    return row
  }

  append = async (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
    // One pass per event: validated and made canonical together; that text is hashed and stored as it is.
    const valid = validateAppendAsText(streamId, events, { expected })
    if (E.isLeft(valid)) return valid
    const head = await this.head(streamId)
    const actual = head.revision < 0 ? undefined : head.revision
    if (!expectationHolds(expected, actual)) {
      return E.left<AppendError>({ kind: 'wrong_expected_revision', streamId, expected, actual })
    }
    const c = this.cols
    const hashes: string[] = []
    let previous = head.hash
    let revision = head.revision
    for (const e of valid.right) {
      revision += 1
      const hash = chainHashOfText(previous, { streamId, revision, id: e.id, type: e.type }, e.dataText, e.metadataText)
      c.s.push(streamId)
      c.r.push(revision)
      c.i.push(e.id)
      c.ty.push(e.type)
      c.d.push(e.dataText)
      c.m.push(e.metadataText)
      c.h.push(hash)
      c.p.push(previous)
      hashes.push(hash)
      previous = hash
    }
    this.heads.set(streamId, { revision, hash: previous })
    if (c.s.length >= ROWS_PER_STATEMENT) await this.flush()
    return E.right(hashes)
  }

  /**
   * Sends the queued rows. One statement stays in flight while the next batch is built, so parsing and hashing
   * here overlap with the database's work; an error surfaces at the next flush or at `finish`.
   */
  private async flush(): Promise<void> {
    await this.inFlight
    const c = this.cols
    if (c.s.length === 0) return
    this.cols = Writer.columns()
    this.written += c.s.length
    this.inFlight = this.tx.query(this.insert, [c.s, c.r, c.i, c.ty, c.d, c.m, c.h, c.p])
    // Observed at the next await; never left unhandled in between.
    this.inFlight.catch(() => undefined)
  }

  async finish(): Promise<void> {
    await this.flush()
    await this.inFlight
  }
}
