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
import type { QueryOptions, SqlDriver, SqlExecutor } from './driver.js'
import { NO_STREAM, type StreamHead } from './stream-heads.js'

export interface BulkWriter {
  /**
   * The import's transaction, for writes that must commit or roll back with its events (keys of sealed data). Its
   * statements are lookups (below): they go ahead of the rows queued, which are sent at the next `append`.
   */
  readonly tx: SqlExecutor
  /** The stream's head as this import sees it (its own writes included). */
  readonly head: (streamId: string) => Promise<StreamHead>
  /**
   * Learns the heads of streams about to be written, in one query: `head` then answers them without a round trip
   * each (which would also wait behind the batch in flight). Nothing to ask of an empty target.
   */
  readonly learnHeads: (streamIds: Iterable<string>) => Promise<void>
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

/**
 * Rows per statement: large enough that the per-statement cost vanishes, small enough to keep memory flat (a COPY
 * batch is one string of about 1 KB per event) and to let the database work on one batch while the next is built.
 */
const ROWS_PER_INSERT = 2_000
const ROWS_PER_COPY = 5_000
/**
 * Lookups (heads, stored events, the sealer's keys) go on the wire ahead of the rows queued, and those rows are sent
 * at the next `append` once they are this many: one connection runs its statements in order, so a lookup queued
 * behind a COPY would wait for all of it. A read-ahead window's lookups then wait only for the batch sent at the
 * start of the window before, and the database writes one window while the next is built.
 */
const ROWS_SENT_AFTER_LOOKUPS = 1_000
/**
 * Once a batch has been sent, building the next one yields to the event loop every this many rows. Appends whose
 * heads are known resolve as microtasks, which never let the loop write the rest of the batch in flight to its
 * socket: without the yield the database read the first chunk, then waited for the whole next batch to be built.
 */
const ROWS_PER_YIELD = 250

const COLUMNS = '(stream_id, revision, id, type, data, metadata, hash, previous_hash)'
const TAB = 0x09
const NEWLINE = 0x0a

/** COPY's text format: a backslash, a tab, a newline or a carriage return in a value is written as its escape. */
const COPY_SPECIAL = /[\\\t\n\r]/
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }
/** Most values have none of them (canonical JSON has no raw control characters), so the test comes first. */
export const copyValue = (v: string): string => (COPY_SPECIAL.test(v) ? v.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c] as string) : v)

export const bulkWrite = async <T>(
  driver: SqlDriver,
  s: string,
  body: (writer: BulkWriter) => Promise<T>,
): Promise<BulkWritten<T>> =>
  driver.transaction(async (tx) => {
    await tx.query(`LOCK TABLE ${s}.events IN EXCLUSIVE MODE`)
    const [state] = await tx.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${s}.events) AS empty`)
    const writer = new Writer(tx, s, state?.empty === true)
    let value: T
    try {
      value = await body(writer)
    } catch (error) {
      // A batch the database refused (a duplicate id) fails every statement queued behind it with "current
      // transaction is aborted": the refusal is the error worth reporting.
      throw (await writer.refusal()) ?? error
    }
    await writer.finish()
    // The position of the last row written, for waiting until readers see the import (it commits as one).
    const [last] = writer.written === 0 ? [] : await tx.query<{ position: string }>(
      `SELECT transaction_id::text || ':' || global_position::text AS position FROM ${s}.events
        WHERE transaction_id = pg_current_xact_id() ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    )
    return { commit: true, value: { value, written: writer.written, last: last?.position } }
  })

/** A batch of rows on its way to the events table, in the order they are added. */
interface Batch {
  readonly size: number
  add(streamId: string, revision: number, id: string, type: string, data: string, metadata: string, hash: string, previous: string): void
  /** Writes the rows added (the batch is not reused). */
  send(tx: SqlExecutor): Promise<unknown>
}

/**
 * Rows as COPY's text input, one line each. The database assigns `global_position` in the order COPY reads the
 * lines, which is the order they were added: per-stream order inside the global order holds as it did with the
 * INSERT's `ORDER BY ordinality`, without a sort.
 */
