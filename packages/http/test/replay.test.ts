/**
 * Replays and scopes: one signed document is one application whatever the Idempotency-Key (portal and desk), the
 * citizen's list comes a page at a time, and an Idempotency-Key used by an officer of one provider never replays
 * its answer to an officer of another provider with the same subject.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openMemoryStore, type EventStore } from '@kezek/adapters'
import { call, countEvents, OTHER_PROVIDER, PROVIDER, signedRequest, startServer, testPki, token, tokens, walkInBody, type Running } from './harness.js'
import { xmlDsigVerifier, type SignatureVerifier, type TokenClaims } from '../src/index.js'

const s = suite<{ r: Running; store: EventStore }>('replays and scopes')
s.before(async (ctx) => { ctx.store = openMemoryStore(); ctx.r = await startServer(ctx.store) })
s.after(async (ctx) => { await ctx.r.stop(); await ctx.store.close() })

s('the same signed XML posted again returns the first application, whatever the Idempotency-Key', async ({ r, store }) => {
  const xml = await signedRequest((p) => p.citizen, { familySize: 7 })
  const first = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })
  assert.is(first.status, 201, first.text)
  const stored = await countEvents(store)
  for (const key of [undefined, 'replay-key-0001', 'replay-key-0002']) {
    const again = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) })
    assert.is(again.status, 200, again.text)
    assert.is(again.body.applicationId, first.body.applicationId)
    assert.is(again.headers.get('location'), first.headers.get('location'))
  }
  // Concurrent replays too.
  const burst = await Promise.all(Array.from({ length: 8 }, () => call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })))
  for (const b of burst) assert.is(b.body.applicationId, first.body.applicationId, b.text)
  assert.is(await countEvents(store), stored, 'no replay appended anything')
  // A different signed document is a different application.
  const other = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen, { familySize: 8 }) })
  assert.is(other.status, 201)
  assert.is.not(other.body.applicationId, first.body.applicationId)
})

s('a staff-signed walk-in replayed is the same application too', async ({ r, store }) => {
  const body = await walkInBody('officer', { familySize: 6 })
  const first = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: body })
  assert.is(first.status, 201, first.text)
  const stored = await countEvents(store)
  const again = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer2, json: body, headers: { 'idempotency-key': 'desk-replay-0001' } })
  assert.is(again.status, 200, again.text)
  assert.is(again.body.applicationId, first.body.applicationId)
  assert.is(await countEvents(store), stored)
})

s('a verifier that leaves the signature digest out names the same application: the service derives it from the text', async ({ r, store }) => {
  const pki = await testPki()
  const real = xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }) })
  // An embedder's own verifier, written before the digest was part of the answer.
  const older: SignatureVerifier = {
    verifyRequest: async (xml, at) => {
      const v = await real.verifyRequest(xml, at)
      if (v.kind !== 'read') return v
      const { signatureDigest: _, ...rest } = v
      return rest
    },
  }
  const other = await startServer(store, { verifier: older })
  try {
    const xml = await signedRequest((p) => p.citizen, { familySize: 9 })
    const first = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })
    assert.is(first.status, 201, first.text)
    const stored = await countEvents(store)
    const again = await call(other.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })
    assert.is(again.status, 200, again.text)
    assert.is(again.body.applicationId, first.body.applicationId)
    assert.is(await countEvents(store), stored, 'the replay appended nothing')
  } finally {
    await other.stop()
  }
})

s('GET /v1/me/applications pages with limit and cursor, at most 100 a page', async ({ r }) => {
  for (const familySize of [11, 12, 13, 14]) {
    const a = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen, { familySize }) })
    assert.is(a.status, 201)
  }
  const all = await call(r.url, 'GET', '/v1/me/applications?limit=100', { token: tokens.citizen })
  assert.is(all.status, 200)
  const ids: string[] = all.body.items.map((i: { applicationId: string }) => i.applicationId)
  assert.ok(ids.length >= 6, `${ids.length}`)
  assert.is(all.body.nextCursor, null)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page: { status: number; body: { items: { applicationId: string }[]; nextCursor: string | null } } =
      await call(r.url, 'GET', `/v1/me/applications?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`, { token: tokens.citizen })
    assert.is(page.status, 200)
    assert.ok(page.body.items.length <= 2)
    seen.push(...page.body.items.map((i) => i.applicationId))
    cursor = page.body.nextCursor
  } while (cursor !== null)
  assert.equal(seen, ids)
  for (const bad of ['limit=101', 'limit=0', 'cursor=%2F%2F', 'cursor=bm90LW1pbmU', 'type=queue'])
    assert.is((await call(r.url, 'GET', `/v1/me/applications?${bad}`, { token: tokens.citizen })).status, 422, bad)
})

s('an Idempotency-Key from an officer of another provider with the same subject never replays the first answer', async ({ r }) => {
  const body = await walkInBody('officer', { familySize: 3 })
  const headers = { 'idempotency-key': 'shared-key-0001' }
  const mine = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: body, headers })
  assert.is(mine.status, 201, mine.text)
  const impostor = token({ role: 'provider_officer', sub: 'officer-1', providerId: OTHER_PROVIDER } as TokenClaims)
  const theirs = await call(r.url, 'POST', '/v1/desk/applications', { token: impostor, json: body, headers })
  assert.is(theirs.status, 403, theirs.text)
  assert.is(theirs.headers.get('idempotent-replayed'), null)
  assert.not.match(theirs.text, mine.body.applicationId)
  // The same officer retrying still gets the first answer.
  const retry = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: body, headers })
  assert.is(retry.headers.get('idempotent-replayed'), 'true')
  assert.is(retry.body.applicationId, mine.body.applicationId)
  assert.ok(PROVIDER !== OTHER_PROVIDER)
})

s.run()
