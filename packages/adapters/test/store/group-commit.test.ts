/**
 * Group commit on PostgreSQL and PGlite: appends made at the same time go in one transaction, and each keeps its
 * own result — a conflicting append fails alone, the others commit.
 */
import { PGlite } from '@electric-sql/pglite'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { verifyStore } from '../../src/integrity/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import type { AppendError, AppendResult } from '../../src/store/port.js'
import { streamLockKey, type SqlEventStore } from '../../src/store/sql/store.js'
import type { CommitBatch } from '../../src/store/sql/group-commit.js'
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

// A batch whose every head this process knows is one plain INSERT (known-heads.ts): with no lock on PGlite, its
// database's sole writer, and after the streams' locks on PostgreSQL. The constraints stand in for the checks
// `append_batch` makes; these are the cases where only a constraint can tell.
const knownHeadsBackends: readonly { name: string; open: () => Promise<{ store: SqlEventStore; other: SqlEventStore; close: () => Promise<void> }> }[] = [
  {
    name: 'PGlite, the sole writer',
    open: async () => {
      const db = await PGlite.create()
      return { store: await openPgliteStore({ db }), other: await openPgliteStore({ db }), close: () => db.close() }
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = uniqueSchema('known')
      const store = await openPostgresStore({ connectionString: PG_URL, schema })
      const other = await openPostgresStore({ connectionString: PG_URL, schema })
      return {
        store,
        other,
        close: async () => {
          await Promise.all([store.close(), other.close()])
          await dropSchema(schema)
        },
      }
    },
  },
]

for (const backend of knownHeadsBackends) {
  const known = suite(`group commit: batches on known heads, ${backend.name}`)

  known('a retry whose expectation still holds on the known head gets the first result and writes nothing', async () => {
    const { store, close } = await backend.open()
    try {
      const id = streamName('known-retry')
      const first = right(await store.append(id, events(1), { expected: 'any', idempotencyKey: 'command-1' }))
      // 'any' holds on the head this store knows (0), so the retry is chained on it and sent: the key refuses it.
      const retry = right(await store.append(id, events(1), { expected: 'any', idempotencyKey: 'command-1' }))
      assert.equal(retry, { ...first, duplicate: true })
      assert.is(right(await store.readStream(id)).length, 1)
    } finally {
      await close()
    }
  })

  known('a head moved by another store over the same database is found by the revision constraint, then re-chained', async () => {
    const { store, other, close } = await backend.open()
    try {
      const id = streamName('known-moved')
      right(await store.append(id, events(1), { expected: 'no_stream' }))
      right(await other.append(id, events(1), { expected: 0 }))
      // This store still believes the head is 0: its INSERT of revision 1 collides, and the general path re-reads.
      assert.is(right(await store.append(id, events(1), { expected: 'any' })).nextExpectedRevision, 2)
      // A stream this store never saw is guessed new for 'no_stream': the INSERT of revision 0 collides.
      const made = streamName('known-made-elsewhere')
      right(await other.append(made, events(1), { expected: 'no_stream' }))
      assert.equal(left(await store.append(made, events(1), { expected: 'no_stream' })), {
        kind: 'wrong_expected_revision',
        streamId: made,
        expected: 'no_stream',
        actual: 0,
      })
      assert.ok(E.isRight(await verifyStore(store)), 'the chain holds')
    } finally {
      await close()
    }
  })

  known('concurrent appends with keys are one transaction, and every key is stored with its own result', async () => {
    const { store, close } = await backend.open()
    try {
      const streams = Array.from({ length: 5 }, (_, i) => streamName(`known-keys-${i}`))
      for (const s of streams) right(await store.append(s, events(1), { expected: 'no_stream' }))
      const written = (await Promise.all(streams.map((s, i) => store.append(s, events(i + 1), { expected: 0, idempotencyKey: `key-${i}` })))).map((r) => right(r))
      assert.is(new Set(written.map((w) => transactionOf(w.position))).size, 1, 'one transaction')
      assert.equal(written.map((w) => w.nextExpectedRevision), [1, 2, 3, 4, 5])
      const retries = (await Promise.all(streams.map((s, i) => store.append(s, events(i + 1), { expected: 0, idempotencyKey: `key-${i}` })))).map((r) => right(r))
      assert.equal(retries, written.map((w) => ({ ...w, duplicate: true })))
      assert.ok(E.isRight(await verifyStore(store)))
    } finally {
      await close()
    }
  })

  known.run()
}

