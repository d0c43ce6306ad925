/**
 * The contract every event-store back-end must pass. Each back-end's test file calls `storeContract` with a way to
 * open (and re-open: the restart test closes the store and opens it again over the same data) its store, then runs
 * the returned suite.
 */
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { verifyStore, verifyStream } from '../../src/integrity/index.js'
import type { AppendResult, EventStore, Json, NewEvent, RecordedEvent } from '../../src/store/port.js'

/** Raw access to the stored rows, bypassing the store: SQL `UPDATE`/`DELETE`, or rewriting the memory log. */
export interface Tamper {
  readonly alterData: (streamId: string, revision: number, data: Json) => Promise<void>
  readonly remove: (streamId: string, revision: number) => Promise<void>
  /** Swaps the revision numbers of two events of a stream (their rows stay otherwise untouched). */
  readonly swapRevisions: (streamId: string, a: number, b: number) => Promise<void>
}

export interface StoreHarness {
  readonly store: EventStore
  readonly close: () => Promise<void>
  /** Absent for back-ends with no raw write access (EventStoreDB): the tampering tests then print "not run". */
  readonly tamper?: Tamper
}

export const KAZAKH = 'Өтінішке нөмір тағайындаумен сұранысты тіркеу'

export const newEvent = (type: string, data: Json, metadata: Json = { source: 'contract' }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata,
})

export const events = (n: number, type = 'Counted'): NewEvent[] =>
  Array.from({ length: n }, (_, i) => newEvent(type, { n: i }))

export const streamName = (label: string): string => `${label}-${randomUUID()}`

export const right = <L, R>(e: E.Either<L, R>, what = 'result'): R => {
  if (E.isLeft(e)) assert.unreachable(`${what}: expected Right, got Left ${JSON.stringify(e.left)}`)
  return (e as E.Right<R>).right
}

/**
 * Waits until readers of the log see `position`. On PostgreSQL they read below the oldest transaction still running
 * in the database, and the suite's other jobs share that database: a bulk import of theirs in flight holds every
 * reader here back (readAll, and so verifyStore, then walk a prefix of the log). A subscription reaches the position
 * once it is readable.
 */
const readable = async (store: EventStore, position: string | undefined): Promise<void> => {
  if (position === undefined) return assert.unreachable('no position to wait for')
  const sub = store.subscribe({ onEvent: () => undefined })
  try { await sub.reached(position) } finally { await sub.stop() }
}

export const left = <L, R>(e: E.Either<L, R>, what = 'result'): L => {
  if (E.isRight(e)) assert.unreachable(`${what}: expected Left, got Right ${JSON.stringify(e.right)}`)
  return (e as E.Left<L>).left
}

