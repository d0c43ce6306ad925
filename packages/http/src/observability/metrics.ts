/**
 * The service's metrics, in Prometheus text format, through prom-client.
 *
 * An app's own metrics (requests by route and status, latency, the read models and the store as it sees them) live
 * in a registry of its own: two apps in one process keep separate counts. The process's figures (CPU, memory,
 * event-loop delay, garbage collection: prom-client's default metrics, prefixed `kezek_`) describe the process, not
 * an app, so there is one set of them per process, collected from the first app that asks and shown by every app.
 * They are what explains a busy service's latency: a submission waits on the event loop several times on its way
 * (docs/benchmarks-history.md, stop 25).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

/** Latency buckets in seconds: a status read takes about a millisecond, a signed submission tens under load. */
const BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
/** Appends per group-commit batch: one when the service is quiet, a few at 16 submissions in flight, more beyond. */
const BATCH_APPENDS = [1, 2, 4, 8, 16, 32, 64, 128, 256]

/** One of an app's metrics, as the reference table in docs/operations.md lists it. */
export interface MetricInfo {
  readonly name: string
  readonly type: 'counter' | 'gauge' | 'histogram'
  readonly help: string
  readonly labels: readonly string[]
}

/** A group-commit batch of a SQL store (`onCommitBatch` of openPostgresStore and openPgliteStore). */
export interface CommitBatchFigures {
  readonly appends: number
  readonly seconds: number
}

export interface Metrics {
  readonly observeRequest: (method: string, route: string, status: number, ms: number) => void
  /** Wire to the store's `onCommitBatch` where the store is opened (main.ts does); empty otherwise. */
  readonly observeCommitBatch: (batch: CommitBatchFigures) => void
  /** A value read when scraped that may go down. */
  readonly gauge: (name: string, help: string, read: () => number) => void
  /** A value read when scraped that only grows while the process runs (its name ends in `_total`). */
  readonly counter: (name: string, help: string, read: () => number) => void
  /** The app's metrics and the process's, in the text format. */
  readonly render: () => Promise<string>
  readonly contentType: string
  /** The app's metrics as JSON: `requests` by `method="…",route="…",status="…"`, `requestCount`, and each read value. */
  readonly snapshot: () => Promise<Record<string, unknown>>
  /** The app's own metrics (not the process's), in the order they were declared. */
  readonly describe: () => readonly MetricInfo[]
}

export interface MetricsOptions {
  /** Include the process's metrics in `render` (default true). */
  readonly runtime?: boolean
}

let runtimeRegistry: Registry | undefined

/** The process's metrics: registered once, on first use (prom-client starts an event-loop monitor and a GC observer). */
const runtime = (): Registry => {
  if (runtimeRegistry === undefined) {
    runtimeRegistry = new Registry()
    collectDefaultMetrics({ register: runtimeRegistry, prefix: 'kezek_' })
  }
  return runtimeRegistry
}

const requestKey = (labels: Partial<Record<string, string | number>>): string =>
  `method="${labels['method'] ?? ''}",route="${labels['route'] ?? ''}",status="${labels['status'] ?? ''}"`

export const createMetrics = (options: MetricsOptions = {}): Metrics => {
  const registry = new Registry()
  const processMetrics = options.runtime === false ? undefined : runtime()
  const infos: MetricInfo[] = []
  const reads: { readonly name: string; readonly read: () => number }[] = []
  const declare = (info: MetricInfo): void => void infos.push(info)

  const requestsHelp = 'HTTP requests by route and status'
  const requests = new Counter({ name: 'kezek_http_requests_total', help: requestsHelp, labelNames: ['method', 'route', 'status'], registers: [registry] })
  declare({ name: 'kezek_http_requests_total', type: 'counter', help: requestsHelp, labels: ['method', 'route', 'status'] })
  const durationHelp = 'Time from a request to its answer, by route'
  const duration = new Histogram({ name: 'kezek_http_request_duration_seconds', help: durationHelp, labelNames: ['method', 'route'], buckets: BUCKETS_S, registers: [registry] })
  declare({ name: 'kezek_http_request_duration_seconds', type: 'histogram', help: durationHelp, labels: ['method', 'route'] })
  const batchHelp = 'Group-commit batches of the SQL store: from taking a batch to settling its appends'
  const batchSeconds = new Histogram({ name: 'kezek_store_commit_batch_seconds', help: batchHelp, buckets: BUCKETS_S, registers: [registry] })
  declare({ name: 'kezek_store_commit_batch_seconds', type: 'histogram', help: batchHelp, labels: [] })
  const appendsHelp = 'Appends per group-commit batch of the SQL store'
  const batchAppends = new Histogram({ name: 'kezek_store_commit_batch_appends', help: appendsHelp, buckets: BATCH_APPENDS, registers: [registry] })
  declare({ name: 'kezek_store_commit_batch_appends', type: 'histogram', help: appendsHelp, labels: [] })

  return {
    observeRequest: (method, route, status, ms) => {
      requests.inc({ method, route, status })
      duration.observe({ method, route }, ms / 1000)
    },
    observeCommitBatch: ({ appends, seconds }) => {
      batchSeconds.observe(seconds)
      batchAppends.observe(appends)
    },
    gauge: (name, help, read) => {
      new Gauge({ name, help, registers: [registry], collect() { this.set(read()) } })
      declare({ name, type: 'gauge', help, labels: [] })
      reads.push({ name, read })
    },
    counter: (name, help, read) => {
      // prom-client's counters only go up by `inc`: the value is read from its source at each scrape instead.
      new Counter({ name, help, registers: [registry], collect() { this.reset(); this.inc(read()) } })
      declare({ name, type: 'counter', help, labels: [] })
      reads.push({ name, read })
    },
    render: async () => (await registry.metrics()) + (processMetrics === undefined ? '' : await processMetrics.metrics()),
    contentType: registry.contentType,
    snapshot: async () => {
      const counted = (await requests.get()).values
      const answered = (await duration.get()).values.filter((v) => v.metricName === 'kezek_http_request_duration_seconds_count')
      return {
        requests: Object.fromEntries(counted.map((v) => [requestKey(v.labels), v.value])),
        requestCount: answered.reduce((n, v) => n + v.value, 0),
        ...Object.fromEntries(reads.map((r) => [r.name, r.read()])),
      }
    },
    describe: () => infos,
  }
}

/** The reference table of an app's metrics (docs/operations.md; scripts/docs/metrics.ts writes it). */
export const metricsTableMarkdown = (metrics: readonly MetricInfo[]): string =>
  [
    '| metric | type | labels | what it counts |',
    '|---|---|---|---|',
    ...metrics.map((m) => `| \`${m.name}\` | ${m.type} | ${m.labels.length === 0 ? '—' : m.labels.join(', ')} | ${m.help} |`),
  ].join('\n')
