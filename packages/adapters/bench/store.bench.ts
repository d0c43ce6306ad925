/**
 * Store benchmark: append and read-all throughput of the PGlite and PostgreSQL stores, each against the limit the
 * same database sets in the same run (bare single-row INSERTs of the same payloads into a bare table with the same
 * durability, and a bare SELECT of the same rows).
 *
 * The bare INSERT is the fairest baseline we know how to write: a named prepared statement on a dedicated
 * connection per writer (no pool hand-off, no parse or plan per row), one autocommit INSERT per event, so one
 * durable commit each, as every append is. PGlite has one connection; its bare INSERTs share it, as appends do.
 *
 *   node --expose-gc --import tsx packages/adapters/bench/store.bench.ts [--events 4000] [--writers 1,8,64] [--repeats 3]
 *        [--backends postgres,pglite] [--bulk-events 100000]          (PostgreSQL from KEZEK_BENCH_DATABASE_URL, default the local `test`)
 *
 * Every append carries one event and is its own durable commit, as in the service (one command, one commit).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, platform, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { from as copyFromStdin } from 'pg-copy-streams'
import { pgliteDriver } from '../src/store/pglite.js'
import { createPglite } from '../src/store/pglite-create.js'
import type { Json, NewEvent } from '../src/store/port.js'
import { postgresDriver } from '../src/store/postgres.js'
import type { SqlExecutor } from '../src/store/sql/driver.js'
import { copyValue } from '../src/store/sql/bulk.js'
import { openSqlStore, type SqlEventStore } from '../src/store/sql/store.js'

export type Backend = 'postgres' | 'pglite'

export interface StoreBenchOptions {
  /** Events per measurement (split evenly over the writers); default by scale: 40 tiny, 1,000 quick, 4,000. */
  readonly events?: number
  /** Writer counts to measure; default [1, 8, 64]. */
  readonly writers?: readonly number[]
  /** Scale presets used by `pnpm bench` when `events` is not given. */
  readonly tiny?: boolean
  readonly quick?: boolean
  /** Default 1 when tiny, else 3. */
  readonly repeats?: number
  readonly backends?: readonly Backend[]
  readonly connectionString?: string
  /** Print nothing (the smoke test). */
  readonly quiet?: boolean
  /** Events per bulk-write measurement; default by scale: 200 tiny, 20,000 quick, else ten times `events` or 100,000. */
  readonly bulkEvents?: number
}

export interface Figure {
  readonly median: number
  readonly min: number
  readonly max: number
}

export interface AppendRow {
  readonly backend: Backend
  readonly writers: number
  readonly events: number
  readonly store: Figure
  readonly bareInsert: Figure
  /** store median / bare median: 1 means the store costs nothing over the database's own limit. */
  readonly ratio: number
}

export interface ReadRow {
  readonly backend: Backend
  readonly events: number
  readonly store: Figure
  readonly bareSelect: Figure
  readonly ratio: number
}

/** The bulk path of `kezek import`: many appends in one transaction, against a bare load of the same payloads (COPY on PostgreSQL, multi-row INSERTs on PGlite). */
export interface BulkRow {
  readonly backend: Backend
  readonly events: number
  readonly store: Figure
  /** The bare load of the same payloads: one COPY on PostgreSQL, multi-row INSERTs on PGlite (see bareBulkRun). */
  readonly bareInsert: Figure
  readonly ratio: number
}

/** Issue 19's target for the bulk path into PostgreSQL, in events/s (absolute: the issue states it so). */
export const BULK_TARGET = 20_000

/** One line of the `pnpm bench` summary table. */
export interface SuiteRow {
  readonly figure: string
  readonly kezek: string
  readonly limit: string
  readonly ratio: string
  readonly target: string
  readonly verdict: 'ok' | 'MISS' | 'info'
}

export interface StoreBenchResult {
  readonly machine: Readonly<Record<string, string>>
  readonly appends: readonly AppendRow[]
  readonly reads: readonly ReadRow[]
  readonly bulk: readonly BulkRow[]
  /** The same figures in the shape of the `pnpm bench` summary. */
  readonly rows: readonly SuiteRow[]
}

const KAZAKH = 'Өтінішке нөмір тағайындаумен сұранысты тіркеу'

