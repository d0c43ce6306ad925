/**
 * A caught-up subscription given `gatherMs` reads appends heard within that time together, and reads at once
 * whenever someone waits for a position: the read-back of a busy writer costs a read per few commits, and a
 * `reached` wait is never the later for it.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { follow, type PagedLog, type Page } from '../../src/store/subscription.js'
import type { RecordedEvent } from '../../src/store/port.js'
import { within } from './contract.js'

const event = (n: number): RecordedEvent => ({
  streamId: `s-${n}`, revision: 0, id: `e-${n}`, type: 't', data: { n }, metadata: {},
  hash: '0'.repeat(64), previousHash: '0'.repeat(64), position: String(n), recordedAt: new Date(0).toISOString(),
})

/** A log that counts its reads; `publish` commits the next event and tells the subscribers, as a store does. */
const countingLog = (gatherMs: number) => {
  const all: RecordedEvent[] = []
  const state = { reads: 0 }
  const wakers = new Set<() => void>()
  const log: PagedLog = {
    readPage: async (after, limit): Promise<Page> => {
      state.reads += 1
      const from = after === undefined ? 0 : Number(after)
      return { events: all.filter((e) => Number(e.position) > from).slice(0, limit), held: false }
    },
    onAppend: (wake) => { wakers.add(wake); return () => wakers.delete(wake) },
    comparePositions: (a, b) => Number(a) - Number(b),
    gatherMs,
  }
  const publish = (): string => {
    all.push(event(all.length + 1))
    for (const w of wakers) w()
    return String(all.length)
  }
  return { log, state, publish }
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r))

/** Resolves when the handler has been handed the event at `position`. */
const delivered = () => {
  const seen: string[] = []
  const wanted = new Map<string, () => void>()
  return {
    seen,
    onEvent: (e: RecordedEvent) => { seen.push(e.position); wanted.get(e.position)?.() },
    when: (position: string) => new Promise<void>((r) => (seen.includes(position) ? r() : wanted.set(position, r))),
  }
}

test('appends heard over several turns while caught up are read together, in one read', async () => {
  const { log, state, publish } = countingLog(200)
  const d = delivered()
  const s = follow(log, { onEvent: d.onEvent })
  await s.caughtUp
  const before = state.reads
  let last = ''
  for (let i = 0; i < 5; i++) {
    last = publish()
    // Each append in a turn of its own: without gathering, each one is a read.
    await nextTurn()
  }
  await d.when(last)
  assert.is(state.reads - before, 1, 'one read for five appends')
  assert.equal(d.seen, ['1', '2', '3', '4', '5'])
  await s.stop()
})

test('without gatherMs every append heard in a turn of its own is read at once', async () => {
  const { log, state, publish } = countingLog(200)
  const s = follow({ ...log, gatherMs: undefined }, { onEvent: () => undefined })
  await s.caughtUp
  const before = state.reads
  for (let i = 0; i < 5; i++) {
    const p = publish()
    await s.reached(p)
  }
  assert.is(state.reads - before, 5)
  await s.stop()
})

test('a reached() wait for an append left to gather reads it at once', async () => {
  const { log, publish } = countingLog(60_000)
  const s = follow(log, { onEvent: () => undefined })
  await s.caughtUp
  const position = publish()
  await nextTurn()
  await within(5_000, 'a wait for an append left to gather a minute', s.reached(position))
  await s.stop()
})

test('an append heard while someone already waits is read at once', async () => {
  const { log, publish } = countingLog(60_000)
  const s = follow(log, { onEvent: () => undefined })
  await s.caughtUp
  const waiting = s.reached('2')
  publish()
  publish()
  await within(5_000, 'a wait pending when the appends were heard', waiting)
  await s.stop()
})

test('a subscription stopped while appends gather stops at once and leaves no timer behind', async () => {
  const { log, publish } = countingLog(60_000)
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
  const s = follow(log, { onEvent: () => undefined })
  await s.caughtUp
  const before = timers()
  publish()
  assert.is(timers(), before + 1, 'the gathering timer')
  await s.stop()
  await s.done
  assert.is(timers(), before)
})

test.run()
