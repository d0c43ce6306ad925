/**
 * A subscription outlives store failures: reads that throw are retried (capped, jittered backoff) from the last
 * checkpoint, so after the store returns every event arrives exactly once, in order, and `health` tells the story.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { follow, retryDelay, type PagedLog, type Page } from '../../src/store/subscription.js'
import type { RecordedEvent } from '../../src/store/port.js'

const event = (n: number): RecordedEvent => ({
  streamId: `s-${n % 3}`, revision: n, id: `e-${n}`, type: 't', data: { n }, metadata: {},
  hash: '0'.repeat(64), previousHash: '0'.repeat(64), position: String(n), recordedAt: new Date(0).toISOString(),
})

/** A log of `total` events whose reads fail while `down` is true. */
const flakyLog = (total: number) => {
  const all = Array.from({ length: total }, (_, i) => event(i + 1))
  const state = { down: false, failedReads: 0, visible: 0 }
  const wakers = new Set<() => void>()
  const log: PagedLog = {
    readPage: async (after, limit): Promise<Page> => {
      if (state.down) {
        state.failedReads += 1
        throw new Error('connect ECONNREFUSED')
      }
      const from = after === undefined ? 0 : Number(after)
      return { events: all.slice(0, state.visible).filter((e) => Number(e.position) > from).slice(0, limit), held: false }
    },
    onAppend: (wake) => { wakers.add(wake); return () => wakers.delete(wake) },
    comparePositions: (a, b) => Number(a) - Number(b),
  }
  const publish = (n: number): void => { state.visible = n; for (const w of wakers) w() }
  return { log, state, publish }
}

test('reads that fail are retried from the checkpoint: nothing skipped, nothing applied twice', async () => {
  const { log, state, publish } = flakyLog(60)
  const seen: number[] = []
  let failOnce = true
  publish(20)
  const s = follow(log, {
    batchSize: 7,
    retry: { initialMs: 2, maxMs: 10 },
    onEvent: (e) => {
      seen.push(Number(e.position))
      // The store goes down in the middle of a catch-up page.
      if (failOnce && seen.length === 10) { failOnce = false; state.down = true }
    },
  })
  // Wait for the failure to be noticed and retried a few times.
  while (state.failedReads < 3) await new Promise((r) => setImmediate(r))
  assert.ok(s.health?.().failing, 'reports the failure while it lasts')
  publish(60) // events committed during the outage
  state.down = false
  await s.reached('60')
  assert.equal(seen, Array.from({ length: 60 }, (_, i) => i + 1))
  const h = s.health?.()
  assert.is(h?.failing, false)
  assert.is(h?.reconnects, 1)
  assert.ok((h?.outageMs ?? -1) >= 0)
  await s.stop()
  await s.done
})

test('a handler failure still ends the subscription (it is not the store)', async () => {
  const { log, publish } = flakyLog(5)
  publish(5)
  const s = follow(log, { onEvent: (e) => { if (e.position === '3') throw new Error('projection bug') } })
  let failure: unknown
  try { await s.done } catch (e) { failure = e }
  assert.match(String(failure), /projection bug/)
})

test('a subscription waiting to retry stops promptly', async () => {
  const { log, state } = flakyLog(1)
  state.down = true
  const s = follow(log, { retry: { initialMs: 60_000, maxMs: 60_000 }, onEvent: () => undefined })
  while (state.failedReads < 1) await new Promise((r) => setImmediate(r))
  const started = performance.now()
  await s.stop()
  assert.ok(performance.now() - started < 1000, 'stop does not wait out the backoff')
})

test('retry delays grow exponentially, are capped, and are jittered', () => {
  assert.is(retryDelay(0, 100, 5000, () => 1), 100)
  assert.is(retryDelay(3, 100, 5000, () => 1), 800)
  assert.is(retryDelay(20, 100, 5000, () => 1), 5000)
  assert.is(retryDelay(3, 100, 5000, () => 0.5), 400)
  assert.ok(retryDelay(3, 100, 5000, () => 0) >= 1)
})

test.run()
