import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as assert from 'uvu/assert'
import { suite } from 'uvu'
import * as E from 'fp-ts/lib/Either.js'
import {
  applicationDecider,
  categories,
  decodeEvent,
  emptyWaitingList,
  Envelope,
  eventTypes,
  filingOrder,
  hasResult,
  rebuildWaitingList,
  rejectionCodes,
  type ApplicationEvent,
  type ApplicationState,
} from '@kezek/domain'
import {
  appendDecisions,
  generateDecisions,
  generateRecords,
  readNdjson,
  realisticProfile,
  shares,
  toNdjsonLine,
  writeNdjson,
  type GeneratedRecord,
} from '../../src/generator/index.js'
import { openMemoryStore } from '../../src/store/memory.js'

const SIZE = 30_000
const records: readonly GeneratedRecord[] = [...generateRecords({ seed: 7, events: SIZE })]
const events = records.map((r) => r.event)

const test = suite('generator')

test('the same seed gives byte-identical NDJSON; another seed gives another history', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-gen-'))
  try {
    const a = join(dir, 'a.ndjson')
    const b = join(dir, 'b.ndjson')
    const c = join(dir, 'c.ndjson')
    await writeNdjson(a, { seed: 3, events: 4_000 })
    await writeNdjson(b, { seed: 3, events: 4_000 })
    await writeNdjson(c, { seed: 4, events: 4_000 })
    const digest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex')
    assert.is(digest(a), digest(b))
    assert.is.not(digest(a), digest(c))
    assert.is(readFileSync(a, 'utf8').split('\n').filter(Boolean).length, 4_000)
    const back: unknown[] = []
    for await (const line of readNdjson(a)) back.push(line)
    assert.is(back.length, 4_000)
    assert.equal(back[0], JSON.parse(toNdjsonLine([...generateRecords({ seed: 3, events: 1 })][0] as GeneratedRecord)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('exactly the requested number of events, in valid-time order', () => {
  assert.is(records.length, SIZE)
  assert.is([...generateRecords({ seed: 7, events: 0 })].length, 0)
  for (let i = 1; i < records.length; i++) {
    if ((records[i] as GeneratedRecord).event.at < (records[i - 1] as GeneratedRecord).event.at) {
      assert.unreachable(`event ${i} is earlier than event ${i - 1}`)
    }
  }
})

test('every event decodes, every envelope decodes and points at its event', () => {
  const eventIds = new Set<string>()
  for (const [i, r] of records.entries()) {
    const decoded = decodeEvent(JSON.parse(JSON.stringify(r.event)))
    if (E.isLeft(decoded)) assert.unreachable(`event ${i} (${r.event.type}) does not decode: ${JSON.stringify(decoded.left)}`)
    const envelope = Envelope.decode(JSON.parse(JSON.stringify(r.envelope)))
    if (E.isLeft(envelope)) assert.unreachable(`envelope ${i} does not decode`)
    assert.is(r.envelope.occurredAt, r.event.at)
    assert.is(r.envelope.causationId, r.event.commandId)
    assert.ok(r.envelope.recordedAt >= r.envelope.occurredAt)
    assert.is(r.streamId, `application-${r.event.applicationId}`)
    assert.not.ok(eventIds.has(r.envelope.eventId), 'event ids are unique')
    eventIds.add(r.envelope.eventId)
  }
})

/**
 * evolve ignores an event that cannot follow the current stage (it returns the same application), so a stream
 * replays "without decider errors" when every state-changing event changes the state and every command id is new.
 */
const replayStrictly = (stream: readonly ApplicationEvent[]): string | undefined => {
  let state: ApplicationState = applicationDecider.initialState
  let previousCommand: string | undefined
  for (const [i, e] of stream.entries()) {
    const sameCommand = e.commandId === previousCommand
    if (!sameCommand && state.handled.has(e.commandId)) return `event ${i}: command ${e.commandId} replayed`
    const before = state.application
    state = applicationDecider.evolve(state, e)
    const mustChange = !(e.type === 'checked' && e.check.kind === 'signature') && e.type !== 'result_viewed' && e.type !== 'questionnaire_answered'
    if (mustChange && state.application === before) return `event ${i}: ${e.type} cannot follow stage ${before.stage}`
    if (!mustChange && e.type !== 'checked' && !hasResult(before)) return `event ${i}: ${e.type} before any result`
    previousCommand = e.commandId
  }
  return undefined
}

test('every stream replays through the decider state machine, with consistent revisions in a store', async () => {
  const streams = new Map<string, ApplicationEvent[]>()
  for (const r of records) {
    const s = streams.get(r.streamId)
    if (s === undefined) streams.set(r.streamId, [r.event])
    else s.push(r.event)
  }
  for (const [id, stream] of streams) {
    const problem = replayStrictly(stream)
    if (problem !== undefined) assert.unreachable(`${id}: ${problem}`)
  }
  // The check itself can fail: the same facts out of order, or a fact twice, are caught.
  const some = [...streams.values()].find((s) => s.length >= 4) as ApplicationEvent[]
  assert.type(replayStrictly([some[1] as ApplicationEvent, some[0] as ApplicationEvent, ...some.slice(2)]), 'string')
  assert.type(replayStrictly([...some, some[some.length - 1] as ApplicationEvent]), 'string')
  const store = openMemoryStore({ clock: () => new Date('2030-01-01T00:00:00.000Z') })
  const loaded = await appendDecisions(store, generateDecisions({ seed: 7, events: 5_000 }))
  if (E.isLeft(loaded)) assert.unreachable(`append refused: ${JSON.stringify(loaded.left)}`)
  else assert.is(loaded.right.events, 5_000)
  const expected = [...generateRecords({ seed: 7, events: 5_000 })]
  let read = 0
  for await (const e of store.readAll()) {
    const r = expected[read] as GeneratedRecord
    assert.is(e.streamId, r.streamId)
    assert.equal(e.data, JSON.parse(JSON.stringify(r.event)))
    read++
  }
  assert.is(read, 5_000)
  await store.close()
})

test('queue numbers at registration are the positions the waiting list gives at that moment', () => {
  const list = emptyWaitingList(filingOrder)
  let checked = 0
  for (const e of events) {
    list.apply(e)
    if (e.type === 'queued') {
      assert.is(list.position(e.applicationId)?.position, e.queueNumberAtRegistration)
      checked++
    }
  }
  assert.ok(checked > 1_000)
  assert.is(rebuildWaitingList(events, filingOrder).serialize(), list.serialize())
  // Housing goes to the head of each list: an allocated entry was first among the active entries of its list.
  const replay = emptyWaitingList(filingOrder)
  let housed = 0
  for (const e of events) {
    if (e.type === 'housing_allocated') {
      const p = replay.position(e.applicationId)
      assert.ok(p !== undefined && p.position <= 3, `housed from position ${p?.position}`)
      housed++
    }
    replay.apply(e)
  }
  assert.ok(housed > 100)
})

const close = (actual: Readonly<Record<string, number>>, expected: Readonly<Record<string, number>>, tolerance: number) => {
  const want = shares(expected)
  for (const [k, share] of Object.entries(want)) {
    const got = actual[k] ?? 0
    assert.ok(Math.abs(got - share) <= tolerance, `${k}: ${got.toFixed(3)} vs configured ${share.toFixed(3)}`)
  }
}

test('proportions follow the profile, and every kind of fact occurs', () => {
  const count = (pick: (e: ApplicationEvent) => string | undefined) => {
    const m: Record<string, number> = {}
    for (const e of events) {
      const k = pick(e)
      if (k !== undefined) m[k] = (m[k] ?? 0) + 1
    }
    return m
  }
  const channels = count((e) => (e.type === 'authorized' ? e.channel : undefined))
  const listCategories = count((e) => (e.type === 'queued' ? e.list.category : undefined))
  const providers = count((e) => (e.type === 'authorized' ? e.providerId : undefined))
  close(shares(channels), realisticProfile.channels, 0.03)
  close(shares(listCategories), realisticProfile.categories, 0.03)
  close(shares(providers), Object.fromEntries(realisticProfile.providers.map((p) => [p.id, p.weight])), 0.03)

  const rejections = count((e) => (e.type === 'rejected' ? e.reason.code : undefined))
  assert.equal(Object.keys(rejections).sort(), [...rejectionCodes].sort())
  const applications = count((e) => (e.type === 'authorized' || (e.type === 'rejected' && e.reason.code === 'authorization_refused') ? 'all' : undefined)).all ?? 0
  const motivated = (rejections.documents_nonconforming ?? 0) / applications
  assert.ok(motivated > 0.06 && motivated < 0.14, `motivated refusals ${motivated.toFixed(3)}`)

  const failures = count((e) => (e.type === 'rejected' && e.reason.code === 'signature_not_confirmed' ? e.reason.failure : undefined))
  // Every failure the profile weighs occurs; kinds it weighs 0 (NCA role and policy refusals, which a generated
  // history does not model) do not.
  const weighed = Object.entries(realisticProfile.refusals.signatureFailures).filter(([, w]) => w > 0).map(([k]) => k)
  assert.equal(Object.keys(failures).sort(), weighed.sort())
  const grounds = count((e) => (e.type === 'removed' ? e.ground : undefined))
  assert.equal(Object.keys(grounds).sort(), Object.keys(realisticProfile.afterQueue.removalGrounds).sort())
  assert.equal(Object.keys(listCategories).sort(), [...categories].sort())

  assert.equal(Object.keys(count((e) => e.type)).sort(), [...eventTypes].sort())
  const removedIds = new Set(events.flatMap((e) => (e.type === 'removed' ? [e.applicationId] : [])))
  const restored = events.filter((e) => e.type === 'restored')
  assert.ok(restored.some((e) => !removedIds.has(e.applicationId)), 'some motivated refusals are overturned on appeal')
  assert.ok(restored.some((e) => removedIds.has(e.applicationId)), 'some removals are reversed on appeal')

  const years = (Date.parse((events[events.length - 1] as ApplicationEvent).at) - Date.parse((events[0] as ApplicationEvent).at)) / (365.25 * 86_400_000)
  assert.ok(years > realisticProfile.years * 0.6 && years < realisticProfile.years * 1.6, `spans ${years.toFixed(1)} years`)
})

test.run()
