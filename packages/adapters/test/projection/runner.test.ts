/**
 * The projection runner over the in-memory store and an in-memory sink: catch-up after downtime without loss or
 * duplicates, progress reports, side effects gated by mode and position, and batches that apply entirely or not.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { memorySink, runProjection, type MemoryProjection, type Progress } from '../../src/projection/index.js'
import { MemoryLog, openMemoryStore } from '../../src/store/memory.js'
import type { EventStore, NewEvent, RecordedEvent } from '../../src/store/port.js'

/** The projection under test: the ids it has seen, in order. Any loss or duplicate shows in the list. */
const seenIds: MemoryProjection<readonly string[]> = {
  name: 'seen',
  initial: () => [],
  apply: (state, e) => [...state, e.id],
}

let counter = 0
const ev = (): NewEvent => ({ id: `e-${++counter}`, type: 'Counted', data: { n: counter }, metadata: null })

const appendMany = async (store: EventStore, n: number): Promise<string> => {
  let position = ''
  for (let i = 0; i < n; i++) {
    const r = await store.append(`s-${i % 7}`, [ev()], { expected: 'any' })
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
    position = r.right.position
  }
  return position
}

const allIds = async (store: EventStore): Promise<string[]> => {
  const out: string[] = []
  for await (const e of store.readAll()) out.push(e.id)
  return out
}

test('catches up after downtime without losing or repeating an event', async () => {
  const log = new MemoryLog()
  let store = openMemoryStore({ log })
  const sink = memorySink(seenIds)
  await appendMany(store, 30)

  const first = runProjection({ store, sink, batchSize: 8 })
  await first.caughtUp
  assert.is(sink.state().length, 30)
  const live = await appendMany(store, 5)
  await first.reached(live)
  await first.stop()
  assert.is(sink.state().length, 35)

  // Down: the store keeps taking appends (and restarts) while no runner is there.
  await store.close()
  store = openMemoryStore({ log })
  await appendMany(store, 20)

  const second = runProjection({ store, sink, batchSize: 8 })
  await second.caughtUp
  const later = await appendMany(store, 10)
  await second.reached(later)
  await second.stop()
  await second.done

  const expected = await allIds(store)
  assert.is(expected.length, 65)
  assert.equal(sink.state(), expected, 'every event once, in global order')
  assert.is(await sink.checkpoint(), log.events[64]?.position)
})

test('progress reports events, rate, position and lag, ending caught up', async () => {
  const store = openMemoryStore()
  await appendMany(store, 25)
  const reports: Progress[] = []
  let clock = Date.now() + 60_000 // a minute after the events were recorded
  const run = runProjection({
    store, sink: memorySink(seenIds), batchSize: 10,
    now: () => (clock += 100), onProgress: (p) => reports.push(p),
  })
  await run.caughtUp
  await run.stop()
  assert.equal(reports.slice(0, 3).map((p) => p.events), [10, 20, 25])
  for (let i = 1; i < reports.length; i++) {
    assert.ok(store.comparePositions((reports[i - 1] as Progress).position, (reports[i] as Progress).position) <= 0)
  }
  const firstReport = reports[0] as Progress
  assert.ok(firstReport.eventsPerSecond > 0)
  assert.is(firstReport.caughtUp, false)
  assert.ok(firstReport.lagMs > 0, 'behind the head: lag is the age of the last applied event')
  const last = reports[reports.length - 1] as Progress
  assert.is(last.caughtUp, true)
  assert.is(last.lagMs, 0)
  assert.is(last.head, await store.headPosition())
  assert.is(last.mode, 'live')
})

test('side effects: none while replaying, and only after the gate position when live', async () => {
  const store = openMemoryStore()
  await appendMany(store, 12)
  const replayed: string[] = []
  const replay = runProjection({ store, sink: memorySink(seenIds), mode: 'replay', react: (e) => void replayed.push(e.id) })
  await replay.done // a replay ends by itself once caught up
  assert.equal(replayed, [])

  const gate = (await allIds(store)).length
  const all: RecordedEvent[] = []
  for await (const e of store.readAll()) all.push(e)
  const reacted: string[] = []
  const sink = memorySink(seenIds)
  const live = runProjection({ store, sink, reactAfter: all[gate - 5]?.position, react: (e) => void reacted.push(e.id) })
  await live.caughtUp
  const end = await appendMany(store, 3)
  await live.reached(end)
  await live.stop()
  assert.equal(reacted, [...all.slice(gate - 4).map((e) => e.id), ...(await allIds(store)).slice(gate)])
  assert.is(sink.state().length, gate + 3, 'the projection itself saw everything')
})

test('a batch that fails half-way leaves state and checkpoint as they were', async () => {
  const store = openMemoryStore()
  await appendMany(store, 20)
  const poison = 'e-' + String(counter - 5) // inside the second batch of 8
  const failing: MemoryProjection<readonly string[]> = {
    ...seenIds,
    apply: (state, e) => {
      if (e.id === poison) throw new Error('projection bug')
      return seenIds.apply(state, e)
    },
  }
  const sink = memorySink(failing)
  const run = runProjection({ store, sink, batchSize: 8 })
  let failure: unknown
  try { await run.done } catch (e) { failure = e }
  assert.instance(failure, Error)
  assert.is(sink.state().length, 8, 'only the first batch')
  const all: RecordedEvent[] = []
  for await (const e of store.readAll()) all.push(e)
  assert.is(await sink.checkpoint(), all[7]?.position, 'the checkpoint names the last applied event')
  assert.equal(sink.state(), all.slice(0, 8).map((e) => e.id))
})


