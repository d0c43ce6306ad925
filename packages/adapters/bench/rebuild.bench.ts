/**
 * Waiting-list rebuild from a store (not a test): read every event through `EventStore.readAll`, decode it and
 * fold it into the waiting list, against a bare paged SELECT of the same rows with the same SQL and page size in
 * the same run (the limit). PGlite and PostgreSQL.
 *
 *   node --import tsx packages/adapters/bench/rebuild.bench.ts [--events=100000] [--stores=pglite,postgres]
 *
 * The fixture: a generated history (seeded) loaded once and cached (a PGlite data directory, a PostgreSQL schema
 * in the `kezek_bench` database). Appending a million events one decision at a time takes longer than the
 * benchmark itself on this machine, so the fixture is bulk-loaded: the same rows the store's append writes (same
 * validation, same hash chain, in the same order), many per INSERT. `loadByAppends` exists so the smoke test can
 * prove the two loads give identical logs.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent, emptyWaitingList, filingOrder } from '@kezek/domain'
import { appendDecisions, generateDecisions, toAppend, type GeneratedDecision } from '../src/generator/index.js'
import { chainBatch, GENESIS_HASH } from '../src/integrity/chain.js'
import { openPgliteStore } from '../src/store/pglite.js'
import { createPglite } from '../src/store/pglite-create.js'
import { openPostgresStore } from '../src/store/postgres.js'
import type { EventStore, RecordedEvent } from '../src/store/port.js'
import { validateAppend } from '../src/store/validate.js'

export type StoreKind = 'pglite' | 'postgres'

export interface Spread {
  readonly median: number
  readonly min: number
  readonly max: number
  readonly runs: number
}

export interface StoreRebuild {
  readonly store: StoreKind
  readonly events: number
  /** How the fixture got there this run: loaded now (seconds) or found in the cache. */
  readonly fixture: { readonly cached: boolean; readonly loadSeconds: number }
  /** Events per second: readAll + decodeEvent + apply to the waiting list. */
  readonly kezek: Spread
  /** Rows per second of the store's own paged SELECT, run bare (the limit). */
  readonly bareSelect: Spread
  readonly peakRssMiB: number
  readonly activeEntries: number
}

export interface RebuildBenchReport {
  readonly machine: { readonly cpu: string; readonly cores: number; readonly memoryGiB: number; readonly node: string }
  readonly seed: number
  readonly batchSize: number
  readonly results: readonly StoreRebuild[]
}

export interface RebuildBenchOptions {
  readonly events: number
  readonly seed?: number
  readonly stores?: readonly StoreKind[]
  readonly repeats?: number
  /** Page size of readAll and of the bare SELECT. Default 1000. */
  readonly batchSize?: number
  /** Where cached fixtures live (PGlite data directories). Omit for no cache (in-memory PGlite, a fresh schema). */
  readonly cacheDir?: string
  /** A key that changes when the generator changes, so a stale cache is not reused. */
  readonly fixtureKey?: string
  /** PostgreSQL server URL without a database; the fixture goes into `kezek_bench`. Default postgres://postgres@127.0.0.1:5432. */
  readonly postgresUrl?: string
}

const gc: () => void = (() => {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
})()

const spread = (values: readonly number[]): Spread => {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >>> 1
  const median = s.length === 0 ? 0 : s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
  return { median, min: s[0] ?? 0, max: s[s.length - 1] ?? 0, runs: s.length }
}

/** Something that runs SQL: a PGlite or a pg client. */
export interface Sql {
  readonly query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>
}

const ROWS_PER_INSERT = 2_000
const ROWS_PER_COMMIT = 50_000

/**
 * Writes the decisions as the store's append would (validated, hash-chained per stream, in order), many rows per
 * statement. Only for an empty store opened on `sql` (the store created the schema).
 */
export const bulkLoad = async (sql: Sql, schema: string, decisions: Iterable<GeneratedDecision>): Promise<number> => {
  const heads = new Map<string, { revision: number; hash: string }>()
  const columns: [string[], number[], string[], string[], string[], string[], string[], string[]] = [[], [], [], [], [], [], [], []]
  let total = 0
  let sinceCommit = 0
  const flush = async (): Promise<void> => {
    if (columns[0].length === 0) return
    await sql.query(
      `INSERT INTO "${schema}".events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
       SELECT stream_id, revision, id, type, data::jsonb, metadata::jsonb, hash, previous_hash
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
              WITH ORDINALITY AS t(stream_id, revision, id, type, data, metadata, hash, previous_hash, ord)
        ORDER BY ord`,
      columns.map((c) => [...c]),
    )
    for (const c of columns) c.length = 0
  }
  await sql.query('BEGIN')
  for (const d of decisions) {
    const a = toAppend(d)
    const valid = validateAppend(a.streamId, a.events, a.options)
    if (E.isLeft(valid)) throw new Error(`fixture event refused: ${JSON.stringify(valid.left)}`)
    const head = heads.get(a.streamId)
    const first = head === undefined ? 0 : head.revision + 1
    const chained = chainBatch(head?.hash ?? GENESIS_HASH, valid.right.map((e, i) => ({ ...e, streamId: a.streamId, revision: first + i })))
    for (const e of chained) {
      columns[0].push(e.streamId)
      columns[1].push(e.revision)
      columns[2].push(e.id)
      columns[3].push(e.type)
      columns[4].push(JSON.stringify(e.data))
      columns[5].push(JSON.stringify(e.metadata))
      columns[6].push(e.hash)
      columns[7].push(e.previousHash)
    }
    const last = chained[chained.length - 1] as (typeof chained)[number]
    heads.set(a.streamId, { revision: last.revision, hash: last.hash })
    total += chained.length
    sinceCommit += chained.length
    if (columns[0].length >= ROWS_PER_INSERT) await flush()
    if (sinceCommit >= ROWS_PER_COMMIT) {
      await flush()
      await sql.query('COMMIT')
      await sql.query('BEGIN')
      sinceCommit = 0
    }
  }
  await flush()
  await sql.query('COMMIT')
  return total
}

