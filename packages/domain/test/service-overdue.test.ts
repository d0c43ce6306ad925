import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { ApplicationId } from '../src/kernel/ids.js'
import { fromMillis, toMillis, type Instant } from '../src/kernel/instant.js'
import {
  exactly, housingQueueAkzhar2012, housingQueueAlmaty2012, kazakhstanNational, listOverdue, progressOf, weekendsOnly,
  workingDays, type ApplicationFacts, type Fact, type ServiceDefinition, type Step,
} from '../src/service/index.js'

const id = (s: string) => s as ApplicationId
const at = (s: string) => s as Instant
const plus = (i: Instant, ms: number): Instant => fromMillis(toMillis(i) + ms)
const MIN = 60_000
const DAY = 86_400_000
const kz = kazakhstanNational()

// A portal application that has just been registered: authorized, signature checked, signed, registered.
const T = at('2024-04-01T05:00:00.000Z')
const registeredOnPortal = (applicationId: string, start: Instant = T): ApplicationFacts => ({
  applicationId: id(applicationId),
  channel: 'portal',
  facts: [
    { type: 'authorized', at: start },
    { type: 'checked', check: 'signature', at: plus(start, 1 * MIN) },
    { type: 'signed', at: plus(start, 2 * MIN) },
    { type: 'registered', at: plus(start, 3 * MIN) },
  ],
})

test('the same registered application: overdue after 15 minutes in Akzhar, not before 30 days in Almaty', () => {
  const app = registeredOnPortal('a-1')
  const registeredAt = plus(T, 3 * MIN)
  const oneHourLater = plus(registeredAt, 60 * MIN)

  const akz = listOverdue(housingQueueAkzhar2012, kz, oneHourLater, [app])
  assert.is(akz.overdue.length, 1)
  const late = akz.overdue[0]
  assert.ok(late)
  assert.is(late.step.number, 8)
  assert.is(late.since, registeredAt)
  assert.is(late.dueAt, plus(registeredAt, 15 * MIN))
  assert.equal(late.overdueBy, { amount: 45, unit: 'minutes' })
  assert.is(late.overdueMillis, 45 * MIN)

  const alm = listOverdue(housingQueueAlmaty2012, kz, oneHourLater, [app])
  assert.equal(alm.overdue, [])
  const pending = progressOf(housingQueueAlmaty2012, kz, app)
  assert.ok(pending.kind === 'pending')
  assert.is(pending.step.number, 8)
  assert.is(pending.dueAt, plus(registeredAt, 30 * DAY))

  // 31 days after registration Almaty's decision is one calendar day late
  const later = listOverdue(housingQueueAlmaty2012, kz, plus(registeredAt, 31 * DAY), [app])
  assert.equal(later.overdue.map((o) => [o.applicationId, o.step.number, o.overdueBy]), [['a-1', 8, { amount: 1, unit: 'calendar_days' }]])
  // exactly at the deadline nothing is late yet
  assert.equal(listOverdue(housingQueueAlmaty2012, kz, plus(registeredAt, 30 * DAY), [app]).overdue, [])
})

test('steps without a fact are folded into the next step’s clock (desk: choose the service, then ГБД ФЛ)', () => {
  const app: ApplicationFacts = { applicationId: id('d-1'), channel: 'provider_desk', facts: [{ type: 'authorized', at: T }] }
  const p = progressOf(housingQueueAlmaty2012, kz, app)
  assert.ok(p.kind === 'pending')
  assert.is(p.step.number, 3)
  assert.equal(p.covers, [2, 3])
  // 10 s (step 2) + 90 s (step 3)
  assert.is(p.dueAt, plus(T, 100_000))
  assert.equal(listOverdue(housingQueueAlmaty2012, kz, plus(T, 100_000), [app]).overdue, [])
  const late = listOverdue(housingQueueAlmaty2012, kz, plus(T, 101_000), [app]).overdue[0]
  assert.equal(late?.overdueBy, { amount: 1, unit: 'seconds' })

  // ЦОН: after signing, routing (1 min, no fact) and registration (1 min)
  const centre: ApplicationFacts = {
    applicationId: id('c-1'),
    channel: 'service_centre',
    facts: [{ type: 'authorized', at: T }, { type: 'checked', check: 'person_record', at: plus(T, MIN) }, { type: 'signed', at: plus(T, 2 * MIN) }],
  }
  const c = progressOf(housingQueueAkzhar2012, kz, centre)
  assert.ok(c.kind === 'pending')
  assert.equal([c.step.number, c.covers, c.dueAt], [7, [6, 7], plus(T, 4 * MIN)])
})