/** Fails instead of hanging when a promise the test awaits never settles (a lost event, a stuck subscriber). */
export const within = <T>(ms: number, what: string, p: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not settled within ${ms} ms`)), ms)
  })
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer))
}

const collect = async (it: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = []
  for await (const e of it) out.push(e)
  return out
}

const assertStrictlyIncreasing = (store: EventStore, positions: readonly string[]): void => {
  for (let i = 1; i < positions.length; i++) {
    assert.ok(
      store.comparePositions(positions[i - 1] as string, positions[i] as string) < 0,
      `position ${positions[i]} must come after ${positions[i - 1]}`,
    )
  }
}

export const storeContract = (name: string, open: () => Promise<StoreHarness>) => {
  const test = suite<{ h: StoreHarness }>(`store contract: ${name}`, {} as { h: StoreHarness })

  test.before(async (ctx) => {
    ctx.h = await open()
  })
  test.after(async (ctx) => {
    await ctx.h.close()
  })

  test('reading an unknown stream is stream_not_found', async ({ h }) => {
    const id = streamName('unknown')
    assert.equal(left(await h.store.readStream(id)), { kind: 'stream_not_found', streamId: id })
  })

  test('no_stream: the first append succeeds, a second is a typed conflict naming the actual revision', async ({ h }) => {
    const id = streamName('no-stream')
    const first = right(await h.store.append(id, events(1), { expected: 'no_stream' }))
    assert.is(first.nextExpectedRevision, 0)
    assert.is(first.duplicate, false)
    const again = left(await h.store.append(id, events(1), { expected: 'no_stream' }))
    assert.equal(again, { kind: 'wrong_expected_revision', streamId: id, expected: 'no_stream', actual: 0 })
    assert.is(right(await h.store.readStream(id)).length, 1)
  })

  test('stream_exists: refused on a missing stream, accepted on an existing one', async ({ h }) => {
    const id = streamName('exists')
    const missing = left(await h.store.append(id, events(1), { expected: 'stream_exists' }))
    assert.equal(missing, { kind: 'wrong_expected_revision', streamId: id, expected: 'stream_exists', actual: undefined })
    left(await h.store.readStream(id), 'nothing was written')
    right(await h.store.append(id, events(2), { expected: 'any' }))
    const ok = right(await h.store.append(id, events(1), { expected: 'stream_exists' }))
    assert.is(ok.nextExpectedRevision, 2)
  })

  test('exact revision: only the stream\'s last revision is accepted', async ({ h }) => {
    const id = streamName('exact')
    assert.equal(left(await h.store.append(id, events(1), { expected: 0 })), {
      kind: 'wrong_expected_revision',
      streamId: id,
      expected: 0,
      actual: undefined,
    })
    right(await h.store.append(id, events(2), { expected: 'no_stream' }))
    assert.equal(left(await h.store.append(id, events(1), { expected: 0 })), {
      kind: 'wrong_expected_revision',
      streamId: id,
      expected: 0,
      actual: 1,
    })
    assert.is(right(await h.store.append(id, events(1), { expected: 1 })).nextExpectedRevision, 2)
    assert.is(right(await h.store.append(id, events(1), { expected: 'any' })).nextExpectedRevision, 3)
  })

  test('a multi-event append is atomic: all events in order, or none when one is invalid', async ({ h }) => {
    const id = streamName('atomic')
    const batch = events(3)
    const result = right(await h.store.append(id, batch, { expected: 'no_stream' }))
    const stored = right(await h.store.readStream(id))
    assert.equal(
      stored.map((e) => [e.id, e.revision, e.streamId]),
      batch.map((e, i) => [e.id, i, id]),
    )
    assert.is(result.position, stored[2]?.position)
    assertStrictlyIncreasing(h.store, stored.map((e) => e.position))

    const bad = streamName('atomic-bad')
    const invalid = [newEvent('Ok', { a: 1 }), newEvent('Bad', { a: Number.NaN })]
    const err = left(await h.store.append(bad, invalid, { expected: 'any' }))
    assert.is(err.kind, 'invalid_event')
    left(await h.store.readStream(bad), 'no half-written stream')
    assert.equal(left(await h.store.append(bad, [], { expected: 'any' })), { kind: 'empty_append', streamId: bad })
  })

  test('an event id already stored is refused and nothing of the append is written', async ({ h }) => {
    const a = streamName('id-a')
    const b = streamName('id-b')
    const e = newEvent('Once', { x: 1 })
    right(await h.store.append(a, [e], { expected: 'no_stream' }))
    const err = left(await h.store.append(b, [newEvent('Fresh', {}), e], { expected: 'no_stream' }))
    assert.is(err.kind, 'invalid_event')
    left(await h.store.readStream(b), 'nothing written to the second stream')
  })

  test('optimistic concurrency under a real race: one writer wins, the other gets a conflict', async ({ h }) => {
    for (let round = 0; round < 10; round++) {
      const id = streamName('race')
      right(await h.store.append(id, events(1), { expected: 'no_stream' }))
      const a = events(3, 'ByA')
      const b = events(3, 'ByB')
      const [ra, rb] = await Promise.all([
        h.store.append(id, a, { expected: 0 }),
        h.store.append(id, b, { expected: 0 }),
      ])
      const winners = [ra, rb].filter(E.isRight)
      const losers = [ra, rb].filter(E.isLeft)
      assert.is(winners.length, 1, 'exactly one writer wins')
      assert.is(losers.length, 1, 'exactly one writer loses')
      const lost = left(losers[0] as E.Either<unknown, AppendResult>) as { kind: string; actual: number | undefined }
      assert.is(lost.kind, 'wrong_expected_revision')
      assert.is(lost.actual, 3, 'the loser sees the winner\'s last revision')
      const stored = right(await h.store.readStream(id))
      const winner = E.isRight(ra) ? a : b
      assert.equal(stored.slice(1).map((e) => e.id), winner.map((e) => e.id), 'only the winner\'s events, all of them')
    }
  })

  test('the same idempotency key twice is a no-op that returns the first result', async ({ h }) => {
    const id = streamName('idem')
    const key = randomUUID()
    const first = right(await h.store.append(id, events(2), { expected: 'no_stream', idempotencyKey: key }))
    const retry = right(await h.store.append(id, events(2), { expected: 'no_stream', idempotencyKey: key }))
    assert.equal(retry, { ...first, duplicate: true })
    assert.is(right(await h.store.readStream(id)).length, 2)
    const other = streamName('idem-other')
    const elsewhere = right(await h.store.append(other, events(1), { expected: 'no_stream', idempotencyKey: key }))
    assert.is(elsewhere.duplicate, false, 'keys are per stream')
    const next = right(await h.store.append(id, events(1), { expected: 1, idempotencyKey: randomUUID() }))
    assert.is(next.nextExpectedRevision, 2)
  })

  test('concurrent retries with one idempotency key write once', async ({ h }) => {
    const id = streamName('idem-race')
    const key = randomUUID()
    const results = await Promise.all(
      Array.from({ length: 4 }, () => h.store.append(id, events(2), { expected: 'any', idempotencyKey: key })),
    )
    const ok = results.map((r) => right(r))
    assert.is(ok.filter((r) => !r.duplicate).length, 1)
    assert.ok(ok.every((r) => r.nextExpectedRevision === 1 && r.position === ok[0]?.position))
    assert.is(right(await h.store.readStream(id)).length, 2)
  })

  test('Kazakh text round-trips in stream ids, types, data and metadata', async ({ h }) => {
    const id = `өтініш-${randomUUID()}`
    const data: Json = {
      [KAZAKH]: KAZAKH,
      nested: { list: ['Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І'], emoji: '🏠', quote: '«»"\\' },
      amount: 4.5,
      big: 2 ** 53,
      tiny: 1e-7,
      yes: true,
      none: null,
    }
    const metadata: Json = { actor: { id: '880101300123', role: 'applicant' }, note: KAZAKH }
    const e: NewEvent = { id: randomUUID(), type: 'ӨтінішТіркелді', data, metadata }
    right(await h.store.append(id, [e], { expected: 'no_stream' }))
    const [back] = right(await h.store.readStream(id))
    assert.ok(back)
    assert.is(back.streamId, id)
    assert.is(back.type, e.type)
    assert.equal(back.data, data)
    assert.equal(back.metadata, metadata)
    assert.ok(E.isRight(verifyStream([back])), 'the hash verifies after the round-trip')
  })

  test('a large stream is read from a revision, in order, and bounded by maxCount', async ({ h }) => {
    const id = streamName('large')
    const total = 5000
    for (let done = 0; done < total; done += 500) {
      right(await h.store.append(id, events(500), { expected: done === 0 ? 'no_stream' : done - 1 }))
    }
    const tail = right(await h.store.readStream(id, { from: 4321 }))
    assert.is(tail.length, total - 4321)
    assert.ok(tail.every((e, i) => e.revision === 4321 + i && (e.data as { n: number }).n === (4321 + i) % 500))
    const page = right(await h.store.readStream(id, { from: 1000, maxCount: 10 }))
    assert.equal(page.map((e) => e.revision), Array.from({ length: 10 }, (_, i) => 1000 + i))
    assert.equal(right(await h.store.readStream(id, { from: total })), [], 'past the end: empty, not missing')
    assert.ok(E.isRight(verifyStream(right(await h.store.readStream(id)))))
  })

  test('readAll from a position returns exactly what came after it, in global order, across batches', async ({ h }) => {
    const head = await h.store.headPosition()
    const a = streamName('all-a')
    const b = streamName('all-b')
    const written: string[] = []
    for (let i = 0; i < 4; i++) {
      for (const s of [a, b]) {
        const batch = events(2)
        right(await h.store.append(s, batch, { expected: 'any' }))
        written.push(...batch.map((e) => e.id))
      }
    }
    const after = await collect(h.store.readAll({ ...(head === undefined ? {} : { after: head }), batchSize: 3 }))
    assert.equal(after.map((e) => e.id), written)
    assertStrictlyIncreasing(h.store, after.map((e) => e.position))
    const fromMiddle = await collect(h.store.readAll({ after: (after[4] as RecordedEvent).position }))
    assert.equal(fromMiddle.map((e) => e.id), written.slice(5))
    const newHead = await h.store.headPosition()
    assert.is(newHead, after[after.length - 1]?.position)
  })

  test('readAll of some types returns exactly those events, in global order, across batches and from a position', async ({ h }) => {
    const head = await h.store.headPosition()
    const s = streamName('typed')
    const written: RecordedEvent[] = []
    for (let i = 0; i < 7; i++) {
      const batch = [newEvent('Kept', { i }), newEvent('Skipped', { i }), newEvent('Skipped', { i }), newEvent('Also kept', { i })]
      right(await h.store.append(s, batch, { expected: 'any' }))
    }
    for (const e of right(await h.store.readStream(s))) written.push(e)
    const from = head === undefined ? {} : { after: head }
    const wanted = written.filter((e) => e.type === 'Kept' || e.type === 'Also kept')
    const typed = await collect(h.store.readAll({ ...from, batchSize: 3, types: ['Kept', 'Also kept'] }))
    assert.equal(typed.map((e) => e.id), wanted.map((e) => e.id))
    assert.equal(typed, wanted, 'the events as stored: data, hashes and positions')
    const later = await collect(h.store.readAll({ after: (wanted[5] as RecordedEvent).position, types: ['Kept'] }))
    assert.equal(later.map((e) => e.id), wanted.slice(6).filter((e) => e.type === 'Kept').map((e) => e.id))
    assert.equal(await collect(h.store.readAll({ ...from, types: [] })), [], 'no types: no events')
    assert.equal(await collect(h.store.readAll({ ...from, types: ['None of these'] })), [])
  })

  test('a subscription catches up, then follows new appends', async ({ h }) => {
    const head = await h.store.headPosition()
    const id = streamName('sub')
    right(await h.store.append(id, events(3), { expected: 'no_stream' }))
    const seen: RecordedEvent[] = []
    const sub = h.store.subscribe({
      ...(head === undefined ? {} : { after: head }),
      onEvent: (e) => {
        seen.push(e)
      },
    })
    await within(10_000, 'caughtUp', sub.caughtUp)
    assert.equal(seen.map((e) => e.revision), [0, 1, 2])
    const later = right(await h.store.append(id, events(2), { expected: 2 }))
    await within(10_000, 'reached', sub.reached(later.position))
    assert.equal(seen.map((e) => e.revision), [0, 1, 2, 3, 4])
    await sub.stop()
    await sub.done
  })

  test('a subscription whose handler fails stops with that error', async ({ h }) => {
    const head = await h.store.headPosition()
    right(await h.store.append(streamName('sub-fail'), events(2), { expected: 'no_stream' }))
    let calls = 0
    const sub = h.store.subscribe({
      ...(head === undefined ? {} : { after: head }),
      onEvent: async () => {
        calls++
        throw new Error('projection failed')
      },
    })
    try {
      await within(10_000, 'done', sub.done)
      assert.unreachable('done must reject')
    } catch (e) {
      assert.instance(e, Error)
      assert.is((e as Error).message, 'projection failed')
    }
    assert.is(calls, 1, 'no event is delivered after the failure')
  })

  test('a subscription resumes from its checkpoint after a restart, without loss or duplicates', async (ctx) => {
    const store = ctx.h.store
    const start = await store.headPosition()
    const id = streamName('resume')
    const handled: RecordedEvent[] = []
    let checkpoint = start
    const onEvent = (e: RecordedEvent): void => {
      handled.push(e)
      checkpoint = e.position
    }
    const first = store.subscribe({ ...(start === undefined ? {} : { after: start }), onEvent })
    const r1 = right(await store.append(id, events(5), { expected: 'no_stream' }))
    await within(10_000, 'reached', first.reached(r1.position))
    await first.stop()
    right(await store.append(id, events(4), { expected: 4 }), 'written while nobody listens')

    await ctx.h.close()
    ctx.h = await open()
    const second = ctx.h.store.subscribe({ ...(checkpoint === undefined ? {} : { after: checkpoint }), onEvent })
    await within(10_000, 'caughtUp', second.caughtUp)
    const r3 = right(await ctx.h.store.append(id, events(3), { expected: 8 }))
    await within(10_000, 'reached', second.reached(r3.position))
    await second.stop()
    assert.equal(handled.map((e) => e.revision), Array.from({ length: 12 }, (_, i) => i))
    assert.is(new Set(handled.map((e) => e.id)).size, 12)
  })

  test('bad input is a typed error and writes nothing', async ({ h }) => {
    const id = streamName('bad')
    const cases: Array<readonly [string, NewEvent[]]> = [
      ['NUL in a string', [newEvent('T', { s: 'a\u0000b' })]],
      ['lone surrogate', [newEvent('T', { s: '\uD800' })]],
      ['undefined in an array', [newEvent('T', { s: [undefined] } as unknown as Json)]],
      ['a Date', [newEvent('T', { at: new Date() } as unknown as Json)]],
      ['empty type', [{ ...newEvent('T', {}), type: '' }]],
      ['empty id', [{ ...newEvent('T', {}), id: '' }]],
      ['duplicate ids', (() => { const e = newEvent('T', {}); return [e, e] })()],
    ]
    for (const [label, batch] of cases) {
      const err = left(await h.store.append(id, batch, { expected: 'any' }), label)
      assert.is(err.kind, 'invalid_event', label)
    }
    assert.is(left(await h.store.append('', events(1), { expected: 'any' })).kind, 'invalid_event')
    assert.is(left(await h.store.append(id, events(1), { expected: -1 })).kind, 'invalid_event')
    left(await h.store.readStream(id), 'nothing written')
  })

  test('undefined object properties are dropped, as JSON drops them, and the hash still verifies', async ({ h }) => {
    const id = streamName('undef')
    right(await h.store.append(id, [newEvent('T', { kept: 1, dropped: undefined } as unknown as Json)], { expected: 'any' }))
    const [e] = right(await h.store.readStream(id))
    assert.equal(e?.data, { kept: 1 })
    assert.ok(E.isRight(verifyStream(right(await h.store.readStream(id)))))
  })

  test('the hash chain links every stream and the whole store verifies', async ({ h }) => {
    const id = streamName('chain')
    right(await h.store.append(id, events(3), { expected: 'no_stream' }))
    right(await h.store.append(id, events(2), { expected: 2 }))
    const stored = right(await h.store.readStream(id))
    assert.is(stored[0]?.previousHash, '0'.repeat(64))
    for (let i = 1; i < stored.length; i++) assert.is(stored[i]?.previousHash, stored[i - 1]?.hash)
    const one = right(verifyStream(stored))
    assert.equal([one.streams, one.events], [1, 5])
    await readable(h.store, stored[4]?.position)
    const all = right(await verifyStore(h.store))
    assert.ok(all.events >= 5)
    assert.equal(all.heads.get(id), { revision: 4, hash: stored[4]?.hash })
  })

  // Last: tampering leaves the store unverifiable on purpose.
  test('tampering is detected at the event that was altered, removed or moved', async ({ h }) => {
    const tamper = h.tamper
    if (tamper === undefined) {
      console.log(`  ⚠ ${name}: tampering tests NOT RUN (this back-end gives no raw write access)`)
      assert.ok(true)
      return
    }
    const altered = streamName('tamper-alter')
    right(await h.store.append(altered, events(5), { expected: 'no_stream' }))
    await tamper.alterData(altered, 2, { n: 999 })
    const storedAltered = right(await h.store.readStream(altered))
    const brk = left(verifyStream(storedAltered))
    assert.equal([brk.kind, brk.streamId, brk.revision, brk.position], ['altered', altered, 2, storedAltered[2]?.position])
    await readable(h.store, storedAltered.at(-1)?.position)
    const whole = left(await verifyStore(h.store))
    assert.equal([whole.kind, whole.streamId, whole.revision], ['altered', altered, 2])

    const removed = streamName('tamper-remove')
    right(await h.store.append(removed, events(5), { expected: 'no_stream' }))
    await tamper.remove(removed, 2)
    const storedRemoved = right(await h.store.readStream(removed))
    const gap = left(verifyStream(storedRemoved))
    assert.equal([gap.kind, gap.revision, gap.eventId], ['removed', 2, storedRemoved[2]?.id])

    const moved = streamName('tamper-move')
    right(await h.store.append(moved, events(5), { expected: 'no_stream' }))
    await tamper.swapRevisions(moved, 1, 3)
    const swapped = left(verifyStream(right(await h.store.readStream(moved))))
    assert.equal([swapped.kind, swapped.revision], ['reordered', 1])
  })

  return test
}
