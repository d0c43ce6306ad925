/**
 * Several instances over one PostgreSQL (three apps in this process, each with its own connection pool, read
 * models and caches, as three processes would have): concurrent submissions spread over them get unique request
 * numbers; concurrent queue decisions into one list get the numbers at registration a serial run would give;
 * every instance's read models end identical, and equal to a fresh rebuild; a retry with the same
 * Idempotency-Key, or a replay of the same signed document, on another instance writes nothing new; a write on one instance is readable on another with
 * Kezek-Min-Position.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeEvent, emptyWaitingList, filingOrder, type ApplicationEvent } from '@kezek/domain'
import { openPostgresStore, type EventStore } from '@kezek/adapters'
import { call, PROVIDER, serviceToday, signedRequest, startServer, tokens, type Running } from './harness.js'
import { openIsolatedPostgres, PG_URL } from './pg.js'

const APPLICATIONS = 12

const events = async (store: EventStore): Promise<ApplicationEvent[]> => {
  const out: ApplicationEvent[] = []
  for await (const r of store.readAll()) {
    const e = decodeEvent(r.data)
    if (e._tag === 'Right') out.push(e.right)
  }
  return out
}

/**
 * Waits until the store shows readers every write answered so far (other sessions' open transactions in the
 * shared test database can hold readers back for a while: see the store's horizon).
 */
const settled = async (store: EventStore, answers: readonly { headers: Headers }[]): Promise<void> => {
  const s = store.subscribe({ onEvent: () => undefined })
  for (const a of answers) {
    const p = a.headers.get('kezek-position')
    if (p !== null) await s.reached(p)
  }
  await s.stop()
}

const digest = (i: number): string => i.toString(16).padStart(2, '0').repeat(32)

test('three instances over one PostgreSQL schema agree on numbers, lists and idempotency', async () => {
  const isolated = await openIsolatedPostgres('multi')
  const schema = (isolated.store as unknown as { schema: string }).schema
  const stores: EventStore[] = [isolated.store]
  const servers: Running[] = []
  try {
    for (let i = 0; i < 2; i++) stores.push(await openPostgresStore({ connectionString: PG_URL, schema, pollIntervalMs: 200 }))
    for (const store of stores) servers.push(await startServer(store))
    const on = (i: number): Running => servers[i % servers.length] as Running

    // Concurrent submissions, spread over the instances (distinct signed documents).
    const submitted = await Promise.all(Array.from({ length: APPLICATIONS }, async (_, i) =>
      call(on(i).url, 'POST', '/v1/portal/applications', {
        token: tokens.citizen,
        xml: await signedRequest((p) => p.citizen, { documents: [{ kind: 'identity_card', sha256: digest(i + 1) }] }),
      })))
    for (const a of submitted) assert.is(a.status, 201, a.text)
    const ids = submitted.map((a) => a.body.applicationId as string)
    await settled(isolated.store, submitted)
    const numbers = (await events(isolated.store)).flatMap((e) => (e.type === 'registered' ? [e.requestNumber] : []))
    assert.is(numbers.length, APPLICATIONS)
    assert.is(new Set(numbers).size, APPLICATIONS, `request numbers are unique: ${numbers.join(', ')}`)

    // Documents checked, then every queue decision at once, spread over the instances, into one list.
    const checked = await Promise.all(ids.map((id, i) =>
      call(on(i + 1).url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true } })))
    for (const c of checked) assert.is(c.status, 200, c.text)
    const today = serviceToday()
    const queued = await Promise.all(ids.map((id, i) =>
      call(on(i + 2).url, 'POST', `/v1/applications/${id}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: today } })))
    for (const q of queued) assert.is(q.status, 200, q.text)

    await settled(isolated.store, queued)
    // A serial replay in commit order: each number at registration is the place the entry took when recorded.
    const replay = emptyWaitingList(filingOrder)
    let decisions = 0
    for (const e of await events(isolated.store)) {
      replay.apply(e)
      if (e.type !== 'queued') continue
      decisions += 1
      assert.is(e.queueNumberAtRegistration, replay.position(e.applicationId)?.position, `number at registration of ${e.applicationId}`)
    }
    assert.is(decisions, APPLICATIONS)

    // Read your write on another instance: the write's position, then a read that waits for it.
    const last = queued[queued.length - 1]
    const position = last?.headers.get('kezek-position') ?? ''
    assert.ok(position.length > 0, 'a write answers its position')
    const elsewhere = await call(on(APPLICATIONS).url, 'GET', `/v1/applications/${ids[APPLICATIONS - 1]}`, {
      token: tokens.officer, headers: { 'kezek-min-position': position },
    })
    assert.is(elsewhere.status, 200, elsewhere.text)
    assert.is(elsewhere.body.status, 'queued')
    const bad = await call(on(0).url, 'GET', `/v1/providers/${PROVIDER}/lists`, { headers: { 'kezek-min-position': 'not-a-position' } })
    assert.is(bad.status, 422)

    // A retry with the same Idempotency-Key on another instance writes nothing new.
    const xml = await signedRequest((p) => p.citizen, { documents: [{ kind: 'identity_card', sha256: digest(200) }] })
    const headers = { 'idempotency-key': 'multi-instance-retry-0001' }
    const first = await call(on(0).url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers })
    const again = await call(on(1).url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers })
    assert.is(first.status, 201, first.text)
    assert.is(again.body.applicationId, first.body.applicationId)
    // The same signed document replayed on a third instance under another key is the same application.
    const replayed = await call(on(2).url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers: { 'idempotency-key': 'multi-instance-other-0002' } })
    assert.is(replayed.status, 200, replayed.text)
    assert.is(replayed.body.applicationId, first.body.applicationId)
    await settled(isolated.store, [first])
    const registrations = (await events(isolated.store)).filter((e) => e.type === 'registered' && e.applicationId === first.body.applicationId)
    assert.is(registrations.length, 1)

    // Every instance's lists, and a fresh rebuild's, are the same.
    const head = await isolated.store.headPosition()
    const fresh = await openPostgresStore({ connectionString: PG_URL, schema, pollIntervalMs: 200 })
    stores.push(fresh)
    servers.push(await startServer(fresh))
    const lists = await Promise.all(servers.map((r) =>
      call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable?limit=50`, { headers: { 'kezek-min-position': head ?? '' } })))
    for (const l of lists) assert.is(l.status, 200, l.text)
    for (const l of lists.slice(1)) assert.equal(l.body, lists[0]?.body)
    const statuses = await Promise.all(servers.map((r) =>
      Promise.all(ids.map((id) => call(r.url, 'GET', `/v1/applications/${id}`, { token: tokens.officer }).then((a) => a.body)))))
    for (const s of statuses.slice(1)) assert.equal(s, statuses[0])
  } finally {
    for (const r of servers) await r.stop()
    for (const s of stores) await s.close()
    await isolated.dispose()
  }
})

test.run()
