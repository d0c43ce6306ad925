/**
 * Group commit on PostgreSQL and PGlite: appends made at the same time go in one transaction, and each keeps its
 * own result — a conflicting append fails alone, the others commit.
 */
import { PGlite } from '@electric-sql/pglite'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { verifyStore } from '../../src/integrity/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import type { AppendError, AppendResult } from '../../src/store/port.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { events, left, right, streamName } from './contract.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

/** The transaction id of a SQL position, `<xid>:<seq>`: equal for appends committed together. */
const transactionOf = (position: string): string => position.split(':')[0] as string

const backends: readonly { name: string; open: () => Promise<{ store: SqlEventStore; second: () => Promise<SqlEventStore>; close: () => Promise<void> }> }[] = [
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = uniqueSchema('group')
      const opened: SqlEventStore[] = []
      const open = async (): Promise<SqlEventStore> => {
        const s = await openPostgresStore({ connectionString: PG_URL, schema })
        opened.push(s)
        return s
      }
      const store = await open()
      return {
        store,
        second: open,
        close: async () => {
          await Promise.all(opened.map((s) => s.close()))
          await dropSchema(schema)
        },
      }
    },
  },
  {
    name: 'PGlite',
    open: async () => {
      // One PGlite database, two stores over it: the second stands for another writer the first does not know of.
      const db = await PGlite.create()
      const store = await openPgliteStore({ db })
      return { store, second: () => openPgliteStore({ db }), close: () => db.close() }
    },
  },
]

for (const backend of backends) {
  const test = suite(`group commit: ${backend.name}`)

  test('one of eight concurrent appends with a wrong expected revision fails alone; the seven commit together', async () => {
    const b = await backend.open()
    try {
      const streams = Array.from({ length: 8 }, (_, i) => streamName(`batch-${i}`))
      for (const s of streams) right(await b.store.append(s, events(1), { expected: 'no_stream' }))
      // Issued in one tick, so they are queued together and written as one batch.
      const results = await Promise.all(
        streams.map((s, i) => b.store.append(s, events(2), { expected: i === 3 ? 7 : 0 })),
      )
      const conflict = left(results[3] as E.Either<AppendError, AppendResult>, 'the wrong expectation')
      assert.equal(conflict, { kind: 'wrong_expected_revision', streamId: streams[3], expected: 7, actual: 0 })
      const written = results.filter((_, i) => i !== 3).map((r) => right(r))
      assert.ok(written.every((w) => w.nextExpectedRevision === 2 && !w.duplicate))
      assert.is(new Set(written.map((w) => transactionOf(w.position))).size, 1, 'the seven were one transaction')
      assert.equal(right(await b.store.readStream(streams[3] as string)).length, 1, 'the failed append wrote nothing')
      for (const s of streams.filter((_, i) => i !== 3)) assert.is(right(await b.store.readStream(s)).length, 3)
      assert.ok(E.isRight(await verifyStore(b.store)))
    } finally {
      await b.close()
    }
  })

  test('an event id already stored fails its own append in a batch, not the others', async () => {
    const b = await backend.open()
    try {
      const taken = events(1)
      right(await b.store.append(streamName('first'), taken, { expected: 'no_stream' }))
      const streams = Array.from({ length: 4 }, (_, i) => streamName(`ids-${i}`))
      const results = await Promise.all(
        streams.map((s, i) => b.store.append(s, i === 2 ? [...events(1), ...taken] : events(1), { expected: 'no_stream' })),
      )
      assert.is(left(results[2] as E.Either<AppendError, AppendResult>).kind, 'invalid_event')
      assert.ok(results.filter((_, i) => i !== 2).every(E.isRight), 'the other appends committed')
      assert.ok(E.isLeft(await b.store.readStream(streams[2] as string)), 'nothing of the refused append')
    } finally {
      await b.close()
    }
  })

  test('a head another writer moved is re-read, re-chained and checked, and retries in a batch are idempotent', async () => {
    const b = await backend.open()
    try {
      const id = streamName('moved')
      right(await b.store.append(id, events(1), { expected: 'no_stream' })) // this store now knows the head: 0
      const other = await b.second()
      right(await other.append(id, events(2), { expected: 0 })) // the real head is 2; the first store does not know
      const stale = await b.store.append(id, events(1), { expected: 0 })
      assert.equal(left(stale), { kind: 'wrong_expected_revision', streamId: id, expected: 0, actual: 2 })
      const [a, again, any] = await Promise.all([
        b.store.append(id, events(1), { expected: 2, idempotencyKey: 'k-1' }),
        b.store.append(streamName('other'), events(1), { expected: 'no_stream' }),
        b.store.append(id, events(1), { expected: 'any' }),
      ])
      assert.is(right(a).nextExpectedRevision, 3)
      assert.ok(E.isRight(again as E.Either<AppendError, AppendResult>))
      assert.is(right(any as E.Either<AppendError, AppendResult>).nextExpectedRevision, 4)
      const retry = right(await b.store.append(id, events(1), { expected: 2, idempotencyKey: 'k-1' }))
      assert.equal(retry, { ...right(a), duplicate: true }, 'the retry gets the first result')
      assert.is(right(await b.store.readStream(id)).length, 5)
      assert.ok(E.isRight(await verifyStore(b.store)), 'the chain holds across the stale head')
    } finally {
      await b.close()
    }
  })

  test.run()
}
