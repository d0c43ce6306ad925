/**
 * The write of a batch when this process is the database's sole writer (PGlite: one process owns the data
 * directory, and one connection runs every statement in turn).
 *
 * There, a stream head this process has seen is the head: nobody else can have moved it. So the batch needs neither
 * the stream locks nor the head and key checks of `append_batch`: it is one plain INSERT of the chained rows (and of
 * the idempotency keys), the cheapest statement that writes them. PGlite pays a fixed price per statement and runs
 * PL/pgSQL slowly, so this is most of an append's cost there.
 *
 * The guess is still checked, by the constraints: a head that was not the head (another store over the same PGlite,
 * a bulk import meanwhile) makes the INSERT collide on (stream_id, revision); a retry whose key is stored collides on
 * the key's primary key; a duplicate event id on its own index. Any such error leaves nothing written (one
 * autocommit statement), and the batch then goes the general way, through `append_batch`, which works out each
 * append's own result exactly as it does for PostgreSQL.
 */
import type { SqlExecutor } from './driver.js'

/** One row of the batch to insert. */
export interface SoleWriterRow {
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
export interface SoleWriterKey {
  readonly streamId: string
  readonly lastRevision: number
  readonly key: string
}

/** Where each stream's last written event landed: stream id → (revision, position). */
export type Written = ReadonlyMap<string, { readonly revision: number; readonly position: string }>

const RETURNING = `RETURNING stream_id, revision::text, transaction_id::text || ':' || global_position::text`

export interface SoleWriterSql {
  readonly one: string
  readonly many: string
  readonly manyWithKeys: string
}

export const soleWriterSql = (s: string): SoleWriterSql => {
  const insertMany = `INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
    SELECT t.s, t.r, t.i, t.ty, t.d::jsonb, t.m::jsonb, t.h, t.p
      FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           WITH ORDINALITY AS t(s, r, i, ty, d, m, h, p, ord)
     ORDER BY t.ord`
  return {
    one: `INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
      VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) ${RETURNING}`,
    many: `${insertMany} ${RETURNING}`,
    // The keys go in the same statement, so in the same commit as their events.
    manyWithKeys: `WITH e AS (${insertMany} RETURNING stream_id, revision,
                     transaction_id::text || ':' || global_position::text AS position),
      k AS (INSERT INTO ${s}.idempotency_keys (stream_id, key, next_expected_revision, position)
            SELECT e.stream_id, a.key, e.revision, e.position
              FROM e JOIN unnest($9::text[], $10::bigint[], $11::text[]) AS a(s, r, key)
                ON a.s = e.stream_id AND a.r = e.revision)
      SELECT stream_id, revision::text, position FROM e`,
  }
}

type Row = readonly [streamId: string, revision: string, position: string]

/** Writes the rows (and keys) in one statement; the caller falls back to `append_batch` when it throws. */
export const writeAsSoleWriter = async (
  executor: SqlExecutor,
  sql: SoleWriterSql,
  rows: readonly SoleWriterRow[],
  keys: readonly SoleWriterKey[],
): Promise<Written> => {
  const only = rows.length === 1 && keys.length === 0 ? rows[0] : undefined
  // Every batch of a sole writer comes here: its statements are kept prepared where the driver can (PGlite),
  // and the answers' columns are all text, as that asks.
  const answer =
    only !== undefined
      ? await executor.query<Row>(
          sql.one,
          [only.streamId, only.revision, only.id, only.type, only.dataText, only.metadataText, only.hash, only.previousHash],
          { arrays: true, prepare: true },
        )
      : await executor.query<Row>(keys.length === 0 ? sql.many : sql.manyWithKeys, columns(rows, keys), { arrays: true, prepare: true })
  const written = new Map<string, { revision: number; position: string }>()
  for (const [streamId, revision, position] of answer) {
    const r = Number(revision)
    const known = written.get(streamId)
    if (known === undefined || known.revision < r) written.set(streamId, { revision: r, position })
  }
  return written
}

const columns = (rows: readonly SoleWriterRow[], keys: readonly SoleWriterKey[]): unknown[] => {
  const base = [
    rows.map((r) => r.streamId),
    rows.map((r) => r.revision),
    rows.map((r) => r.id),
    rows.map((r) => r.type),
    rows.map((r) => r.dataText),
    rows.map((r) => r.metadataText),
    rows.map((r) => r.hash),
    rows.map((r) => r.previousHash),
  ]
  return keys.length === 0 ? base : [...base, keys.map((k) => k.streamId), keys.map((k) => k.lastRevision), keys.map((k) => k.key)]
}
