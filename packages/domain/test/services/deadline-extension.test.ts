/**
 * «Срок оказания услуги продлен»: the provider extends the term of a service whose regulation notifies an extension
 * (002 §2, §4–6 Прил.3 — the allowance and the three guardianship services), before deciding. The status keeps the
 * new last day, and the deadline the citizen sees (and overdue reports) run to its end.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { spec } from '../../src/testing/index.js'
import { applicationDecider } from '../../src/application/decider.js'
import { kazakhstanNational } from '../../src/service/calendar.js'
import { disabledChildAllowanceKokpekty2012 } from '../../src/service/disabled-child-allowance.js'
import { citizenDeadlineOf, deadlineOf, statusOf } from '../../src/status/application-status.js'
import type { ApplicationEvent } from '../../src/application/events.js'
import type { LocalDate } from '../../src/kernel/instant.js'
import { caseOf, toChecked, toRegistered } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, k.context).given
const extend = (until: string, at?: string) => k.cmd('extend_deadline', { until: until as LocalDate, ground: 'documents_requested', decisionRef: 'письмо № 12' as never }, at)
const A = caseOf('disabled-child-allowance')
const calendar = kazakhstanNational()

test('the services whose regulation notifies an extension have the command; the others refuse it', () => {
  for (const id of ['disabled-child-allowance', 'guardianship-certificate', 'guardianship-property-deal', 'guardianship-inheritance']) {
    const c = caseOf(id)
    const channel = c.serviceId === 'disabled-child-allowance' ? 'provider_desk' : 'portal'
    given(k.history(...toRegistered(c, channel))).when(extend('2030-01-01')).thenEvents(([e]) => e?.type === 'deadline_extended' && e.until === '2030-01-01')
  }
  for (const id of ['unemployment-certificate', 'kindergarten-queue', 'housing-assistance']) {
    given(k.history(...toRegistered(caseOf(id), 'portal'))).when(extend('2030-01-01'))
      .thenFails({ code: 'inconsistent', command: 'extend_deadline', detail: 'command_not_in_service', serviceId: id })
  }
})

test('only before the decision, and never to a day that is not later than today or the last extension', () => {
  const registered = k.history(...toRegistered(A, 'portal'))
  given(k.history(k.authorize(A.serviceId, 'portal'))).when(extend('2030-01-01')).thenFails({ code: 'not_allowed', command: 'extend_deadline', stage: 'authorized' })
  const at = '2024-03-10T06:00:00.000Z'
  given(registered).when(extend('2024-03-10', at)).thenFails({ code: 'inconsistent', command: 'extend_deadline', detail: 'extension_not_later', subject: '2024-03-10' })
  const [first] = given(registered).when(extend('2024-04-01', at)).thenEvents(([e]) => e?.type === 'deadline_extended')
  given([...registered, first!]).when(extend('2024-03-20', at)).thenFails({ code: 'inconsistent', command: 'extend_deadline', detail: 'extension_not_later', subject: '2024-04-01' })
  given([...registered, first!]).when(extend('2024-04-15', at)).thenEvents(([e]) => e?.type === 'deadline_extended' && e.until === '2024-04-15')
  const checked = k.history(...toChecked(A, 'portal'))
  given(checked).when(extend('2030-01-01')).thenEvents(([e]) => e?.type === 'deadline_extended')
  const issued = k.history(...toChecked(A, 'portal'), A.decision())
  given(issued).when(extend('2030-01-01')).thenFails({ code: 'not_allowed', command: 'extend_deadline', stage: 'result_issued' })
})

test('the citizen’s deadline: the term from registration (10 working days), then the end of the extended last day', () => {
  const events: ApplicationEvent[] = k.history(...toRegistered(A, 'portal'))
  const registeredAt = events.find((e) => e.type === 'registered')!.at
  const before = statusOf(events)!
  const term = citizenDeadlineOf(before, disabledChildAllowanceKokpekty2012, calendar)
  assert.ok(term !== undefined)
  const days = (Date.parse(term) - Date.parse(registeredAt)) / 86_400_000
  assert.ok(days >= 10 && days <= 20, `10 working days after ${registeredAt}: ${term}`)
  const ext = E.getOrElseW(() => [])(k.decide(events, extend('2030-01-01')))
  const after = statusOf([...events, ...ext])!
  assert.is(after.deadlineExtendedUntil, '2030-01-01')
  // The end of 01.01.2030 on the service's clock (UTC+5).
  assert.is(citizenDeadlineOf(after, disabledChildAllowanceKokpekty2012, calendar), '2030-01-01T18:59:59.999Z')
  const pending = deadlineOf(after, disabledChildAllowanceKokpekty2012, calendar)
  assert.ok(pending.kind === 'pending' && pending.dueAt === '2030-01-01T18:59:59.999Z', 'the awaited step is not overdue before the extension ends')
  const decided = k.history(...toChecked(A, 'portal'), A.decision())
  assert.is(citizenDeadlineOf(statusOf(decided)!, disabledChildAllowanceKokpekty2012, calendar), undefined, 'none once decided')
  assert.is(citizenDeadlineOf(statusOf(k.history(k.authorize(A.serviceId, 'portal')))!, disabledChildAllowanceKokpekty2012, calendar), undefined, 'none before registration')
})

test.run()
