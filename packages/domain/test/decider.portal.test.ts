import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider } from '../src/application/decider.js'
import type { SignatureFailure } from '../src/application/rejection.js'
import { spec } from '../src/testing/index.js'
import * as f from './fixtures.js'

const given = spec(applicationDecider, f.context).given

test('portal: authorization granted → authorized', () => {
  const c = f.authorize('portal')
  given([]).when(c).then([{
    type: 'authorized', schema: 1, applicationId: f.APP, commandId: c.commandId, at: c.at,
    serviceId: 'housing-queue', providerId: f.PROVIDER, channel: 'portal', applicantIin: f.APPLICANT,
  } as never])
})

test('portal: authorization refused → rejected (step 2), terminal', () => {
  const c = f.authorize('portal', 'refused')
  const [e] = given([]).when(c).then([{ type: 'rejected', schema: 1, applicationId: f.APP, commandId: c.commandId, at: c.at, reason: { code: 'authorization_refused' } } as never])
  given([e!]).when(f.sign()).thenFails({ code: 'not_allowed', command: 'sign', stage: 'rejected' })
})

test('portal: valid signature of the applicant → checked(signature) + signed', () => {
  const events = given(f.history(f.authorize())).when(f.sign()).thenEvents((es) => es.length === 2)
  assert.equal(events.map((e) => e.type), ['checked', 'signed'])
  const checked = events[0]!
  assert.ok(checked.type === 'checked' && checked.check.kind === 'signature' && checked.check.signer.iin === f.APPLICANT)
})

const failures: SignatureFailure[] = [
  'certificate_expired', 'certificate_not_yet_valid', 'certificate_revoked', 'untrusted_issuer',
  'wrong_key_usage', 'iin_mismatch', 'signature_invalid', 'unsupported_algorithm',
]
for (const failure of failures) {
  test(`portal: signature not confirmed (${failure}) → rejected with that cause (step 4)`, () => {
    given(f.history(f.authorize())).when(f.sign({ valid: false, failure, detail: `test: ${failure}` })).thenEvents((es) => {
      const [e] = es
      assert.is(es.length, 1)
      assert.ok(e?.type === 'rejected' && e.reason.code === 'signature_not_confirmed' && e.reason.failure === failure)
    })
  })
}

test('portal: a valid signature by another person is an IIN mismatch (condition 2)', () => {
  given(f.history(f.authorize())).when(f.sign(f.validSignature(f.OTHER_IIN))).thenEvents(([e]) => {
    assert.ok(e?.type === 'rejected' && e.reason.code === 'signature_not_confirmed' && e.reason.failure === 'iin_mismatch')
  })
})

test('portal: registered with a request number (step 6)', () => {
  const c = f.register('000777')
  given(f.history(f.authorize(), f.sign())).when(c).then([
    { type: 'registered', schema: 1, applicationId: f.APP, commandId: c.commandId, at: c.at, requestNumber: '000777' } as never,
  ])
})

test('portal: documents do not conform → motivated refusal with reasons and the right to appeal (step 7)', () => {
  const reasons = ['нет справки о доходах за 12 месяцев']
  given(f.history(f.authorize(), f.sign(), f.register())).when(f.checkDocuments(reasons)).thenEvents(([e]) => {
    assert.ok(e?.type === 'rejected' && e.reason.code === 'documents_nonconforming')
    assert.equal(e.reason.code === 'documents_nonconforming' && e.reason.reasons, reasons)
    assert.ok(e.reason.code === 'documents_nonconforming' && e.reason.appealable)
  })
})

test('portal: full path to queued (step 8) carries list, filing time and queue number', () => {
  const events = f.portalQueued()
  assert.equal(events.map((e) => e.type), ['authorized', 'checked', 'signed', 'registered', 'checked', 'queued'])
  const q = events[5]!
  assert.ok(q.type === 'queued')
  assert.equal(q.list, { providerId: f.PROVIDER, category: 'socially_vulnerable' })
  assert.is(q.requestNumber, '000123')
  assert.is(q.applicantIin, f.APPLICANT)
  assert.is(q.queueNumberAtRegistration, 57)
})

test('commands out of order are typed errors', () => {
  const authorized = f.history(f.authorize())
  given(authorized).when(f.register()).thenFails({ code: 'step_skipped', command: 'register', missing: 'sign' })
  given(authorized).when(f.queue()).thenFails({ code: 'not_allowed', command: 'queue', stage: 'authorized' })
  const registered = f.history(f.authorize(), f.sign(), f.register())
  given(registered).when(f.queue()).thenFails({ code: 'step_skipped', command: 'queue', missing: 'check_documents' })
  given(f.history(f.authorize(), f.sign())).when(f.checkDocuments()).thenFails({ code: 'step_skipped', command: 'check_documents', missing: 'register' })
  given(f.history(f.authorize(), f.sign())).when(f.sign()).thenFails({ code: 'not_allowed', command: 'sign', stage: 'signed' })
  given([]).when(f.sign()).thenFails({ code: 'not_allowed', command: 'sign', stage: 'new' })
  given(authorized).when(f.authorize()).thenFails({ code: 'not_allowed', command: 'authorize', stage: 'authorized' })
})

test('queue a rejected application is refused', () => {
  const rejected = f.history(f.authorize(), f.sign(), f.register(), f.checkDocuments(['нет документов']))
  given(rejected).when(f.queue()).thenFails({ code: 'not_allowed', command: 'queue', stage: 'rejected' })
})

test('portal channel has no ГБД ФЛ or ЕНИС step', () => {
  given(f.history(f.authorize())).when(f.checkPerson()).thenFails({ code: 'wrong_channel', command: 'check_person', channel: 'portal' })
  given(f.history(f.authorize())).when(f.checkPoa()).thenFails({ code: 'wrong_channel', command: 'check_power_of_attorney', channel: 'portal' })
})

test('filing time after the decision is inconsistent', () => {
  const checked = f.history(f.authorize(), f.sign(), f.register(), f.checkDocuments())
  given(checked).when(f.queue({ filedAt: '2099-01-01T00:00:00.000Z' })).thenFails({ code: 'inconsistent', command: 'queue', detail: 'filed_after_decision' })
})

test('every command is idempotent: the same command id twice produces nothing new', () => {
  given([]).when(f.authorize()).thenIdempotent()
  given(f.history(f.authorize())).when(f.sign()).thenIdempotent()
  given(f.history(f.authorize(), f.sign())).when(f.register()).thenIdempotent()
  const a = f.authorize()
  const events = f.history(a)
  given(events).when(a).thenNothingHappened()
})

test('a command for another application is refused', () => {
  given(f.history(f.authorize())).when(f.sign(undefined, undefined)).thenEvents(() => true)
  const other = { ...f.register(), applicationId: 'app-2' } as never
  given(f.history(f.authorize(), f.sign())).when(other).thenFails((e) => e.code === 'application_mismatch')
})

test.run()