test('what the sink reads is asked of the store, caught up and following: the other events may reach it as stored', async () => {
  const inner = openMemoryStore()
  await appendMany(inner, 10)
  const asked: string[] = []
  const store: EventStore = {
    ...inner,
    readAll: (o) => ({
      async *[Symbol.asyncIterator]() {
        for await (const e of inner.readAll(o)) {
          asked.push(`read ${e.id}: ${String(o?.needsData?.(e))}`)
          yield e
        }
      },
    }),
    subscribe: (o) => inner.subscribe({ ...o, onEvent: (e) => { asked.push(`followed ${e.id}: ${String(o.needsData?.(e))}`); return o.onEvent(e) } }),
  }
  const odd = (h: { readonly id: string }): boolean => Number(h.id.slice(2)) % 2 === 1
  const run = runProjection({ store, sink: memorySink(seenIds), batchSize: 4, needsData: odd })
  await run.caughtUp
  const first = Number(asked[0]?.match(/e-(\d+)/)?.[1])
  assert.equal(asked, Array.from({ length: 10 }, (_, i) => `read e-${first + i}: ${(first + i) % 2 === 1}`))
  const next = await appendMany(inner, 1)
  await run.reached(next)
  await run.stop()
  assert.is(asked.at(-1), `followed e-${first + 10}: ${(first + 10) % 2 === 1}`)
})

/** Appends `types.length` events to one stream, one of each type in turn; returns the last position. */
const appendTyped = async (store: EventStore, types: readonly string[]): Promise<string> => {
  let position = ''
  for (const type of types) {
    const r = await store.append('typed', [{ ...ev(), type }], { expected: 'any' })
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
    position = r.right.position
  }
  return position
}

/** The store, recording the types each readAll asks for; a catch-up that reads the log over and over fails. */
const askingStore = (inner: EventStore, readsAllowed: number, stripTypes = false): EventStore & { readonly asked: (readonly string[] | undefined)[] } => {
  const asked: (readonly string[] | undefined)[] = []
  return {
    ...inner,
    asked,
    readAll: (o) => {
      asked.push(o?.types)
      if (asked.length > readsAllowed) throw new Error(`readAll asked ${asked.length} times: the catch-up does not end`)
      const { types: _, ...rest } = o ?? {}
      return inner.readAll(stripTypes ? rest : o)
    },
  }
}

const typesSeen: MemoryProjection<readonly string[]> = { name: 'typed', initial: () => [], apply: (state, e) => [...state, `${e.type} ${e.id}`] }

test('a run given types asks the store for them only, hands the sink nothing else, and passes over the rest to the head', async () => {
  const inner = openMemoryStore()
  await appendTyped(inner, ['Filed', 'Queued', 'Filed', 'Filed', 'Queued', 'Filed', 'Filed'])
  const store = askingStore(inner, 4)
  const sink = memorySink(typesSeen)
  const progress: Progress[] = []
  const run = runProjection({ store, sink, types: ['Queued'], batchSize: 1, mode: 'replay', onProgress: (p) => progress.push(p) })
  await run.done
  assert.equal(sink.state().map((x) => x.split(' ')[0]), ['Queued', 'Queued'])
  assert.is(await sink.checkpoint(), await inner.headPosition(), 'past the trailing events it does not read')
  assert.ok(store.asked.length >= 1 && store.asked.every((t) => t?.join() === 'Queued'), JSON.stringify(store.asked))
  assert.equal(progress.at(-1)?.events, 2, 'progress counts the events applied')
  assert.is(progress.at(-1)?.caughtUp, true)

  // Live: an event of another type at the head is passed over, so a wait for its position ends.
  const live = runProjection({ store: inner, sink, types: ['Queued'] })
  await live.caughtUp
  await live.reached(await appendTyped(inner, ['Queued', 'Filed']))
  await live.stop()
  assert.is(await sink.checkpoint(), await inner.headPosition())
  assert.equal(sink.state().map((x) => x.split(' ')[0]), ['Queued', 'Queued', 'Queued'])

  // A restart reads nothing twice.
  const again = askingStore(inner, 4)
  await runProjection({ store: again, sink, types: ['Queued'], mode: 'replay' }).done
  assert.is(sink.state().length, 3)
  assert.equal(again.asked, [], 'at the head already: nothing read')
})

test('a store that sends every type anyway: the sink still gets only its types', async () => {
  const inner = openMemoryStore()
  await appendTyped(inner, ['Filed', 'Queued', 'Filed'])
  const sink = memorySink(typesSeen)
  await runProjection({ store: askingStore(inner, 4, true), sink, types: ['Queued'], mode: 'replay' }).done
  assert.equal(sink.state().map((x) => x.split(' ')[0]), ['Queued'])
  assert.is(await sink.checkpoint(), await inner.headPosition())
})

test('types without a sink that can pass over events is refused at once', () => {
  const { advance: _, ...withoutAdvance } = memorySink(typesSeen)
  assert.throws(() => runProjection({ store: openMemoryStore(), sink: withoutAdvance, types: ['Queued'] }), /advance/)
})

test.run()
