/**
 * What personal-data encryption costs a reader: the same generated events, loaded once into a PGlite store with
 * encryption on (personal fields sealed, keys beside the events) and once into a PGlite store with it off, then read
 * whole with `readAll`, in the same run, alternating:
 *
 *  - through the decrypting store, keys cached (a running service's subscriptions and reads);
 *  - through a freshly opened decrypting store, every kid looked up in the keyring once (a restart's rebuild);
 *  - the encrypted store's rows without decrypting (what the larger, sealed rows alone cost);
 *  - the clear store (encryption off): the limit.
 *
 *   node --import tsx packages/adapters/bench/personal-data.bench.ts [--events 20000] [--repeats 3] [--history FILE]
 */
import { createReadStream, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { importIntoSql } from '../src/cli/transfer/import-into-sql.js'
import type { NumberedLine } from '../src/cli/transfer/read-lines.js'
import { writeNdjson } from '../src/generator/index.js'
import { openPersonalDataStore } from '../src/privacy/open.js'
import type { ProtectedStore } from '../src/privacy/protect.js'
import { openPgliteStore } from '../src/store/pglite.js'
import type { EventStore } from '../src/store/port.js'
import type { SqlEventStore } from '../src/store/sql/store.js'
import type { SuiteRow } from './store.bench.js'

export interface PersonalDataBenchOptions {
  /** Events read (the first N of the history); default by scale: 500 tiny, 20,000 quick, 100,000. */
  readonly events?: number
  readonly tiny?: boolean
  readonly quick?: boolean
  /** Default 1 when tiny, else 3. */
  readonly repeats?: number
  /** A generated NDJSON history to read the events from; default: one generated here (seed 1). */
  readonly history?: string
}

export interface Figure {
  readonly median: number
  readonly min: number
  readonly max: number
}

export interface PersonalDataBenchResult {
  readonly events: number
  /** Personal fields sealed in the events read (a field sealed under several kids counts once). */
  readonly sealedFields: number
  readonly repeats: number
  /** Events per second. */
  readonly decryptingWarm: Figure
  readonly decryptingCold: Figure
  readonly sealedRowsOnly: Figure
  readonly clear: Figure
  readonly rows: readonly SuiteRow[]
}

const figure = (xs: readonly number[]): Figure => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number }
}

/** The first `n` lines of a file, numbered as `kezek import` reads them. */
async function* firstLines(file: string, n: number): AsyncIterable<NumberedLine> {
  let k = 0
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  for await (const text of rl) {
    if (text.trim() === '') continue
    if (k === n) break
    k++
    yield { n: k, text }
  }
  rl.close()
}

