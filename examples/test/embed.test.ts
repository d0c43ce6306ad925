import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const run = (script: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`../${script}`, import.meta.url))], { encoding: 'utf8' })

test('examples/embed: a foreign system drives the decider with its own storage and gets a queue position', () => {
  const out = run('embed/main.ts')
  assert.match(out, /authorize\s+authorized/)
  assert.match(out, /sign\s+checked, signed/)
  assert.match(out, /queue\s+queued/)
  assert.match(out, /position: 1 of 1 in almaty\/zhkh\/orphans, number at registration 1/)
  assert.match(out, /queue\s+\{"code":"queue_number_mismatch","command":"queue","expected":2,"given":999\}/)
})

test.run()
