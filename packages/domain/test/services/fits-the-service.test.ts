/**
 * One decider, eight services: a command that does not fit the service the application was authorized for is a
 * typed DomainError and records nothing; the housing queue is decided as before.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider, createApplicationDecider, strictApplicationDecider } from '../../src/application/decider.js'
import { decodeCommand } from '../../src/application/commands.js'
import { decodeEvent, ApplicationEvent, allEventTypes, eventTypes } from '../../src/application/events.js'
import { serviceCatalog, strictRulesOf } from '../../src/service/catalog.js'
import { spec } from '../../src/testing/index.js'
import * as f from '../fixtures.js'
import { caseOf, cases, toChecked } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, f.context).given
const U = caseOf('unemployment-certificate')
const KG = caseOf('kindergarten-queue')

test('a queue decision for a certificate service is refused', () => {
  given(k.history(...toChecked(U, 'portal'))).when(k.queue({ category: 'socially_vulnerable' }))
    .thenFails({ code: 'inconsistent', command: 'queue', detail: 'command_not_in_service', serviceId: 'unemployment-certificate' })
})

test('issue_result for the housing queue is refused', () => {
  const checked = f.history(f.authorize('portal'), f.sign(), f.register(), f.checkDocuments())
  given(checked).when(U.decision()).thenFails({ code: 'inconsistent', command: 'issue_result', detail: 'command_not_in_service', serviceId: 'housing-queue' })
})

test('the housing request under another service, and another service’s request under housing, are refused', () => {
  given(k.history(k.authorize('kindergarten-queue', 'portal'))).when(f.sign())
    .thenFails({ code: 'inconsistent', command: 'sign', detail: 'request_not_for_service', serviceId: 'kindergarten-queue', subject: 'housing' })
  given(f.history(f.authorize('portal'))).when(k.sign(KG.request))
    .thenFails({ code: 'inconsistent', command: 'sign', detail: 'request_not_for_service', serviceId: 'housing-queue', subject: 'kindergarten-queue' })
  given(k.history(k.authorize('unemployment-certificate', 'portal'))).when(k.sign(KG.request))
    .thenFails((e) => e.code === 'inconsistent' && e.detail === 'request_not_for_service' && e.subject === 'kindergarten-queue')
})

test('the housing queue does not accept the kindergarten Journal as a list', () => {
  const checked = f.history(f.authorize('portal'), f.sign(), f.register(), f.checkDocuments())
  given(checked).when(f.queue({ category: 'preschool_journal' }))
    .thenFails({ code: 'inconsistent', command: 'queue', detail: 'list_not_offered', serviceId: 'housing-queue', subject: 'preschool_journal' })
})

test('services without intake or register checks refuse those commands', () => {
  const authorized = k.history(k.authorize('kindergarten-queue', 'service_centre'), k.checkPerson())
  given(authorized).when(k.checkPackage()).thenFails({ code: 'inconsistent', command: 'check_package', detail: 'command_not_in_service', serviceId: 'kindergarten-queue' })
  const housing = f.history(f.authorize('service_centre'), f.checkPerson())
  given(housing).when(k.checkPackage()).thenFails((e) => e.code === 'inconsistent' && e.detail === 'command_not_in_service')
})

test('an unknown service id: decided as the housing queue (as before), refused by the strict decider', () => {
  const other = { ...f.authorize('portal'), serviceId: 'akimat-own-housing' } as never
  spec(applicationDecider, f.context).given([]).when(other).thenEvents(([e]) => e?.type === 'authorized')
  spec(strictApplicationDecider).given([]).when(other)
    .thenFails({ code: 'inconsistent', command: 'authorize', detail: 'unknown_service', serviceId: 'akimat-own-housing' })
})

test('createApplicationDecider runs an akimat’s own catalogue: here, the certificate without its portal', () => {
  const rules = serviceCatalog['unemployment-certificate'].rules
  const deskOnly = createApplicationDecider((id) => (id === rules.serviceId ? { ...rules, channels: ['provider_desk'] } : strictRulesOf(id)))
  spec(deskOnly).given([]).when(k.authorize('unemployment-certificate', 'portal')).thenFails((e) => e.code === 'inconsistent' && e.detail === 'channel_not_offered')
  spec(deskOnly).given([]).when(k.authorize('unemployment-certificate', 'provider_desk')).thenEvents(([e]) => e?.type === 'authorized')
})

test('the housing queue is decided exactly as before: same events for the same commands', () => {
  const events = f.portalQueued()
  assert.equal(events.map((e) => e.type), ['authorized', 'checked', 'signed', 'registered', 'checked', 'queued'])
  const q = events.at(-1)
  assert.ok(q?.type === 'queued' && !('journal' in q))
})

test('every new command and event round-trips its codec; the original vocabulary is unchanged', () => {
  assert.is(eventTypes.length, 13)
  assert.equal(allEventTypes.slice(13), ['request_signed', 'result_issued', 'result_returned_unclaimed', 'deadline_extended'])
  for (const c of cases) {
    for (const channel of serviceCatalog[c.serviceId as keyof typeof serviceCatalog].rules.channels) {
      const commands = [...toChecked(c, channel), c.decision()]
      for (const cmd of commands) {
        const back = decodeCommand(JSON.parse(JSON.stringify(cmd)))
        assert.ok(E.isRight(back), `${c.serviceId}/${cmd.type}: ${JSON.stringify(E.isLeft(back) && back.left)}`)
      }
      for (const e of k.history(...commands)) {
        const back = decodeEvent(JSON.parse(JSON.stringify(ApplicationEvent.encode(e))))
        assert.equal(E.isRight(back) && back.right, e, `${c.serviceId}/${e.type}`)
      }
    }
  }
})

test('malformed service data are decode errors: a non-IIN child, a float amount, an unknown result kind', () => {
  assert.ok(E.isLeft(decodeCommand({ ...k.sign(KG.request), request: { ...KG.request, child: { iin: '123' } } })))
  assert.ok(E.isLeft(decodeCommand(k.issue({ kind: 'housing_assistance_notice', monthlyTiyn: 4500.5, periodFrom: '2024-01-01', periodTo: '2024-02-01' } as never))))
  assert.ok(E.isLeft(decodeCommand(k.issue({ kind: 'lottery_win' } as never))))
  assert.ok(E.isLeft(decodeCommand(k.cmd('return_unclaimed', { returnedOn: 'soon', registryRef: 'r' } as never))))
})

test.run()
