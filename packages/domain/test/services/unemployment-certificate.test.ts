/**
 * The unemployment certificate: the result document's data, and the source's conflicting terms kept per channel —
 * 10 minutes via the portal and the provider's desk, 3 working days via ЦОН.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider } from '../../src/application/decider.js'
import type { Channel } from '../../src/application/channel.js'
import type { ApplicationEvent } from '../../src/application/events.js'
import { channelOf } from '../../src/service/definition.js'
import { kazakhstanOfficial } from '../../src/service/kazakhstan-holidays.js'
import { listOverdue, progressOf } from '../../src/service/overdue.js'
import { unemploymentCertificateKokpekty2012 as def } from '../../src/service/unemployment-certificate.js'
import { statusOf } from '../../src/status/application-status.js'
import { spec } from '../../src/testing/index.js'
import { caseOf, toChecked } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, k.context).given
const U = caseOf('unemployment-certificate')

const checkedAt = (channel: Channel, at: string): ApplicationEvent[] =>
  k.history(...toChecked(U, channel)).map((e) => ({ ...e, at }) as ApplicationEvent)

test('the certificate carries the registration date, the period and what it is for', () => {
  const checked = k.history(...toChecked(U, 'portal'))
  const c = k.issue({ kind: 'unemployment_certificate', registeredOn: '2023-01-10', periodFrom: '2023-01-01', periodTo: '2023-12-31', presentTo: 'по месту требования' } as never, '2024-03-01')
  given(checked).when(c).then([{
    type: 'result_issued', schema: 1, applicationId: k.APP, commandId: c.commandId, at: c.at,
    result: { kind: 'unemployment_certificate', registeredOn: '2023-01-10', periodFrom: '2023-01-01', periodTo: '2023-12-31', presentTo: 'по месту требования' },
    issuedOn: '2024-03-01', documentDigest: '12'.repeat(32),
  } as never])
  const s = statusOf([...checked, ...given(checked).when(c).thenEvents(() => true)])
  assert.is(s?.status, 'result_issued')
  assert.ok(s?.outcome?.kind === 'issued' && s.outcome.result.kind === 'unemployment_certificate' && s.outcome.validUntil === undefined)
})

test('a period that ends before it starts, or another service’s document → typed errors', () => {
  const checked = k.history(...toChecked(U, 'provider_desk'))
  given(checked).when(k.issue({ kind: 'unemployment_certificate', registeredOn: '2023-01-10', periodFrom: '2023-12-31', periodTo: '2023-01-01' } as never))
    .thenFails({ code: 'inconsistent', command: 'issue_result', detail: 'period_reversed', serviceId: 'unemployment-certificate', subject: 'unemployment_certificate' })
  given(checked).when(k.issue({ kind: 'guardianship_certificate', certificateNumber: '1', appointmentDecision: '№ 1', appointedOn: '2020-01-01' } as never))
    .thenFails({ code: 'inconsistent', command: 'issue_result', detail: 'result_not_offered', serviceId: 'unemployment-certificate', subject: 'guardianship_certificate' })
})

test('terms kept per channel: the last step is 10 minutes via portal and desk, 3 working days via ЦОН', () => {
  const last = (ch: Channel) => channelOf(def, ch)?.steps.at(-1)?.deadline.range.max
  assert.equal(last('portal'), { amount: 10, unit: 'minutes' })
  assert.equal(last('provider_desk'), { amount: 10, unit: 'minutes' })
  assert.equal(last('service_centre'), { amount: 3, unit: 'working_days' })
})

test('overdue: a portal application 11 minutes after the check is late; a ЦОН one is not, until its third working day ends', () => {
  const calendar = kazakhstanOfficial()
  // Checked on Thursday 20 March 2025, 10:00 local (05:00Z). Nauryz 21–23 March and its carried-over days 24–25
  // March are rest days: the three working days are 26, 27 and 28 March.
  const portal = checkedAt('portal', '2025-03-20T05:00:00.000Z')
  const centre = checkedAt('service_centre', '2025-03-20T05:00:00.000Z').map((e) => ({ ...e, applicationId: 'app-centre' }) as ApplicationEvent)
  const apps = [
    { applicationId: k.APP as never, channel: 'portal' as const, facts: k.factsOf(portal) },
    { applicationId: 'app-centre' as never, channel: 'service_centre' as const, facts: k.factsOf(centre) },
  ]
  const p = progressOf(def, calendar, apps[1]!)
  assert.ok(p.kind === 'pending')
  assert.is(p.dueAt, '2025-03-28T19:00:00.000Z')
  const soon = listOverdue(def, calendar, '2025-03-20T05:11:00.000Z' as never, apps)
  assert.equal(soon.overdue.map((o) => o.applicationId), [k.APP])
  assert.equal(soon.overdue[0]?.overdueBy, { amount: 1, unit: 'minutes' })
  const later = listOverdue(def, calendar, '2025-03-28T19:00:01.000Z' as never, apps)
  assert.equal(later.overdue.map((o) => o.applicationId), [k.APP, 'app-centre'])
  const stillOnTime = listOverdue(def, calendar, '2025-03-28T18:59:59.000Z' as never, apps)
  assert.not.ok(stillOnTime.overdue.some((o) => o.applicationId === 'app-centre'))
})

test('issuing twice is refused; a retry of the same command is nothing', () => {
  const checked = k.history(...toChecked(U, 'portal'))
  const c = U.decision()
  const issued = given(checked).when(c).thenIdempotent()
  given([...checked, ...issued]).when(U.decision()).thenFails({ code: 'not_allowed', command: 'issue_result', stage: 'result_issued' })
})

test.run()
