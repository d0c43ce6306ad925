/**
 * A seeded, bounded fuzz run: 2,400 requests over every operation of /openapi.json and every kind of caller, each
 * carrying at least one hostile ingredient (malformed percent-encoding, NUL, lone surrogate, deep nesting, an unknown
 * or smuggled field, an unsupported Content-Encoding, a wrong content type, garbage bytes) plus random damage to the
 * valid body. Zero 5xx answers and zero appended events. The seed is printed on failure; set FUZZ_SEED to replay.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openMemoryStore } from '@kezek/adapters'
import { call, countEvents, IIN, PROVIDER, signedRequest, startServer, tokens, walkInBody, serviceToday } from './harness.js'

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201)
const REQUESTS = 2400

/** mulberry32: small, seeded, good enough to spread choices. */
const prng = (seed: number) => {
  let a = seed >>> 0
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

test(`fuzz: ${REQUESTS} hostile requests over every route and caller → no 5xx, nothing appended (seed ${SEED})`, async () => {
  const store = openMemoryStore()
  const r = await startServer(store)
  try {
    const filed = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
    const mine: string = filed.body.applicationId
    await call(r.url, 'POST', `/v1/applications/${mine}/document-check`, { token: tokens.officer, json: { conforming: true } })
    const paths = (await call(r.url, 'GET', '/openapi.json')).body.paths as Record<string, Record<string, unknown>>
    const operations = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: p })))
    const before = await countEvents(store)
    const random = prng(SEED)
    const pick = <A>(xs: readonly A[]): A => xs[Math.floor(random() * xs.length)] as A
    const xml = await signedRequest((p) => p.citizen)
    const walkIn = await walkInBody('officer') as unknown as Record<string, Json>
    const today = serviceToday()
    const validJson: Record<string, Record<string, Json>> = {
      '/v1/desk/applications': walkIn,
      '/v1/service-centre/applications': walkIn,
      '/v1/applications/{id}/document-check': { conforming: true },
      '/v1/applications/{id}/queue-decision': { commissionDecisionDate: today, category: 'socially_vulnerable' },
      '/v1/applications/{id}/checks/record': { registry: 'guardianship_register' },
      '/v1/applications/{id}/result': { result: { kind: 'guardianship_certificate', certificateNumber: 'C', appointmentDecision: 'R', appointedOn: today }, issuedOn: today },
      '/v1/applications/{id}/unclaimed': { returnedOn: today, registryRef: 'R-1' },
      '/v1/applications/{id}/data-change': { familySize: 5, note: 'n' },
      '/v1/applications/{id}/family-succession': { ground: 'applicant_died', successorIin: IIN.otherCitizen },
      '/v1/applications/{id}/removal': { ground: 'grounds_ceased', decisionRef: 'D', decidedOn: today },
      '/v1/applications/{id}/housing-allocation': { dwellingRef: 'f', decisionRef: 'D', decidedOn: today },
      '/v1/applications/{id}/restoration': { appealRef: 'A', decidedOn: today },
      '/v1/applications/{id}/result-view': {},
      '/v1/applications/{id}/questionnaire': { quality: 3, information: 3 },
    }
    const callers = [undefined, tokens.citizen, tokens.otherCitizen, tokens.officer, tokens.foreignOfficer, tokens.operator, tokens.auditor]
    const badPercent = ['%FF', '%', '%zz', '%C0%AF', '%E0%A4%A', '%00', '%ED%A0%80', '%2e%2e', '..%2F']
    const nasty = ['\u0000', '\ud800', '\udfff', 'a\u0000', 'x\ud83d', '%00', '<a/>', '"; DROP TABLE x; --', 'x'.repeat(600), '']
    const junk = (): Json => pick<() => Json>([
      () => null, () => true, () => -1, () => 1e308, () => 3.5, () => pick(nasty), () => [pick(nasty)], () => ({ [pick(['type', 'at', '__proto__', 'constructor'])]: pick(nasty) }),
    ])()
    const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n)
    /** Each request gets one ingredient that must be refused, then random extra damage. */
    const ingredients = ['percent', 'nul-id', 'nasty-field', 'unknown-field', 'smuggled', 'deep', 'encoding', 'content-type', 'garbage'] as const
    let fiveHundreds = 0
    const statuses = new Map<number, number>()
    for (let i = 0; i < REQUESTS; i++) {
      const op = pick(operations)
      const ingredient = pick(ingredients)
      let id = mine
      let provider: string = PROVIDER
      if (ingredient === 'percent') { id = `${mine.slice(0, 4)}${pick(badPercent)}`; provider = pick(badPercent) }
      if (ingredient === 'nul-id') id = `${mine}%00`
      let path = op.path.replace('{id}', id).replace('{providerId}', provider).replace('{category}', pick(['socially_vulnerable', 'orphans', '%FF', 'x%00']))
      if (op.method === 'GET' && random() < 0.5) path += `?${pick(['limit=-1', 'offset=%FF', 'asOf=2026-02-31T00:00:00Z', 'type=queue', 'limit=1&limit=2', 'cursor=%00'])}`
      const headers: Record<string, string> = {}
      if (random() < 0.2) headers['if-match'] = pick(['"x"', '*', '"-1"', 'W/"1"'])
      if (random() < 0.2) headers['idempotency-key'] = pick(['short', 'fuzz-key-000001', 'fuzz-key-000002'])
      if (ingredient === 'encoding') headers['content-encoding'] = pick(['br', 'x-evil', 'gzip, br', 'compress'])
      const token = pick(callers)
      let body: string | undefined
      let contentType = 'application/json'
      const valid = validJson[op.path]
      if (op.path === '/v1/portal/applications') {
        contentType = 'application/xml'
        body = ingredient === 'garbage' ? '<a>\u0000</a>' : ingredient === 'content-type' ? xml : xml.replace('<', pick(['<<', '<!DOCTYPE x [<!ENTITY a "b">]><', '< ']))
        if (ingredient === 'content-type') contentType = 'application/json'
      } else if (op.method === 'POST') {
        const damaged: Record<string, Json> = { ...(valid ?? {}) }
        for (const k of Object.keys(damaged)) if (random() < 0.15) damaged[k] = junk()
        if (ingredient === 'nasty-field' || ingredient === 'percent' || ingredient === 'nul-id') damaged[pick(Object.keys(damaged).concat('note'))] = pick(nasty.slice(0, 5))
        if (ingredient === 'unknown-field' || ingredient === 'encoding' || ingredient === 'content-type') damaged[`extra${i}`] = junk()
        if (ingredient === 'smuggled') Object.assign(damaged, pick<Record<string, Json>>([
          { type: 'queue' }, { commandId: 'c' }, { applicationId: 'a' }, { at: '2001-01-01T00:00:00Z' }, { actor: { id: 'x' } }, { queueNumberAtRegistration: 1 },
        ]))
        body = ingredient === 'deep' ? deep(pick([40, 500, 5000])) : ingredient === 'garbage' ? pick(['{', '\u0000', '{"a":1,}', '[1,2', '\xff\xfe']) : JSON.stringify(damaged)
        if (ingredient === 'content-type') contentType = pick(['text/plain', 'application/xml', 'multipart/form-data'])
      } else if (ingredient === 'deep' || ingredient === 'garbage') {
        body = ingredient === 'deep' ? deep(3000) : '\u0000'
      }
      const answer = await call(r.url, op.method === 'GET' && body !== undefined ? 'POST' : op.method, path, {
        ...(token === undefined ? {} : { token }),
        ...(body === undefined ? {} : { body, contentType }),
        headers,
      }).catch((e: unknown) => ({ status: 0, text: String(e) }))
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      if (answer.status >= 500 || answer.status === 0) {
        fiveHundreds += 1
        assert.ok(false, `seed ${SEED} request ${i}: ${op.method} ${path} (${ingredient}) → ${answer.status} ${answer.text.slice(0, 300)}`)
      }
    }
    assert.is(fiveHundreds, 0)
    assert.is(await countEvents(store), before, 'no fuzz request appended an event')
    // The run really reached the routes: validation, authorization and encoding refusals all occurred.
    for (const status of [400, 401, 404, 415, 422]) assert.ok((statuses.get(status) ?? 0) > 0, `some ${status} answers: ${JSON.stringify([...statuses])}`)
  } finally {
    await r.stop()
    await store.close()
  }
})

test.run()
