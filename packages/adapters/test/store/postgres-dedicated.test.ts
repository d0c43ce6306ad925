/**
 * The group commit's connections of its own (postgres-dedicated.ts): a batch never waits for the pool, and a
 * connection the server drops is replaced by the next batch without losing an acknowledged append.
 */
import pg from 'pg'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { postgresDriver } from '../../src/store/postgres.js'
import { openSqlStore, type SqlEventStore } from '../../src/store/sql/store.js'
import { events, right, streamName } from './contract.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

const test = suite('PostgreSQL: the group commit on connections of its own')
const schemas = [uniqueSchema('dedicated'), uniqueSchema('dedicated')] as const
const opened: SqlEventStore[] = []

test.after(async () => {
  await Promise.all(opened.map((s) => s.close()))
  await Promise.all(schemas.map(dropSchema))
})

/**
 * The backends whose last statement was one of this schema's append statements (not its migration, say):
 * `append_batch`, `append_one`, or the plain INSERT of a batch on known heads.
 */
const batchBackends = async (schema: string): Promise<number[]> => {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    const r = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND ((query LIKE 'SELECT o_outcome%' AND query LIKE $1) OR query LIKE $2)
        ORDER BY pid`,
      [`%"${schema}".append_%`, `INSERT INTO "${schema}".events %`],
    )
    return r.rows.map((x) => x.pid)
  } finally {
    await client.end()
  }
}

test('an append commits while every pooled connection is taken', async () => {
  const driver = postgresDriver({ connectionString: PG_URL, maxConnections: 1 })
  const store = await openSqlStore(driver, { schema: schemas[0] })
  opened.push(store)
  // The pool's only connection is inside this transaction until the append has committed: on the pool, the
  // append would wait for it, and it for the append.
  const appended = await driver.transaction(async (tx) => {
    await tx.query('SELECT 1')
    const r = await store.append(streamName('pool-taken'), events(1), { expected: 'no_stream' })
    return { commit: true, value: r }
  })
  assert.is(right(appended).nextExpectedRevision, 0)
})

test('a batch connection the server drops is replaced, and no acknowledged append is lost', async () => {
  const schema = schemas[1]
  const store = await openSqlStore(postgresDriver({ connectionString: PG_URL }), { schema })
  opened.push(store)
  const streamId = streamName('dropped')
  right(await store.append(streamId, events(1), { expected: 'no_stream' }))
  const before = await batchBackends(schema)
  assert.is(before.length, 1, 'one connection ran the batches')
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [before[0]])
  } finally {
    await admin.end()
  }
  // The store may hear of the loss only when it next writes: that batch fails (nothing acknowledged), and the one
  // after it runs on a new connection.
  const acknowledged = [0]
  let failures = 0
  for (let revision = 1; acknowledged.length < 4 && failures <= 2; ) {
    try {
      right(await store.append(streamId, [events(1)[0]!], { expected: revision - 1 }))
      acknowledged.push(revision++)
    } catch {
      failures += 1
    }
  }
  assert.ok(failures <= 1, `at most the first batch after the loss fails (${failures} failed)`)
  const stored = await store.readStream(streamId)
  assert.ok(E.isRight(stored))
  assert.equal(stored.right.map((e) => e.revision), acknowledged, 'every acknowledged append is stored, in order')
  const after = await batchBackends(schema)
  assert.not.ok(after.includes(before[0]!), 'the dropped backend is gone')
  assert.is(after.length, 1, 'one new connection runs the batches')
})

test.run()
