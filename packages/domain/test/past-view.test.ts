/**
 * A past view answers exactly as a list rebuilt from the events whose valid time is ≤ t: checked over seeded random
 * histories (queued out of filing order, removals, housing, successions, restorations, data changes, several events
 * at one instant) at every event boundary and one millisecond either side.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { ApplicationEvent } from '../src/application/events.js'
import type { Instant } from '../src/kernel/instant.js'
import { filingOrder, journalOrder, type OrderingPolicy } from '../src/queue/ordering-policy.js'
import { emptyWaitingList, rebuildWaitingList, waitingEntryOf, type WaitingList } from '../src/queue/waiting-list.js'
import { WaveletMatrix } from '../src/queue/wavelet-matrix.js'
import { interleave, mulberry32 } from './lists.js'

const IINS = ['871008401427', '760212350620', '800416300257', '680503450037', '800416100254']
const HOUR = 3_600_000
const START = Date.parse('2015-01-01T00:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

/** One application's stream, in the order the decider allows; times in whole hours so instants collide. */
const stream = (i: number, rnd: () => number): ApplicationEvent[] => {
  const applicationId = `app-${String(i).padStart(4, '0')}`
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const filed = START + Math.floor(rnd() * 400) * HOUR
  // Queued days to months after filing: applications are queued out of filing order.
  let at = filed + Math.floor(1 + rnd() * 600) * HOUR
  let n = 0
  // Sometimes the next event is at the same instant (a removal reversed the same hour, say).
  const base = () => {
    if (n > 0 && rnd() > 0.15) at += Math.floor(1 + rnd() * 300) * HOUR
    return { schema: 1 as const, applicationId, commandId: `${applicationId}-${n++}`, at: iso(at) }
  }
  const out: ApplicationEvent[] = [{
    ...base(), type: 'queued', list: { providerId: 'almaty/zhkh', category: pick(['orphans', 'socially_vulnerable'] as const) },
    applicantIin: pick(IINS), familySize: 1 + Math.floor(rnd() * 6), filedAt: iso(filed),
    requestNumber: String(Math.floor(rnd() * 40)), commissionDecisionDate: iso(at).slice(0, 10), queueNumberAtRegistration: 1,
  } as ApplicationEvent]
  let stage: 'queued' | 'removed' | 'housed' = 'queued'
  for (let k = Math.floor(rnd() * 7); k > 0 && stage !== 'housed'; k--) {
    const r = rnd()
    if (stage === 'removed') {
      if (r < 0.6) { out.push({ ...base(), type: 'restored', appealRef: 'суд', decidedOn: '2016-01-01' } as ApplicationEvent); stage = 'queued' }
      else break
    } else if (r < 0.3) out.push({ ...base(), type: 'data_changed', familySize: 1 + Math.floor(rnd() * 9), note: 'n' } as ApplicationEvent)
    else if (r < 0.45) out.push({ ...base(), type: 'position_kept_by_family', ground: 'applicant_died', successorIin: pick(IINS) } as ApplicationEvent)
    else if (r < 0.8) { out.push({ ...base(), type: 'removed', ground: 'grounds_ceased', decisionRef: 'r', decidedOn: '2016-01-01' } as ApplicationEvent); stage = 'removed' }
    else { out.push({ ...base(), type: 'housing_allocated', dwellingRef: 'd', decisionRef: 'h', decidedOn: '2016-01-01' } as ApplicationEvent); stage = 'housed' }
  }
  return out
}

const history = (apps: number, seed: number): ApplicationEvent[] => {
  const rnd = mulberry32(seed)
  return interleave(Array.from({ length: apps }, (_, i) => stream(i, rnd)), seed)
}

/** Everything a caller can ask, in a comparable form. */
const answers = (list: WaitingList, ids: readonly string[], probes: readonly ApplicationEvent[]) => ({
  listIds: list.listIds(),
  lists: list.listIds().map((id) => ({
    id,
    size: list.size(id),
    page: list.page(id, 0, list.size(id) + 1).map((p) => [p.position, p.of, p.entry.applicationId, p.entry.holderIin, p.entry.familySize]),
    middle: list.page(id, 1, 2).map((p) => [p.position, p.entry.applicationId]),
    entries: [...list.entries(id)].map((e) => e.applicationId),
  })),
  positions: ids.map((id) => {
    const p = list.position(id)
    return p === undefined ? null : [p.listId, p.position, p.of, p.entry.holderIin, p.entry.familySize]
  }),
  records: ids.map((id) => {
    const r = list.record(id)
    return r === undefined ? null : [r.status, r.entry.holderIin, r.entry.familySize, r.intervals.join(',')]
  }),
  before: probes.map((e) => e.type === 'queued' ? list.countBefore(`${e.list.providerId}/${e.list.category}`, waitingEntryOf(e)) : -1),
  serialized: list.serialize(),
})

