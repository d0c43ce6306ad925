/**
 * The SQL stores' subscriptions hand over data and metadata parsed when first read (event-row.ts): a follower that
 * reads only headers costs no JSON parsing, and one that reads the payload, in any way, gets what was appended. A
 * follower that says which events it reads (`needsData`) is not sent the others' data at all (stop 54).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import type { RecordedEvent } from '../../src/store/port.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { events, right, streamName, within } from './contract.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

const EVENTS = 40

const backends: readonly { readonly name: string; readonly open: () => Promise<{ store: SqlEventStore; close: () => Promise<void> }> }[] = [
  { name: 'PGlite', open: async () => { const store = await openPgliteStore(); return { store, close: () => store.close() } } },
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = uniqueSchema('parse_on_read')
      const store = await openPostgresStore({ connectionString: PG_URL, schema })
      return { store, close: async () => { await store.close(); await dropSchema(schema) } }
    },
  },
]

/** Every event of the store, through a subscription, read by `read`; and how many times JSON.parse ran meanwhile. */
const follow = async (store: SqlEventStore, read: (e: RecordedEvent) => unknown): Promise<{ readonly seen: unknown[]; readonly parses: number }> => {
  const seen: unknown[] = []
  const parse = JSON.parse
  let parses = 0
  JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => { parses++; return parse(text, reviver) }) as typeof JSON.parse
  try {
    const sub = store.subscribe({ onEvent: (e) => { seen.push(read(e)) } })
    await within(10_000, 'caughtUp', sub.caughtUp)
    await sub.stop()
    await sub.done
  } finally {
    JSON.parse = parse
  }
  return { seen, parses }
}

for (const backend of backends) {
  const test = suite(`${backend.name}: a subscription parses an event's payload only when it is read`)

  test('headers alone parse nothing; the payload read as a property, a spread or JSON is what was appended', async () => {
    const { store, close } = await backend.open()
    try {
      const appended = events(EVENTS)
      right(await store.append(streamName('parse'), appended, { expected: 'no_stream' }))
      const headers = await follow(store, (e) => e.revision)
      assert.equal(headers.seen, Array.from({ length: EVENTS }, (_, i) => i))
      const payloads = await follow(store, (e) => ({ data: e.data, metadata: e.metadata }))
      assert.equal(payloads.seen, appended.map((e) => ({ data: e.data, metadata: e.metadata })))
      // Each event's two documents parsed once when read, not at all when not.
      assert.ok(payloads.parses - headers.parses >= 2 * EVENTS, `parses: ${headers.parses} for headers, ${payloads.parses} for payloads`)
      assert.ok(headers.parses < EVENTS, `headers alone parsed ${headers.parses} times`)
      // A payload read twice is the same value; spread and serialized, the event carries it.
      const twice = await follow(store, (e) => e.data === e.data && JSON.stringify({ ...e }) === JSON.stringify(e) && JSON.parse(JSON.stringify(e)).data.n === (e.data as { n: number }).n)
      assert.ok(twice.seen.every((x) => x === true))
    } finally {
      await close()
    }
  })

  test('with needsData, the events it refuses come as headers whose data throws, the others as appended', async () => {
    const { store, close } = await backend.open()
    try {
      const appended = events(EVENTS)
      const stream = streamName('needs')
      right(await store.append(stream, appended, { expected: 'no_stream' }))
      const asked: number[] = []
      const seen: RecordedEvent[] = []
      const sub = store.subscribe({ needsData: (h) => { asked.push(h.revision); return h.revision % 3 === 0 }, onEvent: (e) => { seen.push(e) } })
      await within(10_000, 'caughtUp', sub.caughtUp)
      await sub.stop()
      await sub.done
      assert.equal(seen.map((e) => e.revision), Array.from({ length: EVENTS }, (_, i) => i))
      assert.ok(Array.from({ length: EVENTS }, (_, i) => i).every((r) => asked.includes(r)), 'asked of every event')
      for (const e of seen) {
        assert.is(e.streamId, stream)
        assert.ok(/^[0-9a-f]{64}$/.test(e.hash) && e.position.length > 0 && !Number.isNaN(Date.parse(e.recordedAt)), JSON.stringify(e.position))
        if (e.revision % 3 === 0) {
          assert.equal({ data: e.data, metadata: e.metadata }, { data: appended[e.revision]!.data, metadata: appended[e.revision]!.metadata })
        } else {
          assert.throws(() => e.data, (err: unknown) => err instanceof TypeError && /needsData/.test(err.message))
          assert.throws(() => e.metadata, (err: unknown) => err instanceof TypeError)
        }
      }
      // A subscriber that reads no data at all gets every header, and none of their data.
      const none: RecordedEvent[] = []
      const headersOnly = store.subscribe({ needsData: () => false, onEvent: (e) => { none.push(e) } })
      await within(10_000, 'caughtUp', headersOnly.caughtUp)
      await headersOnly.stop()
      await headersOnly.done
      assert.equal(none.map((e) => e.id), seen.map((e) => e.id))
      assert.ok(none.every((e) => { try { void e.data; return false } catch { return true } }))
    } finally {
      await close()
    }
  })

  test.run()
}
