/**
 * `kezek keys rotate` on a PGlite directory: current keys are retired (kept, still opening what they sealed), new
 * events — in existing applications too — are sealed under new kids, `--iin` narrows it to one person, an erasure
 * destroys the retired keys with the current one, and `kezek verify` passes throughout.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src/cli/run.js'
import type { CliIo } from '../../src/cli/io.js'
import { ERASED_IIN, ERASED_TEXT, openPersonalDataStore, parseSealed } from '../../src/privacy/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { applicantOf, applicationEvents, applicationId, laterEvent } from '../projection/applications.js'

const io = (cwd: string): CliIo & { out: { text: string; write: (t: string) => void } } => {
  const out = { text: '', write(t: string) { this.text += t } }
  return { out, err: { write: () => undefined, isTTY: false, columns: 80 }, env: { USER: 'dpo' }, now: () => new Date('2025-03-01T00:00:00Z'), clock: () => 0, stdin: process.stdin, cwd }
}

const cli = async (dir: string, args: readonly string[]): Promise<{ code: number; out: string }> => {
  const run = io(dir)
  const code = await runCli(args, run)
  return { code, out: run.out.text }
}

const open = async (dir: string) => {
  const sql = await openPgliteStore({ dataDir: dir })
  return { sql, ...(await openPersonalDataStore(sql, { mode: 'encrypted' }, () => undefined)) }
}

/** The kids of every sealed value of one stored event, as written. */
const storedKids = async (dir: string, eventId: string): Promise<string[]> => {
  const { sql, store } = await open(dir)
  try {
    const [row] = await sql.driver.query<{ data: unknown }>(`SELECT data FROM kezek.events WHERE id = $1`, [eventId])
    const kids = new Set<string>()
    JSON.stringify(row?.data, (_k, v: unknown) => {
      if (typeof v === 'string') for (const kid of parseSealed(v)?.kids ?? []) kids.add(kid)
      return v
    })
    return [...kids]
  } finally {
    await store.close()
  }
}

const keyRows = async (dir: string): Promise<{ live: number; retired: number; erased: number }> => {
  const { sql, store } = await open(dir)
  try {
    const [r] = await sql.driver.query<{ live: number; retired: number; erased: number }>(
      `SELECT count(*) FILTER (WHERE erased_at IS NULL AND retired_at IS NULL)::int AS live,
              count(*) FILTER (WHERE erased_at IS NULL AND retired_at IS NOT NULL)::int AS retired,
              count(*) FILTER (WHERE erased_at IS NOT NULL)::int AS erased
         FROM kezek.kezek_subject_keys`)
    return r as { live: number; retired: number; erased: number }
  } finally {
    await store.close()
  }
}

