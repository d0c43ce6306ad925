/**
 * The SQL keyring on PGlite and on the real PostgreSQL server: keys persist, erasure leaves a tombstone that
 * holds no IIN and no key, and a wrapped keyring stores no usable key material.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { randomBytes } from 'node:crypto'
import { verifyStore } from '../../src/integrity/index.js'
import { ERASED_IIN, protectPersonalData, sqlKeyring, type Queryable } from '../../src/privacy/index.js'
import { MemoryLog, openMemoryStore } from '../../src/store/memory.js'
import type { RecordedEvent } from '../../src/store/port.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { applicantOf, applicationEvents, applicationId } from '../projection/applications.js'

// One embedded database for the file (starting PGlite costs seconds); each test starts from an empty keyring.
const lite = new PGlite()
const freshLite = async (): Promise<PGlite> => {
  await lite.query('drop table if exists kezek_subject_keys')
  return lite
}

type KeyRow = { kid: string; subject: string | null; key: unknown; erased_at: unknown }
const rows = async (db: Queryable, table = 'kezek_subject_keys'): Promise<KeyRow[]> => {
  const r = await db.query<KeyRow>(`select kid, subject, key, erased_at from ${table} order by created_at, kid`)
  return Array.isArray(r) ? r : (r as { rows: KeyRow[] }).rows
}

const exercise = async (db: Queryable, label: string, schema?: string) => {
  const options = schema === undefined ? {} : { schema }
  const table = schema === undefined ? 'kezek_subject_keys' : `"${schema}".kezek_subject_keys`
  const keyring = await sqlKeyring(db, options)
  const a = await keyring.keyFor('871008401427')
  const again = await keyring.keyFor('871008401427')
  assert.is(again.kid, a.kid, `${label}: one live key per subject`)
  assert.equal(Buffer.from(again.key), Buffer.from(a.key))
  const b = await keyring.keyFor('760212350620')
  assert.is.not(b.kid, a.kid)
  const live = JSON.stringify(await rows(db, table))
  assert.not.ok(live.includes('871008401427') || live.includes('760212350620'), `${label}: no IIN in the keyring, even while keys live`)

  // Reopening over the same table finds the same key (it is durable, not cached).
  const reopened = await sqlKeyring(db, options)
  const found = await reopened.lookup(a.kid)
  assert.is(found.kind, 'live')
  assert.equal(found.kind === 'live' && Buffer.from(found.key.key), Buffer.from(a.key))

  const receipt = await reopened.erase('871008401427')
  assert.equal(receipt.kids, [a.kid])
  const gone = await keyring.lookup(a.kid)
  assert.is(gone.kind, 'erased', `${label}: erased, not unknown`)
  assert.is((await keyring.lookup('no-such-kid')).kind, 'unknown')
  const tomb = (await rows(db, table)).find((r) => r.kid === a.kid)
  assert.is(tomb?.subject, null, `${label}: the tombstone holds no IIN`)
  assert.is(tomb?.key, null, `${label}: the tombstone holds no key`)
  assert.ok(tomb?.erased_at !== null)
  assert.is((await keyring.lookup(b.kid)).kind, 'live', 'other subjects keep their keys')
  assert.equal((await keyring.erase('871008401427')).kids, [], 'erasing twice destroys nothing more')

  // New data for an erased person gets a new key, never the destroyed one.
  const fresh = await keyring.keyFor('871008401427')
  assert.is.not(fresh.kid, a.kid)
}

/** keysFor (the bulk import's) gives the keys keyFor gives one by one, creates only what is missing, and erases alike. */
const batchIsOneByOne = async (db: Queryable, label: string, masterKey?: Uint8Array) => {
  const keyring = await sqlKeyring(db, masterKey === undefined ? {} : { masterKey })
  const keysFor = keyring.keysFor
  if (keysFor === undefined) throw new Error('the SQL keyring creates keys in batches')
  const existing = await keyring.keyFor('100000000001')
  const erased = await keyring.keyFor('100000000002')
  await keyring.erase('100000000002')
  const subjects = ['100000000001', '100000000002', '100000000003', '100000000003', '100000000004']
  const before = (await rows(db)).length
  const batch = await keysFor(subjects)
  assert.is(batch.size, 4, `${label}: one key per distinct subject`)
  assert.is((await rows(db)).length, before + 3, `${label}: keys created for the three without a live one only`)
  assert.is(batch.get('100000000001')?.kid, existing.kid, `${label}: a live key is the one given`)
  assert.equal(Buffer.from(batch.get('100000000001')?.key ?? []), Buffer.from(existing.key))
  assert.is.not(batch.get('100000000002')?.kid, erased.kid, `${label}: after an erasure, new data gets a new key`)
  for (const subject of new Set(subjects)) {
    const got = batch.get(subject) as { kid: string; key: Uint8Array }
    const one = await keyring.keyFor(subject)
    assert.is(one.kid, got.kid, `${label}: keyFor afterwards gives the batch's key`)
    assert.equal(Buffer.from(one.key), Buffer.from(got.key))
    const stored = await keyring.lookup(got.kid)
    assert.ok(stored.kind === 'live' && Buffer.from(stored.key.key).equals(Buffer.from(got.key)), `${label}: stored as given`)
  }
  const again = await keysFor(subjects)
  assert.equal([...again].map(([s, k]) => [s, k.kid]), [...batch].map(([s, k]) => [s, k.kid]), `${label}: a second batch creates nothing`)
  assert.is((await rows(db)).length, before + 3)
  const live = JSON.stringify(await rows(db))
  assert.not.ok(subjects.some((s) => live.includes(s)), `${label}: no IIN in the keyring`)
  const receipt = await keyring.erase('100000000003')
  assert.equal(receipt.kids, [(batch.get('100000000003') as { kid: string }).kid], `${label}: a batch-made key is erased like any`)
  assert.is((await keyring.lookup(receipt.kids[0] as string)).kind, 'erased')
  assert.equal(await keysFor([]), new Map())
}