/** Reads the whole store; events per second. The payloads are touched so a lazy reader cannot skip work. */
const readRate = async (store: Pick<EventStore, 'readAll'>, expected: number): Promise<number> => {
  const t0 = process.hrtime.bigint()
  let n = 0
  let touched = 0
  for await (const e of store.readAll({ batchSize: 1000 })) {
    n++
    touched += typeof e.data === 'object' && e.data !== null ? 1 : 0
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  if (n !== expected || touched !== expected) throw new Error(`read ${n} events (${touched} with a payload), expected ${expected}`)
  return n / seconds
}

const countSealed = async (store: SqlEventStore): Promise<number> => {
  const [row] = await store.driver.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${store.schema}.events e,
       LATERAL (SELECT regexp_matches(e.data::text || e.metadata::text, '"pii1\\.', 'g')) m`,
  )
  return row?.n ?? 0
}

const si = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0))
const rate = (f: Figure, runs: number): string => `${si(f.median)} ev/s (${si(f.min)}–${si(f.max)}, n=${runs})`
const pct = (x: number): string => `${(x * 100).toFixed(0)} %`

export const runPersonalDataBench = async (options: PersonalDataBenchOptions = {}): Promise<PersonalDataBenchResult> => {
  const events = options.events ?? (options.tiny === true ? 500 : options.quick === true ? 20_000 : 100_000)
  const repeats = options.repeats ?? (options.tiny === true ? 1 : 3)
  const generated = options.history === undefined ? join(tmpdir(), `kezek-personal-data-bench-${events}-${process.pid}.ndjson`) : undefined
  if (generated !== undefined) await writeNdjson(generated, { seed: 1, events })
  const history = (options.history ?? generated) as string

  // Both in memory: the figure is the reader's work, not the disk's.
  const clear = await openPgliteStore({})
  const sealedSql = await openPgliteStore({})
  const opened = await openPersonalDataStore(sealedSql, { mode: 'encrypted' }, () => undefined)
  const sealed = opened.protected as ProtectedStore
  try {
    const loadedClear = await importIntoSql(clear, 'the clear store', firstLines(history, events), () => undefined)
    const loadedSealed = await importIntoSql(sealedSql, 'the encrypted store', firstLines(history, events), () => undefined, sealed)
    const n = loadedClear.written
    if (loadedSealed.written !== n) throw new Error(`loaded ${n} events in clear and ${loadedSealed.written} sealed`)
    const sealedFields = await countSealed(sealedSql)
    if (sealedFields === 0) throw new Error('nothing was sealed: the benchmark would compare a read with itself')

    const warm = await openPersonalDataStore(sealedSql, { mode: 'encrypted' }, () => undefined)
    await readRate(warm.store, n) // fills its key cache
    const runs = { warm: [] as number[], cold: [] as number[], rows: [] as number[], clear: [] as number[] }
    for (let r = 0; r < repeats; r++) {
      runs.clear.push(await readRate(clear, n))
      runs.warm.push(await readRate(warm.store, n))
      runs.rows.push(await readRate(sealedSql, n))
      // A new decorator over the same store: empty caches, every kid looked up once, as after a restart.
      const cold = await openPersonalDataStore(sealedSql, { mode: 'encrypted' }, () => undefined)
      runs.cold.push(await readRate(cold.store, n))
    }
    const result = {
      decryptingWarm: figure(runs.warm),
      decryptingCold: figure(runs.cold),
      sealedRowsOnly: figure(runs.rows),
      clear: figure(runs.clear),
    }
    const limit = `same events, encryption off: ${rate(result.clear, repeats)}`
    const perEvent = sealedFields / n
    return {
      events: n,
      sealedFields,
      repeats,
      ...result,
      rows: [
        {
          figure: `read ${si(n)} events through the decrypting store (PGlite, ${perEvent.toFixed(1)} sealed fields/event, keys cached)`,
          kezek: rate(result.decryptingWarm, repeats),
          limit,
          ratio: pct(result.decryptingWarm.median / result.clear.median),
          target: '≥ 50 % of the limit',
          verdict: result.decryptingWarm.median >= 0.5 * result.clear.median ? 'ok' : 'MISS',
        },
        {
          figure: '  same, first read after opening (every kid looked up in the keyring once)',
          kezek: rate(result.decryptingCold, repeats),
          limit: `encryption off: ${si(result.clear.median)} ev/s`,
          ratio: pct(result.decryptingCold.median / result.clear.median),
          target: '—',
          verdict: 'info',
        },
        {
          figure: '  the sealed rows read without decrypting (diagnostic: larger rows alone)',
          kezek: rate(result.sealedRowsOnly, repeats),
          limit: `encryption off: ${si(result.clear.median)} ev/s`,
          ratio: pct(result.sealedRowsOnly.median / result.clear.median),
          target: '—',
          verdict: 'info',
        },
      ],
    }
  } finally {
    await opened.store.close().catch(() => undefined)
    await clear.close().catch(() => undefined)
    if (generated !== undefined) rmSync(generated, { force: true })
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { values } = parseArgs({ options: { events: { type: 'string' }, repeats: { type: 'string' }, history: { type: 'string' } }, strict: true })
  runPersonalDataBench({
    ...(values.events === undefined ? {} : { events: Number(values.events) }),
    ...(values.repeats === undefined ? {} : { repeats: Number(values.repeats) }),
    ...(values.history === undefined ? {} : { history: values.history }),
  }).then((r) => {
    for (const row of r.rows) console.log(`${row.figure}: ${row.kezek} | ${row.limit} | ${row.ratio} | ${row.target} | ${row.verdict}`)
  }, (e: unknown) => {
    console.error(e)
    process.exit(1)
  })
}