test('finished, unstarted and foreign-channel applications are not listed as overdue', () => {
  const now = plus(T, 365 * DAY)
  const rejected: ApplicationFacts = { ...registeredOnPortal('r-1'), facts: [...registeredOnPortal('r-1').facts, { type: 'rejected', at: plus(T, 4 * MIN) }] }
  const queued: ApplicationFacts = { ...registeredOnPortal('q-1'), facts: [...registeredOnPortal('q-1').facts, { type: 'checked', check: 'documents', at: plus(T, 5 * MIN) }, { type: 'queued', at: plus(T, 6 * MIN) }] }
  const refusedAtLogin: ApplicationFacts = { applicationId: id('x-1'), channel: 'portal', facts: [{ type: 'rejected', at: T }] }
  const empty: ApplicationFacts = { applicationId: id('e-1'), channel: 'portal', facts: [] }
  const noCentre: ServiceDefinition = { ...housingQueueAlmaty2012, channels: [housingQueueAlmaty2012.channels[0]] }
  const atCentre: ApplicationFacts = { applicationId: id('z-1'), channel: 'service_centre', facts: [{ type: 'authorized', at: T }] }

  assert.is(progressOf(housingQueueAlmaty2012, kz, rejected).kind, 'finished')
  assert.is(progressOf(housingQueueAlmaty2012, kz, queued).kind, 'finished')
  assert.is(progressOf(housingQueueAlmaty2012, kz, refusedAtLogin).kind, 'finished')
  assert.is(progressOf(housingQueueAlmaty2012, kz, empty).kind, 'not_started')
  const report = listOverdue(noCentre, kz, now, [rejected, queued, refusedAtLogin, empty, atCentre, registeredOnPortal('p-1')])
  assert.equal(report.overdue.map((o) => o.applicationId), ['p-1'])
  assert.equal(report.notAssessable, [{ applicationId: 'z-1', channel: 'service_centre' }])
  assert.is(report.at, now)
})

test('facts without a check kind (as the status projection keeps them) still advance the path', () => {
  const facts: Fact[] = [{ type: 'authorized', at: T }, { type: 'checked', at: plus(T, MIN) }]
  const p = progressOf(housingQueueAkzhar2012, kz, { applicationId: id('s-1'), channel: 'portal', facts })
  assert.ok(p.kind === 'pending')
  assert.is(p.step.number, 5)
  assert.is(p.since, plus(T, MIN))
})

test('listing is ordered by due instant, earliest first', () => {
  const early = registeredOnPortal('b-early', T)
  const late = registeredOnPortal('a-late', plus(T, 10 * MIN))
  const report = listOverdue(housingQueueAkzhar2012, kz, plus(T, DAY), [late, early])
  assert.equal(report.overdue.map((o) => o.applicationId), ['b-early', 'a-late'])
  assert.equal(report.overdue.map((o) => o.overdueBy.unit), ['hours', 'hours'])
})

test('a working-day deadline runs over weekends and holidays, and lateness counts working days', () => {
  // A service of a later issue with a 3-working-day decision: the Almaty definition with its final term replaced.
  const threeWorkingDays: ServiceDefinition = {
    ...housingQueueAlmaty2012,
    channels: housingQueueAlmaty2012.channels.map((c) => ({
      ...c,
      steps: c.steps.map((s): Step => (s.then.kind === 'result' ? { ...s, deadline: { range: exactly(workingDays(3)), basis: 'as_written' } } : s)),
    })) as unknown as ServiceDefinition['channels'],
  }
  // registered Friday 1 March 2024 at 10:03 local: Mon 4, Tue 5, Wed 6 → due end of Wed 6 March (19:00Z)
  const app = registeredOnPortal('w-1', at('2024-03-01T05:00:00.000Z'))
  const p = progressOf(threeWorkingDays, kz, app)
  assert.ok(p.kind === 'pending')
  assert.is(p.dueAt, '2024-03-06T19:00:00.000Z')
  // Monday 11 March 17:00 local: Thursday 7 is a whole working day late; Friday 8 March is a holiday
  const now = at('2024-03-11T12:00:00.000Z')
  assert.equal(listOverdue(threeWorkingDays, kz, now, [app]).overdue[0]?.overdueBy, { amount: 1, unit: 'working_days' })
  assert.equal(listOverdue(threeWorkingDays, weekendsOnly(), now, [app]).overdue[0]?.overdueBy, { amount: 2, unit: 'working_days' })
  // registered Thursday 7 March: 8 March and the weekend are skipped → Mon 11, Tue 12, Wed 13
  const beforeHoliday = registeredOnPortal('w-2', at('2024-03-07T05:00:00.000Z'))
  const q = progressOf(threeWorkingDays, kz, beforeHoliday)
  assert.ok(q.kind === 'pending')
  assert.is(q.dueAt, '2024-03-13T19:00:00.000Z')
})

test.run()
