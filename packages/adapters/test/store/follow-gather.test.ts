/**
 * The SQL stores' subscriptions let commits gather before reading them back (`followGatherMs`), and read at once
 * for a `reached` wait: the logic is tested on a plain log in subscription-gather.test.ts, its wiring here.
 */
import { PGlite } from '@electric-sql/pglite'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openPgliteStore } from '../../src/store/pglite.js'
import type { RecordedEvent } from '../../src/store/port.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { events, right, streamName, within } from './contract.js'

// One database for the three tests, a schema each: starting PGlite takes seconds.
const db = new PGlite()
test.after(() => db.close())

/**
 * A caught-up subscription, then a commit of two events, then a second subscription caught up: it reads the commit
 * at once (its catch-up), and PGlite runs statements in turn, so a read-back the commit had started came first.
 */
const commitBehindAFollower = async (store: SqlEventStore) => {
  const seen: RecordedEvent[] = []
  const following = store.subscribe({ onEvent: (e) => { seen.push(e) } })
  await following.caughtUp
  const written = right(await store.append(streamName('gather'), events(2), { expected: 'no_stream' }))
  await store.subscribe({ onEvent: () => undefined }).caughtUp
  return { seen, following, written }
}

test('a commit left to gather is not read until someone waits for it, and then at once', async () => {
  const store = await openPgliteStore({ db, schema: 'gather_minute', followGatherMs: 60_000 })
  try {
    const { seen, following: gathering, written } = await commitBehindAFollower(store)
    assert.is(seen.length, 0, 'the first subscription is still gathering')
    await within(5_000, 'read for the wait, not after a minute', gathering.reached(written.position))
    assert.is(seen.length, 2)
  } finally {
    await store.close()
  }
})

test('followGatherMs 0 reads every commit back at once', async () => {
  const store = await openPgliteStore({ db, schema: 'gather_none', followGatherMs: 0 })
  try {
    const { seen } = await commitBehindAFollower(store)
    assert.is(seen.length, 2, 'read before the later subscription caught up')
  } finally {
    await store.close()
  }
})

test('followGatherMs refuses what is not a number of milliseconds', async () => {
  let error: unknown
  try {
    await (await openPgliteStore({ db, schema: 'gather_bad', followGatherMs: Number.NaN })).close()
  } catch (e) {
    error = e
  }
  assert.instance(error, RangeError)
})

test.run()
