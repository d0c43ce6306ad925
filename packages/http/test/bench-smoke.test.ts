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
  // Its wait for a core is read beside its CPU; running and waiting together cannot take longer than the round did.
  assert.ok(process.platform !== 'linux' || (r.cpu.serviceThreadWaiting !== undefined && r.cpu.serviceThreadWaiting >= 0), JSON.stringify(r.cpu))
  // How often it was taken off its core is a count per submission, read from the same /proc.
  assert.ok(process.platform !== 'linux' || (r.cpu.serviceThreadPreemptions !== undefined && Number.isFinite(r.cpu.serviceThreadPreemptions) && r.cpu.serviceThreadPreemptions >= 0), JSON.stringify(r.cpu))
  assert.ok(process.platform !== 'linux' || (r.cpu.serviceThreadOccupied !== undefined && r.cpu.serviceThreadOccupied > 0 && r.cpu.serviceThreadOccupied <= 1.05), JSON.stringify(r.cpu))
  // The load client reports its own thread's CPU; PGlite has no server of its own to count.
  assert.ok(process.platform !== 'linux' || (r.cpu.loadClient !== undefined && r.cpu.loadClient >= 0), JSON.stringify(r.cpu))
  assert.is(r.cpu.database, undefined)
  // The verify workers' threads are told apart from V8's: they verified every submission, so they used CPU.
  if (process.platform === 'linux') {
    assert.ok(r.verifyWorkers === 0 ? r.cpu.verifyWorkers === 0 : r.cpu.verifyWorkers !== undefined && r.cpu.verifyWorkers > 0, JSON.stringify(r))
  }
  // Where submissions waited: the group commit's batches were counted, and the event loop watched.
  assert.ok(r.waits.appendsPerBatch >= 1 && r.waits.msPerBatch > 0 && r.waits.batchBusy > 0, JSON.stringify(r.waits))
  assert.ok(r.waits.eventLoopP99Ms >= 0 && Number.isFinite(r.waits.eventLoopMeanMs), JSON.stringify(r.waits))
  // Every timed submission was verified and appended, each taking some time. A verification's wait holds the
  // worker's work for it, so it is not far below the workers' CPU per submission (which also holds their collector's
  // work between documents: hence the margin).
  assert.ok(r.waits.verifyMs > 0 && r.waits.appendMs > 0, JSON.stringify(r.waits))
  assert.ok(process.platform !== 'linux' || r.waits.verifyMs >= (r.cpu.verifyWorkers ?? 0) * 0.5, JSON.stringify({ waits: r.waits, cpu: r.cpu }))
  // Collections are counted only inside kezek's timed rounds, so they come as finite rates and pauses.
  for (const c of [r.waits.scavenges, r.waits.fullCollections]) {
    assert.ok(Number.isFinite(c.perThousandSubmissions) && c.perThousandSubmissions >= 0 && c.meanMs >= 0, JSON.stringify(c))
  }
  assert.match(out.rows.find((row) => row.figure.includes('where a signed submission waits'))!.kezek, /^verify \d+\.\d\d ms a submission.*append \d+\.\d\d ms.*young-generation and .* full collections$/)
  // Four API rows (reads, submissions, their CPU, their waits), then the pages' four (list page, movement page, the
  // load average, the first movement request).
  assert.is(out.rows.length, 8)
  assert.ok(out.pages !== undefined && out.pages.listTimes.requests > 0 && out.pages.movementTimes.requests > 0)
})

test('on PostgreSQL on this machine, the CPU of a submission counts the server processes too, and the bare service is timed beside kezek', async () => {
  if (process.platform !== 'linux') return
  const out = await runHttpBench({ seconds: 0.2, connections: 4, stores: ['postgres'], pki: await testPki(), tiny: true, skipPages: true })
  const r = out.results[0]!
  assert.ok(r.submissions.requests > 0 && r.submissions.errors === 0, JSON.stringify(r.submissions))
  // Every submission appends and commits, so the server worked for it; the machine cannot be busier than its cores.
  assert.ok(r.cpu.database !== undefined && r.cpu.database > 0, JSON.stringify(r.cpu))
  assert.ok(r.cpu.busy !== undefined && r.cpu.busy > 0 && r.cpu.busy <= 1.05, JSON.stringify(r.cpu))
  assert.match(out.rows.find((row) => row.figure.includes('CPU per signed submission'))!.kezek, /^service thread \d+\.\d\d ms \(and \d+\.\d\d ms ready but waiting for a core, taken off it \d+\.\d\d times; running or waiting \d+% of the time\).*PostgreSQL server \d+\.\d\d ms/)
  // The bare service ran in the same rounds on the same documents, every one accepted, and its row says how kezek compares.
  const bare = r.bare
  assert.ok(bare !== undefined && bare.submissions.requests > 0 && bare.submissions.errors === 0, JSON.stringify(bare))
  assert.ok(bare.share > 0 && bare.ratio > 0 && bare.cpu.database !== undefined && bare.cpu.database > 0, JSON.stringify(bare))
  assert.is(r.rounds.filter((x) => x.bare !== undefined).length, r.rounds.length)
  assert.match(out.rows.find((row) => row.figure.includes('the bare service'))!.ratio, /^\d+\.\d\d×$/)
})

test.run()
