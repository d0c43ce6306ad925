import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const run = (script: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`../${script}`, import.meta.url))], { encoding: 'utf8' })

test('examples/rebuild-queue: the fixed policy rebuilds deterministically and every move is explained', () => {
  const out = run('rebuild-queue/main.ts')
  const digests = /sha256 ([0-9a-f]{16}), again ([0-9a-f]{16})/.exec(out)
  assert.ok(digests, 'both digests are printed')
  assert.is(digests?.[1], digests?.[2], 'the same events give a byte-identical list')
  const moved = out.split('\n').filter((l) => / moved \d+ → \d+: policy filing-order@1 orders by the time of filing/.test(l))
  const total = /(\d+) of (\d+) entries change position/.exec(out)
  assert.ok(total, 'the summary line is printed')
  assert.ok(moved.length > 0, 'the buggy policy misplaced someone in this history')
  assert.is(moved.length, Number(total?.[1]))
  // A move is explained by whom the entry now stands ahead of or behind; the counts add up to the move.
  for (const line of moved) {
    const m = /moved (\d+) → (\d+): .*\((?:now ahead of (\d+) that were ahead of it)?(?:, )?(?:now behind (\d+) that were behind it)?\)/.exec(line)
    assert.ok(m, line)
    const [before, after, passed, overtaken] = [m?.[1], m?.[2], m?.[3] ?? '0', m?.[4] ?? '0'].map(Number) as [number, number, number, number]
    assert.is(after - before, overtaken - passed, line)
  }
  assert.match(out, /as of 2020-01-01T00:00:00.000Z: \d+ of \d+ entries would have stood elsewhere/)
})

test.run()
