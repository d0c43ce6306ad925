/**
 * The mapping between the port and `@eventstore/db-client`, tested without a server: the client's own error
 * classes and constants are real objects we can build, and the conversions are pure functions.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type RecordedEvent as ClientRecordedEvent,
} from '@eventstore/db-client'
import {
  appendErrorFrom,
  comparePositionStrings,
  decodePosition,
  encodePosition,
  fromClientEvent,
  fromClientExpected,
  fromCurrentRevision,
  idempotentEventId,
  isSystemEvent,
  readErrorFrom,
  satisfies,
  toClientExpected,
  toEventData,
  toPortEvent,
  uuidV5,
  type KezekMetadata,
} from '../../src/store/eventstoredb/index.js'
import { toRevision } from '../../src/store/eventstoredb/revision.js'
import type { NewEvent } from '../../src/store/port.js'

test('expected revisions map to the client constants and back', () => {
  assert.is(toClientExpected('any'), ANY)
  assert.is(toClientExpected('no_stream'), NO_STREAM)
  assert.is(toClientExpected('stream_exists'), STREAM_EXISTS)
  assert.is(toClientExpected(0), 0n)
  assert.is(toClientExpected(41), 41n)
  for (const e of ['any', 'no_stream', 'stream_exists', 0, 7] as const) assert.is(fromClientExpected(toClientExpected(e)), e)
})

test('the current revision the server reports becomes a number or undefined', () => {
  assert.is(fromCurrentRevision(NO_STREAM), undefined)
  assert.is(fromCurrentRevision(undefined), undefined)
  assert.is(fromCurrentRevision(12n), 12)
  assert.throws(() => toRevision(2n ** 60n), /out of range/)
  assert.throws(() => toRevision(-1n), /out of range/)
})

test('the adapter checks expectations against the actual last revision', () => {
  const table: ReadonlyArray<readonly [Parameters<typeof satisfies>[0], number | undefined, boolean]> = [
    ['any', undefined, true], ['any', 3, true],
    ['no_stream', undefined, true], ['no_stream', 0, false],
    ['stream_exists', undefined, false], ['stream_exists', 0, true],
    [2, 2, true], [2, 3, false], [0, undefined, false],
  ]
  for (const [expected, actual, ok] of table) assert.is(satisfies(expected, actual), ok, `${expected} vs ${actual}`)
})

test('WrongExpectedVersionError becomes wrong_expected_revision with the actual revision', () => {
  const conflict = new WrongExpectedVersionError(undefined, { streamName: 'ns/app-1', expected: 3n, current: 5n })
  assert.equal(appendErrorFrom(conflict, 'app-1', 3), E.right({
    kind: 'wrong_expected_revision', streamId: 'app-1', expected: 3, actual: 5,
  }))
  const missing = new WrongExpectedVersionError(undefined, { streamName: 'ns/app-2', expected: STREAM_EXISTS, current: NO_STREAM })
  assert.equal(appendErrorFrom(missing, 'app-2', 'stream_exists'), E.right({
    kind: 'wrong_expected_revision', streamId: 'app-2', expected: 'stream_exists', actual: undefined,
  }))
})

test('other append failures stay exceptions (nothing written, nothing to decide)', () => {
  const boom = new Error('14 UNAVAILABLE: No connection established')
  const mapped = appendErrorFrom(boom, 's', 'any')
  assert.ok(E.isLeft(mapped))
  assert.is(E.isLeft(mapped) && mapped.left, boom)
})

test('StreamNotFoundError and StreamDeletedError read as stream_not_found', () => {
  assert.equal(readErrorFrom(new StreamNotFoundError(undefined, 'ns/x'), 'x'), E.right({ kind: 'stream_not_found', streamId: 'x' }))
  assert.equal(readErrorFrom(StreamDeletedError.fromStreamName('ns/y'), 'y'), E.right({ kind: 'stream_not_found', streamId: 'y' }))
  const other = new Error('deadline exceeded')
  assert.equal(readErrorFrom(other, 'z'), E.left(other))
})

test('positions encode as "commit:prepare" and round-trip, including the 64-bit maximum', () => {
  const max = 2n ** 64n - 1n
  for (const p of [{ commit: 0n, prepare: 0n }, { commit: 1234n, prepare: 1200n }, { commit: max, prepare: max }]) {
    const s = encodePosition(p)
    assert.equal(decodePosition(s), E.right(p))
  }
  assert.is(encodePosition({ commit: 10n, prepare: 9n }), '10:9')
})

test('malformed positions are typed errors', () => {
  for (const bad of ['', '1', '1:', ':1', 'a:b', '-1:0', '1:2:3', ' 1:2', '18446744073709551616:0']) {
    assert.equal(decodePosition(bad), E.left({ kind: 'invalid_position', position: bad }), bad)
  }
  assert.throws(() => comparePositionStrings('x', '1:1'), /not an EventStoreDB position/)
})

test('positions compare by value, not by text', () => {
  assert.ok(comparePositionStrings('10:0', '9:9') > 0, 'text order would put "10" before "9"')
  assert.ok(comparePositionStrings('5:1', '5:2') < 0)
  assert.is(comparePositionStrings('7:7', '7:7'), 0)
})

test('uuidV5 matches the RFC example and idempotent ids are deterministic', () => {
  // RFC 9562 / Python uuid.uuid5(NAMESPACE_DNS, 'www.example.com')
  assert.is(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2')
  const a = idempotentEventId('app-1', 'cmd-1', 0)
  assert.is(idempotentEventId('app-1', 'cmd-1', 0), a)
  assert.is.not(idempotentEventId('app-1', 'cmd-1', 1), a)
  assert.is.not(idempotentEventId('app-2', 'cmd-1', 0), a)
  assert.is.not(idempotentEventId('a:b', 'c', 0), idempotentEventId('a', 'b:c', 0))
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})

const kezek: KezekMetadata = {
  v: 1, id: 'evt-1', recordedAt: '2024-03-01T04:05:00.000Z', hash: 'a'.repeat(64), previousHash: '0'.repeat(64),
  idempotencyKey: 'cmd-1', index: 0, count: 1,
}

/** What the server hands back for an event the adapter wrote: the same JSON, plus revision, time and position. */
const asServerReturns = (data: ReturnType<typeof toEventData>, streamId: string, revision: bigint, position?: { commit: bigint; prepare: bigint }) =>
  ({
    streamId, id: data.id, isJson: true, revision, type: data.type, created: new Date(0),
    data: JSON.parse(JSON.stringify(data.data)), metadata: JSON.parse(JSON.stringify(data.metadata)),
    ...(position === undefined ? {} : { position }),
  }) as unknown as ClientRecordedEvent

