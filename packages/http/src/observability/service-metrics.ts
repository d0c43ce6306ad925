/**
 * The metrics every app declares beside its requests: how far its read models have come, and the store as request
 * handling and the read models see it. One list, so the app and the reference table in docs/operations.md
 * (scripts/docs/metrics.ts) cannot disagree.
 */
import type { ReadModels } from '../read-model/projections.js'
import type { StoreHealth } from '../resilience/store-guard.js'
import { createMetrics, metricsTableMarkdown, type Metrics } from './metrics.js'

export interface ServiceMetricSources {
  readonly read: Pick<ReadModels, 'stats' | 'isCaughtUp' | 'health'>
  readonly store: Pick<StoreHealth, 'up' | 'outages' | 'outageMs'>
}

export const declareServiceMetrics = (m: Metrics, { read, store }: ServiceMetricSources): void => {
  m.counter('kezek_read_model_events_total', 'Events applied to the read models', () => read.stats().eventsProjected)
  m.gauge('kezek_read_model_lag_seconds', 'Time from recording the last projected event to projecting it', () => read.stats().lagMs / 1000)
  m.gauge('kezek_read_model_caught_up', '1 once the read models have caught up', () => (read.isCaughtUp() ? 1 : 0))
  m.gauge('kezek_applications', 'Applications known to the read models', () => read.stats().applications)
  m.gauge('kezek_store_up', '1 while the last call to the store succeeded', () => (store.up() ? 1 : 0))
  m.counter('kezek_store_outages_total', 'Store outages seen by request handling', () => store.outages())
  m.counter('kezek_store_outage_seconds_total', 'Time spent in store outages, as request handling saw them', () => store.outageMs() / 1000)
  m.gauge('kezek_read_model_failing', '1 while the read models retry reading the store', () => (read.health().failing ? 1 : 0))
  m.counter('kezek_read_model_reconnects_total', 'Times the read models resumed after the store failed', () => read.health().reconnects)
  m.counter('kezek_read_model_outage_seconds_total', 'Time the read models spent unable to read the store', () => read.health().outageMs / 1000)
}

/** The reference table of an app's own metrics, from the declarations every app makes (docs/operations.md). */
export const serviceMetricsTable = (): string => {
  const m = createMetrics({ runtime: false })
  const none = (): number => 0
  declareServiceMetrics(m, {
    read: { stats: () => ({ eventsProjected: 0, skipped: 0, lagMs: 0, applications: 0 }), isCaughtUp: () => false, health: () => ({ failing: false, reconnects: 0, outageMs: 0 }) },
    store: { up: () => false, outages: none, outageMs: none },
  })
  return metricsTableMarkdown(m.describe())
}