/** The slow, faithful load: one `append` per decision. */
export const loadByAppends = async (store: EventStore, decisions: Iterable<GeneratedDecision>): Promise<number> => {
  const loaded = await appendDecisions(store, decisions)
  if (E.isLeft(loaded)) throw new Error(`append refused: ${JSON.stringify(loaded.left)}`)
  return loaded.right.events
}

/**
 * The same generated history loaded twice into fresh in-memory PGlite stores, once by `bulkLoad` and once by
 * appends, and read back: the smoke test checks the two logs are identical, so the fixture is what appends write.
 */
export const fixtureLogs = async (seed: number, events: number): Promise<{ bulk: RecordedEvent[]; appended: RecordedEvent[] }> => {
  const read = async (load: (db: PGlite, store: EventStore) => Promise<unknown>): Promise<RecordedEvent[]> => {
    const db = await createPglite()
    const store = await openPgliteStore({ db, schema: 'kezek' })
    try {
      await load(db, store)
      const out: RecordedEvent[] = []
      for await (const e of store.readAll()) out.push(e)
      return out
    } finally {
      await store.close()
      await db.close()
    }
  }
  const bulk = await read((db) => bulkLoad({ query: (t, p) => db.query(t, p) }, 'kezek', generateDecisions({ seed, events })))
  const appended = await read((_, store) => loadByAppends(store, generateDecisions({ seed, events })))
  return { bulk, appended }
}

const SELECT = (schema: string) => `SELECT stream_id, revision, id, type, data, metadata, hash, previous_hash,
  transaction_id::text AS tx, global_position::text AS gp,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
  FROM "${schema}".events
  WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
  ORDER BY transaction_id, global_position LIMIT $3`

/** The limit: the store's own paged SELECT, rows only counted. */
const bareSelect = async (sql: Sql, schema: string, batch: number): Promise<number> => {
  let tx = '0'
  let gp = '0'
  let n = 0
  for (;;) {
    const { rows } = await sql.query(SELECT(schema), [tx, gp, batch])
    n += rows.length
    const last = rows[rows.length - 1] as { tx: string; gp: string } | undefined
    if (last === undefined || rows.length < batch) return n
    tx = last.tx
    gp = last.gp
  }
}

const rebuild = async (store: EventStore, batch: number, peak: { rss: number }): Promise<{ events: number; active: number }> => {
  const list = emptyWaitingList(filingOrder)
  let n = 0
  for await (const r of store.readAll({ batchSize: batch })) {
    const d = decodeEvent(r.data)
    if (E.isLeft(d)) throw new Error(`stored event ${r.id} does not decode`)
    list.apply(d.right)
    if ((++n & 0x3fff) === 0) peak.rss = Math.max(peak.rss, process.memoryUsage().rss)
  }
  peak.rss = Math.max(peak.rss, process.memoryUsage().rss)
  return { events: n, active: list.listIds().reduce((a, id) => a + list.size(id), 0) }
}

const measure = async (
  kind: StoreKind,
  store: EventStore,
  sql: Sql,
  schema: string,
  fixture: StoreRebuild['fixture'],
  options: RebuildBenchOptions,
): Promise<StoreRebuild> => {
  const batch = options.batchSize ?? 1_000
  const kezek: number[] = []
  const bare: number[] = []
  const peak = { rss: 0 }
  let events = 0
  let active = 0
  for (let r = 0; r < (options.repeats ?? 3); r++) {
    gc()
    let t0 = performance.now()
    const rows = await bareSelect(sql, schema, batch)
    bare.push(rows / ((performance.now() - t0) / 1000))
    gc()
    t0 = performance.now()
    const done = await rebuild(store, batch, peak)
    kezek.push(done.events / ((performance.now() - t0) / 1000))
    if (done.events !== rows) throw new Error(`readAll gave ${done.events} events, the bare SELECT ${rows} rows`)
    events = done.events
    active = done.active
  }
  return { store: kind, events, fixture, kezek: spread(kezek), bareSelect: spread(bare), peakRssMiB: peak.rss / 2 ** 20, activeEntries: active }
}

