/**
 * The number at registration is the domain's: counted from the list the decision is made against, checked when the
 * caller states one, and a `queue` decided without a list is refused.
 */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider } from '../src/application/decider.js'
import type { ApplicationEvent } from '../src/application/events.js'
import { numberAtRegistration } from '../src/queue/number-at-registration.js'
import { filingOrder, journalOrder } from '../src/queue/ordering-policy.js'
import { emptyWaitingList, rebuildWaitingList, waitingEntryOf } from '../src/queue/waiting-list.js'
import { listId } from '../src/queue/waiting-entry.js'
import { spec } from '../src/testing/index.js'
import * as f from './fixtures.js'
import { interleave, mulberry32, streams } from './lists.js'

const checked = () => f.history(f.authorize('portal'), f.sign(), f.register(), f.checkDocuments())
const stateOf = (events: readonly ApplicationEvent[]) => events.reduce(applicationDecider.evolve, applicationDecider.initialState)

test('a queue decided without the waiting list is refused, so the number cannot be skipped', () => {
  const state = stateOf(checked()) // first: the fixture clock ticks per command, and filing precedes the decision
  const d = applicationDecider.decide(f.queue(), state)
  assert.equal(d, E.left({ code: 'inconsistent', command: 'queue', detail: 'waiting_list_not_given' }))
  // Even when the caller states a number: there is nothing to check it against.
  assert.equal(applicationDecider.decide(f.queue({ queueNumberAtRegistration: 1 }), state), d)
})

test('the decider counts the number from the list: 56 filed earlier → 57', () => {
  spec(applicationDecider, f.context).given(checked()).when(f.queue())
    .thenEvents(([e]) => e?.type === 'queued' && e.queueNumberAtRegistration === 57)
  spec(applicationDecider, f.context).given(checked()).when(f.queue({ queueNumberAtRegistration: 57 }))
    .thenEvents(([e]) => e?.type === 'queued' && e.queueNumberAtRegistration === 57)
})

test('a stated number the list does not give is refused with both numbers', () => {
  spec(applicationDecider, f.context).given(checked()).when(f.queue({ queueNumberAtRegistration: 999 }))
    .thenFails({ code: 'queue_number_mismatch', command: 'queue', expected: 57, given: 999 })
  // An empty list gives 1, whatever the caller believed.
  spec(applicationDecider, { waitingList: emptyWaitingList(filingOrder) }).given(checked()).when(f.queue({ queueNumberAtRegistration: 57 }))
    .thenFails({ code: 'queue_number_mismatch', command: 'queue', expected: 1, given: 57 })
})

test('seniority runs from filing: an application filed before some listed ones gets a smaller number', () => {
  // The fixture list holds entries filed on 2023-01-01 … 2023-02-25 at midnight; filed on 10 Jan at noon → 10 before.
  spec(applicationDecider, f.context).given(checked()).when(f.queue({ filedAt: '2023-01-10T12:00:00.000Z' }))
    .thenEvents(([e]) => e?.type === 'queued' && e.queueNumberAtRegistration === 11)
  // Same filing instant as the 10th entry (request number 109): ours, 000123, is numerically larger → after it.
  spec(applicationDecider, f.context).given(checked()).when(f.queue({ filedAt: '2023-01-10T00:00:00.000Z' }))
    .thenEvents(([e]) => e?.type === 'queued' && e.queueNumberAtRegistration === 11)
})

test('housed and removed entries do not count; another list does not count', () => {
  const leave = (i: number, type: 'removed' | 'housing_allocated'): ApplicationEvent => ({
    type, schema: 1, applicationId: `earlier-${i}`, commandId: `leave-${i}`, at: '2024-02-25T05:00:00.000Z',
    ...(type === 'removed' ? { ground: 'grounds_ceased' } : { dwellingRef: 'кв. 1' }), decisionRef: 'r', decidedOn: '2024-02-25',
  }) as ApplicationEvent
  const list = rebuildWaitingList([...f.earlierQueued, leave(0, 'removed'), leave(1, 'housing_allocated')], filingOrder)
  spec(applicationDecider, { waitingList: list }).given(checked()).when(f.queue())
    .thenEvents(([e]) => e?.type === 'queued' && e.queueNumberAtRegistration === 55)
  spec(applicationDecider, f.context).given(checked()).when(f.queue({ category: 'orphans' }))
    .thenEvents(([e]) => e?.type === 'queued' && e.queueNumberAtRegistration === 1)
})

test('numberAtRegistration = 1 + the active entries ordered before the candidate (random lists, both policies)', () => {
  for (const seed of [3, 8, 21]) {
    const events = interleave(streams(800, seed), seed)
    const rnd = mulberry32(seed * 7)
    for (const policy of [filingOrder, journalOrder]) {
      const list = rebuildWaitingList(events, policy)
      const queued = events.filter((e): e is Extract<ApplicationEvent, { type: 'queued' }> => e.type === 'queued')
      for (let k = 0; k < 200; k++) {
        const template = queued[Math.floor(rnd() * queued.length)]!
        // A new application filed near an existing one, sometimes at the same instant (the request number decides).
        const filedMs = Date.parse(template.filedAt) + (rnd() < 0.3 ? 0 : Math.floor((rnd() - 0.5) * 4e8))
        const candidate = waitingEntryOf({
          ...template, applicationId: `new-${k}` as never, filedAt: new Date(filedMs).toISOString() as never,
          requestNumber: String(Math.floor(rnd() * 6000)) as never,
        })
        const id = listId(candidate.list)
        let before = 0
        for (const e of list.entries(id)) if (policy.compare(e, candidate) < 0) before += 1
        assert.is(numberAtRegistration(list, candidate), before + 1, `seed ${seed} ${policy.name} #${k}`)
      }
    }
  }
})
test.run()
