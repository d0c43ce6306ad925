/**
 * Malformed input is a 4xx problem with a useful message, and nothing is stored: broken JSON and XML, wrong
 * content types, oversized bodies, invalid IINs, forged and wrapped signatures, DTDs, bad queries; and a registry
 * that is down is a retryable 503, never a silent pass.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openPgliteStore } from '@kezek/adapters'
import type { EventStore } from '@kezek/adapters'
import * as E from 'fp-ts/lib/Either.js'
import { fileRegistries, withTimeout, type Registries } from '../src/index.js'
import { call, countEvents, IIN, signedRequest, startServer, tokens, walkInBody, PROVIDER, type Answer, type Running } from './harness.js'

const s = suite<{ r: Running; store: EventStore; before: number }>('bad input')
s.before(async (ctx) => { ctx.store = await openPgliteStore(); ctx.r = await startServer(ctx.store) })
s.after(async (ctx) => { await ctx.r.stop(); await ctx.store.close() })
s.before.each(async (ctx) => { ctx.before = await countEvents(ctx.store) })
s.after.each(async (ctx) => { assert.is(await countEvents(ctx.store), ctx.before, 'nothing was appended') })

const problemOf = (a: Answer, status: number, type: string) => {
  assert.is(a.status, status, a.text)
  assert.is(a.body.type, `urn:kezek:problem:${type}`)
  assert.match(a.headers.get('content-type') ?? '', /application\/problem\+json/)
  assert.ok(typeof a.body.title === 'string' && a.body.title.length > 0)
}

s('malformed JSON → 400', async ({ r }) => {
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, body: '{"applicantIin": ', contentType: 'application/json' }), 400, 'malformed-json')
})

s('malformed XML → 400', async ({ r }) => {
  problemOf(await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: '<application><unclosed></application>' }), 400, 'malformed-xml')
})

s('a DTD (entity expansion) is refused before parsing → 400', async ({ r }) => {
  const xml = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><application>&x;</application>'
  problemOf(await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml }), 400, 'malformed-xml')
})

s('wrong content type → 415', async ({ r }) => {
  problemOf(await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, json: { xml: '<a/>' } }), 415, 'unsupported-media-type')
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, xml: '<a/>' }), 415, 'unsupported-media-type')
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, body: 'hello', contentType: 'text/plain' }), 415, 'unsupported-media-type')
})

s('oversized bodies → 413', async ({ r }) => {
  const big = `<application>${'x'.repeat(1024 * 1024 + 10)}</application>`
  problemOf(await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: big }), 413, 'payload-too-large')
  const json = { ...(await walkInBody('officer')), padding: 'y'.repeat(70 * 1024) }
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json }), 413, 'payload-too-large')
})

s('an invalid IIN (bad check digit) → 422 naming the field', async ({ r }) => {
  const body = { ...(await walkInBody('officer')), applicantIin: '871008401428' }
  const a = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: body })
  problemOf(a, 422, 'validation-failed')
  assert.ok(a.body.errors.some((e: string) => e.includes('applicantIin')), JSON.stringify(a.body.errors))
  const succession = await call(r.url, 'POST', '/v1/applications/nope/family-succession', { token: tokens.officer, json: { ground: 'applicant_died', successorIin: '123' } })
  assert.is(succession.status, 404, 'an unknown application is 404 before its body is judged')
})

s('data that differs from what the officer signed → 422', async ({ r }) => {
  const body = { ...(await walkInBody('officer')), familySize: 9 }
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: body }), 422, 'validation-failed')
})

s('a document signed by the wrong party for the channel → 422', async ({ r }) => {
  const citizenSigned = await signedRequest((p) => p.citizen)
  const body = { ...(await walkInBody('officer')), signedXml: citizenSigned }
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: body }), 422, 'validation-failed')
  const operatorDoc = await walkInBody('operator')
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: operatorDoc }), 422, 'validation-failed')
  const staffSigned = (await walkInBody('officer')).signedXml
  problemOf(await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: staffSigned }), 422, 'validation-failed')
})

s('a forged signature (content changed after signing) → 400, nothing stored', async ({ r }) => {
  const signed = await signedRequest((p) => p.citizen)
  const forged = signed.replace('<familySize>4</familySize>', '<familySize>9</familySize>')
  assert.ok(forged !== signed)
  const a = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: forged })
  problemOf(a, 400, 'invalid-signature-document')
  assert.is(a.body.code, 'digest_mismatch')
})

s('a wrapped signature (signed element moved under a forged root) → 400', async ({ r }) => {
  const signed = await signedRequest((p) => p.citizen)
  const inner = signed.replace(/^<\?xml[^>]*>\s*/, '')
  const evil = inner.replace('<familySize>4</familySize>', '<familySize>9</familySize>').replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
  const wrapped = evil.replace('</application>', `<wrapper>${inner}</wrapper></application>`)
  const a = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: wrapped })
  problemOf(a, 400, 'invalid-signature-document')
})

s('an unsigned application → 400', async ({ r }) => {
  const signed = await signedRequest((p) => p.citizen)
  const unsigned = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
  const a = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: unsigned })
  problemOf(a, 400, 'invalid-signature-document')
  assert.is(a.body.code, 'no_signature')
})

s('bad queries → 422 or 404', async ({ r }) => {
  problemOf(await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable?limit=0`), 422, 'validation-failed')
  problemOf(await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable?asOf=yesterday`), 422, 'validation-failed')
  problemOf(await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/pets`), 404, 'not-found')
  problemOf(await call(r.url, 'GET', '/v1/providers/nowhere/lists/orphans'), 404, 'not-found')
  problemOf(await call(r.url, 'GET', '/v1/no/such/route'), 404, 'not-found')
})

s('a bad Idempotency-Key → 422', async ({ r }) => {
  problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: await walkInBody('officer'), headers: { 'idempotency-key': 'short' } }), 422, 'validation-failed')
})

const withRegistries = async (store: EventStore, registries: Registries, f: (r: Running) => Promise<void>) => {
  const r = await startServer(store, { registries })
  try { await f(r) } finally { await r.stop() }
}

s('ГБД ФЛ unavailable (its table cannot be read) → 503 with Retry-After, nothing stored', async ({ store }) => {
  await withRegistries(store, fileRegistries('/nonexistent/registry.json'), async (r) => {
    const a = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: await walkInBody('officer') })
    problemOf(a, 503, 'registry-unavailable')
    assert.is(a.body.registry, 'gbdfl')
    assert.ok(Number(a.headers.get('retry-after')) > 0)
  })
})

s('a registry that does not answer in time is unavailable, not "not found"', async () => {
  const hung: Registries = {
    persons: { findPerson: () => new Promise(() => undefined) },
    powersOfAttorney: { findPowerOfAttorney: () => new Promise(() => undefined) },
  }
  const started = Date.now()
  const r = await withTimeout(hung, 50).persons.findPerson(IIN.citizen as never)
  assert.ok(E.isLeft(r) && r.left.kind === 'registry_unavailable' && r.left.retryable)
  assert.ok(Date.now() - started < 1000)
})

s.run()
