import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { appendTarget, BULK_TARGET, formatBench, READ_ALL_TARGET, runStoreBench } from '../../bench/store.bench.js'

test('the store benchmark runs end to end on tiny numbers and reports every figure', async () => {
  const r = await runStoreBench({ events: 24, writers: [1, 3], repeats: 1, quiet: true })
  assert.equal(r.appends.map((a) => [a.backend, a.writers]), [['postgres', 1], ['postgres', 3], ['pglite', 1], ['pglite', 3]])
  assert.ok(r.appends.every((a) => a.store.median > 0 && a.bareInsert.median > 0 && Number.isFinite(a.ratio)))
  // Each back-end's store held 24 events per append round: 2 writer counts × (1 untimed warm-up round + 1 repeat).
  assert.equal(r.reads.map((x) => [x.backend, x.events]), [['postgres', 96], ['pglite', 96]])
  assert.match(formatBench(r), '| postgres | 3 | 24 |')
  assert.ok(r.machine.postgres !== undefined && r.machine.pglite !== undefined)
  // The bulk path wrote ten times the events of one append measurement, per back-end.
  assert.equal(r.bulk.map((x) => [x.backend, x.events]), [['postgres', 240], ['pglite', 240]])
  assert.ok(r.bulk.every((x) => x.store.median > 0 && x.bareInsert.median > 0 && Number.isFinite(x.ratio)))
  assert.is(r.rows.length, 8, 'one summary row per append measurement, per read-all and per bulk write')
  // Each verdict follows from its ratio and the target for that row (none for 3 writers: info).
  r.appends.forEach((a, i) => {
    const target = appendTarget(a.backend, a.writers)
    assert.is(r.rows[i]?.verdict, target === undefined ? 'info' : a.ratio >= target ? 'ok' : 'MISS')
  })
  r.reads.forEach((x, i) => assert.is(r.rows[r.appends.length + i]?.verdict, x.ratio >= READ_ALL_TARGET ? 'ok' : 'MISS'))
  // The bulk target is absolute and PostgreSQL's only.
  r.bulk.forEach((x, i) =>
    assert.is(r.rows[r.appends.length + r.reads.length + i]?.verdict, x.backend === 'pglite' ? 'info' : x.store.median >= BULK_TARGET ? 'ok' : 'MISS'))
})

test.run()
