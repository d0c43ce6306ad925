/**
 * The SQL waiting list on PGlite (the store's own database): positions match the domain's in-memory list, a
 * blue/green rebuild under another policy serves the old version until the switch, the policy report names
 * exactly the entries that moved, and checkpoint and rows stay consistent when a batch fails half-way.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { PGlite } from '@electric-sql/pglite'
import { decisionDateOrder, filingOrder, type WaitingList } from '@kezek/domain'
import {
  activateVersion,
  rebuildWaitingListProjection,
  retireVersion,
  runProjection,
  sqlSink,
  waitingListProjection,
  waitingListReader,
  type EntryPosition,
  type SqlProjection,
} from '../../src/projection/index.js'
import { WAITING_LIST_READS } from '../../src/projection/waiting-list/projection.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import type { EventStore, RecordedEvent } from '../../src/store/port.js'
import { applicationEvents, applicationId, laterEvent } from './applications.js'
import { everything, inMemory, rowsMatchCheckpoint } from './consistency.js'

const lite = new PGlite()
let schemas = 0
const openStore = (): Promise<SqlEventStore> => openPgliteStore({ db: lite, schema: `wl_test_${++schemas}` })

const APPS = 40

/** Filing order and decision-date order disagree for some applications and agree for others. */
const fill = async (store: EventStore, from = 0, to = APPS): Promise<void> => {
  for (let i = from; i < to; i++) {
    const events = applicationEvents({
      index: i,
      filedMinute: (i * 17) % APPS,
      decisionDay: i % 4 === 0 ? 30 - (i % 8) : 1 + (i % 3),
      category: i % 5 === 0 ? 'orphans' : 'socially_vulnerable',
    })
    const r = await store.append(applicationId(i), events, { expected: 'no_stream' })
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  }
}

const removeSome = async (store: EventStore, ids: readonly number[]): Promise<void> => {
  for (const i of ids) {
    const r = await store.append(applicationId(i), [laterEvent(i, i % 2 === 0 ? 'removed' : 'housing_allocated', i)], { expected: 4 })
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  }
}

const expectedPositions = (list: WaitingList): EntryPosition[] =>
  list.listIds().flatMap((listId) => {
    const entries = [...list.entries(listId)]
    return entries.map((e, i) => ({ applicationId: e.applicationId, listId, position: i + 1, of: entries.length }))
  })

const byId = (xs: readonly EntryPosition[]) => [...xs].sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1))

test('a first build under a named policy gives the domain\'s positions, and follows new events live', async () => {
  const store = await openStore()
  await fill(store)
  await removeSome(store, [3, 8, 13])
  const db = { driver: store.driver, schema: store.schema }
  const built = await rebuildWaitingListProjection({ store, db, policy: 'filing-order', batchSize: 50 })
  assert.ok(E.isRight(built), JSON.stringify(built))
  if (E.isLeft(built)) return
  assert.is(built.right.version, 1)
  assert.is(built.right.policy, 'filing-order@1')
  assert.equal(built.right.changed, [], 'nothing to compare with on a first build')

  const reader = waitingListReader(store.driver, store.schema)
  assert.equal(byId(await reader.all()), byId(expectedPositions(await inMemory(store, filingOrder))))
  assert.is(await reader.positionOf(applicationId(3)), undefined, 'removed: no place')

  // Live: a runner on the active version keeps it current.
  const sink = await sqlSink(store.driver, store.schema, waitingListProjection, 1)
  const run = runProjection({ store, sink })
  await run.caughtUp
  await fill(store, APPS, APPS + 3)
  await removeSome(store, [20])
  const head = await store.headPosition()
  await run.reached(head as string)
  await run.stop()
  assert.equal(byId(await reader.all()), byId(expectedPositions(await inMemory(store, filingOrder))))
  const page = await reader.page(`almaty/zhkh/socially_vulnerable`, 0, 5)
  assert.equal(page.map((p) => p.position), [1, 2, 3, 4, 5])
  assert.ok(page.every((p) => !JSON.stringify(p).match(/\d{12}/)), 'the public page holds no IIN')
})

test('a rebuild asks the store for the list\'s event types only, and its checkpoint passes over the rest to the head', async () => {
  const store = await openStore()
  await fill(store)
  await removeSome(store, [3, 8])
  // The log ends with events the list does not read: a filing not queued yet.
  const unqueued = applicationEvents({ index: APPS, filedMinute: 1, decisionDay: 2 }).slice(0, 3)
  assert.ok(E.isRight(await store.append(applicationId(APPS), unqueued, { expected: 'no_stream' })))
  const asked: (readonly string[] | undefined)[] = []
  const counting: EventStore = { ...store, readAll: (o) => { asked.push(o?.types); return store.readAll(o) } }
  const built = await rebuildWaitingListProjection({ store: counting, db: { driver: store.driver, schema: store.schema }, policy: 'filing-order', batchSize: 7 })
  assert.ok(E.isRight(built), JSON.stringify(built))
  if (E.isLeft(built)) return
  assert.ok(asked.length > 0 && asked.every((t) => t?.join() === WAITING_LIST_READS.join()), JSON.stringify(asked))
  assert.is(built.right.events, APPS + 2, 'the queued events and the two that ended a place, nothing else')
  const end = await rowsMatchCheckpoint(store, 1, WAITING_LIST_READS)
  assert.is(end.checkpoint, await store.headPosition(), 'past the filing that is not queued')
  assert.is(end.rows, APPS)
  assert.equal(byId(await waitingListReader(store.driver, store.schema).all()), byId(expectedPositions(await inMemory(store, filingOrder))))
})

