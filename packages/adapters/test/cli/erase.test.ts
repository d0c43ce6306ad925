/**
 * `kezek erase` on a PGlite directory: the person's fields read as erased, others stay, the record names no IIN,
 * `kezek verify` still passes, and a ground holding an IIN is refused before anything is touched.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src/cli/run.js'
import type { CliIo } from '../../src/cli/io.js'
import { ERASED_IIN, openPersonalDataStore } from '../../src/privacy/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { applicantOf, applicationEvents, applicationId } from '../projection/applications.js'

const io = (cwd: string): CliIo & { out: { text: string; write: (t: string) => void } } => {
  const out = { text: '', write(t: string) { this.text += t } }
  return { out, err: { write: () => undefined, isTTY: false, columns: 80 }, env: { USER: 'dpo' }, now: () => new Date('2025-03-01T00:00:00Z'), clock: () => 0, stdin: process.stdin, cwd }
}

const open = async (dir: string) => openPersonalDataStore(await openPgliteStore({ dataDir: dir }), { mode: 'encrypted' }, () => undefined)

test('kezek erase destroys one person’s keys and records the erasure without their IIN', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-erase-'))
  const before = await open(dir)
  for (const i of [0, 1]) {
    assert.ok(E.isRight(await before.store.append(applicationId(i), applicationEvents({ index: i, filedMinute: i, decisionDay: 0 }), { expected: 'no_stream' })))
  }
  await before.store.close()

  const refused = io(dir)
  assert.is(await runCli(['erase', '--store', dir, '--iin', applicantOf(0), '--ground', `заявление ${applicantOf(0)}`], refused), 2)

  const run = io(dir)
  assert.is(await runCli(['erase', '--store', dir, '--iin', applicantOf(0), '--ground', 'заявление № ПД-3', '--json'], run), 0)
  const report = JSON.parse(run.out.text) as { keysDestroyed: number; streams: number; by: string }
  assert.is(report.streams, 1)
  assert.ok(report.keysDestroyed >= 1)
  assert.is(report.by, 'cli:dpo')
  assert.not.ok(run.out.text.includes(applicantOf(0)))

  const after = await open(dir)
  const erased = await after.store.readStream(applicationId(0))
  const kept = await after.store.readStream(applicationId(1))
  assert.is(E.isRight(erased) && (erased.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
  assert.is(E.isRight(kept) && (kept.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(1))
  let record = ''
  for await (const e of after.store.readAll()) if (e.type === 'personal_data_erased') record = JSON.stringify(e)
  assert.ok(record.includes('заявление № ПД-3'))
  assert.not.ok(record.includes(applicantOf(0)), 'the record holds no IIN')
  await after.store.close()

  assert.is(await runCli(['verify', '--store', dir], io(dir)), 0, 'the chain verifies and every event decodes after the erasure')
})

test.run()
