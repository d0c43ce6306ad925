import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decodeCommand } from '../src/application/commands.js'
import { ApplicationEvent, decodeEvent, eventTypes } from '../src/application/events.js'
import { Envelope } from '../src/envelope/envelope.js'
import * as f from './fixtures.js'

const lifecycle = () => {
  const queued = f.portalQueued()
  return [
    ...queued,
    ...f.history(f.authorize('service_centre'), f.checkPerson(), f.checkPoa(),
      f.sign(f.validSignature('800416100254'), f.request({ representativeIin: f.REPRESENTATIVE }))).map((e) => ({ ...e, applicationId: 'app-2' }) as typeof e),
  ]
}

test('every event round-trips through JSON and its codec unchanged', () => {
  const events = lifecycle()
  for (const e of events) {
    const back = decodeEvent(JSON.parse(JSON.stringify(ApplicationEvent.encode(e))))
    assert.ok(E.isRight(back), e.type)
    assert.equal(E.isRight(back) && back.right, e)
  }
})

test('unknown event types are a typed error, not an exception', () => {
  for (const input of [{ type: 'teleported' }, { type: 42 }, null, 'queued', undefined, [], { type: 'constructor' }, { type: '__proto__' }]) {
    const r = decodeEvent(input)
    assert.ok(E.isLeft(r) && r.left.kind === 'unknown_event_type', JSON.stringify(input))
  }
})

test('malformed payloads of known types are decode errors naming the problem', () => {
  const [authorized] = f.portalQueued()
  const bad = [
    { ...authorized, applicantIin: '821214240092' },
    { ...authorized, schema: 2 },
    { ...authorized, at: 'yesterday' },
    { ...authorized, channel: 'telegram' },
    { ...authorized, applicationId: '' },
  ]
  for (const b of bad) {
    const r = decodeEvent(b)
    assert.ok(E.isLeft(r) && r.left.kind === 'decode_error' && r.left.errors.length > 0, JSON.stringify(b))
  }
})

test('commands decode from untrusted JSON; bad ones are typed errors', () => {
  const good = f.queue()
  assert.ok(E.isRight(decodeCommand(JSON.parse(JSON.stringify(good)))))
  const cases: unknown[] = [
    { ...good, familySize: 0 },
    { ...good, familySize: 2.5 },
    { ...good, queueNumberAtRegistration: -1 },
    { ...good, commissionDecisionDate: '2024-13-45' },
    { ...f.authorize(), applicantIin: '123456789011' },
    { ...f.checkDocuments(['x']), result: { conforming: false, reasons: [] } },
    { ...f.answer(), quality: 4 },
  ]
  for (const c of cases) assert.ok(E.isLeft(decodeCommand(c)), JSON.stringify(c))
  const unknown = decodeCommand({ type: 'drop_table' })
  assert.ok(E.isLeft(unknown) && unknown.left.kind === 'unknown_command_type')
})

test('every event type has a codec and at least one event in the test histories', () => {
  const seen = new Set(lifecycle().map((e) => e.type))
  for (const t of ['authorized', 'checked', 'signed', 'registered', 'queued']) assert.ok(seen.has(t as never), t)
  assert.is(eventTypes.length, 13)
})

test('the envelope keeps provenance outside the payload and validates it', () => {
  const envelope = {
    eventId: 'e-1', occurredAt: '2024-03-01T04:05:00.000Z', recordedAt: '2024-03-01T04:05:01.000Z',
    actor: { id: f.APPLICANT, role: 'citizen', channel: 'portal' },
    onBehalfOf: { iin: f.REPRESENTATIVE, powerOfAttorney: 'ЕНИС-1' },
    correlationId: 'c-1', causationId: 'cmd-1', ruleVersion: 'housing-queue/almaty-2012@1', schemaVersion: 1,
  }
  assert.ok(E.isRight(Envelope.decode(envelope)))
  assert.ok(E.isLeft(Envelope.decode({ ...envelope, actor: { ...envelope.actor, role: 'king' } })))
})

test.run()
