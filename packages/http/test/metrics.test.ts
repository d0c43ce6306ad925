/** The service's metrics (prom-client): what a scrape shows, per app and per process, and the table in the docs. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createMetrics } from '../src/observability/metrics.js'
import { serviceMetricsTable } from '../src/observability/service-metrics.js'
import { generatedBlock } from './generated-block.js'

test('requests are counted by route and status, and timed in seconds by route', async () => {
  const m = createMetrics({ runtime: false })
  m.observeRequest('GET', '/v1/applications/:id', 200, 3)
  m.observeRequest('GET', '/v1/applications/:id', 200, 40)
  m.observeRequest('GET', '/v1/applications/:id', 404, 1)
  const text = await m.render()
  assert.match(text, /^kezek_http_requests_total\{method="GET",route="\/v1\/applications\/:id",status="200"\} 2$/m)
  assert.match(text, /^kezek_http_requests_total\{method="GET",route="\/v1\/applications\/:id",status="404"\} 1$/m)
  assert.match(text, /^# TYPE kezek_http_request_duration_seconds histogram$/m)
  // 1 ms and 3 ms fall under 5 ms; 40 ms does not.
  assert.match(text, /^kezek_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/applications\/:id"\} 2$/m)
  assert.match(text, /^kezek_http_request_duration_seconds_count\{method="GET",route="\/v1\/applications\/:id"\} 3$/m)
  const sum = /^kezek_http_request_duration_seconds_sum\{method="GET",route="\/v1\/applications\/:id"\} (\S+)$/m.exec(text)
  assert.ok(sum !== null && Math.abs(Number(sum[1]) - 0.044) < 1e-9, 'the sum is in seconds')
  const json = await m.snapshot()
  assert.equal(json['requests'], { 'method="GET",route="/v1/applications/:id",status="200"': 2, 'method="GET",route="/v1/applications/:id",status="404"': 1 })
  assert.is(json['requestCount'], 3)
})

test('values read at scrape time follow their source; counters are typed as counters', async () => {
  const m = createMetrics({ runtime: false })
  let outages = 3
  let up = true
  m.counter('kezek_test_outages_total', 'outages', () => outages)
  m.gauge('kezek_test_up', 'up', () => (up ? 1 : 0))
  let text = await m.render()
  assert.match(text, /^# TYPE kezek_test_outages_total counter$/m)
  assert.match(text, /^kezek_test_outages_total 3$/m)
  assert.match(text, /^# TYPE kezek_test_up gauge$/m)
  assert.match(text, /^kezek_test_up 1$/m)
  outages = 5
  up = false
  text = await m.render()
  assert.match(text, /^kezek_test_outages_total 5$/m, 'read again, not added to the last value')
  assert.match(text, /^kezek_test_up 0$/m)
  assert.equal(await m.snapshot(), { requests: {}, requestCount: 0, kezek_test_outages_total: 5, kezek_test_up: 0 })
})

test('group-commit batches are timed and sized', async () => {
  const m = createMetrics({ runtime: false })
  m.observeCommitBatch({ appends: 1, seconds: 0.002 })
  m.observeCommitBatch({ appends: 6, seconds: 0.008 })
  const text = await m.render()
  assert.match(text, /^kezek_store_commit_batch_appends_bucket\{le="4"\} 1$/m)
  assert.match(text, /^kezek_store_commit_batch_appends_bucket\{le="8"\} 2$/m)
  assert.match(text, /^kezek_store_commit_batch_appends_sum 7$/m)
  assert.match(text, /^kezek_store_commit_batch_seconds_bucket\{le="0.005"\} 1$/m)
  assert.match(text, /^kezek_store_commit_batch_seconds_count 2$/m)
})

test('the PGlite store\'s checkpoints are counted, with the WAL each let go', async () => {
  const m = createMetrics({ runtime: false })
  assert.match(await m.render(), /^kezek_store_checkpoints_total 0$/m)
  m.observeCheckpoint(70_000_000)
  m.observeCheckpoint(68_000_000)
  const text = await m.render()
  assert.match(text, /^kezek_store_checkpoints_total 2$/m)
  assert.match(text, /^kezek_store_checkpoint_wal_bytes_total 138000000$/m)
})

test('two apps count apart and show the same process metrics', async () => {
  const a = createMetrics()
  const b = createMetrics()
  a.observeRequest('POST', '/v1/portal/applications', 201, 20)
  const [ta, tb] = [await a.render(), await b.render()]
  assert.match(ta, /^kezek_http_requests_total\{method="POST",route="\/v1\/portal\/applications",status="201"\} 1$/m)
  assert.not.match(tb, /^kezek_http_requests_total\{/m, 'the other app counted nothing')
  for (const text of [ta, tb]) {
    assert.match(text, /^# TYPE kezek_process_cpu_seconds_total counter$/m)
    assert.match(text, /^kezek_process_cpu_seconds_total \d/m)
    assert.match(text, /^# TYPE kezek_nodejs_eventloop_lag_p99_seconds gauge$/m)
    assert.match(text, /^kezek_nodejs_heap_size_used_bytes \d+$/m)
  }
  assert.not.match(await createMetrics({ runtime: false }).render(), /kezek_process_cpu/, 'left out on request')
})

test('docs/operations.md carries the current table of metrics', () => {
  const block = generatedBlock('docs/operations.md', '<!-- generated: metrics (scripts/docs/metrics.ts) -->')
  assert.fixture(block, serviceMetricsTable(), 'run node --import tsx scripts/docs/metrics.ts')
})

test.run()
