/**
 * The write of a batch whose every append is chained on a head this process knows: one plain INSERT of the chained
 * rows (and of the idempotency keys), the cheapest statement that writes them, instead of `append_batch`, which
 * probes each stream's head and key first.
 *
 * A known head is a head this process saw committed: its own write's, or a read's. On PGlite it is the head, since
 * one process owns the database and runs every statement in turn (the sole writer). On PostgreSQL another process
 * may have moved it since, and the guess is checked by the constraints, as it is on PGlite when a second store
 * shares the database: a head that was not the head makes the INSERT collide on (stream_id, revision), a retry
 * whose key is stored collides on the key's primary key, a duplicate event id on its own index. Any such error
 * leaves nothing written (one autocommit statement), and the batch then goes the general way, through
 * `append_batch`, which works out each append's own result.
 *
 * On PostgreSQL the statement first takes the streams' advisory locks, in the same sorted order as `append_batch`,
 * before any row gives the transaction an id (store.ts: per-stream order inside the global order, and no deadlock
 * between two writers' batches). Without the probes, a batch of eight one-event appends cost the server 234–250 µs
 * instead of 357–375 µs (docs/benchmarks-history.md, stop 46). PGlite needs no lock: nothing else runs while it
 * writes.
 */
import type { SqlExecutor } from './driver.js'
import { jsonArrayOf, textsOf } from './json-array.js'

/** One row of the batch to insert. */
export interface ChainedRow {
  readonly streamId: string
  readonly revision: number
  readonly id: string
  readonly type: string
  readonly dataText: string
  readonly metadataText: string
  readonly hash: string
  readonly previousHash: string
}

/** An append's idempotency key, stored with its last revision. */
export interface AppendKey {
  readonly streamId: string
  readonly lastRevision: number
  readonly key: string
}

/** Where each stream's last written event landed: stream id → (revision, position). */
export type Written = ReadonlyMap<string, { readonly revision: number; readonly position: string }>

const POSITION = `transaction_id::text || ':' || global_position::text`
const RETURNING = `RETURNING stream_id, revision::text, ${POSITION}`
/** A lone row's stream and revision are the caller's own: only its position comes back (one column to parse). */
const RETURNING_POSITION = `RETURNING ${POSITION}`

export interface KnownHeadsSql {
  readonly one: string
  readonly many: string
  readonly manyWithKeys: string
  /**
   * PostgreSQL's form: the statements take the streams' locks first (their last parameter is the sorted lock keys),
   * and a batch's data and metadata go as one JSON array each (json-array.ts).
   */
  readonly postgres: boolean
}

/**
 * The statements; `postgres`: each takes the advisory locks of its last parameter's keys first. The lock sub-select
 * is a one-row aggregate joined to the rows, so it is evaluated in full before the first row is inserted, and the
 * first insert is what gives the transaction its id. PGlite keeps `text[]` payloads: its driver does not escape
 * them as node-postgres does.
 */
export const knownHeadsSql = (s: string, postgres: boolean): KnownHeadsSql => {
  const locks = (param: string): string => (postgres ? `(SELECT count(pg_advisory_xact_lock(l.k)) FROM unnest(${param}::bigint[]) AS l(k)) AS locked, ` : '')
  const payloads = postgres ? `${textsOf('$5')}, ${textsOf('$6')}` : '$5::text[], $6::text[]'
  const insertMany = (lockParam: string): string => `INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
    SELECT t.s, t.r, t.i, t.ty, t.d::jsonb, t.m::jsonb, t.h, t.p
      FROM ${locks(lockParam)}unnest($1::text[], $2::bigint[], $3::text[], $4::text[], ${payloads}, $7::text[], $8::text[])
           WITH ORDINALITY AS t(s, r, i, ty, d, m, h, p, ord)
     ORDER BY t.ord`
  return {
    one: postgres
      ? `INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
         SELECT $1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8 FROM (SELECT pg_advisory_xact_lock($9::bigint)) AS locked ${RETURNING_POSITION}`
      : `INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) ${RETURNING_POSITION}`,
    many: `${insertMany('$9')} ${RETURNING}`,
    // The keys go in the same statement, so in the same commit as their events.
    manyWithKeys: `WITH e AS (${insertMany('$12')} RETURNING stream_id, revision,
                     transaction_id::text || ':' || global_position::text AS position),
      k AS (INSERT INTO ${s}.idempotency_keys (stream_id, key, next_expected_revision, position)
            SELECT e.stream_id, a.key, e.revision, e.position
              FROM e JOIN unnest($9::text[], $10::bigint[], $11::text[]) AS a(s, r, key)
                ON a.s = e.stream_id AND a.r = e.revision)
      SELECT stream_id, revision::text, position FROM e`,
    postgres,
  }
}

type Row = readonly [streamId: string, revision: string, position: string]

/**
 * Writes the rows (and keys) in one statement; the caller falls back to `append_batch` when it throws. `locks`: the
 * streams' lock keys, sorted, for statements that take them.
 */
export const writeOnKnownHeads = async (
  executor: SqlExecutor,
  sql: KnownHeadsSql,
  rows: readonly ChainedRow[],
  keys: readonly AppendKey[],
  locks: readonly string[],
): Promise<Written> => {
  const only = rows.length === 1 && keys.length === 0 ? rows[0] : undefined
  const lockParams = sql.postgres ? [only === undefined ? locks : locks[0]] : []
  // Its statements are kept prepared where the driver can (PGlite), and the answers' columns are all text, as that
  // asks.
  const written = new Map<string, { revision: number; position: string }>()
  if (only !== undefined) {
    const [answer] = await executor.query<readonly [position: string]>(
      sql.one,
      [only.streamId, only.revision, only.id, only.type, only.dataText, only.metadataText, only.hash, only.previousHash, ...lockParams],
      { arrays: true, prepare: true },
    )
    if (answer !== undefined) written.set(only.streamId, { revision: only.revision, position: answer[0] })
    return written
  }
  const answer = await executor.query<Row>(keys.length === 0 ? sql.many : sql.manyWithKeys, [...columns(rows, keys, sql.postgres), ...lockParams], {
    arrays: true,
    prepare: true,
  })
  for (const [streamId, revision, position] of answer) {
    const r = Number(revision)
    const known = written.get(streamId)
    if (known === undefined || known.revision < r) written.set(streamId, { revision: r, position })
  }
  return written
}

const columns = (rows: readonly ChainedRow[], keys: readonly AppendKey[], jsonPayloads: boolean): unknown[] => {
  const payloads = (texts: string[]): unknown => (jsonPayloads ? jsonArrayOf(texts) : texts)
  const base = [
    rows.map((r) => r.streamId),
    rows.map((r) => r.revision),
    rows.map((r) => r.id),
    rows.map((r) => r.type),
    payloads(rows.map((r) => r.dataText)),
    payloads(rows.map((r) => r.metadataText)),
    rows.map((r) => r.hash),
    rows.map((r) => r.previousHash),
  ]
  return keys.length === 0 ? base : [...base, keys.map((k) => k.streamId), keys.map((k) => k.lastRevision), keys.map((k) => k.key)]
}