/** A payload the size of a real event: an application registered, with its envelope. */
const payload = (i: number): { data: Json; metadata: Json } => ({
  data: {
    applicationId: randomUUID(),
    requestNumber: `KZ-${100000 + i}`,
    category: 'large_family',
    applicant: { iin: '880101300123', name: 'Әлия Сәрсенбайқызы' },
    note: KAZAKH,
    at: '2026-01-15T09:30:00.000Z',
  },
  metadata: {
    actor: { id: '880101300123', role: 'applicant', channel: 'egov' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: '2026-01-15T09:30:00.000Z',
    ruleVersion: 'housing-queue/almaty-2012@1',
    schemaVersion: 1,
  },
})

const figure = (xs: readonly number[]): Figure => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number }
}

const rate = async (events: number, run: () => Promise<void>): Promise<number> => {
  const t0 = process.hrtime.bigint()
  await run()
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return events / seconds
}

/** Splits `total` into `parts` near-equal shares. */
const shares = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0))

interface Bed {
  readonly backend: Backend
  readonly store: SqlEventStore
  /** Opens one bare connection per writer (PGlite: the same single connection); close them after the row. */
  readonly bare: (writers: number) => Promise<{ readonly conns: readonly SqlExecutor[]; readonly close: () => Promise<void> }>
  /** For the bare SELECT. */
  readonly reader: SqlExecutor
  readonly bareTable: string
  readonly close: () => Promise<void>
  readonly version: () => Promise<string>
}

