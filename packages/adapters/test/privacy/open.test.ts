/**
 * Encryption is the default wherever a store is opened: beside the events in the store's own database, or in an
 * external keyring; off only when asked, and then said out loud.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openPersonalDataStore, SEALED_PREFIX } from '../../src/privacy/index.js'
import { openMemoryStore } from '../../src/store/memory.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { applicantOf, applicationEvents, applicationId } from '../projection/applications.js'

test('off is explicit and warns', async () => {
  const warnings: string[] = []
  const opened = await openPersonalDataStore(openMemoryStore(), { mode: 'off' }, (m) => warnings.push(m))
  assert.is(opened.protected, undefined)
  assert.is(warnings.length, 1)
  assert.match(warnings[0] ?? '', /encryption is OFF/)
})

test('a store without a database of its own needs an external keyring', async () => {
  let error: unknown
  try { await openPersonalDataStore(openMemoryStore(), { mode: 'encrypted' }, () => undefined) } catch (e) { error = e }
  assert.match(String(error), /external keyring/)
  const keys = mkdtempSync(join(tmpdir(), 'kezek-keys-'))
  const external = await openPersonalDataStore(openMemoryStore(), { mode: 'encrypted', keyring: keys }, () => undefined)
  assert.ok(external.protected !== undefined)
  await external.store.close()
})

test('a keyring in a PGlite directory of its own is checkpointed by its writes, though no timer fires meanwhile', async () => {
  // The events in memory, the keys in PGlite: both answer through promises alone, so a loop of filings never lets
  // the checkpoint timer run. Only the keyring's statements can ask.
  const told: number[] = []
  const keys = mkdtempSync(join(tmpdir(), 'kezek-keys-'))
  const opened = await openPersonalDataStore(openMemoryStore(), {
    mode: 'encrypted', keyring: keys, keyringCheckpoints: { checkEveryMs: 20, maxWalBytes: 64 * 1024, onCheckpoint: (bytes) => told.push(bytes) },
  }, () => undefined)
  try {
    for (let i = 1; i <= 3000 && told.length === 0; i++) {
      const r = await opened.store.append(applicationId(i), applicationEvents({ index: i, filedMinute: i, decisionDay: 0 }), { expected: 'no_stream' })
      assert.ok(E.isRight(r))
    }
    assert.ok(told.length > 0, 'a checkpoint of the keyring during the loop')
    assert.ok((told[0] ?? 0) >= 64 * 1024)
  } finally {
    await opened.store.close()
  }
})

test('by default the keys live beside the events, and what is stored is sealed', async () => {
  const inner = await openPgliteStore()
  const warnings: string[] = []
  const opened = await openPersonalDataStore(inner, { mode: 'encrypted' }, (m) => warnings.push(m))
  assert.equal(warnings, [])
  assert.ok(E.isRight(await opened.store.append(applicationId(1), applicationEvents({ index: 1, filedMinute: 0, decisionDay: 0 }), { expected: 'no_stream' })))
  const [row] = await inner.driver.query<{ n: string }>(`select count(*)::text as n from "${inner.schema}".kezek_subject_keys`)
  assert.ok(Number(row?.n) >= 1, 'the key table is in the store’s own database')
  const stored = await inner.readStream(applicationId(1))
  const text = JSON.stringify(E.isRight(stored) ? stored.right : [])
  assert.not.ok(text.includes(applicantOf(1)))
  assert.ok(text.includes(SEALED_PREFIX))
  await opened.store.close()
})

test.run()