class CopyBatch implements Batch {
  size = 0
  private bytes: Buffer
  private used = 0
  constructor(private readonly statement: string, expectedBytes: number) {
    this.bytes = Buffer.allocUnsafe(expectedBytes)
  }
  add(streamId: string, revision: number, id: string, type: string, data: string, metadata: string, hash: string, previous: string): void {
    // Each value is encoded straight into one buffer, separators as bytes: a line built as one string and encoded
    // (or the whole batch as one string) cost flattening thousands of concatenated pieces and their garbage. The
    // hash computed here is hex and the revision a number; the texts are escaped for COPY. A UTF-16 unit takes at
    // most 3 bytes in UTF-8.
    const s = copyValue(streamId)
    const i = copyValue(id)
    const t = copyValue(type)
    const d = copyValue(data)
    const m = copyValue(metadata)
    const p = copyValue(previous)
    const most = (s.length + i.length + t.length + d.length + m.length + p.length) * 3 + 64 + 32
    if (this.bytes.length - this.used < most) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + most))
      this.bytes.copy(grown, 0, 0, this.used)
      this.bytes = grown
    }
    const b = this.bytes
    let at = this.used
    at += b.write(s, at, 'utf8')
    b[at++] = TAB
    at += b.write(String(revision), at, 'latin1')
    b[at++] = TAB
    at += b.write(i, at, 'utf8')
    b[at++] = TAB
    at += b.write(t, at, 'utf8')
    b[at++] = TAB
    at += b.write(d, at, 'utf8')
    b[at++] = TAB
    at += b.write(m, at, 'utf8')
    b[at++] = TAB
    at += b.write(hash, at, 'latin1')
    b[at++] = TAB
    // The hash before comes from the target's head (the store wrote it, 64 bytes by the table's check); written
    // as any text, so even a tampered head is stored as read, and the chain check will say so.
    at += b.write(p, at, 'utf8')
    b[at++] = NEWLINE
    this.used = at
    this.size++
  }
  get byteLength(): number {
    return this.used
  }
  send(tx: SqlExecutor): Promise<unknown> {
    return (tx.copyFrom as NonNullable<SqlExecutor['copyFrom']>)(this.statement, this.bytes.subarray(0, this.used))
  }
}

/** Rows as eight arrays for `INSERT … SELECT FROM unnest(…)`: where the driver has no COPY (PGlite). */
class InsertBatch implements Batch {
  private readonly c = { s: [] as string[], r: [] as number[], i: [] as string[], ty: [] as string[], d: [] as string[], m: [] as string[], h: [] as string[], p: [] as string[] }
  constructor(private readonly statement: string) {}
  get size(): number {
    return this.c.s.length
  }
  add(streamId: string, revision: number, id: string, type: string, data: string, metadata: string, hash: string, previous: string): void {
    const c = this.c
    c.s.push(streamId)
    c.r.push(revision)
    c.i.push(id)
    c.ty.push(type)
    c.d.push(data)
    c.m.push(metadata)
    c.h.push(hash)
    c.p.push(previous)
  }
  send(tx: SqlExecutor): Promise<unknown> {
    const c = this.c
    return tx.query(this.statement, [c.s, c.r, c.i, c.ty, c.d, c.m, c.h, c.p])
  }
}

class Writer implements BulkWriter {
  written = 0
  /** The batch's size when the writer last yielded to the event loop. */
  private yieldedAt = 0
  /** A lookup went out with enough rows queued: the next append sends them first. */
  private sendAtNextAppend = false
  /** The transaction as callers see it: every statement a lookup. */
  readonly tx: SqlExecutor
  private readonly heads = new Map<string, StreamHead>()
  private readonly newBatch: () => Batch
  private readonly rowsPerStatement: number
  private batch: Batch
  private inFlight: Promise<unknown> | undefined
  private readonly headSql: string
  private readonly eventSql: string
  private readonly headsSql: string
  /** The size of the last COPY batch, so the next one is allocated once at about the right size. */
  private copyBytes = 4 * 1024 * 1024

  constructor(
    private readonly connection: SqlExecutor,
    s: string,
    private readonly empty: boolean,
  ) {
    this.tx = { query: (text, params, options) => this.lookup(text, params, options) }
    if (connection.copyFrom !== undefined) {
      const copy = `COPY ${s}.events ${COLUMNS} FROM STDIN`
      this.newBatch = () => new CopyBatch(copy, this.copyBytes)
      this.rowsPerStatement = ROWS_PER_COPY
    } else {
      const insert = `INSERT INTO ${s}.events ${COLUMNS}
        SELECT t.s, t.r, t.i, t.ty, t.d::jsonb, t.m::jsonb, t.h, t.p
          FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
               WITH ORDINALITY AS t(s, r, i, ty, d, m, h, p, ord)
         ORDER BY t.ord`
      this.newBatch = () => new InsertBatch(insert)
      this.rowsPerStatement = ROWS_PER_INSERT
    }
    this.batch = this.newBatch()
    this.headSql = `SELECT e.revision::text AS head, e.hash FROM ${s}.events e WHERE e.stream_id = $1 ORDER BY e.revision DESC LIMIT 1`
    this.eventSql = `SELECT id, hash FROM ${s}.events WHERE stream_id = $1 AND revision = $2`
    // One index probe per stream, as headSql, for a whole read-ahead window.
    this.headsSql = `SELECT s.id AS stream_id, h.revision::text AS head, h.hash
      FROM unnest($1::text[]) AS s(id)
      CROSS JOIN LATERAL (SELECT e.revision, e.hash FROM ${s}.events e WHERE e.stream_id = s.id ORDER BY e.revision DESC LIMIT 1) h`
  }