const openBed = async (backend: Backend, connectionString: string): Promise<Bed> => {
  const schema = `bench_${randomBytes(5).toString('hex')}`
  if (backend === 'postgres') {
    // The store keeps its default pool (10 connections), as the service runs it.
    const store = await openSqlStore(postgresDriver({ connectionString }), { schema })
    const pool = new pg.Pool({ connectionString, max: 1 })
    const exec: SqlExecutor = { query: async <R>(t: string, p?: readonly unknown[]) => (await pool.query(t, p === undefined ? undefined : [...p])).rows as R[] }
    const bareTable = `"${schema}".bare`
    await exec.query(`CREATE TABLE ${bareTable} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL, metadata jsonb NOT NULL)`)
    const bare = async (writers: number) => {
      const clients = await Promise.all(
        Array.from({ length: writers }, async () => {
          const c = new pg.Client({ connectionString })
          await c.connect()
          return c
        }),
      )
      const names = new Map<string, string>()
      const named = (text: string): string => names.get(text) ?? (names.set(text, `bare_${names.size}`).get(text) as string)
      const conns = clients.map((c): SqlExecutor => ({
        // A named statement: parsed and planned once per connection, then only bound and executed.
        query: async <R>(text: string, p?: readonly unknown[]) =>
          (p === undefined ? await c.query(text) : await c.query({ name: named(text), text, values: [...p] })).rows as R[],
      }))
      return { conns, close: async () => void (await Promise.all(clients.map((c) => c.end()))) }
    }
    return {
      backend,
      store,
      bare,
      reader: exec,
      bareTable,
      version: async () => String((await exec.query<{ v: string }>("SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') AS v"))[0]?.v ?? '?'),
      close: async () => {
        await store.close()
        await exec.query(`DROP SCHEMA "${schema}" CASCADE`)
        await pool.end()
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'kezek-bench-'))
  const db = await createPglite(dir)
  const driver = pgliteDriver(db, true)
  const store = await openSqlStore(driver, { schema })
  const exec: SqlExecutor = { query: async <R>(t: string, p?: readonly unknown[]) => (await db.query<R>(t, p === undefined ? undefined : [...p])).rows }
  // The bare INSERT prepared, as the store's own append is (pglite-prepared.ts): parsed once, then one exchange
  // with the database per row. Through PGlite's \`query\` it took twice as long, which was no fair baseline.
  const prepared: SqlExecutor = { query: (t, p) => driver.query(t, p, { arrays: true, prepare: true }) }
  const bareTable = `"${schema}".bare`
  await exec.query(`CREATE TABLE ${bareTable} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL, metadata jsonb NOT NULL)`)
  return {
    backend,
    store,
    bare: async (writers) => ({ conns: Array.from({ length: writers }, () => prepared), close: async () => undefined }),
    reader: exec,
    bareTable,
    version: async () => String((await exec.query<{ v: string }>("SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') AS v"))[0]?.v ?? '?'),
    close: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const appendRun = async (bed: Bed, events: number, writers: number): Promise<number> => {
  const work = shares(events, writers).map((n) => Array.from({ length: n }, (_, i) => payload(i)))
  return rate(events, async () => {
    await Promise.all(
      work.map(async (items) => {
        const streamId = `bench-${randomUUID()}`
        for (const [i, p] of items.entries()) {
          const e: NewEvent = { id: randomUUID(), type: 'ApplicationRegistered', ...p }
          const r = await bed.store.append(streamId, [e], { expected: i === 0 ? 'no_stream' : i - 1 })
          if (E.isLeft(r)) throw new Error(`bench append failed: ${JSON.stringify(r.left)}`)
        }
      }),
    )
  })
}

const bareInsertRun = async (bed: Bed, conns: readonly SqlExecutor[], events: number): Promise<number> => {
  const work = shares(events, conns.length).map((n) => Array.from({ length: n }, (_, i) => payload(i)))
  return rate(events, async () => {
    await Promise.all(
      work.map(async (items, w) => {
        const conn = conns[w] as SqlExecutor
        for (const p of items) {
          await conn.query(`INSERT INTO ${bed.bareTable} (data, metadata) VALUES ($1::text::jsonb, $2::text::jsonb)`, [
            JSON.stringify(p.data),
            JSON.stringify(p.metadata),
          ])
        }
      }),
    )
  })
}

/** Events as `kezek import` writes them: streams of 8, each a new stream, all in one bulk transaction. */
const bulkRun = async (bed: Bed, events: number): Promise<number> => {
  const streams = Array.from({ length: Math.ceil(events / 8) }, (_, s) => ({
    id: `bulk-${randomUUID()}`,
    events: Array.from({ length: Math.min(8, events - s * 8) }, (_, i): NewEvent => ({ id: randomUUID(), type: 'ApplicationRegistered', ...payload(i) })),
  }))
  return rate(events, async () => {
    await bed.store.bulk(async (w) => {
      for (const [k, s] of streams.entries()) {
        // As `kezek import` does: the heads of the streams of the next 2,000 events in one query (the target
        // already holds the append rows' events, so the writer cannot assume every stream is new).
        if (k % 250 === 0) await w.learnHeads(streams.slice(k, k + 250).map((x) => x.id))
        const r = await w.append(s.id, s.events, 'no_stream')
        if (E.isLeft(r)) throw new Error(`bench bulk append failed: ${JSON.stringify(r.left)}`)
      }
    })
  })
}

/**
 * The same payloads into the bare table, in one transaction, the fastest way each database takes them and the
 * way the bulk writer sends them: PostgreSQL by ONE streamed COPY (the bulk writer sends a COPY per 5,000 rows,
 * so the bare side pays no per-statement cost at all), PGlite, which has no COPY FROM STDIN through its driver,
 * by 2,000-row INSERTs from unnest (the bulk writer's statement there).
 */
const bareBulkRun = async (bed: Bed, events: number, connectionString: string): Promise<number> => {
  const items = Array.from({ length: events }, (_, i) => payload(i))
  if (bed.backend === 'postgres') {
    const client = new pg.Client({ connectionString })
    await client.connect()
    try {
      return await rate(events, async () => {
        await client.query('BEGIN')
        const copy = client.query(copyFromStdin(`COPY ${bed.bareTable} (data, metadata) FROM STDIN`))
        const done = new Promise<void>((resolve, reject) => {
          copy.on('error', reject)
          copy.on('finish', resolve)
        })
        for (let i = 0; i < items.length; i += 5000) {
          let text = ''
          for (const p of items.slice(i, i + 5000)) text += `${copyValue(JSON.stringify(p.data))}\t${copyValue(JSON.stringify(p.metadata))}\n`
          if (!copy.write(Buffer.from(text))) await new Promise((resolve) => copy.once('drain', resolve))
        }
        copy.end()
        await done
        await client.query('COMMIT')
      })
    } finally {
      await client.end()
    }
  }
  const { conns, close } = await bed.bare(1)
  const conn = conns[0] as SqlExecutor
  try {
    return await rate(events, async () => {
      await conn.query('BEGIN')
      for (let i = 0; i < items.length; i += 2000) {
        const chunk = items.slice(i, i + 2000)
        await conn.query(`INSERT INTO ${bed.bareTable} (data, metadata) SELECT d::jsonb, m::jsonb FROM unnest($1::text[], $2::text[]) AS t(d, m)`, [
          chunk.map((p) => JSON.stringify(p.data)),
          chunk.map((p) => JSON.stringify(p.metadata)),
        ])
      }
      await conn.query('COMMIT')
    })
  } finally {
    await close()
  }
}

/** Alternating rounds of readAll and the bare SELECT (at least; a full run's `repeats` may ask for more). */
const READ_ROUNDS = 9

/**
 * Collects garbage before a timed read, when the process allows it (`pnpm bench` runs with --expose-gc): a read
 * round lasts 50-100 ms, and garbage left by the appends and by the other side's last round was collected inside
 * whichever round ran into it. Both sides get it. Measured: readAll spends 24-25 ms of a round in GC of its own,
 * the bare SELECT 14 ms (stop 16).
 */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.()

const readAllRun = async (bed: Bed): Promise<{ events: number; rate: number }> => {
  collectGarbage()
  let count = 0
  const r = await rate(1, async () => {
    for await (const e of bed.store.readAll({ batchSize: 1000 })) if (e.position !== '') count++
  })
  return { events: count, rate: r * count }
}

const bareSelectRun = async (bed: Bed, limit: number): Promise<number> => {
  collectGarbage()
  let count = 0
  const r = await rate(1, async () => {
    const rows = await bed.reader.query(`SELECT id, data, metadata FROM ${bed.bareTable} ORDER BY id LIMIT $1`, [limit])
    count = rows.length
  })
  return r * count
}

export const runStoreBench = async (options: StoreBenchOptions = {}): Promise<StoreBenchResult> => {
  const events = options.events ?? (options.tiny === true ? 40 : options.quick === true ? 1000 : 4000)
  const writerCounts = options.writers ?? [1, 8, 64]
  const repeats = options.repeats ?? (options.tiny === true ? 1 : 3)
  const backends = options.backends ?? ['postgres', 'pglite']
  const connectionString =
    options.connectionString ?? process.env.KEZEK_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const log = (s: string): void => {
    if (options.quiet !== true) console.log(s)
  }
  const machine: Record<string, string> = {
    cpu: `${cpus()[0]?.model ?? '?'} × ${cpus().length}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${platform()} ${release()}`,
    node: process.version,
  }
  const appends: AppendRow[] = []
  const reads: ReadRow[] = []
  const bulk: BulkRow[] = []
  const bulkEvents =
    options.bulkEvents ?? (options.tiny === true ? 200 : options.quick === true ? 20_000 : options.events !== undefined ? options.events * 10 : 100_000)
  for (const backend of backends) {
    const bed = await openBed(backend, connectionString)
    try {
      machine[backend] = await bed.version()
      for (const writers of writerCounts) {
        const store: number[] = []
        const bare: number[] = []
        const bareConns = await bed.bare(writers)
        try {
          // One untimed round of each first, as the reads have: the first appends of a process run the append path
          // cold (V8 still compiling it, each pooled connection preparing its statements and planning the
          // function), and in a quick run that was one of the three timed rounds at one writer.
          if (options.tiny !== true) {
            await appendRun(bed, events, writers)
            await bareInsertRun(bed, bareConns.conns, events)
          }
          // Alternate store and bare runs so drift (autovacuum, cache warm-up, other load) hits both alike.
          for (let r = 0; r < repeats; r++) {
            store.push(await appendRun(bed, events, writers))
            bare.push(await bareInsertRun(bed, bareConns.conns, events))
          }
        } finally {
          await bareConns.close()
        }
        const row = { backend, writers, events, store: figure(store), bareInsert: figure(bare) }
        appends.push({ ...row, ratio: row.store.median / row.bareInsert.median })
        log(`  measured ${backend} appends with ${writers} writer(s)`)
      }
      const storeReads: number[] = []
      const bareReads: number[] = []
      // One untimed round of each first, so no timed round pays for first touches (compiling the read path,
      // PostgreSQL setting hint bits on rows just written). Both sides read faster after it: a stronger baseline.
      if (options.tiny !== true) await bareSelectRun(bed, (await readAllRun(bed)).events)
      let total = 0
      // More rounds than the appends take: a round reads 9,000 events in 50-100 ms, and on a shared machine the
      // speed of either side moved by half between rounds (stop 16: the median of three rounds gave 0.51 in one
      // run and 0.72 in the next, same code). Still alternating.
      const readRounds = options.tiny === true ? repeats : Math.max(repeats, READ_ROUNDS)
      for (let r = 0; r < readRounds; r++) {
        const s = await readAllRun(bed)
        total = s.events
        storeReads.push(s.rate)
        bareReads.push(await bareSelectRun(bed, s.events))
      }
      const row = { backend, events: total, store: figure(storeReads), bareSelect: figure(bareReads) }
      reads.push({ ...row, ratio: row.store.median / row.bareSelect.median })
      const storeBulk: number[] = []
      const bareBulk: number[] = []
      for (let r = 0; r < repeats; r++) {
        storeBulk.push(await bulkRun(bed, bulkEvents))
        bareBulk.push(await bareBulkRun(bed, bulkEvents, connectionString))
      }
      const b = { backend, events: bulkEvents, store: figure(storeBulk), bareInsert: figure(bareBulk) }
      bulk.push({ ...b, ratio: b.store.median / b.bareInsert.median })
    } finally {
      await bed.close()
    }
  }
  const result = { machine, appends, reads, bulk, rows: suiteRows(appends, reads, bulk) }
  log(formatBench(result))
  return result
}

/** The targets of issue 19, as fractions of the bare figure; undefined: reported, no target. */
export const appendTarget = (backend: Backend, writers: number): number | undefined =>
  backend === 'pglite' ? 0.5 : writers === 1 ? 0.6 : writers === 8 ? 0.8 : undefined
export const READ_ALL_TARGET = 0.7

const verdict = (ratio: number, target: number | undefined): SuiteRow['verdict'] =>
  target === undefined ? 'info' : ratio >= target ? 'ok' : 'MISS'

const suiteRows = (appends: readonly AppendRow[], reads: readonly ReadRow[], bulk: readonly BulkRow[]): SuiteRow[] => [
  ...appends.map((a): SuiteRow => {
    const target = appendTarget(a.backend, a.writers)
    return {
      figure: `${a.backend} appends/s, ${a.writers} writer(s), one durable commit each`,
      kezek: f(a.store),
      limit: `bare prepared INSERT ${f(a.bareInsert)}`,
      ratio: `${Math.round(a.ratio * 100)}%`,
      target: target === undefined ? '—' : `≥ ${Math.round(target * 100)}% of bare`,
      verdict: verdict(a.ratio, target),
    }
  }),
  ...reads.map((x): SuiteRow => ({
    figure: `${x.backend} readAll events/s (${x.events} events)`,
    kezek: f(x.store),
    limit: `bare SELECT ${f(x.bareSelect)}`,
    ratio: `${Math.round(x.ratio * 100)}%`,
    target: `≥ ${Math.round(READ_ALL_TARGET * 100)}% of bare`,
    verdict: verdict(x.ratio, READ_ALL_TARGET),
  })),
  ...bulk.map((x): SuiteRow => ({
    figure: `${x.backend} bulk write events/s (${x.events} events in streams of 8, one transaction: kezek import's path)`,
    kezek: f(x.store),
    limit: `${x.backend === 'postgres' ? 'bare COPY' : 'bare multi-row INSERT'} ${f(x.bareInsert)}`,
    ratio: `${Math.round(x.ratio * 100)}%`,
    target: x.backend === 'postgres' ? `≥ ${BULK_TARGET.toLocaleString('en')} events/s` : '—',
    verdict: x.backend === 'postgres' ? (x.store.median >= BULK_TARGET ? 'ok' : 'MISS') : 'info',
  })),
]

const f = (x: Figure): string => `${Math.round(x.median).toLocaleString('en')} (${Math.round(x.min)}–${Math.round(x.max)})`

export const formatBench = (r: StoreBenchResult): string => {
  const lines = [
    '',
    'machine: ' + Object.entries(r.machine).map(([k, v]) => `${k} ${v}`).join('; '),
    '',
    'append throughput, events/s: median (min–max); one event per append, each its own durable commit',
    '| back-end | writers | events | store append | bare prepared INSERT | store / bare |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.appends.map((a) => `| ${a.backend} | ${a.writers} | ${a.events} | ${f(a.store)} | ${f(a.bareInsert)} | ${a.ratio.toFixed(2)} |`),
    '',
    'read-all throughput, events/s: median (min–max)',
    '| back-end | events | store readAll | bare SELECT | store / bare |',
    '|---|---:|---:|---:|---:|',
    ...r.reads.map((x) => `| ${x.backend} | ${x.events} | ${f(x.store)} | ${f(x.bareSelect)} | ${x.ratio.toFixed(2)} |`),
    '',
    'bulk write throughput (kezek import), events/s: median (min–max); all events in one transaction',
    '| back-end | events | store bulk | bare load (PostgreSQL: one COPY; PGlite: multi-row INSERT) | store / bare |',
    '|---|---:|---:|---:|---:|',
    ...r.bulk.map((x) => `| ${x.backend} | ${x.events} | ${f(x.store)} | ${f(x.bareInsert)} | ${x.ratio.toFixed(2)} |`),
  ]
  return lines.join('\n')
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runStoreBench({
    events: Number(arg('events') ?? 4000),
    writers: (arg('writers') ?? '1,8,64').split(',').map(Number),
    repeats: Number(arg('repeats') ?? 3),
    backends: (arg('backends') ?? 'postgres,pglite').split(',') as Backend[],
    bulkEvents: Number(arg('bulk-events') ?? 100_000),
  })
}
