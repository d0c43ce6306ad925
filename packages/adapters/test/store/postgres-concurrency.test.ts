/**
 * Global order under concurrent writers on PostgreSQL: a reader must never skip an event that commits later with a
 * smaller position, and a live subscriber must see every event exactly once, in one consistent order.
 */
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { verifyStore } from '../../src/integrity/index.js'
import type { AppendResult, RecordedEvent } from '../../src/store/port.js'
import { postgresDriver } from '../../src/store/postgres.js'
import type { SqlDriver } from '../../src/store/sql/driver.js'
import { openSqlStore, type SqlEventStore } from '../../src/store/sql/store.js'
import { events, right, streamName, within } from './contract.js'
import { dropSchema, pauseBeforeCommit, PG_URL, uniqueSchema } from './sql-harness.js'

const schema = uniqueSchema('concurrency')

/** A driver whose append batches call `pause` after their INSERT, before COMMIT. */
const pausing = pauseBeforeCommit

const test = suite('PostgreSQL global order under concurrent writers')
const opened: SqlEventStore[] = []
const open = async (wrap: (d: SqlDriver) => SqlDriver = (d) => d, max = 10, batches?: number): Promise<SqlEventStore> => {
  const store = await openSqlStore(wrap(postgresDriver({ connectionString: PG_URL, maxConnections: max })), {
    schema,
    ...(batches === undefined ? {} : { maxBatchesInFlight: batches }),
  })
  opened.push(store)
  return store
}

test.after(async () => {
  await Promise.all(opened.map((s) => s.close()))
  await dropSchema(schema)
})

test('an event that commits after a later position is held, not skipped (where a sequence reader skips it)', async () => {
  const gate: { release?: () => void; inserted?: () => void } = {}
  const insertedFirst = new Promise<void>((resolve) => (gate.inserted = resolve))
  const released = new Promise<void>((resolve) => (gate.release = resolve))
  const slowId = randomUUID()
  const slow = await open((d) =>
    pausing(d, async (params) => {
      if (!JSON.stringify(params).includes(slowId)) return
      gate.inserted?.()
      await released
    }),
  )
  const fast = await open()
  const reader = await open()
  const before = await reader.headPosition()
  const from = before === undefined ? {} : { after: before }

  // The slow append takes its global position first, then stalls before COMMIT; the fast one commits meanwhile.
  const slowAppend = slow.append(streamName('slow'), [{ id: slowId, type: 'Slow', data: {}, metadata: {} }], {
    expected: 'no_stream',
  })
  try {
    await within(10_000, 'the slow append inserted', insertedFirst)
    await heldNotSkipped(slowAppend, slowId, fast, reader, from, gate)
  } finally {
    gate.release?.()
    await slowAppend
  }
})

const heldNotSkipped = async (
  slowAppend: ReturnType<SqlEventStore['append']>,
  slowId: string,
  fast: SqlEventStore,
  reader: SqlEventStore,
  from: { after?: string },
  gate: { release?: () => void },
): Promise<void> => {
  const fastResult = right(await fast.append(streamName('fast'), events(1), { expected: 'no_stream' }))

  const raw = new pg.Client({ connectionString: PG_URL })
  await raw.connect()
  const bySequence = await raw.query<{ id: string; gp: string }>(
    `SELECT id, global_position::text AS gp FROM "${schema}".events ORDER BY global_position DESC LIMIT 1`,
  )
  // What a reader ordering by the sequence alone sees now: the fast event, after a hole it will never revisit.
  const naiveCheckpoint = BigInt(bySequence.rows[0]?.gp ?? '0')
  const visible: string[] = []
  for await (const e of reader.readAll(from)) visible.push(e.id)
  assert.equal(visible, [], 'the committed fast event is held while the older transaction is open')

  gate.release?.()
  const slowResult = right(await slowAppend)
  const after: RecordedEvent[] = []
  for await (const e of reader.readAll(from)) after.push(e)
  assert.equal(after.map((e) => e.id), [slowId, ...(await idsOf(fast, fastResult))])
  const missedByNaive = await raw.query(
    `SELECT 1 FROM "${schema}".events WHERE id = $1 AND global_position < $2`,
    [slowId, naiveCheckpoint.toString()],
  )
  await raw.end()
  assert.is(missedByNaive.rowCount, 1, 'a sequence-only reader would have skipped the slow event')
  assert.ok(reader.comparePositions(slowResult.position, fastResult.position) < 0)
}

const idsOf = async (store: SqlEventStore, r: AppendResult): Promise<string[]> => {
  const ids: string[] = []
  for await (const e of store.readAll()) if (e.position === r.position) ids.push(e.id)
  return ids
}

