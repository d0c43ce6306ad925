/**
 * Hostile input is a typed 4xx problem, never a 5xx, and nothing is appended: malformed percent-encoding in a path
 * (also anonymous), NUL and lone surrogates in ids and body strings (on PGlite, whose refusal used to surface as 503),
 * JSON nested past the limit, unsupported Content-Encoding, and Node's own 400/431 answers.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { request } from 'node:http'
import { connect } from 'node:net'
import { openPgliteStore, type EventStore } from '@kezek/adapters'
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../src/middleware/hostile.js'
import { call, countEvents, signedRequest, startServer, tokens, type Answer, type Running } from './harness.js'

const s = suite<{ r: Running; store: EventStore; before: number; mine: string }>('hostile input')
s.before(async (ctx) => {
  ctx.store = await openPgliteStore()
  ctx.r = await startServer(ctx.store)
  const filed = await call(ctx.r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
  ctx.mine = filed.body.applicationId
})
s.after(async (ctx) => { await ctx.r.stop(); await ctx.store.close() })
s.before.each(async (ctx) => { ctx.before = await countEvents(ctx.store) })
s.after.each(async (ctx) => { assert.is(await countEvents(ctx.store), ctx.before, 'nothing was appended') })

const problemOf = (a: Answer, status: number, type: string) => {
  assert.is(a.status, status, a.text)
  assert.is(a.body.type, `urn:kezek:problem:${type}`, a.text)
  assert.match(a.headers.get('content-type') ?? '', /application\/problem\+json/)
}

/** fetch normalises some paths; a raw request sends the bytes as given. */
const raw = (url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const u = new URL(url)
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => { text += c })
      res.on('end', () => {
        let parsed: unknown = text
        try { parsed = JSON.parse(text) } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>), body: parsed, text })
      })
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })

s('malformed percent-encoding in a path → 400, for anonymous and authenticated callers alike', async ({ r }) => {
  for (const bad of ['%FF', '%', '%zz', '%C0%AF', '%E0%A4%A', '%ED%A0%80'])
    for (const path of [`/v1/applications/${bad}`, `/v1/providers/${bad}/lists`, `/v1/applications/${bad}/questionnaire`]) {
      const method = path.endsWith('questionnaire') ? 'POST' : 'GET'
      problemOf(await raw(r.url, method, path, { 'content-type': 'application/json' }, method === 'POST' ? '{}' : undefined), 400, 'malformed-url')
      problemOf(await raw(r.url, method, path, { authorization: `Bearer ${tokens.citizen}`, 'content-type': 'application/json' }, method === 'POST' ? '{}' : undefined), 400, 'malformed-url')
    }
})

s('a NUL in an id → 422, not a store outage', async ({ r }) => {
  problemOf(await raw(r.url, 'GET', '/v1/applications/abc%00def', { authorization: `Bearer ${tokens.citizen}` }), 422, 'validation-failed')
  problemOf(await raw(r.url, 'POST', '/v1/applications/abc%00def/result-view', { authorization: `Bearer ${tokens.citizen}`, 'content-type': 'application/json' }, '{}'), 422, 'validation-failed')
})

s('a NUL or a lone surrogate in a body string → 422 naming the field', async ({ r, mine }) => {
  for (const note of ['a\u0000b', 'x\ud800y', '\udc00']) {
    const a = await call(r.url, 'POST', `/v1/applications/${mine}/document-check`, { token: tokens.officer, json: { conforming: false, reasons: ['ok', note] } })
    problemOf(a, 422, 'validation-failed')
    assert.match(a.text, /reasons\[1\]/)
    assert.is(a.headers.get('retry-after'), null)
  }
  // As raw JSON escapes too, the way an attacker would send them.
  const a = await raw(r.url, 'POST', `/v1/applications/${mine}/document-check`, { authorization: `Bearer ${tokens.officer}`, 'content-type': 'application/json' },
    '{"conforming":false,"reasons":["\\ud800"]}')
  problemOf(a, 422, 'validation-failed')
})

s('JSON nested past the limit → 400 before it is parsed; the scanner skips brackets inside strings', async ({ r, mine }) => {
  for (const depth of [MAX_JSON_DEPTH + 1, 5000, 10_000]) {
    const body = '['.repeat(depth) + ']'.repeat(depth)
    problemOf(await call(r.url, 'POST', `/v1/applications/${mine}/questionnaire`, { token: tokens.citizen, body, contentType: 'application/json' }), 400, 'malformed-json')
    problemOf(await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, body: `{"a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`, contentType: 'application/json' }), 400, 'malformed-json')
  }
  assert.not.ok(jsonDepthExceeds(Buffer.from(JSON.stringify({ note: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' })), 3))
  assert.not.ok(jsonDepthExceeds(Buffer.from(JSON.stringify({ note: 'a\\"[[[[[[' })), 2))
  assert.ok(jsonDepthExceeds(Buffer.from('[[[[]]]]'), 3))
})

s('a Content-Encoding other than identity, gzip or deflate → 415', async ({ r, mine }) => {
  for (const encoding of ['br', 'compress', 'x-evil', 'gzip, br', 'zstd']) {
    const a = await call(r.url, 'POST', `/v1/applications/${mine}/questionnaire`, {
      token: tokens.citizen, json: { quality: 3, information: 3 }, headers: { 'content-encoding': encoding },
    })
    problemOf(a, 415, 'unsupported-media-type')
  }
  problemOf(await call(r.url, 'GET', `/v1/applications/${mine}`, { token: tokens.citizen, headers: { 'content-encoding': 'br' } }), 415, 'unsupported-media-type')
})

const rawSocket = (url: string, text: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const u = new URL(url)
    const socket = connect(Number(u.port), u.hostname, () => socket.write(text))
    let got = ''
    socket.setEncoding('utf8')
    socket.on('data', (c: string) => { got += c })
    socket.on('end', () => resolve(got))
    socket.on('error', reject)
  })

s('Node’s own 400 and 431 answers are problem+json', async ({ r }) => {
  const broken = await rawSocket(r.url, 'GET /v1/applications HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')
  assert.match(broken, /^HTTP\/1\.1 400 /)
  assert.match(broken, /application\/problem\+json/)
  assert.match(broken, /urn:kezek:problem:bad-request/)
  const huge = await rawSocket(r.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
  assert.match(huge, /^HTTP\/1\.1 431 /)
  assert.match(huge, /urn:kezek:problem:headers-too-large/)
})

s.run()
