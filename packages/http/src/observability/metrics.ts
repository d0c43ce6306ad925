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
  /** Wire to a PGlite store's `checkpoints.onCheckpoint` (main.ts does): the WAL a checkpoint let go, in bytes. */
  readonly observeCheckpoint: (walBytes: number) => void
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

  /** A metric of this app's registry, listed by `describe` as it is made. */
  const made = <M>(info: MetricInfo, metric: M): M => {
    infos.push(info)
    return metric
  }
  const histogram = <L extends string>(name: string, help: string, labels: readonly L[], buckets: readonly number[]): Histogram<L> =>
    made({ name, type: 'histogram', help, labels }, new Histogram({ name, help, labelNames: labels, buckets: [...buckets], registers: [registry] }))

  const counter = <L extends string>(name: string, help: string, labels: readonly L[]): Counter<L> =>
    made({ name, type: 'counter', help, labels }, new Counter({ name, help, labelNames: labels, registers: [registry] }))

  const requests = counter('kezek_http_requests_total', 'HTTP requests by route and status', ['method', 'route', 'status'])
  const duration = histogram('kezek_http_request_duration_seconds', 'Time from a request to its answer, by route', ['method', 'route'], BUCKETS_S)
  const batchSeconds = histogram('kezek_store_commit_batch_seconds', 'Group-commit batches of the SQL store: from taking a batch to settling its appends', [], BUCKETS_S)
  const batchAppends = histogram('kezek_store_commit_batch_appends', 'Appends per group-commit batch of the SQL store', [], BATCH_APPENDS)
  const checkpoints = counter('kezek_store_checkpoints_total', 'Checkpoints the PGlite store ran itself (PGlite has no checkpointer)', [])
  const checkpointWal = counter('kezek_store_checkpoint_wal_bytes_total', 'WAL written between the PGlite store\'s checkpoints, summed at each checkpoint', [])
  /** A value read at each scrape, as a gauge or (`collect` resetting it first) as a counter. */
  const read = (info: MetricInfo, value: () => number): void => {
    made(info, info.type === 'counter'
      // prom-client's counters only go up by `inc`: the value is read from its source at each scrape instead.
      ? new Counter({ name: info.name, help: info.help, registers: [registry], collect() { this.reset(); this.inc(value()) } })
      : new Gauge({ name: info.name, help: info.help, registers: [registry], collect() { this.set(value()) } }))
    reads.push({ name: info.name, read: value })
  }

  return {
    observeRequest: (method, route, status, ms) => {
      requests.inc({ method, route, status })
      duration.observe({ method, route }, ms / 1000)
    },
    observeCommitBatch: ({ appends, seconds }) => {
      batchSeconds.observe(seconds)
      batchAppends.observe(appends)
    },
    observeCheckpoint: (walBytes) => {
      checkpoints.inc()
      checkpointWal.inc(walBytes)
    },
    gauge: (name, help, value) => read({ name, type: 'gauge', help, labels: [] }, value),
    counter: (name, help, value) => read({ name, type: 'counter', help, labels: [] }, value),
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
