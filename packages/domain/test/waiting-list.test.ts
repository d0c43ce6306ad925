import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Instant } from '../src/kernel/instant.js'
import { compareRequestNumbers, decisionDateOrder, filingOrder } from '../src/queue/ordering-policy.js'
import { emptyWaitingList, rebuildWaitingList } from '../src/queue/waiting-list.js'
import { publicEntry } from '../src/queue/waiting-entry.js'
import { interleave, streams } from './lists.js'
import * as f from './fixtures.js'

const incremental = (events: Iterable<Parameters<ReturnType<typeof emptyWaitingList>['apply']>[0]>, policy = filingOrder) => {
  const list = emptyWaitingList(policy)
  for (const e of events) list.apply(e)
  return list
}

test('a rebuild from events equals the list built incrementally (several seeds)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const events = interleave(streams(600, seed), seed)
    assert.is(rebuildWaitingList(events, filingOrder).serialize(), incremental(events).serialize(), `seed ${seed}`)
  }
})

test('positions are a permutation of 1..n in every list, in policy order', () => {
  const list = rebuildWaitingList(interleave(streams(2000, 7), 7), filingOrder)
  assert.ok(list.listIds().length >= 5)
  for (const id of list.listIds()) {
    const page = list.page(id, 0, list.size(id))
    assert.equal(page.map((p) => p.position), Array.from({ length: list.size(id) }, (_, i) => i + 1))
    for (let i = 1; i < page.length; i++) assert.ok(filingOrder.compare(page[i - 1]!.entry, page[i]!.entry) < 0)
    for (const p of page) assert.is(list.position(p.entry.applicationId)?.position, p.position)
  }
})

test('the interleaving of unrelated streams does not change the list', () => {
  const ss = streams(1500, 11)
  const reference = rebuildWaitingList(interleave(ss, 1), filingOrder).serialize()
  for (const seed of [2, 3, 4, 5, 6, 7]) {
    assert.is(rebuildWaitingList(interleave(ss, seed), filingOrder).serialize(), reference, `interleaving ${seed}`)
    assert.is(incremental(interleave(ss, seed)).serialize(), reference, `incremental ${seed}`)
  }
})

test('order: filing time first, then the request number; later entries move up when earlier ones leave', () => {
  const q = (id: string, filedAt: string, requestNumber: string) => ({
    type: 'queued', schema: 1, applicationId: id, commandId: `${id}-q`, at: '2024-05-01T00:00:00.000Z',
    list: { providerId: 'p', category: 'orphans' }, applicantIin: f.APPLICANT, familySize: 2, filedAt,
    requestNumber, commissionDecisionDate: '2024-05-01', queueNumberAtRegistration: 1,
  }) as never
  const list = incremental([
    q('c', '2024-01-02T10:00:00.000Z', '5'),
    q('a', '2024-01-01T10:00:00.000Z', '9'),
    q('b', '2024-01-02T10:00:00.000Z', '10'), // same minute as c: request 5 < 10 numerically
  ])
  assert.equal(list.page('p/orphans', 0, 10).map((p) => p.entry.applicationId), ['a', 'c', 'b'])
  list.apply({ type: 'housing_allocated', schema: 1, applicationId: 'a', commandId: 'a-h', at: '2024-06-01T00:00:00.000Z', dwellingRef: 'd', decisionRef: 'r', decidedOn: '2024-06-01' } as never)
  assert.is(list.position('c')?.position, 1)
  assert.is(list.position('b')?.position, 2)
  assert.is(list.position('a'), undefined)
  assert.is(list.record('a')?.status, 'housed')
  assert.is(list.record('a')?.entry.queueNumberAtRegistration, 1, 'the number at registration never changes')
})

test('a family that keeps the position keeps the seniority', () => {
  const events = f.portalQueued()
  const list = incremental(events)
  const before = list.position(f.APP)
  list.apply({ type: 'position_kept_by_family', schema: 1, applicationId: f.APP, commandId: 'k', at: '2025-01-01T00:00:00.000Z', ground: 'applicant_died', successorIin: f.SUCCESSOR } as never)
  const after = list.position(f.APP)
  assert.is(after?.position, before?.position)
  assert.is(after?.entry.holderIin, f.SUCCESSOR)
  assert.is(after?.entry.filedAt, before?.entry.filedAt)
})

test('as of a past instant: the list and a position as they stood then (valid time)', () => {
  const events = interleave(streams(800, 21), 21)
  const now = rebuildWaitingList(events, filingOrder)
  const at = '2014-06-01T00:00:00.000Z' as Instant
  const past = now.asOf(at)
  const ms = Date.parse(at)
  // brute force: which entries were active at that instant
  const active = new Set<string>()
  for (const [id, r] of now.records()) {
    for (let i = 0; i < r.intervals.length; i += 2) if (r.intervals[i]! <= ms && ms < r.intervals[i + 1]!) active.add(id)
  }
  let total = 0
  for (const id of past.listIds()) {
    total += past.size(id)
    for (const p of past.page(id, 0, past.size(id))) assert.ok(active.has(p.entry.applicationId))
  }
  assert.is(total, active.size)
  assert.ok(total > 0 && total !== [...now.records().values()].filter((r) => r.status === 'active').length)
  assert.throws(() => past.apply(events[0]!), /read-only/)
})

test('two policies over the same events give different, deterministic orders', () => {
  const events = interleave(streams(1000, 5), 5)
  const a = rebuildWaitingList(events, filingOrder)
  const b = a.withPolicy(decisionDateOrder)
  assert.is(b.serialize(), rebuildWaitingList(events, decisionDateOrder).serialize())
  assert.is.not(a.serialize(), b.serialize())
  assert.ok(a.serialize().startsWith('policy filing-order@1\n'))
})

test('public entries carry no personal data', () => {
  const list = incremental(f.portalQueued())
  const p = list.position(f.APP)!
  const shown = JSON.stringify(publicEntry(p.entry, p.position))
  assert.not.ok(shown.includes(f.APPLICANT))
  assert.not.ok(shown.includes(f.APP))
  assert.ok(shown.includes('"position":1'))
})

test('request numbers compare as a total order, digits numerically, others after them', () => {
  const sample = ['9', '10', '1a', '000123', '123', 'A-7', '99', '1', 'b']
  const sorted = [...sample].sort(compareRequestNumbers)
  assert.equal(sorted, ['1', '9', '10', '99', '123', '000123', '1a', 'A-7', 'b'])
  // Leading zeros are padding: the case, '100' after '0099' at the same filing instant.
  assert.ok(compareRequestNumbers('0099', '100') < 0)
  assert.ok(compareRequestNumbers('0000000100', '99') > 0)
  assert.ok(compareRequestNumbers('099', '0099') < 0 && compareRequestNumbers('0099', '0099') === 0)
  for (const a of sample) for (const b of sample) for (const c of sample) {
    if (compareRequestNumbers(a, b) < 0 && compareRequestNumbers(b, c) < 0) assert.ok(compareRequestNumbers(a, c) < 0, `${a} ${b} ${c}`)
  }
})

test.run()