const instants = (events: readonly ApplicationEvent[]): number[] => {
  const boundaries = new Set<number>()
  for (const e of events) for (const d of [-1, 0, 1]) boundaries.add(Date.parse(e.at) + d)
  return [...boundaries].sort((a, b) => a - b)
}

const check = (events: readonly ApplicationEvent[], live: WaitingList, policy: OrderingPolicy, label: string) => {
  const ids = [...new Set(events.map((e) => e.applicationId))]
  // New applications' entries probed against the past lists: the count before them, as a decision then would see it.
  const probes = events.filter((e) => e.type === 'queued').slice(0, 12).map((e, i) => ({ ...e, applicationId: `probe-${i}` }) as ApplicationEvent)
  for (const ms of [START - 1, ...instants(events)]) {
    const rebuilt = rebuildWaitingList(events.filter((e) => Date.parse(e.at) <= ms), policy)
    assert.equal(answers(live.asOf(iso(ms) as Instant), ids, probes), answers(rebuilt, ids, probes), `${label} at ${iso(ms)}`)
  }
}

test('asOf(t) answers as a rebuild of the events valid at or before t (random histories, every boundary ± 1 ms)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const events = history(45, seed)
    check(events, rebuildWaitingList(events, filingOrder), filingOrder, `seed ${seed}`)
  }
})

test('the same under another policy, and on a list fed event by event', () => {
  const events = history(40, 17)
  const live = emptyWaitingList(journalOrder)
  for (const e of events) live.apply(e)
  check(events, live, journalOrder, 'journal-order, incremental')
})

test('a past view built before more events arrive answers for the events known when asked', () => {
  const events = history(50, 23)
  const half = Math.floor(events.length / 2)
  const live = emptyWaitingList(filingOrder)
  for (const e of events.slice(0, half)) live.apply(e)
  check(events.slice(0, half), live, filingOrder, 'first half') // builds the past indexes
  for (const e of events.slice(half)) live.apply(e) // the lists change: their indexes are rebuilt on next use
  check(events, live, filingOrder, 'all')
})

test('the issue’s cases: one millisecond before a removal, and between two queue decisions', () => {
  const q = (id: string, filedAt: string, at: string) => ({
    type: 'queued', schema: 1, applicationId: id, commandId: `${id}-q`, at, list: { providerId: 'p', category: 'orphans' },
    applicantIin: IINS[0], familySize: 2, filedAt, requestNumber: id, commissionDecisionDate: at.slice(0, 10), queueNumberAtRegistration: 1,
  }) as ApplicationEvent
  const events = [
    q('a1', '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'),
    q('a3', '2024-01-03T00:00:00.000Z', '2024-02-02T00:00:00.000Z'),
    q('a2', '2024-01-02T00:00:00.000Z', '2024-02-03T00:00:00.000Z'),
    q('a4', '2024-01-04T00:00:00.000Z', '2024-02-03T00:00:00.000Z'),
    q('a5', '2024-01-05T00:00:00.000Z', '2024-02-03T00:00:00.000Z'),
    { type: 'removed', schema: 1, applicationId: 'a2', commandId: 'a2-r', at: '2024-03-01T00:00:00.000Z', ground: 'grounds_ceased', decisionRef: 'r', decidedOn: '2024-03-01' } as ApplicationEvent,
  ]
  const list = rebuildWaitingList(events, filingOrder)
  const positions = (at: string) => ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => list.asOf(at as Instant).position(id)?.position ?? null)
  assert.equal(positions('2024-02-29T23:59:59.999Z'), [1, 2, 3, 4, 5])
  assert.equal(positions('2024-03-01T00:00:00.000Z'), [1, null, 2, 3, 4])
  assert.equal(positions('2024-02-02T12:00:00.000Z'), [1, null, 2, null, null])
  assert.equal(list.asOf('2024-01-15T00:00:00.000Z' as Instant).listIds(), [])
})

test('WaveletMatrix.countLess equals a count over the prefix (random sequences, alphabet sizes 1 … 5000)', () => {
  const rnd = mulberry32(99)
  for (const sigma of [1, 2, 3, 31, 32, 33, 1000, 5000]) {
    const values = Array.from({ length: 300 + Math.floor(rnd() * 300) }, () => Math.floor(rnd() * sigma))
    const wm = new WaveletMatrix(values, sigma)
    for (let k = 0; k < 400; k++) {
      const end = Math.floor(rnd() * (values.length + 2))
      const v = Math.floor(rnd() * (sigma + 2))
      let expected = 0
      for (let i = 0; i < Math.min(end, values.length); i++) if (values[i]! < v) expected++
      assert.is(wm.countLess(end, v), expected, `σ=${sigma} end=${end} v=${v}`)
    }
  }
})

test.run()
