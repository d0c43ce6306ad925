/**
 * The SQL stores' subscriptions let commits gather before reading them back (`followGatherMs`), and read at once
 * for a `reached` wait: the logic is tested on a plain log in subscription-gather.test.ts, its wiring here.
 */
import { PGlite } from '@electric-sql/pglite'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openPgliteStore } from '../../src/store/pglite.js'
import type { RecordedEvent } from '../../src/store/port.js'
import { events, right, streamName } from './contract.js'

// One database for the three tests, a schema each: starting PGlite takes seconds.
const db = new PGlite()
test.after(() => db.close())

test('a commit left to gather is not read until someone waits for it, and then at once', async () => {
  const store = await openPgliteStore({ db, schema: 'gather_minute', followGatherMs: 60_000 })
  try {
    const seen: RecordedEvent[] = []
    const gathering = store.subscribe({ onEvent: (e) => { seen.push(e) } })
    await gathering.caughtUp
    const written = right(await store.append(streamName('gather'), events(2), { expected: 'no_stream' }))
    // A subscription started after the commit reads it at once (its catch-up). PGlite runs statements in turn, so
    // a read-back the commit had started would have come first.
    const later = store.subscribe({ onEvent: () => undefined })
    await later.caughtUp
    assert.is(seen.length, 0, 'the first subscription is still gathering')
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), 5_000) })
    assert.is(await Promise.race([gathering.reached(written.position), late]), undefined, 'read for the wait, not after a minute')
    clearTimeout(timer)
    assert.is(seen.length, 2)
  } finally {
    await store.close()
  }
})

test('followGatherMs 0 reads every commit back at once', async () => {
  const store = await openPgliteStore({ db, schema: 'gather_none', followGatherMs: 0 })
  try {
    const seen: RecordedEvent[] = []
    const following = store.subscribe({ onEvent: (e) => { seen.push(e) } })
    await following.caughtUp
    right(await store.append(streamName('at-once'), events(2), { expected: 'no_stream' }))
    const later = store.subscribe({ onEvent: () => undefined })
    await later.caughtUp
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
