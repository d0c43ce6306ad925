import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { runHttpBench } from '../bench/http.bench.js'
import { testPki } from './harness.js'

test('the HTTP benchmark runs for about a second and measures reads, submissions and the public pages without errors', async () => {
  const out = await runHttpBench({ seconds: 0.5, connections: 4, stores: ['pglite'], pki: await testPki(), tiny: true })
  const r = out.results[0]!
  assert.ok(r.statusReads.requests > 0 && r.statusReads.errors === 0, JSON.stringify(r.statusReads))
  assert.ok(r.submissions.requests > 0 && r.submissions.errors === 0, JSON.stringify(r.submissions))
  assert.ok(r.statusReads.p99ms >= r.statusReads.p50ms)
  // What a submission cost: the whole process's CPU, and the service thread's where /proc has it (Linux, as CI).
  assert.ok(r.cpu.process > 0, JSON.stringify(r.cpu))
  assert.ok(process.platform !== 'linux' || (r.cpu.serviceThread !== undefined && r.cpu.serviceThread >= 0), JSON.stringify(r.cpu))
  // Where submissions waited: the group commit's batches were counted, and the event loop watched.
  assert.ok(r.waits.appendsPerBatch >= 1 && r.waits.msPerBatch > 0 && r.waits.batchBusy > 0, JSON.stringify(r.waits))
  assert.ok(r.waits.eventLoopP99Ms >= 0 && Number.isFinite(r.waits.eventLoopMeanMs), JSON.stringify(r.waits))
  // Four API rows (reads, submissions, their CPU, their waits), then the pages' four (list page, movement page, the
  // load average, the first movement request).
  assert.is(out.rows.length, 8)
  assert.ok(out.pages !== undefined && out.pages.listTimes.requests > 0 && out.pages.movementTimes.requests > 0)
})

test.run()
