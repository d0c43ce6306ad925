/**
 * The subscriptions' "held" check over PostgreSQL (store/sql/horizon.ts): right about transactions in flight, and
 * an index probe whatever the log's size (its generic plan once read the whole table on every call).
 */
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openPostgresStore } from '../../src/store/postgres.js'
import { heldAfterHorizon } from '../../src/store/sql/horizon.js'
import { quoteIdent } from '../../src/store/sql/schema.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

const schema = uniqueSchema('horizon')
let store: SqlEventStore
const held = async (): Promise<boolean> => {
  const [row] = await store.driver.query<{ held: boolean }>(heldAfterHorizon(quoteIdent(schema)), [])
  return row?.held === true
}
const event = () => ({ id: randomUUID(), type: 'Counted', data: { n: 1 }, metadata: {} })

test.before(async () => {
  store = await openPostgresStore({ connectionString: PG_URL, schema })
  // Large enough that a sequential scan is the planner's choice for a filter on an unknown horizon.
  await store.bulk(async (w) => {
    for (let s = 0; s < 4000; s++) await w.append(`counter-${s}`, [event(), event(), event(), event(), event()], 'no_stream')
  })
  await store.driver.query(`ANALYZE ${quoteIdent(schema)}.events`)
})

test.after(async () => {
  await store.close()
  await dropSchema(schema)
})

test('the held check walks one step down the primary key, not the table, under its generic plan', async () => {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    await client.query(`SET plan_cache_mode = force_generic_plan`)
    await client.query(`PREPARE held AS ${heldAfterHorizon(quoteIdent(schema))}`)
    const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE held`)).rows.map((r) => r['QUERY PLAN']).join('\n')
    assert.not.match(plan, /Seq Scan on events/, plan)
    assert.match(plan, /Index Only Scan Backward using events_pkey on events|Index Scan Backward using events_pkey on events/, plan)
  } finally {
    await client.end()
  }
})

test('held while an older transaction of this database is open, and not once it ends', async () => {
  assert.is(await held(), false)
  const open = new pg.Client({ connectionString: PG_URL })
  await open.connect()
  try {
    await open.query('BEGIN')
    await open.query('SELECT pg_current_xact_id()') // takes a transaction id, below the append's
    assert.ok(E.isRight(await store.append(`late-${randomUUID()}`, [event()], { expected: 'no_stream' })))
    assert.is(await held(), true)
    await open.query('COMMIT')
    assert.is(await held(), false)
  } finally {
    await open.end()
  }
})

test.run()
