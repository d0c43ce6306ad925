/**
 * Authorization over a real socket: a citizen never reads another citizen's data, staff stay within their
 * provider, the audit trail is for staff and auditors, the public list carries no personal data, and no IIN
 * reaches the logs in clear.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { openPgliteStore } from '@kezek/adapters'
import type { EventStore } from '@kezek/adapters'
import { housingQueueAlmaty2012, kazakhstanNational } from '@kezek/domain'
import { createApp, hmacAuthenticator, jsonLogger, keyResultSigner, tableRegistries, xmlDsigVerifier } from '../src/index.js'
import { call, countEvents, IIN, PROVIDER, OTHER_PROVIDER, registryTable, SECRET, signedRequest, testPki, token, tokens, walkInBody, serviceToday } from './harness.js'

const s = suite<{ url: string; server: Server; store: EventStore; logs: string[]; close: () => Promise<void>; mine: string }>('authorization')

s.before(async (ctx) => {
  const pki = await testPki()
  ctx.logs = []
  ctx.store = await openPgliteStore()
  const app = createApp({
    store: ctx.store,
    verifier: xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }) }),
    resultSigner: keyResultSigner(() => ({ privateKey: pki.head.keys.privateKey, certificate: pki.head.certificate })),
    registries: tableRegistries(registryTable),
    providers: [
      { id: PROVIDER, name: 'Almaty', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() },
      { id: OTHER_PROVIDER, name: 'Akzhar', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() },
    ],
    auth: hmacAuthenticator(SECRET, () => new Date()),
    clock: () => new Date(),
    ids: { next: randomUUID },
    logger: jsonLogger({ sink: (line) => ctx.logs.push(line), level: 'debug' }),
  })
  await app.ready
  ctx.server = await new Promise<Server>((resolve) => { const x = app.listen(0, '127.0.0.1', () => resolve(x)) })
  ctx.url = `http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}`
  ctx.close = async () => { ctx.server.closeAllConnections(); await new Promise((r) => ctx.server.close(r)); await app.close(); await ctx.store.close() }
  const a = await call(ctx.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
  ctx.mine = a.body.applicationId
  await call(ctx.url, 'POST', `/v1/applications/${ctx.mine}/document-check`, { token: tokens.officer, json: { conforming: true } })
  await call(ctx.url, 'POST', `/v1/applications/${ctx.mine}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: serviceToday() } })
})
s.after((ctx) => ctx.close())

s('another citizen cannot see, place, download, audit or act on my application: 404 as if it did not exist', async ({ url, mine }) => {
  for (const path of ['', '/position', '/result', '/history']) {
    const r = await call(url, 'GET', `/v1/applications/${mine}${path}`, { token: tokens.otherCitizen })
    assert.is(r.status, 404, `GET ${path}`)
    assert.not.match(r.text, IIN.citizen)
  }
  const act = await call(url, 'POST', `/v1/applications/${mine}/result-view`, { token: tokens.otherCitizen, json: {} })
  assert.is(act.status, 404)
  const theirs = await call(url, 'GET', '/v1/me/applications', { token: tokens.otherCitizen })
  assert.is(theirs.status, 200)
  assert.equal(theirs.body.items, [])
  const ownView = await call(url, 'GET', `/v1/applications/${mine}`, { token: tokens.citizen })
  assert.is(ownView.status, 200)
})

s('a citizen cannot file for someone else, even with that person’s valid signature; nothing is stored', async ({ url, store }) => {
  const before = await countEvents(store)
  const r = await call(url, 'POST', '/v1/portal/applications', {
    token: tokens.citizen, xml: await signedRequest((p) => p.otherCitizen, { applicantIin: IIN.otherCitizen }),
  })
  assert.is(r.status, 403)
  assert.is(await countEvents(store), before)
})

s('the applicant reads their status but not the audit trail; auditors and the provider’s staff do', async ({ url, mine }) => {
  assert.is((await call(url, 'GET', `/v1/applications/${mine}/history`, { token: tokens.citizen })).status, 403)
  assert.is((await call(url, 'GET', `/v1/applications/${mine}/history`, { token: tokens.auditor })).status, 200)
  assert.is((await call(url, 'GET', `/v1/applications/${mine}/history`, { token: tokens.officer })).status, 200)
})

s('staff stay within their provider; citizens do not decide', async ({ url, mine }) => {
  assert.is((await call(url, 'GET', `/v1/applications/${mine}`, { token: tokens.foreignOfficer })).status, 404)
  assert.is((await call(url, 'POST', `/v1/applications/${mine}/data-change`, { token: tokens.foreignOfficer, json: { familySize: 3, note: 'x' } })).status, 404)
  assert.is((await call(url, 'POST', `/v1/applications/${mine}/data-change`, { token: tokens.citizen, json: { familySize: 3, note: 'x' } })).status, 403)
  assert.is((await call(url, 'GET', `/v1/providers/${PROVIDER}/applications`, { token: tokens.foreignOfficer })).status, 403)
  assert.is((await call(url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable/entries`, { token: tokens.citizen })).status, 403)
  const full = await call(url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable/entries`, { token: tokens.officer })
  assert.is(full.status, 200)
  assert.is(full.body.entries[0].holderIin, IIN.citizen, 'staff see full entries')
})

s('each channel is for its role', async ({ url, store }) => {
  const before = await countEvents(store)
  assert.is((await call(url, 'POST', '/v1/desk/applications', { token: tokens.operator, json: await walkInBody('officer') })).status, 403)
  assert.is((await call(url, 'POST', '/v1/service-centre/applications', { token: tokens.officer, json: await walkInBody('operator') })).status, 403)
  assert.is((await call(url, 'POST', '/v1/portal/applications', { token: tokens.officer, xml: await signedRequest((p) => p.citizen) })).status, 403)
  assert.is(await countEvents(store), before)
})

s('missing, forged and expired tokens are 401 problems', async ({ url, mine }) => {
  const none = await call(url, 'GET', `/v1/applications/${mine}`)
  assert.is(none.status, 401)
  assert.is(none.headers.get('www-authenticate'), 'Bearer')
  assert.is(none.body.type, 'urn:kezek:problem:unauthorized')
  const [payload] = tokens.citizen.split('.')
  const forged = await call(url, 'GET', `/v1/applications/${mine}`, { token: `${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}` })
  assert.is(forged.status, 401)
  const expired = await call(url, 'GET', `/v1/applications/${mine}`, { token: token({ role: 'citizen', sub: 'c1', iin: IIN.citizen, exp: 1 } as never) })
  assert.is(expired.status, 401)
  assert.match(expired.body.detail, /expired/)
})

s('the public list shows positions and filing dates, never an IIN', async ({ url }) => {
  const r = await call(url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable`)
  assert.is(r.status, 200)
  assert.ok(r.body.entries.length >= 1)
  assert.equal(Object.keys(r.body.entries[0]).sort(), ['category', 'filedAt', 'position', 'queueNumberAtRegistration', 'requestNumber'])
  assert.not.match(r.text, /\d{12}/)
})

s('problems speak the language of Accept-Language', async ({ url }) => {
  const kk = await call(url, 'GET', '/v1/applications/x', { headers: { 'accept-language': 'kk-KZ, ru;q=0.5' } })
  assert.is(kk.body.title, 'Аутентификация қажет')
  assert.is(kk.headers.get('content-language'), 'kk')
  const en = await call(url, 'GET', '/v1/applications/x', { headers: { 'accept-language': 'de, en;q=0.8' } })
  assert.is(en.body.title, 'Authentication is required')
  const ru = await call(url, 'GET', '/v1/applications/x')
  assert.is(ru.body.title, 'Требуется аутентификация')
  assert.match(ru.headers.get('content-type') ?? '', /application\/problem\+json/)
})

s('logs are JSON lines with correlation ids and no IIN in clear', async ({ url, logs }) => {
  await call(url, 'GET', '/v1/me/applications', { token: tokens.citizen, headers: { 'x-correlation-id': 'trace-abc-123' } })
  const parsed = logs.map((l) => JSON.parse(l) as Record<string, unknown>)
  assert.ok(parsed.some((l) => l['correlationId'] === 'trace-abc-123' && l['msg'] === 'request'))
  const all = logs.join('\n')
  for (const iin of Object.values(IIN)) assert.not.ok(all.includes(iin), `IIN ${iin.slice(0, 2)}… leaked into the logs`)
  assert.match(all, /iin#[0-9a-f]{16}/, 'citizens appear masked')
})

s('metrics count requests and report the read models', async ({ url }) => {
  const text = await call(url, 'GET', '/metrics')
  assert.match(text.text, /kezek_http_requests_total\{method="GET",route="\/v1\/applications\/:id",status="404"\} \d+/)
  assert.match(text.text, /kezek_read_model_caught_up 1/)
  const json = await call(url, 'GET', '/metrics', { headers: { accept: 'application/json' } })
  assert.ok(json.body.requestCount > 0)
})

s.run()
