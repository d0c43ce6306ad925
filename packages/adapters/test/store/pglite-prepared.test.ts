import { PGlite } from '@electric-sql/pglite'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pgliteDriver } from '../../src/store/pglite.js'
import type { SqlDriver } from '../../src/store/sql/driver.js'

/** PGlite's statements kept prepared (pglite-prepared.ts): what they answer, how they fail, whose turn they take. */
const test = suite<{ db: PGlite; driver: SqlDriver }>('PGlite prepared statements')

const INSERT = 'INSERT INTO t (k, n, note) VALUES ($1, $2, $3) RETURNING k, n::text, note'
const prepared = { arrays: true, prepare: true } as const

// One database for the suite (opening one takes seconds), a fresh table for each test.
test.before(async (ctx) => {
  ctx.db = await PGlite.create()
  ctx.driver = pgliteDriver(ctx.db, true)
})
test.before.each(async ({ db }) => {
  await db.exec('DROP TABLE IF EXISTS t, a; CREATE TABLE t (k text PRIMARY KEY, n bigint NOT NULL CHECK (n >= 0), note text)')
})
test.after(async ({ driver }) => {
  await driver.close()
})

test('answers the rows the plain query answers, as text', async ({ driver }) => {
  const a = await driver.query(INSERT, ['a', 1, 'Өтініш'], prepared)
  const b = await driver.query(INSERT, ['b', 2n, null], prepared)
  assert.equal(a, [['a', '1', 'Өтініш']])
  assert.equal(b, [['b', '2', null]])
  assert.equal(await driver.query('SELECT k, n::text, note FROM t ORDER BY k', [], { arrays: true }), [...a, ...b])
})

test('a refused row fails with its SQLSTATE and constraint, and the statement stays usable', async ({ driver }) => {
  await driver.query(INSERT, ['a', 1, null], prepared)
  const refused = await driver.query(INSERT, ['a', 2, null], prepared).then(() => undefined, (e: unknown) => e as { code?: string; constraint?: string })
  assert.is(refused?.code, '23505')
  assert.is(refused?.constraint, 't_pkey')
  const checked = await driver.query(INSERT, ['c', -1, null], prepared).then(() => undefined, (e: unknown) => e as { code?: string })
  assert.is(checked?.code, '23514')
  // Nothing of the refused rows was written, and the next call binds the same prepared statement again.
  assert.equal(await driver.query(INSERT, ['b', 3, null], prepared), [['b', '3', null]])
  assert.equal(await driver.query('SELECT k FROM t ORDER BY k', [], { arrays: true }), [['a'], ['b']])
})

test('prepares again when the session forgot its statements', async ({ db, driver }) => {
  await driver.query(INSERT, ['a', 1, null], prepared)
  await db.exec('DEALLOCATE ALL')
  assert.equal(await driver.query(INSERT, ['b', 2, null], prepared), [['b', '2', null]])
})

test('never runs inside somebody else’s open transaction', async ({ db, driver }) => {
  let settled = false
  let inside: Promise<unknown> | undefined
  await db
    .transaction(async (tx) => {
      await tx.query("INSERT INTO t (k, n) VALUES ('in-tx', 1)")
      inside = driver.query(INSERT, ['outside', 2, null], prepared).then(() => (settled = true))
      // Several round trips of the transaction: the prepared call waits for its turn through all of them.
      for (let i = 0; i < 5; i++) await tx.query('SELECT 1')
      assert.is(settled, false)
      throw new Error('roll back')
    })
    .catch(() => undefined)
  await inside
  // The transaction's row rolled back; the call that waited for it committed on its own.
  assert.equal(await driver.query('SELECT k FROM t ORDER BY k', [], { arrays: true }), [['outside']])
})

test('arrays go as PGlite writes them, and the statement casts them to the types it declares', async ({ driver }) => {
  const texts = ['a"b', null, 'c\\d', '{x,y}', ' sp ', 'NULL', '', 'Өтініш', '{"k":"v\\"q"}']
  const rows = await driver.query(
    'SELECT t.x, t.n::text FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(x, n, o) ORDER BY t.o',
    [texts, texts.map((_, i) => i)],
    prepared,
  )
  assert.equal(rows, texts.map((x, i) => [x, String(i)]))
})

test('parameters it cannot send as text go through the plain query', async ({ driver }) => {
  assert.equal(await driver.query('SELECT $1::boolean::text, $2::jsonb::text', [true, { k: 'v' }], prepared), [['true', '{"k": "v"}']])
})

test.run()