const schemaName = (options: RebuildBenchOptions): string =>
  `bench_s${options.seed ?? 1}_n${options.events}_${(options.fixtureKey ?? 'x').replace(/[^a-z0-9]/g, '').slice(0, 12)}`

const countEvents = async (sql: Sql, schema: string): Promise<number> => {
  try {
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM "${schema}".events`)
    return (rows[0] as { n: number } | undefined)?.n ?? -1
  } catch {
    return -1
  }
}

const pgliteRebuild = async (options: RebuildBenchOptions): Promise<StoreRebuild> => {
  const dir = options.cacheDir === undefined ? undefined : join(options.cacheDir, `pglite-${schemaName(options)}`)
  const complete = dir === undefined ? undefined : join(dir, '.kezek-fixture-complete')
  const cached = complete !== undefined && existsSync(complete)
  if (dir !== undefined && !cached && existsSync(dir)) throw new Error(`${dir} holds an unfinished fixture: delete it`)
  if (dir !== undefined) mkdirSync(dir, { recursive: true })
  const db = await createPglite(dir)
  const schema = 'kezek'
  const store = await openPgliteStore({ db, schema })
  const sql: Sql = { query: (text, params) => db.query(text, params) }
  try {
    const t0 = performance.now()
    if (!cached) {
      await bulkLoad(sql, schema, generateDecisions({ seed: options.seed ?? 1, events: options.events }))
      if (complete !== undefined) writeFileSync(complete, `${options.events}\n`)
    }
    const fixture = { cached, loadSeconds: (performance.now() - t0) / 1000 }
    return await measure('pglite', store, sql, schema, fixture, options)
  } finally {
    await store.close()
    await db.close()
  }
}

/**
 * A freshly loaded table, read as a table that has been read before: VACUUM sets the rows' commit hint bits and
 * ANALYZE the planner's statistics, and a CHECKPOINT writes the load's pages out. Measured straight after the load,
 * the first reads set those bits and dirtied every page, and the rounds competed with the writing out: the rebuild
 * read 0.77 of the bare SELECT on a fresh 1M fixture and 0.85 on the same fixture cached, a run later (stop 22).
 */
const settle = async (client: pg.Client, schema: string): Promise<void> => {
  await client.query(`VACUUM (ANALYZE) "${schema}".events`)
  // CHECKPOINT needs a superuser or pg_checkpoint; without it, the rounds start while the pages are written out.
  await client.query('CHECKPOINT').catch((e: unknown) => console.warn(`rebuild-store: no CHECKPOINT after the load (${e instanceof Error ? e.message : String(e)})`))
}

const postgresRebuild = async (options: RebuildBenchOptions): Promise<StoreRebuild> => {
  const server = (options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '')
  const admin = new pg.Client({ connectionString: `${server}/postgres` })
  await admin.connect()
  try {
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'kezek_bench'`)
    if (rows.length === 0) await admin.query('CREATE DATABASE kezek_bench')
  } finally {
    await admin.end()
  }
  const url = `${server}/kezek_bench`
  // Without a cache, a fresh schema per run, dropped afterwards.
  const schema = options.cacheDir === undefined ? `bench_tmp_${process.pid}` : schemaName(options)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const sql: Sql = { query: (text, params) => client.query(text, params) }
  try {
    const cached = options.cacheDir !== undefined && (await countEvents(sql, schema)) === options.events
    if (!cached) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    const store = await openPostgresStore({ connectionString: url, schema, maxConnections: 2 })
    try {
      const t0 = performance.now()
      if (!cached) {
        await bulkLoad(sql, schema, generateDecisions({ seed: options.seed ?? 1, events: options.events }))
        await settle(client, schema)
      }
      const fixture = { cached, loadSeconds: (performance.now() - t0) / 1000 }
      return await measure('postgres', store, sql, schema, fixture, options)
    } finally {
      await store.close()
      if (options.cacheDir === undefined) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    }
  } finally {
    await client.end()
  }
}

export const runRebuildBench = async (options: RebuildBenchOptions): Promise<RebuildBenchReport> => {
  const results: StoreRebuild[] = []
  for (const kind of options.stores ?? ['pglite', 'postgres']) {
    results.push(kind === 'pglite' ? await pgliteRebuild(options) : await postgresRebuild(options))
  }
  const c = cpus()
  return {
    machine: { cpu: c[0]?.model.trim() ?? 'unknown', cores: c.length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version },
    seed: options.seed ?? 1,
    batchSize: options.batchSize ?? 1_000,
    results,
  }
}

const argument = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await runRebuildBench({
    events: Number(argument('events') ?? 100_000),
    stores: (argument('stores')?.split(',') as StoreKind[] | undefined) ?? ['pglite', 'postgres'],
  })
  console.log(JSON.stringify(report, null, 2))
}
