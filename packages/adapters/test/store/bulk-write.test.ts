/**
 * The bulk writer (`kezek import`'s path, store/sql/bulk.ts) over PostgreSQL (COPY) and PGlite (INSERT … unnest):
 * all or nothing when the failure comes after several batches were already sent, the database's own refusal
 * reported rather than the "transaction is aborted" of what was queued behind it, the store usable afterwards,
 * and values holding the characters COPY's text format escapes stored exactly and chained as an append would.
 */
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { chainBatch, GENESIS_HASH, verifyStore } from '../../src/integrity/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import type { NewEvent } from '../../src/store/port.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { isUniqueViolation } from '../../src/store/sql/driver.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

/** More than two COPY batches (5,000 rows) and several INSERT batches (2,000) before the last streams. */
const EVENTS = 12_000
const PER_STREAM = 6

const event = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'Counted',
  data: { n: i, note: 'Өтініш' },
  metadata: { actor: 'bulk-test' },
})

/** Streams of six events, in order. */
const streams = (events: number): { id: string; events: NewEvent[] }[] =>
  Array.from({ length: Math.ceil(events / PER_STREAM) }, (_, s) => ({
    id: `bulk-${s}-${randomUUID()}`,
    events: Array.from({ length: Math.min(PER_STREAM, events - s * PER_STREAM) }, (_, k) => event(s * PER_STREAM + k)),
  }))

const count = async (store: SqlEventStore): Promise<number> => {
  const [row] = await store.driver.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${store.schema}".events`)
  return Number(row?.n)
}

const backends: readonly { name: string; open: () => Promise<{ store: SqlEventStore; close: () => Promise<void> }> }[] = [
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = uniqueSchema('bulk')
      const store = await openPostgresStore({ connectionString: PG_URL, schema })
      return { store, close: async () => { await store.close(); await dropSchema(schema) } }
    },
  },
  {
    name: 'PGlite',
    open: async () => {
      const store = await openPgliteStore()
      return { store, close: () => store.close() }
    },
  },
]

