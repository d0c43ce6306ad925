/**
 * A subscription's page over PostgreSQL (store/sql/horizon.ts): the page and its "held" flag right about
 * transactions in flight, and index probes whatever the log's size (the held check's generic plan once read the
 * whole table on every call).
 */
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openPostgresStore } from '../../src/store/postgres.js'
import { COLUMNS, type FollowRow } from '../../src/store/sql/event-row.js'
import { pageWithHeld } from '../../src/store/sql/horizon.js'
import { quoteIdent } from '../../src/store/sql/schema.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

const schema = uniqueSchema('horizon')
let store: SqlEventStore
const statement = () => pageWithHeld(quoteIdent(schema), COLUMNS)
/** The page after `after` (a position) and its held flag, as a subscription reads them. */
const page = async (after: string, limit = 100): Promise<{ ids: readonly (string | null)[]; held: boolean }> => {
  const [tx, gp] = after.split(':')
  const rows = await store.driver.query<FollowRow>(statement(), [tx, gp, limit], { arrays: true })
  return { ids: rows.map((r) => r[1]), held: rows.every((r) => r[6] === true) && rows.length > 0 }
}
let end = ''
const event = () => ({ id: randomUUID(), type: 'Counted', data: { n: 1 }, metadata: {} })

test.before(async () => {
  store = await openPostgresStore({ connectionString: PG_URL, schema })
  // Large enough that a sequential scan is the planner's choice for a filter on an unknown horizon.
  await store.bulk(async (w) => {
    for (let s = 0; s < 4000; s++) await w.append(`counter-${s}`, [event(), event(), event(), event(), event()], 'no_stream')
  })
  await store.driver.query(`ANALYZE ${quoteIdent(schema)}.events`)
  const head = await store.headPosition()
  if (head === undefined) throw new Error('no events written')
  end = head
})

test.after(async () => {
  await store.close()
  await dropSchema(schema)
})

test('a page walks the primary key from the position, and held one step down from its end, under the generic plan', async () => {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    await client.query(`SET plan_cache_mode = force_generic_plan`)
    await client.query(`PREPARE follow(text, bigint, int) AS ${statement()}`)
    const [tx, gp] = end.split(':')
    const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE follow('${tx}', ${gp}, 500)`)).rows.map((r) => r['QUERY PLAN']).join('\n')
    assert.not.match(plan, /Seq Scan on events/, plan)
    assert.match(plan, /Index (Only )?Scan Backward using events_pkey on events/, plan)
    assert.match(plan, /Index Scan using events_pkey on events/, plan)
  } finally {
    await client.end()
  }
})

test('a page from the start is full; at the end it is empty and not held', async () => {
  const first = await page('0:0', 100)
  assert.is(first.ids.length, 100)
  assert.ok(first.ids.every((id) => typeof id === 'string'))
  assert.equal(await page(end), { ids: [null], held: false })
})

test('held while an older transaction of this database is open: the newer event waits, then comes', async () => {
  const open = new pg.Client({ connectionString: PG_URL })
  await open.connect()
  try {
    await open.query('BEGIN')
    await open.query('SELECT pg_current_xact_id()') // takes a transaction id, below the append's
    const late = event()
    assert.ok(E.isRight(await store.append(`late-${randomUUID()}`, [late], { expected: 'no_stream' })))
    assert.equal(await page(end), { ids: [null], held: true })
    await open.query('COMMIT')
    assert.equal(await page(end), { ids: [late.id], held: false })
  } finally {
    await open.end()
  }
})

test.run()