test('kezek keys rotate: new kids for new writes, old data readable, erasure destroys every kid', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-keys-'))
  const before = await open(dir)
  assert.ok(E.isRight(await before.store.append(applicationId(0), applicationEvents({ index: 0, filedMinute: 0, decisionDay: 0, representative: true }), { expected: 'no_stream' })))
  assert.ok(E.isRight(await before.store.append(applicationId(1), applicationEvents({ index: 1, filedMinute: 1, decisionDay: 0 }), { expected: 'no_stream' })))
  await before.store.close()
  const [applicantKid] = await storedKids(dir, `${applicationId(0)}-e0`)
  assert.equal(await keyRows(dir), { live: 3, retired: 0, erased: 0 }, 'two applicants and a representative')

  assert.is((await cli(dir, ['keys', '--store', dir])).code, 2, 'an action is needed')
  assert.is((await cli(dir, ['keys', 'spin', '--store', dir])).code, 2, 'rotate is the only action')
  assert.is((await cli(dir, ['keys', 'rotate', '--iin', '123456789012', '--store', dir])).code, 2, 'a bad IIN is refused')

  const rotated = await cli(dir, ['keys', 'rotate', '--store', dir, '--json'])
  assert.is(rotated.code, 0)
  assert.equal(JSON.parse(rotated.out), { retired: 3, scope: 'every person' })
  assert.equal(await keyRows(dir), { live: 0, retired: 3, erased: 0 }, 'retired keys are kept')

  // A new event of an existing application: sealed under the applicant's new kid; the old events still open.
  const later = laterEvent(0, 'housing_allocated', 1)
  const writer = await open(dir)
  assert.ok(E.isRight(await writer.store.append(applicationId(0), [later], { expected: 4 })))
  const read = await writer.store.readStream(applicationId(0))
  await writer.store.close()
  assert.ok(E.isRight(read))
  assert.is((read.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(0), 'the retired key opens the old event')
  assert.is((read.right[5]?.data as { dwellingRef: string }).dwellingRef, 'кв. 1')
  const [newKid] = await storedKids(dir, later.id)
  assert.ok(newKid !== undefined && newKid !== applicantKid, 'a new kid seals the new event')

  // One person only: applicant 1 has no current key now (nothing retired); applicant 0's new key is.
  assert.equal(JSON.parse((await cli(dir, ['keys', 'rotate', '--iin', applicantOf(1), '--store', dir, '--json'])).out), { retired: 0, scope: 'one person' })
  assert.equal(await keyRows(dir), { live: 1, retired: 3, erased: 0 })
  assert.equal(JSON.parse((await cli(dir, ['keys', 'rotate', '--iin', applicantOf(0), '--store', dir, '--json'])).out), { retired: 1, scope: 'one person' })
  assert.equal(await keyRows(dir), { live: 0, retired: 4, erased: 0 })

  const erased = await cli(dir, ['erase', '--store', dir, '--iin', applicantOf(0), '--ground', 'заявление № ПД-9', '--json'])
  assert.is(erased.code, 0)
  assert.is((JSON.parse(erased.out) as { keysDestroyed: number }).keysDestroyed, 2, 'the retired and the newer key of the applicant')
  assert.equal(await keyRows(dir), { live: 0, retired: 2, erased: 2 })
  const after = await open(dir)
  const gone = await after.store.readStream(applicationId(0))
  await after.store.close()
  assert.ok(E.isRight(gone))
  assert.is((gone.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
  assert.is((gone.right[5]?.data as { dwellingRef: string }).dwellingRef, ERASED_TEXT)

  assert.is((await cli(dir, ['verify', '--store', dir])).code, 0, 'the chain verifies after rotation and erasure')
})

test('kezek keys export / import: events and keys backed up apart, restored together; an older key backup does not undo an erasure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-keys-move-'))
  const source = join(dir, 'source')
  const target = join(dir, 'target')
  const before = await open(source)
  for (const i of [0, 1]) {
    assert.ok(E.isRight(await before.store.append(applicationId(i), applicationEvents({ index: i, filedMinute: i, decisionDay: 0 }), { expected: 'no_stream' })))
  }
  await before.store.close()
  const keysFile = join(dir, 'keys.ndjson')
  const exported = await cli(dir, ['keys', 'export', '--store', source, '--out', keysFile, '--json'])
  assert.is(exported.code, 0)
  assert.equal(JSON.parse(exported.out).keys, 2)
  assert.is(statSync(keysFile).mode & 0o777, 0o600, 'the key backup is readable by its owner only')
  const text = readFileSync(keysFile, 'utf8')
  for (const i of [0, 1]) assert.not.ok(text.includes(applicantOf(i)), 'no IIN in the key backup')
  assert.is((await cli(dir, ['keys', 'export', '--store', source, '--out', keysFile])).code, 5, 'an existing file is kept without --force')

  // The person is erased after the key backup was taken; the events' backup is taken after the erasure.
  assert.is((await cli(dir, ['erase', '--store', source, '--iin', applicantOf(0), '--ground', 'заявление № ПД-4'])).code, 0)
  const events = join(dir, 'events.ndjson')
  assert.is((await cli(dir, ['export', '--store', source, '--out', events])).code, 0)
  assert.not.ok(readFileSync(events, 'utf8').includes(applicantOf(1)), 'the events backup holds ciphertext')

  // Restore: the events into a new store, then the (older) keys.
  assert.is((await cli(dir, ['import', events, '--store', target])).code, 0)
  assert.is((await cli(dir, ['verify', '--store', target])).code, 1, 'without its keys the moved store is reported incomplete (not a crash, not "erased")')
  const imported = await cli(dir, ['keys', 'import', keysFile, '--store', target, '--json'])
  assert.is(imported.code, 0)
  assert.equal(JSON.parse(imported.out), { added: 2, alreadyThere: 0, destroyedAgain: 1, erasureRecords: 1 })
  const restored = await open(target)
  const kept = await restored.store.readStream(applicationId(1))
  const gone = await restored.store.readStream(applicationId(0))
  await restored.store.close()
  assert.ok(E.isRight(kept) && E.isRight(gone))
  assert.is((kept.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(1), 'the restored key opens the moved events')
  assert.is((gone.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN, 'the erasure the events remember is applied again')
  assert.is((await cli(dir, ['verify', '--store', target])).code, 0)

  const again = await cli(dir, ['keys', 'import', keysFile, '--store', target, '--json'])
  assert.equal(JSON.parse(again.out), { added: 0, alreadyThere: 2, destroyedAgain: 0, erasureRecords: 1 }, 'a second import changes nothing')
  const wrongMaster = await (async () => {
    const run = io(dir)
    return runCli(['keys', 'import', keysFile, '--store', target], { ...run, env: { ...run.env, KEZEK_KEYRING_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') } })
  })()
  assert.is(wrongMaster, 2, 'a file exported without a master key is refused where one is set')
})

test.run()
