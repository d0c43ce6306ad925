/**
 * Crypto-shredding over the in-memory store: what is stored is ciphertext, reads decrypt, and an erasure leaves a
 * verifiable chain of events that still decode and still give the same waiting list.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { Envelope, filingOrder, rebuildWaitingList } from '@kezek/domain'
import { verifyStore } from '../../src/integrity/index.js'
import {
  ERASED_IIN,
  ERASED_TEXT,
  memoryKeyring,
  protectPersonalData,
  SEALED_PREFIX,
  type Keyring,
  type ProtectedStore,
} from '../../src/privacy/index.js'
import { MemoryLog, openMemoryStore } from '../../src/store/memory.js'
import type { EventStore, Json, RecordedEvent } from '../../src/store/port.js'
import {
  applicantOf,
  applicationEvents,
  applicationId,
  domainEvents,
  laterEvent,
  representativeOf,
} from '../projection/applications.js'

const APPS = 12

const setup = async (keyring: Keyring = memoryKeyring()) => {
  const log = new MemoryLog()
  const inner = openMemoryStore({ log })
  const store = protectPersonalData(inner, keyring)
  const written: Array<{ streamId: string; events: ReturnType<typeof applicationEvents> }> = []
  for (let i = 0; i < APPS; i++) {
    // Filing order differs from index order, so positions are not trivially the indices.
    const events = applicationEvents({ index: i, filedMinute: (i * 37) % APPS, decisionDay: i % 5, representative: i % 3 === 0 })
    const r = await store.append(applicationId(i), events, { expected: 'no_stream' })
    assert.ok(E.isRight(r), JSON.stringify(r))
    written.push({ streamId: applicationId(i), events })
  }
  const removed = await store.append(applicationId(4), [laterEvent(4, 'removed', 1)], { expected: 4 })
  assert.ok(E.isRight(removed))
  return { log, inner, store, written }
}

const readAll = async (s: Pick<EventStore, 'readAll'>): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = []
  for await (const e of s.readAll()) out.push(e)
  return out
}

/** The error a promise rejects with, or undefined when it resolves. */
const rejection = async (run: () => Promise<unknown>): Promise<Error | undefined> => {
  try {
    await run()
    return undefined
  } catch (e) {
    return e as Error
  }
}

/**
 * The setup with application `i`'s applicant key cached in `store`, and `other`: another process over the same
 * log, with its own keyring handle over the same keys (a copy, so destroying there does not zero ours).
 */
const withAnotherProcess = async (i: number) => {
  const keyring = memoryKeyring()
  const { log, store } = await setup(keyring)
  const warm = await store.readStream(applicationId(i)) // caches the applicant's key
  assert.ok(E.isRight(warm))
  return { log, store, other: protectPersonalData(openMemoryStore({ log }), keyring) }
}

/** Another process (`other`, over the same log) erases application `i`'s applicant; its erasure record is `er-<n>`. */
const eraseElsewhere = async (other: ProtectedStore, i: number, n: number, ground: number) => {
  const { erasePerson } = await import('../../src/privacy/index.js')
  return erasePerson(other, {
    iin: applicantOf(i), ground: `заявление субъекта № ПД-${ground}`, requestedBy: { id: 'dpo-1', role: 'data_protection_officer' },
    erasureId: `er-${n}`, eventId: `er-${n}-e`, now: new Date('2025-03-01T00:00:00Z'),
  })
}

const rawText = (log: MemoryLog): string => JSON.stringify(log.events)

test('reads give back exactly what was appended', async () => {
  const { store, written } = await setup()
  for (const { streamId, events } of written) {
    const read = await store.readStream(streamId, { maxCount: events.length })
    assert.ok(E.isRight(read))
    if (E.isLeft(read)) return
    assert.equal(read.right.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })), events)
  }
})

