/**
 * Every benchmark runs on tiny data so none of them can rot. Timings are not asserted (a test machine's speed is
 * not a fact about kezek); what is asserted is that each one runs, returns finite figures, and that the suite
 * prints one table with a row for every benchmark — "not run" for the ones not written yet.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as assert from 'uvu/assert'
import { suite } from 'uvu'
import { writeNdjson } from '../../packages/adapters/src/generator/index.js'
import type { RecordedEvent } from '../../packages/adapters/src/store/port.js'
import { fixtureLogs, runRebuildBench } from '../../packages/adapters/bench/rebuild.bench.js'
import { runWaitingListBench, type Spread } from '../../packages/domain/bench/waiting-list.bench.js'
import { benchmarks, formatTable, runSuite } from '../../scripts/bench.js'

const test = suite('bench smoke')

const positive = (s: Spread, what: string): void => {
  assert.ok(Number.isFinite(s.median) && s.median > 0, `${what}: median ${s.median}`)
  assert.ok(s.min <= s.median && s.median <= s.max, `${what}: spread out of order`)
}

test('the waiting-list bench returns every figure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-smoke-'))
  try {
    const path = join(dir, 'h.ndjson')
    await writeNdjson(path, { seed: 5, events: 1_500 })
    const r = runWaitingListBench({ ndjson: path, repeats: 1, sizes: [100, 1_000], ops: 100 })
    assert.is(r.events, 1_500)
    for (const [what, s] of Object.entries({ ...r.ndjson, ...r.decoded })) if (typeof s === 'object') positive(s, what)
    assert.ok(r.ndjson.peakRssMiB > 0)
    assert.ok(r.decoded.deterministic)
    assert.equal(r.incremental.map((x) => x.size), [100, 1_000])
    for (const x of r.incremental) {
      positive(x.applyMicros, 'apply')
      positive(x.positionMicros, 'position')
      positive(x.pageMicros, 'page')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the store fixture bulk-loads exactly the log that appends write', async () => {
  const { bulk, appended } = await fixtureLogs(9, 400)
  const shape = (e: RecordedEvent) => [e.streamId, e.revision, e.id, e.type, e.hash, e.previousHash, e.data, e.metadata]
  assert.is(bulk.length, 400)
  assert.equal(bulk.map(shape), appended.map(shape))
})

test('the store rebuild bench runs on PGlite and PostgreSQL', async () => {
  const r = await runRebuildBench({ events: 600, stores: ['pglite', 'postgres'], repeats: 1 })
  assert.equal(r.results.map((x) => x.store), ['pglite', 'postgres'])
  for (const x of r.results) {
    assert.is(x.events, 600)
    positive(x.kezek, `${x.store} rebuild`)
    positive(x.bareSelect, `${x.store} bare select`)
    assert.ok(x.activeEntries > 0)
  }
})

test('the suite runs every benchmark and prints one table with a row for each', async () => {
  const { rows, raw } = await runSuite({ scale: 'tiny', only: undefined, seed: 3, events: 1_200, cacheDir: undefined, verbose: false })
  for (const b of benchmarks) assert.ok(rows.some((r) => r.bench === b.name), `no row for ${b.name}`)
  const errors = rows.filter((r) => r.verdict === 'error')
  assert.equal(errors, [], 'no benchmark failed')
  assert.ok(rows.filter((r) => r.verdict === 'ok' || r.verdict === 'MISS').length >= 8, 'figures with a target got a verdict')
  assert.ok('waiting-list' in raw && 'rebuild-store' in raw)
  const table = formatTable(rows)
  assert.match(table, /^\| figure +\| kezek +\| limit \/ baseline +\| ratio +\| target +\| verdict +\|/)
  assert.is(table.split('\n').length, rows.length + 2)
})

test.run()
