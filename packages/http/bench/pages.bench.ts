/**
 * Server time of the public pages on a large history: the paged list page (pages spread over the longest list) and
 * the queue movement page (charts + table + estimate). The history is the suite's generated NDJSON (`pnpm bench`
 * passes it) or, alone, the seeded generator's; its records are committed straight into a memory log — appending a
 * million events through the store's checks would take the bench minutes and is not what it measures — and the
 * service's read models follow that store as in production. Hash-chain fields are left empty: no page here reads
 * them. Requests go one at a time over a keep-alive loopback connection, so each latency is the server's time plus
 * a loopback round trip.
 *
 *   node --import tsx packages/http/bench/pages.bench.ts [events | history.ndjson]
 */
import { request, Agent } from 'node:http'
import { randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { PerformanceObserver } from 'node:perf_hooks'
import type { ProviderId } from '@kezek/domain'
import { housingQueueAlmaty2012, kazakhstanNational } from '@kezek/domain'
import { MemoryLog, openMemoryStore, type RecordedEvent } from '@kezek/adapters'
import { generateRecords, readNdjson, realisticProfile, type GeneratedRecord } from '@kezek/adapters/generator'
import { createTestPki } from '@kezek/adapters/testing'
import { createApp, hmacAuthenticator, keyResultSigner, silentLogger, tableRegistries, xmlDsigVerifier, RegistryTable } from '../src/index.js'
import { serveOnLoopback } from './loopback.js'

/** Commits the records into a memory log in store form; returns the log and the providers they name. */
const logOf = async (records: AsyncIterable<GeneratedRecord> | Iterable<GeneratedRecord>) => {
  const log = new MemoryLog()
  const revisions = new Map<string, number>()
  const providers = new Set<string>()
  let batch: RecordedEvent[] = []
  let n = 0
  for await (const r of records) {
    const revision = (revisions.get(r.streamId) ?? -1) + 1
    revisions.set(r.streamId, revision)
    n += 1
    if (r.event.type === 'authorized') providers.add(r.event.providerId)
    batch.push({
      id: r.envelope.eventId, type: r.event.type, data: r.event as unknown as RecordedEvent['data'], metadata: r.envelope as unknown as RecordedEvent['metadata'],
      streamId: r.streamId, revision, position: String(n), recordedAt: r.envelope.recordedAt, hash: '', previousHash: '',
    })
    if (batch.length >= 10_000) { log.commit(batch); batch = [] }
  }
  log.commit(batch)
  return { log, events: n, providers: [...providers].sort() }
}

/** A full collection now (V8's own gc, reached through a flag: the bench is not started with --expose-gc). */
const settleHeap = (): void => {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

export interface PageTimes {
  readonly requests: number
  readonly p50ms: number
  readonly p99ms: number
  readonly maxMs: number
  /** CPU time of this process per request (server and client side of the loopback together): what load cannot inflate. */
  readonly cpuMsPerRequest: number
  /** Garbage collection pauses during the run, in total. */
  readonly gcMs: number
}

/** Sums GC pauses while `f` runs: on a big heap a major collection is what a p99 usually is. */
const withGcTime = async <T>(f: () => Promise<T>): Promise<{ value: T; gcMs: number }> => {
  let gcMs = 0
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration })
  obs.observe({ entryTypes: ['gc'] })
  try {
    const value = await f()
    await new Promise((r) => setImmediate(r))
    return { value, gcMs }
  } finally {
    obs.disconnect()
  }
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

const timeGets = async (base: string, paths: readonly string[]): Promise<PageTimes> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const url = new URL(base)
  const times: number[] = []
  const cpu = process.cpuUsage()
  const { gcMs } = await withGcTime(async () => { for (const path of paths) {
    const started = performance.now()
    const status = await new Promise<number>((resolve, reject) => {
      const r = request({ host: url.hostname, port: url.port, path, agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)) })
      r.on('error', reject)
      r.end()
    })
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`)
    times.push(performance.now() - started)
  } })
  const used = process.cpuUsage(cpu)
  agent.destroy()
  const sorted = [...times].sort((a, b) => a - b)
  const r2 = (x: number) => Math.round(x * 100) / 100
  return {
    requests: times.length, p50ms: r2(percentile(sorted, 50)), p99ms: r2(percentile(sorted, 99)), maxMs: r2(sorted.at(-1) ?? Number.NaN),
    cpuMsPerRequest: r2((used.user + used.system) / 1000 / Math.max(1, times.length)), gcMs: r2(gcMs),
  }
}

export const runPagesBench = async (
  options: { readonly quick?: boolean; readonly tiny?: boolean; readonly events?: number; readonly history?: string } = {},
) => {
  const asked = options.events ?? (options.tiny ? 3_000 : options.quick ? 50_000 : 1_000_000)
  const loadStarted = performance.now()
  const loadAverage = () => loadavg().map((x) => x.toFixed(2)).join(', ')
  const profile = { ...realisticProfile, providers: [{ id: 'bench-housing', weight: 1, ruleVersion: housingQueueAlmaty2012.ruleVersion, decisionMinutes: 20 * 24 * 60 }] }
  const loaded = await logOf(options.history === undefined
    ? generateRecords({ seed: 2012, events: asked, profile })
    : (readNdjson(options.history) as AsyncIterable<GeneratedRecord>))
  const events = loaded.events
  const store = openMemoryStore({ log: loaded.log })
  const providers = loaded.providers.map((id) => ({ id: id as ProviderId, name: id, definition: housingQueueAlmaty2012, calendar: kazakhstanNational() }))
  const pki = await createTestPki()
  const table = RegistryTable.decode({ persons: [], powersOfAttorney: [] })
  if (table._tag === 'Left') throw new Error('registry table')
  const app = createApp({
    store,
    verifier: xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }) }),
    resultSigner: keyResultSigner(() => ({ privateKey: pki.head.keys.privateKey, certificate: pki.head.certificate })),
    registries: tableRegistries(table.right),
    providers,
    auth: hmacAuthenticator('bench-secret-0123456789abcdef', () => new Date()),
    clock: () => new Date(),
    ids: { next: randomUUID },
    logger: silentLogger,
  })
  await app.ready
  const loadSeconds = (performance.now() - loadStarted) / 1000
  const { base, close: stopServing } = await serveOnLoopback(app)
  try {
    const list = app.readModels.waitingList
    const longest = list.listIds().reduce((best, id) => (list.size(id) > list.size(best) ? id : best), list.listIds()[0] ?? '')
    const category = longest.slice(longest.lastIndexOf('/') + 1)
    const PROVIDER = encodeURIComponent(longest.slice(0, longest.lastIndexOf('/')))
    const size = list.size(longest)
    const pages = Math.max(1, Math.ceil(size / 50))
    const n = options.tiny ? 20 : 200
    // Pages spread evenly over the list, first and last included: a page deep in the list costs what the first does.
    const listPaths = Array.from({ length: n }, (_, i) => `/providers/${PROVIDER}/lists/${category}?page=${1 + Math.floor((i * (pages - 1)) / Math.max(1, n - 1))}`)
    const movementPath = (i: number) => `/providers/${PROVIDER}/lists/${category}/movement?position=${1 + ((i * 7919) % Math.max(1, size))}`
    // The first movement request builds the list's quarterly series from the read model's maps; later ones reuse it.
    const cold = await timeGets(base, [movementPath(0)])
    // Loading a million events leaves the heap (about 2 GB) with collection work still owed; a serving process paid
    // it long before its first visitor, so it is paid here before timing, not charged to the first pages timed.
    settleHeap()
    await timeGets(base, [...listPaths.slice(0, 20), ...Array.from({ length: 20 }, (_, i) => movementPath(i + 1000))])
    const listTimes = await timeGets(base, listPaths)
    const movementTimes = await timeGets(base, Array.from({ length: n }, (_, i) => movementPath(i + 1)))
    const loadAtRun = loadAverage()
    const fmt = (t: PageTimes) => `p50 ${t.p50ms} ms, p99 ${t.p99ms} ms (${t.requests} requests, max ${t.maxMs} ms; CPU ${t.cpuMsPerRequest} ms/request, GC ${t.gcMs} ms in all)`
    const scale = `${events.toLocaleString('en')} events, longest list ${size.toLocaleString('en')}`
    return {
      events, loadSeconds, longestList: size, listTimes, movementTimes, movementCold: cold, loadAverage: loadAtRun,
      rows: [
        { figure: `public list page (50 rows), ${scale}`, kezek: fmt(listTimes), limit: '—', ratio: '—', target: '≤ 50 ms', verdict: listTimes.p50ms <= 50 ? 'ok' : 'MISS' },
        { figure: `queue movement page (2 SVG charts, table, estimate), ${scale}`, kezek: fmt(movementTimes), limit: '—', ratio: '—', target: '≤ 50 ms', verdict: movementTimes.p50ms <= 50 ? 'ok' : 'MISS' },
        { figure: 'load average (1, 5, 15 min) when the pages were timed (2-core machine shared with other work)', kezek: loadAtRun, limit: '—', ratio: '—', target: 'info', verdict: 'info' },
        {
          figure: 'first movement request after start (builds the list\'s quarterly series; kept until the list changes)',
          kezek: `${cold.p50ms} ms`, limit: '—', ratio: '—', target: 'info', verdict: 'info',
        },
      ],
    }
  } finally {
    await stopServing()
    await app.close()
    await store.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2] ?? '50000'
  const out = await runPagesBench(/^\d+$/.test(arg) ? { events: Number(arg) } : { history: arg })
  console.log(`history loaded in ${out.loadSeconds.toFixed(1)} s; load average ${out.loadAverage}`)
  for (const r of out.rows) console.log(`${r.figure}\n  ${r.kezek}  [${r.verdict}]`)
}
