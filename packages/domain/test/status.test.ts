import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { statusOf, deadlineOf } from '../src/status/application-status.js'
import { housingQueueAkzhar2012, housingQueueAlmaty2012 } from '../src/service/housing-queue.js'
import { kazakhstanNational } from '../src/service/calendar.js'
import * as f from './fixtures.js'
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider } from '../src/application/decider.js'

test('status screen: IIN, request number, service, status and outcome follow the stream', () => {
  const events = f.portalQueued()
  const registered = statusOf(events.slice(0, 4))!
  assert.is(registered.status, 'registered')
  assert.is(registered.requestNumber, '000123')
  assert.is(registered.applicantIin, f.APPLICANT)
  assert.is(registered.serviceId, 'housing-queue')
  assert.is(registered.outcome, undefined)
  const queued = statusOf(events)!
  assert.is(queued.status, 'queued')
  assert.equal(queued.outcome, { kind: 'queued', list: { providerId: f.PROVIDER, category: 'socially_vulnerable' }, queueNumberAtRegistration: 57 })
  assert.is(queued.since, events[5]!.at)
})

test('status screen: refusal, removal, restoration, housing', () => {
  const refused = statusOf(f.history(f.authorize(), f.sign(), f.register(), f.checkDocuments(['нет справки'])))!
  assert.is(refused.status, 'rejected')
  assert.is(refused.outcome?.kind, 'rejected')
  const q = f.portalQueued()
  const state = q.reduce((s, e) => applicationDecider.evolve(s, e), applicationDecider.initialState)
  const removed = applicationDecider.decide(f.remove(), state)
  assert.ok(E.isRight(removed))
  const afterRemoval = [...q, ...(E.isRight(removed) ? removed.right : [])]
  assert.equal(statusOf(afterRemoval)?.outcome, { kind: 'removed', ground: 'acquired_housing' })
  const restored = applicationDecider.decide(f.restore(), afterRemoval.reduce(applicationDecider.evolve, applicationDecider.initialState))
  assert.is(statusOf([...afterRemoval, ...(E.isRight(restored) ? restored.right : [])])?.status, 'queued')
  const housed = applicationDecider.decide(f.allocate(), state)
  assert.is(statusOf([...q, ...(E.isRight(housed) ? housed.right : [])])?.status, 'housed')
})

test('deadline: the akimats differ — Almaty gives the decision 30 calendar days, Akzhar 15 minutes', () => {
  const registered = statusOf(f.history(f.authorize(), f.sign(), f.register(), f.checkDocuments()))!
  const calendar = kazakhstanNational()
  const almaty = deadlineOf(registered, housingQueueAlmaty2012, calendar)
  const akzhar = deadlineOf(registered, housingQueueAkzhar2012, calendar)
  assert.is(almaty.kind, 'pending')
  assert.is(akzhar.kind, 'pending')
  if (almaty.kind === 'pending' && akzhar.kind === 'pending') {
    const span = (p: typeof almaty) => Date.parse(p.dueAt) - Date.parse(p.since)
    assert.ok(span(almaty) >= 30 * 86_400_000, `Almaty: ${span(almaty)}`)
    assert.ok(span(akzhar) <= 16 * 60_000, `Akzhar: ${span(akzhar)}`)
  }
  assert.is(deadlineOf(statusOf(f.portalQueued())!, housingQueueAlmaty2012, calendar).kind, 'finished')
})

test.run()
