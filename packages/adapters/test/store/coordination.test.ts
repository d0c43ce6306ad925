/**
 * Request numbers in blocks: every process over one store takes numbers a block at a time, so numbers stay unique
 * across processes, rise within each, respect the floor, and cost one round trip per block, not per number.
 */
import { PGlite } from '@electric-sql/pglite'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { REQUEST_NUMBER_BLOCK, requestNumberBlocks, sqlCoordination } from '../../src/store/sql/coordination.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

const test = suite('request numbers in blocks')

/** The store's driver with its statements counted. */
const counted = (store: SqlEventStore): { store: SqlEventStore; updates: () => number } => {
  let n = 0
  const driver = {
    ...store.driver,
    query: ((text: string, params?: readonly unknown[], options?: object) => {
      if (text.includes('request_numbers')) n++
      return store.driver.query(text, params, options)
    }) as SqlEventStore['driver']['query'],
  }
  return { store: { ...store, driver }, updates: () => n }
}

test('two processes over one PostgreSQL schema: unique numbers, rising in each, one round trip per block', async () => {
  const schema = uniqueSchema('numbers')
  const a = await openPostgresStore({ connectionString: PG_URL, schema })
  const b = await openPostgresStore({ connectionString: PG_URL, schema })
  try {
    const ca = counted(a)
    const cb = counted(b)
    const first = sqlCoordination(ca.store)
    const second = sqlCoordination(cb.store)
    const draws = 3 * REQUEST_NUMBER_BLOCK + 5
    // Concurrent draws in each process, interleaved between the two.
    const [fromA, fromB] = await Promise.all([
      Promise.all(Array.from({ length: draws }, () => first.nextRequestNumber(0))),
      Promise.all(Array.from({ length: draws }, () => second.nextRequestNumber(0))),
    ])
    const all = [...fromA, ...fromB]
    assert.is(new Set(all).size, all.length, 'no number twice, across both processes')
    for (const seq of [fromA, fromB]) assert.ok(seq.every((n, i) => i === 0 || n > (seq[i - 1] as number)), 'rising within a process')
    assert.is(ca.updates(), Math.ceil(draws / REQUEST_NUMBER_BLOCK), 'one reservation per block')
    // A floor (numbers an import brought) is respected mid-block, and the next block starts above it.
    const floor = Math.max(...all) + 1000
    const above = await first.nextRequestNumber(floor)
    assert.ok(above > floor, `${above} > ${floor}`)
    assert.ok((await second.nextRequestNumber(0)) > Math.max(...fromB))
  } finally {
    await a.close()
    await b.close()
    await dropSchema(schema)
  }
})

test('PGlite: numbers continue above the last block after a reopen', async () => {
  const db = await PGlite.create()
  try {
    const before = sqlCoordination(await openPgliteStore({ db }))
    const one = await before.nextRequestNumber(0)
    const after = sqlCoordination(await openPgliteStore({ db }))
    const next = await after.nextRequestNumber(0)
    assert.ok(next > one + REQUEST_NUMBER_BLOCK - 1, `a new process starts above the whole block taken before (${one} → ${next})`)
  } finally {
    await db.close()
  }
})

test('a failed reservation fails the draws waiting on it, and the next draw reserves again', async () => {
  let fail = true
  let reservations = 0
  const next = requestNumberBlocks(async (floor) => {
    reservations++
    if (fail) throw new Error('database down')
    return floor + REQUEST_NUMBER_BLOCK
  })
  const failed = await Promise.allSettled([next(0), next(0), next(0)])
  assert.ok(failed.every((r) => r.status === 'rejected'), 'every waiting draw fails')
  assert.is(reservations, 1, 'they shared one reservation')
  fail = false
  assert.equal(await Promise.all([next(0), next(0)]), [1, 2])
  assert.is(reservations, 2)
})

test.run()
