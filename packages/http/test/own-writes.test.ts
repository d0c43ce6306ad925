/**
 * A write is shown to the next read on its instance without waiting for the read models to follow the whole log:
 * a submission (which moves no waiting list) is applied to its application's view and indexes at once. The
 * subscription delivering the same events later changes nothing, and a signed document replayed on an instance
 * whose read models have not seen its filing yet is still answered as a replay and stored once.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, openMemoryStore, type EventStore } from '@kezek/adapters'
import { silentLogger, type Logger } from '../src/index.js'
import { startReadModels, viewOfStream } from '../src/read-model/projections.js'
import { viewAt } from '../src/http/services.js'
import { call, countEvents, IIN, PROVIDER, signedRequest, startServer, tokens, type Running } from './harness.js'

/** The store as an instance sees it, with a valve between the log and its read models. */
const gated = (store: EventStore) => {
  let open: Promise<void> = Promise.resolve()
  let release = (): void => undefined
  const view: EventStore = {
    ...store,
    subscribe: (o) => store.subscribe({ ...o, onEvent: async (r) => { await open; await o.onEvent(r) } }),
  }
  return {
    store: view,
    close: () => { open = new Promise<void>((resolve) => { release = resolve }) },
    open: () => release(),
  }
}

const recording = (): Logger & { readonly lines: string[] } => {
  const lines: string[] = []
  const logger: Logger & { lines: string[] } = { lines, log: (_level, message) => { lines.push(message) }, child: () => logger }
  return logger
}

const s = suite<{ store: EventStore; a: Running; b: Running; valveA: ReturnType<typeof gated>; valveB: ReturnType<typeof gated>; logA: ReturnType<typeof recording> }>('own writes')
s.before(async (ctx) => {
  ctx.store = openMemoryStore()
  ctx.valveA = gated(ctx.store)
  ctx.valveB = gated(ctx.store)
  ctx.logA = recording()
  ctx.a = await startServer(ctx.valveA.store, { logger: ctx.logA })
  ctx.b = await startServer(ctx.valveB.store)
})
s.after(async (ctx) => {
  ctx.valveA.open()
  ctx.valveB.open()
  await ctx.a.stop()
  await ctx.b.stop()
  await ctx.store.close()
})

s('a submission is answered and read back while the read models have not followed the log', async ({ a, valveA, logA }) => {
  valveA.close()
  const posted = await call(a.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen, { familySize: 5 }) })
  assert.is(posted.status, 201, posted.text)
  const id: string = posted.body.applicationId
  assert.is(a.app.readModels.stats().eventsProjected, 0, 'the subscription has delivered nothing')
  assert.not.ok(logA.lines.includes('read models lag behind a write'), 'the answer did not wait for the read models')

  const read = await call(a.url, 'GET', `/v1/applications/${id}`, { token: tokens.citizen })
  assert.is(read.status, 200, read.text)
  assert.equal(read.body, posted.body)
  assert.is(read.headers.get('etag'), posted.headers.get('etag'))
  const mine = await call(a.url, 'GET', '/v1/me/applications?limit=100', { token: tokens.citizen })
  assert.ok(mine.body.items.some((i: { applicationId: string }) => i.applicationId === id), 'the citizen’s list shows it')
  const facts = a.app.readModels.application(id)?.facts.length

  // The subscription then delivers the same events: nothing is applied twice.
  valveA.open()
  await a.app.readModels.reached(posted.headers.get('kezek-position') ?? '')
  assert.is(a.app.readModels.application(id)?.facts.length, facts)
  assert.is(a.app.readModels.application(id)?.revision, 3)
  const again = await call(a.url, 'GET', `/v1/applications/${id}`, { token: tokens.citizen })
  assert.equal(again.body, posted.body)
  assert.is(a.app.readModels.applicationsOf(IIN.citizen).filter((x) => x === id).length, 1)
})

s('a signed document filed on one instance and replayed on another that has not seen it yet is one application', async ({ a, b, store, valveB }) => {
  valveB.close()
  const xml = await signedRequest((p) => p.citizen, { familySize: 6 })
  const first = await call(a.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })
  assert.is(first.status, 201, first.text)
  const stored = await countEvents(store)
  assert.is(b.app.readModels.application(first.body.applicationId), undefined, 'instance b has not seen the filing')
  for (const headers of [{}, { 'idempotency-key': 'own-writes-replay-1' }] as Record<string, string>[]) {
    const replay = await call(b.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers })
    assert.is(replay.status, 200, replay.text)
    assert.is(replay.body.applicationId, first.body.applicationId)
    assert.is(replay.headers.get('kezek-signed-document-replayed'), 'true')
  }
  assert.is(await countEvents(store), stored, 'the replays appended nothing')
  valveB.open()
})

s.run()

const units = suite('ReadModels.wrote')

/** Files applications on `store` as a citizen through a command handler: one `authorized` event each. */
const filing = (store: EventStore) => {
  const handler = createCommandHandler({ store, clock: () => new Date(), newId: randomUUID, ruleVersion: () => 'housing-queue/test@1' })
  return (id: string) => handler.handle(id, [
    { type: 'authorize', commandId: `${id}.a`, applicationId: id, at: new Date().toISOString(), serviceId: 'housing-queue', providerId: PROVIDER, channel: 'portal', applicantIin: IIN.citizen, outcome: 'granted' },
  ], { actor: { id: IIN.citizen, role: 'citizen', channel: 'portal' }, correlationId: 'c' })
}

