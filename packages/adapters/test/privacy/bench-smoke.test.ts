/** The personal-data benchmark runs at its tiniest size and compares a decrypting read with a clear one. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { runPersonalDataBench } from '../../bench/personal-data.bench.js'

test('the personal-data benchmark reads the same events sealed and in clear and gives three rows', async () => {
  const r = await runPersonalDataBench({ tiny: true })
  assert.ok(r.events > 0 && r.sealedFields > 0, JSON.stringify({ events: r.events, sealed: r.sealedFields }))
  assert.is(r.rows.length, 3)
  for (const f of [r.decryptingWarm, r.decryptingCold, r.sealedRowsOnly, r.clear]) assert.ok(f.median > 0 && f.min <= f.median && f.median <= f.max)
  assert.match(r.rows[0]!.limit, /encryption off/)
})

test.run()