  head = async (streamId: string): Promise<StreamHead> => {
    const known = this.heads.get(streamId)
    if (known !== undefined) return known
    if (this.empty) return NO_STREAM
    const [row] = await this.lookup<{ head: string; hash: string }>(this.headSql, [streamId])
    const head = row === undefined ? NO_STREAM : { revision: Number(row.head), hash: row.hash }
    this.heads.set(streamId, head)
    return head
  }

  learnHeads = async (streamIds: Iterable<string>): Promise<void> => {
    if (this.empty) return
    const unknown = [...new Set(streamIds)].filter((id) => !this.heads.has(id))
    if (unknown.length === 0) return
    const rows = await this.lookup<{ stream_id: string; head: string; hash: string }>(this.headsSql, [unknown])
    for (const id of unknown) this.heads.set(id, NO_STREAM)
    for (const r of rows) this.heads.set(r.stream_id, { revision: Number(r.head), hash: r.hash })
  }

  eventAt = async (streamId: string, revision: number) => {
    if (this.empty) return undefined
    const [row] = await this.lookup<{ id: string; hash: string }>(this.eventSql, [streamId, revision])
    return row
  }

  append = async (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
    // One pass per event: validated and made canonical together; that text is hashed and stored as it is.
    const valid = validateAppendAsText(streamId, events, { expected })
    if (E.isLeft(valid)) return valid
    if (this.sendAtNextAppend) {
      this.sendAtNextAppend = false
      await this.flush()
    }
    const head = await this.head(streamId)
    const actual = head.revision < 0 ? undefined : head.revision
    if (!expectationHolds(expected, actual)) {
      return E.left<AppendError>({ kind: 'wrong_expected_revision', streamId, expected, actual })
    }
    const hashes: string[] = []
    let previous = head.hash
    let revision = head.revision
    for (const e of valid.right) {
      revision += 1
      const hash = chainHashOfText(previous, { streamId, revision, id: e.id, type: e.type }, e.dataText, e.metadataText)
      this.batch.add(streamId, revision, e.id, e.type, e.dataText, e.metadataText, hash, previous)
      hashes.push(hash)
      previous = hash
    }
    this.heads.set(streamId, { revision, hash: previous })
    if (this.batch.size >= this.rowsPerStatement) await this.flush()
    else if (this.inFlight !== undefined && this.batch.size - this.yieldedAt >= ROWS_PER_YIELD) {
      this.yieldedAt = this.batch.size
      await new Promise((resolve) => setImmediate(resolve))
    }
    return E.right(hashes)
  }

  /** A statement in the import's transaction, sent ahead of the rows queued (its answer is the same either way). */
  private lookup<R>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]> {
    if (this.batch.size >= ROWS_SENT_AFTER_LOOKUPS) this.sendAtNextAppend = true
    return this.connection.query<R>(sql, params, options)
  }

  /**
   * Sends the queued rows. One statement stays in flight while the next batch is built, so parsing and hashing
   * here overlap with the database's work; an error surfaces at the next flush or at `finish`.
   */
  private async flush(): Promise<void> {
    await this.inFlight
    const batch = this.batch
    if (batch.size === 0) return
    if (batch instanceof CopyBatch) this.copyBytes = Math.ceil(batch.byteLength * 1.1)
    this.batch = this.newBatch()
    this.yieldedAt = 0
    this.written += batch.size
    this.inFlight = batch.send(this.connection)
    // Observed at the next await; never left unhandled in between.
    this.inFlight.catch(() => undefined)
  }

  /** Why the statement in flight failed, if it did. */
  async refusal(): Promise<unknown> {
    try {
      await this.inFlight
      return undefined
    } catch (error) {
      return error
    }
  }

  async finish(): Promise<void> {
    await this.flush()
    await this.inFlight
  }
}
