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
  const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as { code?: string; constraint?: string })
  const refused = await failure(driver.query(INSERT, ['a', 2, null], prepared))
  assert.is(refused?.code, '23505')
  assert.is(refused?.constraint, 't_pkey')
  assert.is((await failure(driver.query(INSERT, ['c', -1, null], prepared)))?.code, '23514')
  // Nothing of the refused rows was written, and the next call binds the same prepared statement again.
  assert.equal(await driver.query(INSERT, ['b', 3, null], prepared), [['b', '3', null]])
  assert.equal(await driver.query('SELECT k FROM t ORDER BY k', [], { arrays: true }), [['a'], ['b']])
})

test('prepares again when the session forgot its statements, all of them or one', async ({ db, driver }) => {
  const other = 'SELECT k FROM t WHERE k = $1'
  await driver.query(INSERT, ['a', 1, null], prepared)
  await db.exec('DEALLOCATE ALL')
  assert.equal(await driver.query(INSERT, ['b', 2, null], prepared), [['b', '2', null]])
  assert.equal(await driver.query(other, ['a'], prepared), [['a']])
  // Only the INSERT's statement goes: it is prepared again under a new name, and the other one, still prepared,
  // keeps its own (a name handed out again would collide with it).
  const held = await db.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements')
  const insert = held.rows.find((r) => r.statement === INSERT)
  assert.ok(insert !== undefined && held.rows.length === 2)
  await db.exec(`DEALLOCATE ${insert.name}`)
  assert.equal(await driver.query(INSERT, ['c', 3, null], prepared), [['c', '3', null]])
  assert.equal(await driver.query(other, ['c'], prepared), [['c']])
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
