import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatReport, runSignatureBench } from '../../bench/signature.bench.js'

// Smoke only: the benchmark runs end to end with tiny numbers and reports every figure. No timing is asserted.
test('the signature benchmark runs and reports throughput, the cost split and the bare RSA verify', async () => {
  const report = await runSignatureBench({ iterations: 3, rounds: 2, warmup: 1, warmupSeconds: 0 })
  assert.is(report.rounds, 2)
  assert.ok(report.documentBytes > 2000 && report.documentBytes < 10_000, 'a typical few-KB request')
  assert.ok(report.perSecond.median > 0 && report.perSecond.min <= report.perSecond.max)
  assert.ok(report.cpuMicros.median > 0)
  for (const [stage, micros] of Object.entries(report.stages)) assert.ok(micros > 0, `${stage} was measured`)
  assert.ok(report.bareRsaVerifyMicros.peculiar.median > 0 && report.bareRsaVerifyMicros.nodeWebCrypto.median > 0)
  assert.ok(report.machine.cores >= 1 && report.machine.node.startsWith('v'))
  assert.ok(report.gost.perSecond.median > 0 && report.gost.bareVerifyMicros.median > 0 && report.gost.streebogMicros.median > 0)
  assert.ok(report.gost.firstSeenPerSecond.median > 0 && report.gost.bareVerifyCpuMicros.median >= 0 && report.gost.nobleVerifyMicros.median > 0)
  for (const [stage, micros] of Object.entries(report.gost.stages)) assert.ok(micros > 0, `GOST ${stage} was measured`)
  assert.match(formatReport(report), /verifications\/s/)
  assert.match(formatReport(report), /bare GOST 2015\/512 verify/)
})

test.run()
