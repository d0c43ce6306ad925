/**
 * Housing assistance (seed 003): ЦОН intake refuses an incomplete package and gives the receipt for a complete one;
 * the portal reads the state information systems; the provider’s procedure takes 9 calendar days plus minutes;
 * a result not collected within a month goes back to the provider.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider } from '../../src/application/decider.js'
import type { ApplicationEvent } from '../../src/application/events.js'
import { housingAssistanceKaraganda2014 as def } from '../../src/service/housing-assistance.js'
import { kazakhstanOfficial } from '../../src/service/kazakhstan-holidays.js'
import { progressOf } from '../../src/service/overdue.js'
import { statusOf } from '../../src/status/application-status.js'
import { describeRejection } from '../../src/messages/index.js'
import { spec } from '../../src/testing/index.js'
import { caseOf, toChecked } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, k.context).given
const H = caseOf('housing-assistance')
const atCentre = () => k.history(k.authorize(H.serviceId, 'service_centre'), k.checkPerson())
const returned = (returnedOn: string) => k.cmd('return_unclaimed', { returnedOn, registryRef: 'реестр № 4' } as never)

test('ЦОН: an incomplete package is refused at intake, naming what is missing; nothing reaches the provider', () => {
  const c = k.checkPackage(['справка о доходах', 'квитанции'])
  given(atCentre()).when(c).then([{
    type: 'rejected', schema: 1, applicationId: k.APP, commandId: c.commandId, at: c.at,
    reason: { code: 'package_incomplete', missing: ['справка о доходах', 'квитанции'] },
  } as never])
  const refused = k.history(k.authorize(H.serviceId, 'service_centre'), k.checkPerson(), c)
  given(refused).when(k.sign(H.request)).thenFails({ code: 'not_allowed', command: 'sign', stage: 'rejected' })
  assert.ok(describeRejection((refused.at(-1) as Extract<ApplicationEvent, { type: 'rejected' }>).reason, 'ru').includes('справка о доходах; квитанции'))
})

test('ЦОН: the package is checked after the ГБД ФЛ look-up and before signing', () => {
  given(k.history(k.authorize(H.serviceId, 'service_centre'))).when(k.checkPackage())
    .thenFails({ code: 'step_skipped', command: 'check_package', missing: 'check_person' })
  given(atCentre()).when(k.sign(H.request)).thenFails({ code: 'step_skipped', command: 'sign', missing: 'check_package' })
  const [e] = given(atCentre()).when(k.checkPackage()).thenEvents(([x]) => x?.type === 'checked')
  assert.ok(e?.type === 'checked' && e.check.kind === 'package' && e.check.receipt.collectOn === '2024-03-15')
  assert.is(e.check.kind === 'package' && e.check.receipt.documents.length, 3)
})

test('portal: no package check (wrong channel); the state information systems are read after registration', () => {
  const authorized = k.history(k.authorize(H.serviceId, 'portal'))
  given(authorized).when(k.checkPackage()).thenFails({ code: 'wrong_channel', command: 'check_package', channel: 'portal' })
  const registered = k.history(k.authorize(H.serviceId, 'portal'), k.sign(H.request), k.register())
  given(registered).when(k.checkDocuments()).thenFails({ code: 'step_skipped', command: 'check_documents', missing: 'check_record' })
  given(registered).when(k.checkRecord('state_information_systems', false))
    .thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'record_not_found' && e.reason.registry === 'state_information_systems')
})

test('ЦОН: the state information systems check belongs to the portal only', () => {
  const registered = k.history(k.authorize(H.serviceId, 'service_centre'), k.checkPerson(), k.checkPackage(), k.sign(H.request), k.register())
  given(registered).when(k.checkRecord('state_information_systems')).thenFails({ code: 'wrong_channel', command: 'check_record', channel: 'service_centre' })
  given(registered).when(k.checkDocuments()).thenEvents(([e]) => e?.type === 'checked')
})

test('an unclaimed result goes back to the provider after a month from the collection date on the receipt', () => {
  const issued = k.history(...toChecked(H, 'service_centre'), H.decision())
  given(issued).when(returned('2024-04-14')).thenFails({ code: 'inconsistent', command: 'return_unclaimed', detail: 'unclaimed_period_not_over', subject: '2024-04-15' })
  const [e] = given(issued).when(returned('2024-04-15')).thenEvents(([x]) => x?.type === 'result_returned_unclaimed')
  assert.is(statusOf([...issued, e!])?.status, 'returned_unclaimed')
  given([...issued, e!]).when(returned('2024-04-20')).thenFails({ code: 'not_allowed', command: 'return_unclaimed', stage: 'result_issued' })
})

test('a collected result is not returned; the portal has nothing to return', () => {
  const issued = k.history(...toChecked(H, 'service_centre'), H.decision(), k.viewResult())
  given(issued).when(returned('2024-05-01')).thenFails({ code: 'inconsistent', command: 'return_unclaimed', detail: 'result_already_collected' })
  const online = k.history(...toChecked(H, 'portal'), H.decision())
  given(online).when(returned('2024-05-01')).thenFails({ code: 'wrong_channel', command: 'return_unclaimed', channel: 'portal' })
})

test('the provider’s procedure: 30 min resolution + 9 calendar days after registration, then 30 + 15 min to hand over', () => {
  const calendar = kazakhstanOfficial()
  const events = k.history(...toChecked(H, 'service_centre'))
  const upTo = (type: string, at: string) => events.slice(0, events.findIndex((e) => e.type === type) + 1).map((e) => ({ ...e, at }) as ApplicationEvent)
  const registered = upTo('registered', '2024-03-01T05:00:00.000Z')
  const p = progressOf(def, calendar, { applicationId: k.APP as never, channel: 'service_centre', facts: k.factsOf(registered) })
  assert.ok(p.kind === 'pending')
  assert.equal(p.covers, [10, 11])
  assert.is(p.dueAt, '2024-03-10T05:30:00.000Z')
  const checked = events.map((e) => ({ ...e, at: '2024-03-05T05:00:00.000Z' }) as ApplicationEvent)
  const q = progressOf(def, calendar, { applicationId: k.APP as never, channel: 'service_centre', facts: k.factsOf(checked) })
  assert.ok(q.kind === 'pending')
  assert.equal(q.covers, [13, 14])
  assert.is(q.dueAt, '2024-03-05T05:45:00.000Z')
})

test('the definition keeps what the seed prints apart from what we inferred', () => {
  const centre = def.channels[0]
  const written = centre.steps.filter((s) => s.deadline.basis === 'as_written').map((s) => s.number)
  assert.equal(written, [9, 10, 11, 12, 13, 14])
  assert.equal(centre.steps[10]?.deadline.range.max, { amount: 9, unit: 'calendar_days' })
})

test.run()