test('the stored events hold no IIN and no signer name in clear', async () => {
  const { log } = await setup()
  const raw = rawText(log)
  for (let i = 0; i < APPS; i++) {
    assert.not.ok(raw.includes(applicantOf(i)), `applicant IIN of ${i} stored in clear`)
    assert.not.ok(raw.includes(representativeOf(i)), `representative IIN of ${i} stored in clear`)
    assert.not.ok(raw.includes(`ТЕСТОВ ӘЛИХАН ${i}`), `signer name of ${i} stored in clear`)
  }
  // Not over-eager: staff ids, request numbers and the Kazakh issuer name stay readable for audit.
  assert.ok(raw.includes('officer-17'))
  assert.ok(raw.includes('ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ'))
  const first = log.events[0]?.data as { applicantIin: string }
  assert.ok(first.applicantIin.startsWith(SEALED_PREFIX))
})

test('after erasure: the chain still verifies, nothing stored changed, events decode, positions are the same', async () => {
  const { log, inner, store } = await setup()
  const before = rawText(log)
  const clearEvents = await readAll(store)
  const listBefore = rebuildWaitingList(domainEvents(clearEvents), filingOrder)

  const receipt = await store.erase(applicantOf(3))
  assert.is(receipt.kids.length, 1)
  assert.not.ok(JSON.stringify(receipt).includes(applicantOf(3)), 'the receipt itself holds no IIN')

  assert.is(rawText(log), before, 'erasure changes no stored byte')
  const verified = await verifyStore(inner)
  assert.ok(E.isRight(verified), JSON.stringify(verified))
  assert.is(E.isRight(verified) && verified.right.events, APPS * 5 + 1)

  const after = await readAll(store)
  const decoded = domainEvents(after) // throws if any event no longer decodes
  for (const e of after) assert.ok(E.isRight(Envelope.decode(e.metadata)), `envelope of ${e.id} decodes`)

  const erased = after.filter((e) => e.streamId === applicationId(3))
  const authorized = erased[0]?.data as { applicantIin: string }
  assert.is(authorized.applicantIin, ERASED_IIN)
  const checked = erased[1]?.data as { check: { signer: { iin: string; commonName: string; issuer: string } } }
  assert.is(checked.check.signer.iin, ERASED_IIN)
  assert.is(checked.check.signer.commonName, ERASED_TEXT)
  assert.is(checked.check.signer.issuer, 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (TEST)')
  const envelope = erased[0]?.metadata as { actor: { id: string }; onBehalfOf: { iin: string } }
  assert.is(envelope.actor.id, ERASED_IIN)
  // Everything the applicant's application says is sealed under the applicant's key too: the representative's IIN
  // in it is erased with it (it stays readable in applications of other people).
  assert.is(envelope.onBehalfOf.iin, ERASED_IIN)

  // Everyone else reads in clear.
  const other = after.find((e) => e.streamId === applicationId(5))?.data as { applicantIin: string }
  assert.is(other.applicantIin, applicantOf(5))

  const listAfter = rebuildWaitingList(decoded, filingOrder)
  for (let i = 0; i < APPS; i++) {
    assert.is(listAfter.position(applicationId(i))?.position, listBefore.position(applicationId(i))?.position, applicationId(i))
  }
  assert.is(listAfter.position(applicationId(4)), undefined, 'the removed application has no place')
  assert.is(listAfter.position(applicationId(3))?.entry.holderIin, ERASED_IIN)
})

test('subscriptions decrypt too, and see erasure', async () => {
  const { store } = await setup()
  await store.erase(applicantOf(0))
  const seen: RecordedEvent[] = []
  const sub = store.subscribe({ onEvent: (e) => void seen.push(e) })
  await sub.caughtUp
  await sub.stop()
  assert.is(seen.length, APPS * 5 + 1)
  assert.is((seen[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
  assert.is((seen[5]?.data as { applicantIin: string }).applicantIin, applicantOf(1))
})

test('a follower that reads only the header gets the event as stored: sealed, and an erasure record still counts', async () => {
  const { log, store, other } = await withAnotherProcess(2)
  const seen: RecordedEvent[] = []
  const asked: string[] = []
  const sub = store.subscribe({
    // Only application 1's events are read; the header alone is asked of every other.
    needsData: (e) => { asked.push(e.streamId); return e.streamId === applicationId(1) },
    onEvent: (e) => void seen.push(e),
  })
  await sub.caughtUp
  const applicant = (e: RecordedEvent | undefined) => (e?.data as { applicantIin?: string } | undefined)?.applicantIin
  assert.is(asked.length, APPS * 5 + 1, 'asked once per event')
  assert.is(applicant(seen.find((e) => e.streamId === applicationId(1))), applicantOf(1), 'opened where the data is read')
  const left = seen.find((e) => e.streamId === applicationId(0))
  assert.ok(applicant(left)?.startsWith(SEALED_PREFIX), 'left as stored where only the header is read')
  assert.equal(left, (await readAll(openMemoryStore({ log }))).find((e) => e.position === left?.position), 'exactly as stored')
  // Another process erases application 2's applicant; its record passes this follower, which reads no data.
  const erased = await eraseElsewhere(other, 2, 2, 8)
  assert.ok(E.isRight(erased))
  if (E.isRight(erased)) await sub.reached(erased.right.position)
  await sub.stop()
  const fresh = await store.readStream(applicationId(2))
  assert.is(E.isRight(fresh) && applicant(fresh.right[0]), ERASED_IIN, 'the cached key was dropped')
})

test('a reader of the log that reads only headers gets those events as stored, and still takes in an erasure record', async () => {
  const { log, store, other } = await withAnotherProcess(3)
  const erased = await eraseElsewhere(other, 3, 3, 9)
  assert.ok(E.isRight(erased))
  const read: RecordedEvent[] = []
  for await (const e of store.readAll({ needsData: (h) => h.type === 'queued' })) read.push(e)
  const applicant = (e: RecordedEvent | undefined) => (e?.data as { applicantIin?: string } | undefined)?.applicantIin
  const stored = await readAll(openMemoryStore({ log }))
  assert.is(read.length, stored.length)
  const queued = read.find((e) => e.type === 'queued' && e.streamId === applicationId(1))
  assert.is(applicant(queued), applicantOf(1), 'opened where the data is read')
  const authorized = read.find((e) => e.type === 'authorized' && e.streamId === applicationId(1))
  assert.equal(authorized, stored.find((e) => e.position === authorized?.position), 'left exactly as stored where only the header is read')
  const fresh = await store.readStream(applicationId(3))
  assert.is(E.isRight(fresh) && applicant(fresh.right[0]), ERASED_IIN, 'the erasure record reached the key cache')
})

test('a reader of some types gets only those, opened, and an erasure record of another type still reaches the key cache', async () => {
  const { log, store, other } = await withAnotherProcess(3)
  const erased = await eraseElsewhere(other, 3, 3, 9)
  assert.ok(E.isRight(erased))
  const read: RecordedEvent[] = []
  for await (const e of store.readAll({ types: ['authorized'] })) read.push(e)
  const stored = await readAll(openMemoryStore({ log }))
  assert.equal(read.map((e) => e.id), stored.filter((e) => e.type === 'authorized').map((e) => e.id))
  const applicant = (e: RecordedEvent | undefined) => (e?.data as { applicantIin?: string } | undefined)?.applicantIin
  assert.is(applicant(read.find((e) => e.streamId === applicationId(1))), applicantOf(1), 'opened')
  const fresh = await store.readStream(applicationId(3))
  assert.is(E.isRight(fresh) && applicant(fresh.right[0]), ERASED_IIN, 'the erasure record reached the key cache')
})

test('a sealed value moved to another field does not open (bound to its place)', async () => {
  const { log, store } = await setup()
  log.unsafeRewrite((events) =>
    events.map((e, i) => {
      if (i !== 1) return e
      const data = e.data as { check: { signer: { iin: string; commonName: string } } }
      const signer = { ...data.check.signer, iin: data.check.signer.commonName }
      return { ...e, data: { ...data, check: { ...data.check, signer } } as unknown as Json }
    }),
  )
  const error = await rejection(() => store.readStream(applicationId(0)))
  assert.match(error?.message ?? 'resolved', /unable to authenticate|auth/i)
})

test('a key missing from the keyring is a loud failure, not an erasure', async () => {
  const keyring = memoryKeyring()
  const { log } = await setup(keyring)
  const elsewhere = protectPersonalData(openMemoryStore({ log }), memoryKeyring())
  const error = await rejection(() => elsewhere.readStream(applicationId(0)))
  assert.match(error?.message ?? 'resolved', /never erased/)
})

test('a personal field without a subject is refused and nothing is written', async () => {
  const log = new MemoryLog()
  const store = protectPersonalData(openMemoryStore({ log }), memoryKeyring())
  const r = await store.append('x', [{
    id: 'e1', type: 'checked',
    data: { check: { kind: 'signature', signer: { commonName: 'АНОНИМ' } } },
    metadata: null,
  }], { expected: 'any' })
  assert.equal(E.isLeft(r) && r.left.kind, 'invalid_event')
  assert.is(log.events.length, 0)
})

test('staff actor ids stay in clear; citizens are encrypted', async () => {
  const { log } = await setup()
  const registered = log.events.find((e) => e.type === 'registered')?.metadata as { actor: { id: string } }
  assert.is(registered.actor.id, 'officer-17')
  const authorized = log.events.find((e) => e.type === 'authorized')?.metadata as { actor: { id: string } }
  assert.ok(authorized.actor.id.startsWith(SEALED_PREFIX))
})

test('one append seals a value once per place and keys: the actor of each event shares its text; the next append seals afresh', async () => {
  const log = new MemoryLog()
  const store = protectPersonalData(openMemoryStore({ log }), memoryKeyring())
  const events = applicationEvents({ index: 2, filedMinute: 0, decisionDay: 0 })
  const first = await store.append('app', events, { expected: 'no_stream' })
  assert.ok(E.isRight(first))
  const citizenIds = (from: number) => log.events.slice(from).flatMap((e) => {
    const actor = (e.metadata as { actor: { id: string; role: string } }).actor
    return actor.role === 'citizen' ? [actor.id] : []
  })
  const inFirst = citizenIds(0)
  assert.ok(inFirst.length >= 2, `several citizen events in one append (${inFirst.length})`)
  assert.ok(inFirst.every((id) => id.startsWith(SEALED_PREFIX)))
  assert.is(new Set(inFirst).size, 1, 'the same actor in the same place under the same key: one sealed text')
  // A value in another place is sealed on its own, though the IIN is the same: its ciphertext is bound to its place.
  const applicantText = (log.events[0]?.data as { applicantIin: string }).applicantIin
  assert.is.not(applicantText, inFirst[0])
  const before = log.events.length
  const again = await store.append('app', [{ ...events[0]!, id: 'again-1' }], { expected: events.length - 1 })
  assert.ok(E.isRight(again), JSON.stringify(again))
  const inSecond = citizenIds(before)
  assert.is(inSecond.length, 1)
  assert.is.not(inSecond[0], inFirst[0], 'a later append seals under a fresh IV')
  const read = await store.readStream('app')
  assert.ok(E.isRight(read))
  if (E.isRight(read)) for (const e of read.right) {
    const actor = (e.metadata as { actor: { id: string; role: string } }).actor
    if (actor.role === 'citizen') assert.is(actor.id, applicantOf(2))
  }
})

test('a retried append with the same idempotency key stays a no-op under encryption', async () => {
  const store = protectPersonalData(openMemoryStore(), memoryKeyring())
  const events = applicationEvents({ index: 1, filedMinute: 0, decisionDay: 0 })
  const a = await store.append('app', events, { expected: 'no_stream', idempotencyKey: 'cmd-1' })
  const b = await store.append('app', events, { expected: 'no_stream', idempotencyKey: 'cmd-1' })
  assert.ok(E.isRight(a) && E.isRight(b))
  assert.is(E.isRight(b) && b.right.duplicate, true)
  const read = await store.readStream('app')
  assert.is(E.isRight(read) && read.right.length, events.length)
})

test('erasing a representative erases their IIN in the applicant’s application; the applicant’s own data stays', async () => {
  const { store } = await setup()
  await store.erase(representativeOf(3))
  const read = await store.readStream(applicationId(3))
  assert.ok(E.isRight(read))
  const events = E.isRight(read) ? read.right : []
  assert.is((events[0]?.metadata as { onBehalfOf: { iin: string } }).onBehalfOf.iin, ERASED_IIN)
  assert.is((events[2]?.data as { request: { representativeIin: string } }).request.representativeIin, ERASED_IIN)
  assert.is((events[0]?.data as { applicantIin: string }).applicantIin, applicantOf(3))
})

test('after the applicant is erased, no personal data can be added to the application; other facts still can', async () => {
  const { store } = await setup()
  await store.erase(applicantOf(6))
  const withPersonal = await store.append(applicationId(6), [{
    id: 'late-kept', type: 'position_kept_by_family',
    data: { type: 'position_kept_by_family', schema: 1, applicationId: applicationId(6), commandId: 'c', at: '2025-01-01T00:00:00.000Z', ground: 'death', successorIin: representativeOf(6) },
    metadata: null,
  }], { expected: 'any' })
  assert.equal(E.isLeft(withPersonal) && withPersonal.left.kind, 'invalid_event')
  const removed = await store.append(applicationId(6), [laterEvent(6, 'removed', 2)], { expected: 'any' })
  assert.ok(E.isRight(removed), JSON.stringify(removed))
})

test('a stream written before encryption was on takes new personal data sealed under its clear applicant’s key', async () => {
  const log = new MemoryLog()
  const inner = openMemoryStore({ log })
  const events = applicationEvents({ index: 0, filedMinute: 0, decisionDay: 0, representative: false })
  assert.ok(E.isRight(await inner.append(applicationId(0), events, { expected: 'no_stream' })))
  const store = protectPersonalData(inner, memoryKeyring())
  const successor = representativeOf(0)
  const kept = await store.append(applicationId(0), [{
    id: 'kept-after-upgrade', type: 'position_kept_by_family',
    data: { type: 'position_kept_by_family', schema: 1, applicationId: applicationId(0), commandId: 'c', at: '2025-01-01T00:00:00.000Z', ground: 'death', successorIin: successor },
    metadata: null,
  }], { expected: 'any' })
  assert.ok(E.isRight(kept), JSON.stringify(kept))
  assert.not.ok(JSON.stringify(log.events.at(-1)).includes(successor), 'the new IIN is stored sealed')
  const read = await store.readStream(applicationId(0))
  assert.is(E.isRight(read) && (read.right.at(-1)?.data as { successorIin: string }).successorIin, successor)
  await store.erase(applicantOf(0))
  const after = await store.readStream(applicationId(0))
  assert.is(E.isRight(after) && (after.right.at(-1)?.data as { successorIin: string }).successorIin, ERASED_IIN, 'sealed under the applicant’s key too')
})

test('an erasure by another process reaches this one through the erasure record it reads', async () => {
  const { store, other } = await withAnotherProcess(2)
  const erased = await eraseElsewhere(other, 2, 1, 7)
  assert.ok(E.isRight(erased))
  assert.equal(E.isRight(erased) && erased.right.record.streams, [applicationId(2)])
  assert.not.ok(JSON.stringify(erased).includes(applicantOf(2)), 'the record names no IIN')
  const stale = await store.readStream(applicationId(2))
  assert.is(E.isRight(stale) && (stale.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(2), 'cached until told')
  for await (const _ of store.readAll()) { /* reads the erasure record */ }
  const fresh = await store.readStream(applicationId(2))
  assert.is(E.isRight(fresh) && (fresh.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
})

test('values this process has just sealed read as erased at once after an erasure elsewhere, with keys not cached', async () => {
  const keyring = memoryKeyring()
  const log = new MemoryLog()
  const store = protectPersonalData(openMemoryStore({ log }), keyring, { cacheKeys: false })
  const events = applicationEvents({ index: 2, filedMinute: 0, decisionDay: 0 })
  assert.ok(E.isRight(await store.append(applicationId(2), events, { expected: 'no_stream' })))
  const other = protectPersonalData(openMemoryStore({ log }), keyring)
  await other.erase(applicantOf(2))
  const read = await store.readStream(applicationId(2))
  assert.is(E.isRight(read) && (read.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
})

test('values this process has just sealed read as erased once it erases their subject', async () => {
  const store = protectPersonalData(openMemoryStore(), memoryKeyring())
  const events = applicationEvents({ index: 5, filedMinute: 0, decisionDay: 0, representative: true })
  assert.ok(E.isRight(await store.append(applicationId(5), events, { expected: 'no_stream' })))
  const before = await store.readStream(applicationId(5))
  assert.is(E.isRight(before) && (before.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(5))
  await store.erase(representativeOf(5))
  const after = await store.readStream(applicationId(5))
  assert.ok(E.isRight(after))
  const read = E.isRight(after) ? after.right : []
  assert.is((read[0]?.metadata as { onBehalfOf: { iin: string } }).onBehalfOf.iin, ERASED_IIN)
  assert.is((read[0]?.data as { applicantIin: string }).applicantIin, applicantOf(5), 'the applicant’s own data stays')
})

test('rotation: a new kid seals new data, the old one still opens old data, erasure destroys both', async () => {
  const keyring = memoryKeyring()
  const { log, store } = await setup(keyring)
  const kidIn = (streamId: string) => {
    const e = log.events.find((x) => x.streamId === streamId && x.type === 'authorized')
    return String((e?.data as { applicantIin: string }).applicantIin).split('.')[1]
  }
  assert.is(await store.rotate(), APPS + Math.ceil(APPS / 3), 'every current key retired (applicants and representatives)')
  const again = applicationEvents({ index: 1, filedMinute: 99, decisionDay: 0 }).map((e) => ({ ...e, id: `${e.id}-b` }))
  assert.ok(E.isRight(await store.append('application-again', again, { expected: 'no_stream' })))
  assert.is.not(kidIn('application-again'), kidIn(applicationId(1)))
  const old = await store.readStream(applicationId(1))
  assert.is(E.isRight(old) && (old.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(1))
  const receipt = await store.erase(applicantOf(1))
  assert.is(receipt.kids.length, 2)
  for (const id of [applicationId(1), 'application-again']) {
    const r = await store.readStream(id)
    assert.is(E.isRight(r) && (r.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN, id)
  }
})

test('rotation reaches existing applications: their new events are sealed under the applicant’s new kid', async () => {
  const { log, store } = await setup()
  const kidsOf = (id: string, field: (data: Record<string, string>) => string) =>
    field(log.events.find((x) => x.id === id)?.data as Record<string, string>).split('.')[1]
  const before = kidsOf(`${applicationId(1)}-e0`, (d) => d['applicantIin'] as string)
  assert.is(await store.rotate(applicantOf(1)), 1, 'one person’s current key retired')
  const later = laterEvent(1, 'housing_allocated', 1)
  assert.ok(E.isRight(await store.append(applicationId(1), [later], { expected: 4 })))
  const after = kidsOf(later.id, (d) => d['dwellingRef'] as string)
  assert.ok(after !== undefined && !after.includes('+'), `sealed under one kid: ${after}`)
  assert.is.not(after, before, 'the new kid, not the one the application started with')
  const read = await store.readStream(applicationId(1))
  assert.ok(E.isRight(read))
  assert.is((read.right[0]?.data as { applicantIin: string }).applicantIin, applicantOf(1), 'the old kid still opens old events')
  assert.is((read.right[5]?.data as { dwellingRef: string }).dwellingRef, 'кв. 1')
  const receipt = await store.erase(applicantOf(1))
  assert.equal([...receipt.kids].sort(), [before, after].sort(), 'erasure destroys the retired and the current key')
  const erased = await store.readStream(applicationId(1))
  assert.ok(E.isRight(erased))
  assert.is((erased.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
  assert.is((erased.right[5]?.data as { dwellingRef: string }).dwellingRef, ERASED_TEXT)
})

test.run()
