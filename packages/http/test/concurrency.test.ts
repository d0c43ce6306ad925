/**
 * Optimistic concurrency and idempotency over HTTP: the ETag is the stream revision, a stale If-Match is 412 and
 * changes nothing, and a retried POST with the same Idempotency-Key returns the first answer — also from a fresh
 * process whose cache is empty.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openPgliteStore } from '@kezek/adapters'
import type { EventStore } from '@kezek/adapters'
import { call, countEvents, signedRequest, startServer, tokens, type Running, serviceToday } from './harness.js'

const s = suite<{ r: Running; store: EventStore }>('concurrency and idempotency')
s.before(async (ctx) => { ctx.store = await openPgliteStore(); ctx.r = await startServer(ctx.store) })
s.after(async (ctx) => { await ctx.r.stop(); await ctx.store.close() })

const registered = async (r: Running): Promise<{ id: string; etag: string }> => {
  const a = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
  assert.is(a.status, 201, a.text)
  return { id: a.body.applicationId, etag: a.headers.get('etag') ?? '' }
}

s('two officers decide the same application at once: one 200, one 412, and only one decision is recorded', async ({ r, store }) => {
  const { id, etag } = await registered(r)
  const before = await countEvents(store)
  const [a, b] = await Promise.all([
    call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true }, headers: { 'if-match': etag } }),
    call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer2, json: { conforming: false, reasons: ['нет справки'] }, headers: { 'if-match': etag } }),
  ])
  assert.equal([a.status, b.status].sort(), [200, 412])
  const loser = a.status === 412 ? a : b
  assert.is(loser.body.type, 'urn:kezek:problem:precondition-failed')
  assert.is(await countEvents(store), before + 1)
  const now = await call(r.url, 'GET', `/v1/applications/${id}`, { token: tokens.officer })
  assert.is(now.headers.get('etag'), `"${Number(etag.replace(/"/g, '')) + 1}"`)
})

s('a stale If-Match is 412 and nothing changes; a malformed one is 400', async ({ r, store }) => {
  const { id, etag } = await registered(r)
  await call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true }, headers: { 'if-match': etag } })
  const before = await countEvents(store)
  const stale = await call(r.url, 'POST', `/v1/applications/${id}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: serviceToday() }, headers: { 'if-match': etag } })
  assert.is(stale.status, 412)
  assert.is(stale.body.currentRevision, Number(etag.replace(/"/g, '')) + 1)
  assert.is(await countEvents(store), before)
  const bad = await call(r.url, 'POST', `/v1/applications/${id}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: serviceToday() }, headers: { 'if-match': 'yesterday' } })
  assert.is(bad.status, 400)
  assert.is(await countEvents(store), before)
})

s('a retried submission with the same Idempotency-Key returns the first answer and stores one application', async ({ r, store }) => {
  const xml = await signedRequest((p) => p.citizen)
  const headers = { 'idempotency-key': 'portal-retry-0001' }
  const first = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers })
  const after = await countEvents(store)
  const [again, concurrent] = await Promise.all([
    call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers }),
    call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers }),
  ])
  assert.is(first.status, 201)
  for (const x of [again, concurrent]) {
    assert.is(x.status, 201)
    assert.equal(x.body, first.body)
    assert.is(x.headers.get('idempotent-replayed'), 'true')
  }
  assert.is(await countEvents(store), after)
  const other = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen, { familySize: 6 }), headers })
  assert.is(other.status, 422)
  assert.is(other.body.type, 'urn:kezek:problem:idempotency-key-reused')
})

s('after a restart (empty cache) the same key still writes nothing new and names the same application', async ({ r, store }) => {
  const xml = await signedRequest((p) => p.citizen)
  const headers = { 'idempotency-key': 'portal-restart-0001' }
  const first = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers })
  const after = await countEvents(store)
  const fresh = await startServer(store)
  try {
    const retry = await call(fresh.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, headers })
    assert.ok(retry.status === 200 || retry.status === 201, retry.text)
    assert.is(retry.body.applicationId, first.body.applicationId)
    assert.is(retry.body.requestNumber, first.body.requestNumber)
    assert.is(await countEvents(store), after)
  } finally {
    await fresh.stop()
  }
})

s('decisions are idempotent too', async ({ r, store }) => {
  const { id } = await registered(r)
  const headers = { 'idempotency-key': 'doc-check-retry-0001' }
  const a = await call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true }, headers })
  const count = await countEvents(store)
  const b = await call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true }, headers })
  assert.is(a.status, 200)
  assert.equal(b.body, a.body)
  assert.is(await countEvents(store), count)
})

s.run()