test('an event survives port → ESDB → port with its envelope, chain links and Kazakh text', () => {
  const event: NewEvent = {
    id: 'evt-1', type: 'queued',
    data: { applicationId: 'app-1', note: 'Өтініш тіркелді — «Қазақстан»' },
    metadata: { actor: { id: 'officer-7', role: 'provider_officer', channel: 'provider_desk' }, ruleVersion: 'housing-queue/almaty-2012@1' },
  }
  const wire = toEventData(event, '2ed6657d-e927-568b-95e1-2665a8aea6a2', kezek)
  assert.is(wire.contentType, 'application/json')
  assert.equal((wire.metadata as { envelope: unknown }).envelope, event.metadata)
  const back = fromClientEvent(asServerReturns(wire, 'ns/app-1', 3n, { commit: 900n, prepare: 900n }), 'app-1')
  assert.ok(E.isRight(back))
  if (E.isLeft(back)) return
  assert.equal(toPortEvent(back.right), {
    ...event, streamId: 'app-1', revision: 3, position: '900:900', recordedAt: kezek.recordedAt,
    hash: kezek.hash, previousHash: kezek.previousHash,
  })
})

test('JSON scalars travel wrapped (ESDB wants an object) and come back as scalars', () => {
  for (const data of [null, 42, 'text', true]) {
    const wire = toEventData({ id: 'e', type: 't', data, metadata: null }, 'id', kezek)
    assert.type(wire.data, 'object')
    const back = fromClientEvent(asServerReturns(wire, 's', 0n, { commit: 1n, prepare: 1n }), 's')
    assert.equal(E.isRight(back) && back.right.data, data)
  }
})

test('events that are not ours are told apart, not mis-read', () => {
  const wire = toEventData({ id: 'e', type: 't', data: {}, metadata: null }, 'id', kezek)
  const binary = { ...asServerReturns(wire, 's', 0n, { commit: 1n, prepare: 1n }), isJson: false } as unknown as ClientRecordedEvent
  assert.equal(fromClientEvent(binary, 's'), E.left({ kind: 'not_json', esdbId: 'id' }))
  const foreign = { ...asServerReturns(wire, 's', 0n, { commit: 1n, prepare: 1n }), metadata: { $correlationId: 'x' } } as unknown as ClientRecordedEvent
  assert.equal(fromClientEvent(foreign, 's'), E.left({ kind: 'no_kezek_metadata', esdbId: 'id' }))
  assert.equal(fromClientEvent(asServerReturns(wire, 's', 0n), 's'), E.left({ kind: 'no_position', esdbId: 'id' }))
  // A position known from the read (e.g. $all) fills in when the event itself has none.
  const filled = fromClientEvent(asServerReturns(wire, 's', 0n), 's', { commit: 8n, prepare: 7n })
  assert.is(E.isRight(filled) && filled.right.position, '8:7')
})

test('system streams and system event types are recognised', () => {
  assert.ok(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' }))
  assert.ok(isSystemEvent({ streamId: 'app-1', type: '$metadata' }))
  assert.not.ok(isSystemEvent({ streamId: 'app-1', type: 'queued' }))
})

test.run()