test('8 writers with stalled transactions and a live subscriber: every event exactly once, in order', async () => {
  const writers = 8
  const appendsPerWriter = 150
  let n = 0
  // Every fifth batch stalls 1-8 ms between its INSERT and COMMIT, and four batches are written at once, so later
  // positions often commit first.
  const writerStore = await open(
    (d) =>
      pausing(d, async () => {
        if (n++ % 5 === 0) await new Promise((r) => setTimeout(r, 1 + Math.floor(Math.random() * 8)))
      }),
    writers,
    4,
  )
  const subscriberStore = await open()
  const start = await subscriberStore.headPosition()
  const seen: RecordedEvent[] = []
  const sub = subscriberStore.subscribe({ ...(start === undefined ? {} : { after: start }), onEvent: (e) => void seen.push(e) })
  await within(10_000, 'caughtUp', sub.caughtUp)

  const shared = Array.from({ length: 4 }, () => streamName('shared'))
  const appended = new Map<string, number>()
  const positions: string[] = []
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const own = streamName(`writer-${w}`)
      for (let i = 0; i < appendsPerWriter; i++) {
        // Half the appends contend on four shared streams, half go to the writer's own stream.
        const target = i % 2 === 0 ? own : (shared[(w + i) % shared.length] as string)
        const batch = events(1 + (i % 3))
        const r = right(await writerStore.append(target, batch, { expected: 'any' }))
        positions.push(r.position)
        appended.set(target, (appended.get(target) ?? 0) + batch.length)
      }
    }),
  )
  const last = positions.reduce((a, b) => (subscriberStore.comparePositions(a, b) >= 0 ? a : b))
  await within(30_000, 'the subscriber reached the last append', sub.reached(last))
  await sub.stop()

  const total = [...appended.values()].reduce((a, b) => a + b, 0)
  assert.is(seen.length, total, 'every event delivered')
  assert.is(new Set(seen.map((e) => e.id)).size, total, 'none twice')
  for (let i = 1; i < seen.length; i++) {
    assert.ok(subscriberStore.comparePositions((seen[i - 1] as RecordedEvent).position, (seen[i] as RecordedEvent).position) < 0)
  }
  const nextRevision = new Map<string, number>()
  for (const e of seen) {
    assert.is(e.revision, nextRevision.get(e.streamId) ?? 0, `${e.streamId} in revision order`)
    nextRevision.set(e.streamId, e.revision + 1)
  }
  assert.equal(new Map([...nextRevision].sort()), new Map([...appended].sort()))
  const readBack: string[] = []
  for await (const e of subscriberStore.readAll(start === undefined ? {} : { after: start })) readBack.push(e.id)
  assert.equal(readBack, seen.map((e) => e.id), 'a later readAll gives the same order the subscriber saw')
  assert.ok(E.isRight(await verifyStore(subscriberStore)))
})

/** The same server, another database: `postgres`, which every cluster has (or `test` when the tests run in it). */
const anotherDatabase = (url: string): string => {
  const u = new URL(url)
  u.pathname = u.pathname === '/postgres' ? '/test' : '/postgres'
  return u.toString()
}

test('a transaction open in another database does not hold readers back; one in this database does', async () => {
  const store = await open()
  const other = new pg.Client({ connectionString: anotherDatabase(PG_URL) })
  const same = new pg.Client({ connectionString: PG_URL })
  await Promise.all([other.connect(), same.connect()])
  try {
    const before = await store.headPosition()
    const from = before === undefined ? {} : { after: before }
    // pg_current_xact_id() assigns a transaction id, which is what puts a transaction into every snapshot's xmin.
    await other.query('BEGIN')
    await other.query('SELECT pg_current_xact_id()')
    const id = streamName('foreign-tx')
    right(await store.append(id, events(1), { expected: 'no_stream' }))
    const seen: string[] = []
    for await (const e of store.readAll(from)) seen.push(e.streamId)
    assert.equal(seen, [id], 'visible although another database has an older open transaction')

    await same.query('BEGIN')
    await same.query('SELECT pg_current_xact_id()')
    const held = streamName('own-tx')
    const r = right(await store.append(held, events(1), { expected: 'no_stream' }))
    const during: string[] = []
    for await (const e of store.readAll(from)) during.push(e.streamId)
    assert.equal(during, [id], 'held while an older transaction of this database is open')
    await same.query('ROLLBACK')
    const after: string[] = []
    for await (const e of store.readAll(from)) after.push(e.position)
    assert.equal(after[after.length - 1], r.position, 'released when it ends')
  } finally {
    await other.query('ROLLBACK').catch(() => undefined)
    await Promise.all([other.end(), same.end()])
  }
})

test.run()