// On PostgreSQL the INSERT on known heads takes each stream's lock before it writes, as append_batch does: the next
// append to a stream then gets its transaction id only after the previous one committed (store.ts).
const locks = suite('group commit: PostgreSQL, the stream locks of a batch on known heads')

locks('an append on a known head waits for its stream\'s lock, and another stream\'s does not', async () => {
  const schema = uniqueSchema('locks')
  const store = await openPostgresStore({ connectionString: PG_URL, schema })
  const holder = new pg.Client({ connectionString: PG_URL })
  await holder.connect()
  try {
    const held = streamName('locked')
    const free = streamName('free')
    right(await store.append(held, events(1), { expected: 'no_stream' }))
    right(await store.append(free, events(1), { expected: 'no_stream' }))
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [String(streamLockKey(schema, held))])
    let settled = false
    const waiting = store.append(held, events(1), { expected: 0 }).then((r) => {
      settled = true
      return r
    })
    // Observed, not slept on: the server says when the batch's backend waits for that advisory lock.
    const waitsForLock = async (): Promise<boolean> => {
      const r = await holder.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)
      return r.rows[0]?.n === '1'
    }
    for (let tries = 0; !(await waitsForLock()); tries++) assert.ok(tries < 10_000, 'the append never waited for the lock')
    assert.not.ok(settled, 'nothing is written while another session holds the stream')
    await holder.query('SELECT pg_advisory_unlock($1::bigint)', [String(streamLockKey(schema, held))])
    assert.is(right(await waiting).nextExpectedRevision, 1)
    assert.is(right(await store.append(free, events(1), { expected: 0 })).nextExpectedRevision, 1, 'the lock was released with the commit')
  } finally {
    await holder.end()
    await store.close()
    await dropSchema(schema)
  }
})

locks.run()

// What an operator's metrics see of the batches (onCommitBatch), on both SQL back-ends.
const observed = suite('group commit: every batch is told to its observer')

const observedBackends: readonly { name: string; open: (onCommitBatch: (b: CommitBatch) => void) => Promise<{ store: SqlEventStore; close: () => Promise<void> }> }[] = [
  {
    name: 'PostgreSQL',
    open: async (onCommitBatch) => {
      const schema = uniqueSchema('observed')
      const store = await openPostgresStore({ connectionString: PG_URL, schema, onCommitBatch })
      return { store, close: async () => { await store.close(); await dropSchema(schema) } }
    },
  },
  {
    name: 'PGlite',
    open: async (onCommitBatch) => {
      const store = await openPgliteStore({ onCommitBatch })
      return { store, close: () => store.close() }
    },
  },
]

for (const backend of observedBackends) {
  observed(`${backend.name}: eight appends made together are one batch of eight appends and their events`, async () => {
    const batches: CommitBatch[] = []
    const b = await backend.open((batch) => batches.push(batch))
    try {
      const streams = Array.from({ length: 8 }, (_, i) => streamName(`observed-${i}`))
      const written = (await Promise.all(streams.map((s, i) => b.store.append(s, events(1 + (i % 3)), { expected: 'no_stream' })))).map((r) => right(r))
      assert.is(new Set(written.map((w) => transactionOf(w.position))).size, 1, 'one transaction')
      // A batch is told once it is settled, so right after its appends resolve it may not be told yet; the next
      // batch starts only after it is, so one more append makes sure.
      right(await b.store.append(streamName('observed-next'), events(1), { expected: 'no_stream' }))
      const [batch] = batches
      assert.is(batch?.appends, 8)
      assert.is(batch?.events, [1, 2, 3, 1, 2, 3, 1, 2].reduce((n, k) => n + k, 0))
      assert.ok(batch !== undefined && batch.seconds > 0 && batch.seconds < 60, `a time in seconds: ${batch?.seconds}`)
    } finally {
      await b.close()
    }
  })

  observed(`${backend.name}: an observer that throws changes no append and stops no later batch`, async () => {
    let told = 0
    const b = await backend.open(() => {
      told += 1
      throw new Error('a broken metrics sink')
    })
    try {
      const id = streamName('observed-throwing')
      right(await b.store.append(id, events(1), { expected: 'no_stream' }))
      right(await b.store.append(id, events(2), { expected: 0 }))
      right(await b.store.append(id, events(1), { expected: 2 }))
      assert.ok(told >= 2, `told of the batches before the last: ${told}`)
      assert.is(right(await b.store.readStream(id)).length, 4)
    } finally {
      await b.close()
    }
  })
}

observed.run()
