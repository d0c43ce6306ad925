import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const run = (script: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`../${script}`, import.meta.url))], { encoding: 'utf8' })

test('examples/replay-audit: loads a history, replays it, prints the timeline and catches the altered event', () => {
  const out = run('replay-audit/main.ts')
  assert.match(out, /loaded 400 events/)
  const replayed = /replayed (\d+) events of (\S+): stage (\w+)/.exec(out)
  assert.ok(replayed, 'the replay line is printed')
  const events = Number(replayed?.[1])
  // One timeline block per replayed event, each with its chain link and provenance.
  assert.is((out.match(/^#\d+ /gm) ?? []).length, events)
  assert.is((out.match(/chain link: ok/g) ?? []).length, events)
  assert.match(out, /who \S+ · role [a-z ]+ · channel /)
  assert.match(out, /rule housing-queue\/[\w-]+@\d/)
  assert.match(out, `hash chain: intact (${events} events)`)
  assert.match(out, /tampered event detected: altered at revision \d+ \(event [0-9a-f-]{36}\): the hash does not match the event content/)
  assert.match(out, 'the audit timeline now says: hash chain BROKEN, 1 problem(s)')
})

test.run()