for (const b of backends) {
  test(`${b.name}: an event the store refuses after ${EVENTS * 0.75} good ones writes nothing, and the store goes on`, async () => {
    const { store, close } = await b.open()
    try {
      const all = streams(EVENTS)
      const bad = Math.floor(all.length * 0.75)
      ;(all[bad] as { events: NewEvent[] }).events[2] = { ...event(0), type: 'T'.repeat(600) }
      let refused: unknown
      const outcome = await store
        .bulk(async (w) => {
          for (const s of all) {
            const r = await w.append(s.id, s.events, 'no_stream')
            if (E.isLeft(r)) {
              refused = r.left
              throw new Error('refused')
            }
          }
        })
        .then(() => 'committed', (e: unknown) => (e as Error).message)
      assert.is(outcome, 'refused')
      assert.is((refused as { kind: string }).kind, 'invalid_event')
      assert.is(await count(store), 0, 'nothing of the batches already sent was kept')

      // The same connection pool and store still work: an append, then a bulk write of the good streams.
      const one = await store.append(`after-${randomUUID()}`, [event(1)], { expected: 'no_stream' })
      assert.ok(E.isRight(one), JSON.stringify(one))
      const good = all.filter((_, i) => i !== bad)
      const done = await store.bulk(async (w) => {
        for (const s of good) assert.ok(E.isRight(await w.append(s.id, s.events, 'no_stream')))
      })
      assert.is(done.written, good.reduce((n, s) => n + s.events.length, 0))
      assert.is(await count(store), done.written + 1)
      const verified = await verifyStore(store)
      assert.ok(E.isRight(verified), JSON.stringify(verified))
    } finally {
      await close()
    }
  })

  test(`${b.name}: an id the database refuses in a later batch writes nothing and is reported as the refusal`, async () => {
    const { store, close } = await b.open()
    try {
      const all = streams(EVENTS)
      // The bulk writer does not look ids up: the unique index refuses it, in the second COPY batch (the fourth
      // INSERT batch on PGlite), while the writer goes on queueing rows and statements behind it.
      const later = all[Math.floor(7_000 / PER_STREAM)] as { events: NewEvent[] }
      later.events[0] = { ...(later.events[0] as NewEvent), id: (all[0]?.events[0] as NewEvent).id }
      const error = await store
        .bulk(async (w) => {
          for (const s of all) {
            const r = await w.append(s.id, s.events, 'no_stream')
            if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
          }
          // Statements queued behind the refused batch (a head lookup, a key) meet an aborted transaction.
          await w.tx.query('SELECT 1')
          await w.tx.query('SELECT 1')
        })
        .then(() => undefined, (e: unknown) => e)
      assert.ok(isUniqueViolation(error, 'events_id_unique'), `the refusal itself, not what followed it: ${String(error)}`)
      assert.is(await count(store), 0)
      const one = await store.append(`after-${randomUUID()}`, [event(1)], { expected: 'no_stream' })
      assert.ok(E.isRight(one), JSON.stringify(one))
    } finally {
      await close()
    }
  })

  test(`${b.name}: into a store that holds streams, heads read ahead between sent batches are right`, async () => {
    const { store, close } = await b.open()
    try {
      // Streams the target already holds, two events each; the import continues every one of them.
      const held = Array.from({ length: 400 }, () => `held-${randomUUID()}`)
      for (const id of held) assert.ok(E.isRight(await store.append(id, [event(0), event(1)], { expected: 'no_stream' })))
      const fresh = streams(EVENTS)
      const done = await store.bulk(async (w) => {
        for (const [k, s] of fresh.entries()) {
          // A window's lookup every 1,200 rows: each finds more than 1,000 rows queued, which go out at the next
          // append (store/sql/bulk.ts), so heads are read while batches of this import are on the wire.
          if (k % 200 === 0) await w.learnHeads([...fresh.slice(k, k + 200).map((x) => x.id), ...held.slice(k / 5, k / 5 + 40)])
          assert.ok(E.isRight(await w.append(s.id, s.events, 'no_stream')))
          if (k % 5 === 0 && k / 5 < held.length) {
            const id = held[k / 5] as string
            const stale = await w.append(id, [event(2)], 0)
            assert.equal(E.isLeft(stale) ? stale.left : undefined, { kind: 'wrong_expected_revision', streamId: id, expected: 0, actual: 1 })
            assert.ok(E.isRight(await w.append(id, [event(2), event(3)], 1)))
            // A stored event, looked up with a batch queued: the target's, not this import's.
            assert.equal((await w.eventAt(id, 0))?.id !== undefined, true)
          }
        }
      })
      assert.is(done.written, EVENTS + held.length * 2)
      assert.is(await count(store), EVENTS + held.length * 4)
      for (const id of [held[0], held[199], held[399]] as string[]) {
        const read = await store.readStream(id)
        assert.equal(E.isRight(read) ? read.right.map((e) => e.revision) : read, [0, 1, 2, 3])
      }
      const verified = await verifyStore(store)
      assert.ok(E.isRight(verified), JSON.stringify(verified))
    } finally {
      await close()
    }
  })

  test(`${b.name}: tabs, newlines, carriage returns and backslashes are stored exactly and chained as an append`, async () => {
    const { store, close } = await b.open()
    try {
      const odd = 'a\tb\nc\rd\\e \\N \\. \\\\t end'
      const streamId = `odd\\stream\t${randomUUID()}`
      const events: NewEvent[] = [
        { id: `id\\${randomUUID()}`, type: 'Type\twith\\odd', data: { text: odd, [odd]: [odd, 1.5, null] }, metadata: { note: '\\N' } },
        { id: randomUUID(), type: 'Plain', data: { text: '\u2028\u2029 ünïcödé 𝄞' }, metadata: {} },
      ]
      const done = await store.bulk(async (w) => {
        const r = await w.append(streamId, events, 'no_stream')
        assert.ok(E.isRight(r))
        return E.isRight(r) ? r.right : []
      })
      const read = await store.readStream(streamId)
      assert.ok(E.isRight(read))
      if (E.isRight(read)) {
        assert.equal(read.right.map((e) => [e.id, e.type, e.data, e.metadata]), events.map((e) => [e.id, e.type, e.data, e.metadata]))
        const expected = chainBatch(GENESIS_HASH, events.map((e, revision) => ({ ...e, streamId, revision })))
        assert.equal(read.right.map((e) => e.hash), expected.map((e) => e.hash), 'the hashes an append would compute')
        assert.equal(done.value, expected.map((e) => e.hash))
      }
    } finally {
      await close()
    }
  })
}

test.run()
