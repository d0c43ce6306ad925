import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decodeCommand } from '../src/application/commands.js'
import type * as t from 'io-ts'
import { allEventCodecs, ApplicationEvent, decodeEvent, eventTypes } from '../src/application/events.js'
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

/**
 * decodeEvent answers from the codec's guard when it accepts (events.ts): sound only while every event codec decodes
 * a value to itself. These kinds do; a transforming or stripping one (exact, strict, a custom `Type`) fails here.
 */
const IDENTITY_KINDS = new Set(['InterfaceType', 'PartialType', 'IntersectionType', 'UnionType', 'RefinementType', 'ReadonlyType',
  'ArrayType', 'ReadonlyArrayType', 'LiteralType', 'KeyofType', 'StringType', 'NumberType', 'BooleanType', 'NullType',
  'UndefinedType', 'PersonalType'])

const kindsUnder = (codec: t.Any, seen = new Set<t.Any>()): string[] => {
  if (seen.has(codec)) return []
  seen.add(codec)
  const c = codec as t.Any & { _tag?: string; props?: t.Props; types?: readonly t.Any[]; type?: t.Any }
  const children = [...Object.values(c.props ?? {}), ...(c.types ?? []), ...(c.type === undefined ? [] : [c.type])]
  return [`${c._tag ?? 'untagged'}:${c.name}`, ...children.flatMap((x) => kindsUnder(x, seen))]
}

test('every event codec decodes a value to itself, so its guard may answer for it', () => {
  for (const [type, codec] of Object.entries(allEventCodecs)) {
    for (const kind of kindsUnder(codec)) assert.ok(IDENTITY_KINDS.has(kind.split(':')[0] as string), `${type}: ${kind}`)
  }
  for (const e of lifecycle()) {
    const input = JSON.parse(JSON.stringify(e)) as unknown
    const codec = allEventCodecs[e.type] as unknown as t.Any
    const decoded = codec.decode(input)
    assert.ok(E.isRight(decoded) && decoded.right === input, `${e.type}: decode returned a copy`)
    assert.ok(codec.is(input), e.type)
  }
})

test('the guard and the full decode agree on every mutated event', () => {
  let seed = 11
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
  const values: unknown[] = [null, undefined, 0, -1, 2.5, '', 'x', '000000000000', f.APPLICANT, '2024-02-30T00:00:00Z', true, [], {}, [1], { a: 1 }]
  const mutate = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return random() < 0.6 ? values[Math.floor(random() * values.length)] : v
    const copy: Record<string, unknown> = Array.isArray(v) ? ([...v] as never) : { ...(v as Record<string, unknown>) }
    const keys = Object.keys(copy)
    const k = keys[Math.floor(random() * keys.length)]
    if (k === undefined) return copy
    const r = random()
    if (r < 0.15 && !Array.isArray(copy)) delete copy[k]
    else if (r < 0.25) copy[`extra${Math.floor(random() * 3)}`] = values[Math.floor(random() * values.length)]
    else copy[k] = mutate(copy[k])
    return copy
  }
  const events = lifecycle().map((e) => JSON.parse(JSON.stringify(e)) as ApplicationEvent)
  let refused = 0
  for (let i = 0; i < 20_000; i++) {
    const e = events[i % events.length] as ApplicationEvent
    const m = mutate(mutate(e))
    const codec = allEventCodecs[e.type] as unknown as t.Any
    const full = E.isRight(codec.decode(m))
    assert.is(codec.is(m), full, JSON.stringify(m))
    if ((m as { type?: unknown }).type === e.type) assert.is(E.isRight(decodeEvent(m)), full, JSON.stringify(m))
    if (!full) refused += 1
  }
  // The mutations must reach both answers, or the agreement says nothing.
  assert.ok(refused > 5_000 && refused < 19_000, `${refused} refused`)
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