test('blue/green: the old version serves reads during the rebuild; the switch moves readers; the report names exactly the moved entries', async () => {
  const store = await openStore()
  await fill(store)
  await removeSome(store, [5, 6])
  const db = { driver: store.driver, schema: store.schema }
  assert.ok(E.isRight(await rebuildWaitingListProjection({ store, db, policy: 'filing-order@1' })))
  const reader = waitingListReader(store.driver, store.schema)
  const v1 = byId(await reader.all())

  // Reads issued while the new version is being replayed, from inside its progress callback.
  const during: Array<Promise<{ active: unknown; all: EntryPosition[] }>> = []
  const rebuilt = await rebuildWaitingListProjection({
    store, db, policy: 'decision-date-order', batchSize: 8, activate: false,
    onProgress: () => void during.push((async () => ({ active: await reader.active(), all: byId(await reader.all()) }))()),
  })
  assert.ok(E.isRight(rebuilt), JSON.stringify(rebuilt))
  if (E.isLeft(rebuilt)) return
  assert.ok(during.length >= 5, `several reads during the replay (${during.length})`)
  for (const r of await Promise.all(during)) {
    assert.equal(r.active, { version: 1, policy: 'filing-order@1' })
    assert.equal(r.all, v1, 'the old version kept serving, unchanged')
  }
  assert.equal(await reader.active(), { version: 1, policy: 'filing-order@1' }, 'not switched before review')

  // The report, against positions computed independently (two separate in-memory rebuilds).
  const before = await inMemory(store, filingOrder, rebuilt.right.position)
  const after = await inMemory(store, decisionDateOrder, rebuilt.right.position)
  const moved = expectedPositions(before)
    .map((b) => ({ b, a: after.position(b.applicationId)?.position }))
    .filter(({ b, a }) => a !== b.position)
    .map(({ b, a }) => ({ applicationId: b.applicationId, listId: b.listId, before: b.position, after: a as number }))
  assert.ok(moved.length > 0 && moved.length < APPS - 2, `some but not all entries move (${moved.length})`)
  const sortKey = (x: { applicationId: string }) => x.applicationId
  assert.equal(
    [...rebuilt.right.changed].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1)),
    moved.sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1)),
  )
  assert.is(rebuilt.right.previousPolicy, 'filing-order@1')

  assert.ok(E.isRight(await activateVersion(db, 'waiting_list', rebuilt.right.version)))
  assert.equal(await reader.active(), { version: 2, policy: 'decision-date-order@1' })
  assert.equal(byId(await reader.all()), byId(expectedPositions(after)), 'SQL order = the domain policy')

  // The old version can be retired only once nobody reads it.
  assert.equal(await retireVersion(db, waitingListProjection, 2), E.left({ kind: 'version_is_active', projection: 'waiting_list', version: 2 }))
  assert.ok(E.isRight(await retireVersion(db, waitingListProjection, 1)))
  const [exists] = await store.driver.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`${store.schema}.wl_entries_v1`])
  assert.is(exists?.t, null, 'the retired tables are gone')
})

test('an unknown policy is a typed error and builds nothing', async () => {
  const store = await openStore()
  await fill(store, 0, 2)
  const r = await rebuildWaitingListProjection({ store, db: { driver: store.driver, schema: store.schema }, policy: 'lottery@1' })
  assert.equal(r, E.left({ kind: 'unknown_policy', policy: 'lottery@1' }))
  assert.equal(await waitingListReader(store.driver, store.schema).all(), [])
})

test('a batch that fails half-way commits nothing: checkpoint and rows stay consistent, a rerun completes', async () => {
  const store = await openStore()
  await fill(store)
  const all = await everything(store)
  // The 3rd batch of 40 holds applications 16..23; fail on a queued event in its middle, after rows were written.
  const poison = all.find((e) => e.type === 'queued' && e.streamId === applicationId(20)) as RecordedEvent
  const failing: SqlProjection = {
    ...waitingListProjection,
    apply: async (tx, events, tables) => {
      const at = events.findIndex((e) => e.id === poison.id)
      if (at < 0) return waitingListProjection.apply(tx, events, tables)
      await waitingListProjection.apply(tx, events.slice(0, at), tables) // rows really written...
      throw new Error('projection crashed mid-batch') // ...then the batch dies
    },
  }
  const sink = await sqlSink(store.driver, store.schema, failing, 3, { policy: 'filing-order@1' })
  const run = runProjection({ store, sink, batchSize: 40 })
  let failure: unknown
  try { await run.done } catch (e) { failure = e }
  assert.match(String(failure), /mid-batch/)
  const mid = await rowsMatchCheckpoint(store, 3)
  assert.is(mid.checkpoint, all[79]?.position, 'two full batches committed, the third not at all')
  assert.is(mid.rows, 16)

  const healthy = await sqlSink(store.driver, store.schema, waitingListProjection, 3)
  const rerun = runProjection({ store, sink: healthy, batchSize: 40, mode: 'replay' })
  await rerun.done
  const end = await rowsMatchCheckpoint(store, 3)
  assert.is(end.rows, APPS)
  assert.is(end.checkpoint, all[all.length - 1]?.position)
})

test('two runners on one version: the second is refused instead of applying events twice', async () => {
  const store = await openStore()
  await fill(store, 0, 10)
  const a = await sqlSink(store.driver, store.schema, waitingListProjection, 1, { policy: 'filing-order@1' })
  const b = await sqlSink(store.driver, store.schema, waitingListProjection, 1, { policy: 'filing-order@1' })
  const all = await everything(store)
  await a.checkpoint()
  await b.checkpoint()
  await a.commit(all.slice(0, 10))
  let refused: unknown
  try { await b.commit(all.slice(0, 10)) } catch (e) { refused = e }
  assert.match(String(refused), /checkpoint moved/)
  await rowsMatchCheckpoint(store, 1)
})

test.after(async () => {
  await lite.close()
})

test.run()