units('applies only a write that follows what the view holds and moves no list', async () => {
  const store = openMemoryStore()
  const valve = gated(store)
  const read = startReadModels(valve.store, { logger: silentLogger, now: () => new Date() })
  await read.caughtUp
  valve.close()
  const filed = await filing(store)('w1')
  assert.ok(E.isRight(filed))
  if (E.isLeft(filed)) return
  const own = { events: filed.right.history, stored: filed.right.appended }
  // A queue entry: lists follow the log's order only.
  const queued = { event: { ...filed.right.history[0]!.event, type: 'queued' } as never, revision: 1 }
  assert.not.ok(read.wrote({ events: [queued], stored: filed.right.appended }))
  // A write that does not follow on the view (revision 4 while the view has nothing): events are on their way.
  assert.not.ok(read.wrote({ events: [{ ...filed.right.history[0]!, revision: 4 }], stored: filed.right.appended }))
  assert.is(read.application('w1'), undefined)
  // The write itself, before the subscription delivers it; then delivered: applied once.
  assert.ok(read.wrote(own))
  assert.is(read.application('w1')?.revision, 0)
  assert.is(read.stats().eventsProjected, 0)
  valve.open()
  await read.reached(filed.right.position ?? '')
  assert.ok(read.wrote(own), 'seen already: nothing left to apply')
  assert.is(read.application('w1')?.facts.length, 1)
  assert.equal(read.applicationsOf(IIN.citizen), ['w1'])
  await read.stop()
  await store.close()
})

units('the read-back of a write applied already is not decoded again; an event of another writer is', async () => {
  const store = openMemoryStore()
  // What the subscription delivers cannot be decoded: a read model that decoded it would count it as skipped.
  const unreadable: EventStore = { ...store, subscribe: (o) => store.subscribe({ ...o, onEvent: (r) => o.onEvent({ ...r, data: { unreadable: true } }) }) }
  const valve = gated(unreadable)
  const read = startReadModels(valve.store, { logger: silentLogger, now: () => new Date() })
  await read.caughtUp
  valve.close()
  const file = filing(store)
  const own = await file('r1')
  if (E.isLeft(own)) return assert.unreachable(JSON.stringify(own.left))
  assert.ok(read.wrote({ events: own.right.history, stored: own.right.appended }))
  valve.open()
  await read.reached(own.right.position ?? '')
  assert.equal([read.stats().eventsProjected, read.stats().skipped], [1, 0])
  assert.is(read.application('r1')?.revision, 0)
  // Written without `wrote` (as by another instance): the subscription is its only way in, so it is decoded.
  const other = await file('r2')
  if (E.isLeft(other)) return assert.unreachable(JSON.stringify(other.left))
  await read.reached(other.right.position ?? '')
  assert.equal([read.stats().eventsProjected, read.stats().skipped], [1, 1])
  assert.is(read.application('r2'), undefined)
  await read.stop()
  await store.close()
})

units('the read models ask for the data of what they decode only: not of their own writes applied already', async () => {
  const store = openMemoryStore()
  // What each delivered event was asked: whether its data would be read (a decrypting store skips opening it if not).
  const asked: Array<readonly [string, boolean | undefined]> = []
  const valve = gated(store)
  // Asked as the event reaches the read models, after the valve: as a store would ask right before delivering.
  const asking: EventStore = { ...valve.store, subscribe: (o) => valve.store.subscribe({ ...o, onEvent: (r) => { asked.push([r.streamId, o.needsData?.(r)]); return o.onEvent(r) } }) }
  const read = startReadModels(asking, { logger: silentLogger, now: () => new Date() })
  await read.caughtUp
  valve.close()
  const file = filing(store)
  const own = await file('n1')
  if (E.isLeft(own)) return assert.unreachable(JSON.stringify(own.left))
  assert.ok(read.wrote({ events: own.right.history, stored: own.right.appended }))
  const other = await file('n2') // as by another instance: no `wrote`
  if (E.isLeft(other)) return assert.unreachable(JSON.stringify(other.left))
  valve.open()
  await read.reached(other.right.position ?? '')
  assert.equal(asked, [['application-n1', false], ['application-n2', true]])
  assert.is(read.application('n2')?.revision, 0, 'the other writer’s event was read and applied')
  await read.stop()
  await store.close()
})

units('a write is answered with the read models\' view when it stands at the write, else with the stream\'s own', async () => {
  const store = openMemoryStore()
  const read = startReadModels(store, { logger: silentLogger, now: () => new Date() })
  await read.caughtUp
  const file = filing(store)
  const own = await file('v1')
  if (E.isLeft(own)) return assert.unreachable(JSON.stringify(own.left))
  await read.reached(own.right.position ?? '')
  assert.is(viewAt(read, 'v1', own.right.history), read.application('v1'), 'the view the read models hold, not a second one')
  // The read models move past the write (another write to the application): its answer still shows the write.
  const later = { ...read.application('v1')!, revision: 7 }
  const moved = { application: (id: string) => (id === 'v1' ? later : undefined) }
  const answered = viewAt(moved, 'v1', own.right.history)
  assert.is(answered?.revision, 0)
  assert.equal(answered, viewOfStream(own.right.history))
  await read.stop()
  await store.close()
})

units.run()
