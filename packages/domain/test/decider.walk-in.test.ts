import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider } from '../src/application/decider.js'
import { spec } from '../src/testing/index.js'
import * as f from './fixtures.js'

const given = spec(applicationDecider, f.context).given
const OFFICER = '800416100254'

test('provider desk: full path — authorized, ГБД ФЛ found, officer signs, registered, checked, queued', () => {
  const events = f.history(
    f.authorize('provider_desk'), f.checkPerson(), f.sign(f.validSignature(OFFICER)), f.register(), f.checkDocuments(), f.queue(),
  )
  assert.equal(events.map((e) => e.type), ['authorized', 'checked', 'checked', 'signed', 'registered', 'checked', 'queued'])
  const signed = events[3]!
  assert.ok(signed.type === 'signed' && signed.signerIin === OFFICER, 'the officer, not the citizen, signs at the desk')
})

test('provider desk: person not in ГБД ФЛ → rejected (step 4)', () => {
  given(f.history(f.authorize('provider_desk'))).when(f.checkPerson(false)).thenEvents(([e]) => {
    assert.ok(e?.type === 'rejected' && e.reason.code === 'person_not_found')
  })
})

test('provider desk: signing before the ГБД ФЛ look-up is a skipped step', () => {
  given(f.history(f.authorize('provider_desk'))).when(f.sign(f.validSignature(OFFICER)))
    .thenFails({ code: 'step_skipped', command: 'sign', missing: 'check_person' })
})

test('provider desk: the officer signature that fails verification is a refusal', () => {
  given(f.history(f.authorize('provider_desk'), f.checkPerson()))
    .when(f.sign({ valid: false, failure: 'certificate_revoked', detail: 'serial 01ab on CRL' }))
    .thenEvents(([e]) => assert.ok(e?.type === 'rejected' && e.reason.code === 'signature_not_confirmed'))
})

test('provider desk: no ЕНИС step and no representative', () => {
  const h = f.history(f.authorize('provider_desk'), f.checkPerson())
  given(h).when(f.checkPoa()).thenFails({ code: 'wrong_channel', command: 'check_power_of_attorney', channel: 'provider_desk' })
  given(h).when(f.sign(f.validSignature(OFFICER), f.request({ representativeIin: f.REPRESENTATIVE })))
    .thenFails({ code: 'wrong_channel', command: 'sign', channel: 'provider_desk' })
})

test('provider desk: documents rejected after registration (step 7)', () => {
  const h = f.history(f.authorize('provider_desk'), f.checkPerson(), f.sign(f.validSignature(OFFICER)), f.register())
  given(h).when(f.checkDocuments(['справка с места работы не приложена'])).thenEvents(([e]) =>
    assert.ok(e?.type === 'rejected' && e.reason.code === 'documents_nonconforming'))
})

test('ЦОН: full path with a representative under a notarised power of attorney', () => {
  const events = f.history(
    f.authorize('service_centre'), f.checkPerson(), f.checkPoa(),
    f.sign(f.validSignature(OFFICER), f.request({ representativeIin: f.REPRESENTATIVE })),
    f.register(), f.checkDocuments(), f.queue(),
  )
  assert.equal(events.map((e) => e.type), ['authorized', 'checked', 'checked', 'checked', 'signed', 'registered', 'checked', 'queued'])
  const poa = events[2]!
  assert.ok(poa.type === 'checked' && poa.check.kind === 'power_of_attorney' && poa.check.representativeIin === f.REPRESENTATIVE)
})

test('ЦОН: full path without a representative needs no ЕНИС look-up', () => {
  const events = f.history(f.authorize('service_centre'), f.checkPerson(), f.sign(f.validSignature(OFFICER)), f.register(), f.checkDocuments(), f.queue())
  assert.is(events.at(-1)?.type, 'queued')
})

test('ЦОН: power of attorney not in ЕНИС → rejected (step 4)', () => {
  given(f.history(f.authorize('service_centre'), f.checkPerson())).when(f.checkPoa(false)).thenEvents(([e]) => {
    assert.ok(e?.type === 'rejected' && e.reason.code === 'power_of_attorney_not_found')
  })
})

test('ЦОН: person not in ГБД ФЛ → rejected (step 4)', () => {
  given(f.history(f.authorize('service_centre'))).when(f.checkPerson(false)).thenEvents(([e]) =>
    assert.ok(e?.type === 'rejected' && e.reason.code === 'person_not_found'))
})

test('ЦОН: a representative whose power of attorney was not checked cannot sign', () => {
  const h = f.history(f.authorize('service_centre'), f.checkPerson())
  given(h).when(f.sign(f.validSignature(OFFICER), f.request({ representativeIin: f.REPRESENTATIVE })))
    .thenFails({ code: 'step_skipped', command: 'sign', missing: 'check_power_of_attorney' })
  const checkedOther = f.history(f.authorize('service_centre'), f.checkPerson(), f.checkPoa(true, f.SUCCESSOR))
  given(checkedOther).when(f.sign(f.validSignature(OFFICER), f.request({ representativeIin: f.REPRESENTATIVE })))
    .thenFails({ code: 'inconsistent', command: 'sign', detail: 'representative_not_confirmed' })
})

test('ЦОН: look-ups are not repeated', () => {
  const h = f.history(f.authorize('service_centre'), f.checkPerson(), f.checkPoa())
  given(h).when(f.checkPerson()).thenFails({ code: 'not_allowed', command: 'check_person', stage: 'authorized' })
  given(h).when(f.checkPoa()).thenFails({ code: 'not_allowed', command: 'check_power_of_attorney', stage: 'authorized' })
})

test.run()