test('PGlite: keys made in a batch are the keys made one by one', async () => {
  await batchIsOneByOne(await freshLite(), 'pglite')
  await batchIsOneByOne(await freshLite(), 'pglite, wrapped', randomBytes(32))
})

test('PGlite: keys persist, erasure leaves an IIN-free tombstone', async () => {
  await exercise(await freshLite(), 'pglite')
})

test('PostgreSQL: the same, against the real server', async () => {
  const schema = `kezek_keyring_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'test' })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const pool = new pg.Pool({ host: '127.0.0.1', user: 'postgres', database: 'test', options: `-c search_path=${schema}`, max: 4 })
  try {
    await exercise(pool, 'postgres')
    // Concurrent first use by many writers still gives one live key.
    const keyring = await sqlKeyring(pool)
    const keys = await Promise.all(Array.from({ length: 8 }, () => keyring.keyFor('680503450037')))
    assert.is(new Set(keys.map((k) => k.kid)).size, 1)
    await pool.query('drop table kezek_subject_keys')
    await batchIsOneByOne(pool, 'postgres', randomBytes(32))
    // Batches racing each other and single calls for the same new people: one live key each, the same for all.
    const people = Array.from({ length: 50 }, (_, i) => String(700000000000 + i))
    const raced = await Promise.all([
      ...Array.from({ length: 4 }, () => keyring.keysFor?.(people)),
      ...people.slice(0, 4).map(async (p) => new Map([[p, await keyring.keyFor(p)]])),
    ])
    for (const p of people) assert.is(new Set(raced.map((m) => m?.get(p)?.kid).filter((k) => k !== undefined)).size, 1, p)
  } finally {
    await pool.end()
    await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
})

test('the keyring can live in a SQL event store\'s own schema, through the store\'s driver', async () => {
  const store = await openPgliteStore({ db: lite, schema: 'keyring_in_store' })
  await exercise(store.driver, 'store driver', store.schema)
  const found = await lite.query<{ t: string | null }>(`select to_regclass('keyring_in_store.kezek_subject_keys')::text as t`)
  assert.is(found.rows[0]?.t, 'keyring_in_store.kezek_subject_keys')
})

test('a master key wraps the stored keys: the table alone opens nothing', async () => {
  const db = await freshLite()
  const masterKey = randomBytes(32)
  const keyring = await sqlKeyring(db, { masterKey })
  const k = await keyring.keyFor('871008401427')
  const stored = (await rows(db))[0]?.key as Uint8Array
  assert.is.not(Buffer.from(stored).toString('hex'), Buffer.from(k.key).toString('hex'))
  assert.not.ok(Buffer.from(stored).includes(Buffer.from(k.key)), 'the raw key is not inside the wrapped form')
  const same = await (await sqlKeyring(db, { masterKey })).lookup(k.kid)
  assert.equal(same.kind === 'live' && Buffer.from(same.key.key), Buffer.from(k.key))
  const wrong = await sqlKeyring(db, { masterKey: randomBytes(32) })
  let failed = false
  try { await wrong.lookup(k.kid) } catch { failed = true }
  assert.ok(failed, 'the wrong master key cannot unwrap')
})

test('protected store over a PGlite keyring: erase, then read erased and verify', async () => {
  const db = await freshLite()
  const log = new MemoryLog()
  const inner = openMemoryStore({ log })
  const store = protectPersonalData(inner, await sqlKeyring(db))
  for (let i = 0; i < 3; i++) {
    const r = await store.append(applicationId(i), applicationEvents({ index: i, filedMinute: i, decisionDay: 0 }), { expected: 'no_stream' })
    assert.ok(E.isRight(r))
  }
  await store.erase(applicantOf(1))
  // A second process (a fresh decorator and keyring over the same table) sees the erasure.
  const other = protectPersonalData(openMemoryStore({ log }), await sqlKeyring(db))
  const read = await other.readStream(applicationId(1))
  assert.is(E.isRight(read) && (read.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
  const kept = await other.readStream(applicationId(2))
  assert.is(E.isRight(kept) && (kept.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(2))
  assert.ok(E.isRight(await verifyStore(inner)))
})

test('lookupMany answers each kid as lookup does: live (unwrapped), erased or unknown', async () => {
  for (const masterKey of [undefined, randomBytes(32)]) {
    const keyring = await sqlKeyring(await freshLite(), masterKey === undefined ? {} : { masterKey })
    const lookupMany = keyring.lookupMany
    if (lookupMany === undefined) throw new Error('the SQL keyring looks kids up in batches')
    const live = await keyring.keyFor('100000000001')
    const erased = await keyring.keyFor('100000000002')
    await keyring.erase('100000000002')
    const kids = [live.kid, erased.kid, 'no-such-kid', live.kid]
    const many = await lookupMany(kids)
    assert.equal([...many.keys()], [live.kid, erased.kid, 'no-such-kid'], 'each distinct kid once')
    for (const kid of new Set(kids)) assert.equal(many.get(kid), await keyring.lookup(kid))
    assert.ok(many.get(live.kid)?.kind === 'live' && Buffer.from(live.key).equals(Buffer.from((many.get(live.kid) as { key: { key: Uint8Array } }).key.key)))
    assert.equal(await lookupMany([]), new Map())
  }
})

/** How many windows a read of `events` events takes: 16, then four times more each, up to 1,000 (protect.ts). */
const windowsFor = (events: number): number => {
  let windows = 0
  for (let size = 16, read = 0; read < events; size = Math.min(1000, size * 4), windows++) read += size
  return windows
}

test('a read of the log asks the keyring once per window of events, and opens what one-by-one lookups open', async () => {
  const db = await freshLite()
  let statements = 0
  const counted: Queryable = { query: (sql, params) => { statements++; return db.query(sql, params) } }
  const log = new MemoryLog()
  const writer = protectPersonalData(openMemoryStore({ log }), await sqlKeyring(db))
  for (let i = 0; i < 40; i++) {
    const r = await writer.append(applicationId(i), applicationEvents({ index: i, filedMinute: i, decisionDay: 0 }), { expected: 'no_stream' })
    assert.ok(E.isRight(r))
  }
  await writer.erase(applicantOf(7))
  // A new process: nothing cached.
  const reader = protectPersonalData(openMemoryStore({ log }), await sqlKeyring(counted))
  statements = 0
  const read: unknown[] = []
  for await (const e of reader.readAll()) read.push(e)
  // Every window holds people not met before (the applications were filed one after another), so each asks once.
  assert.is(statements, windowsFor(log.events.length), `one lookup a window for the forty people of ${log.events.length} events`)
  assert.ok(statements < 40)
  const oneByOne = protectPersonalData(openMemoryStore({ log }), await sqlKeyring(db))
  const expected: unknown[] = []
  for (let i = 0; i < 40; i++) {
    const s = await oneByOne.readStream(applicationId(i))
    if (E.isRight(s)) expected.push(...s.right)
  }
  const byId = (xs: unknown[]) => new Map(xs.map((e) => [(e as { id: string }).id, e]))
  const readById = byId(read)
  for (const [id, e] of byId(expected)) assert.equal(readById.get(id), e)
  assert.ok(JSON.stringify(read).includes(ERASED_IIN), 'the erased applicant reads as erased')

  // A walker of the stored log (kezek verify) asks for a window's keys, then reveals: the same one statement.
  const walker = protectPersonalData(openMemoryStore({ log }), await sqlKeyring(counted))
  const stored: RecordedEvent[] = []
  for await (const e of openMemoryStore({ log }).readAll()) stored.push(e)
  statements = 0
  await walker.knowKeysOf(stored)
  const revealed: unknown[] = []
  for (const e of stored) revealed.push(await walker.reveal(e))
  assert.is(statements, 1, 'knowKeysOf, then every reveal from the cache')
  assert.equal(revealed, read)
})

test.after(async () => {
  await lite.close()
})

test('rotation on PGlite: a retired key still opens, the next key has a new kid, erasure destroys both', async () => {
  const db = await freshLite()
  const keyring = await sqlKeyring(db)
  const first = await keyring.keyFor('871008401427')
  assert.is(await keyring.rotate('871008401427'), 1)
  const second = await keyring.keyFor('871008401427')
  assert.is.not(second.kid, first.kid)
  assert.is((await keyring.lookup(first.kid)).kind, 'live')
  assert.equal((await keyring.erase('871008401427')).kids, [first.kid, second.kid].sort())
  assert.is((await keyring.lookup(first.kid)).kind, 'erased')
  assert.is((await keyring.lookup(second.kid)).kind, 'erased')
})

test.run()
