/**
 * The security matrix: every operation of /openapi.json × every kind of caller (anonymous, the citizen, a citizen of
 * another application, an officer of another provider, an operator, an auditor, and the application's own officer)
 * is sent the route's valid body with the fields a client must never set — `type`, `commandId`, `applicationId`,
 * `at`, `actor`, `queueNumberAtRegistration` — added. Each answer is either a refusal with nothing appended or the
 * route's own documented event types (`x-kezek-events`), and never a 5xx. Then the same matrix without the
 * smuggled fields, so the documented events are checked against calls that do succeed.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openMemoryStore, type EventStore } from '@kezek/adapters'
import { call, IIN, PROVIDER, signedRequest, startServer, tokens, walkInBody, type Running, serviceToday } from './harness.js'

interface Operation { readonly 'x-kezek-events': readonly string[]; readonly requestBody?: { readonly content: Record<string, unknown> } }
interface Ctx { r: Running; store: EventStore; mine: string; paths: Record<string, Record<string, Operation>> }

const s = suite<Ctx>('security matrix')

const callers: Readonly<Record<string, string | undefined>> = {
  anonymous: undefined,
  citizen: tokens.citizen,
  'citizen of another application': tokens.otherCitizen,
  'officer of another provider': tokens.foreignOfficer,
  operator: tokens.operator,
  auditor: tokens.auditor,
  officer: tokens.officer,
}

const smuggled = {
  type: 'queue', commandId: 'smuggled-command', applicationId: 'someone-else', at: '2001-01-01T00:00:00.000Z',
  actor: { id: 'root', role: 'administrator', channel: 'portal' }, queueNumberAtRegistration: 1,
}

const today = serviceToday()

/** A valid body for each operation that takes one. A new route without an entry here fails the matrix. */
const validBodies = async (): Promise<Record<string, { xml?: string; json?: Record<string, unknown> }>> => ({
  'post /v1/portal/applications': { xml: await signedRequest((p) => p.citizen) },
  'post /v1/desk/applications': { json: await walkInBody('officer') },
  'post /v1/service-centre/applications': { json: await walkInBody('operator') },
  'post /v1/applications/{id}/document-check': { json: { conforming: true } },
  'post /v1/applications/{id}/queue-decision': { json: { commissionDecisionDate: today } },
  'post /v1/applications/{id}/checks/record': { json: { registry: 'guardianship_register' } },
  'post /v1/applications/{id}/result': { json: { result: { kind: 'guardianship_certificate', certificateNumber: 'C-1', appointmentDecision: 'R-7', appointedOn: today }, issuedOn: today } },
  'post /v1/applications/{id}/unclaimed': { json: { returnedOn: today, registryRef: 'R-1' } },
  'post /v1/applications/{id}/data-change': { json: { familySize: 5, note: 'a child was born' } },
  'post /v1/applications/{id}/family-succession': { json: { ground: 'applicant_died', successorIin: IIN.otherCitizen } },
  'post /v1/applications/{id}/removal': { json: { ground: 'grounds_ceased', decisionRef: 'D-1', decidedOn: today } },
  'post /v1/applications/{id}/housing-allocation': { json: { dwellingRef: 'flat 12', decisionRef: 'D-2', decidedOn: today } },
  'post /v1/applications/{id}/restoration': { json: { appealRef: 'A-1', decidedOn: today } },
  'post /v1/applications/{id}/deadline-extension': { json: { until: '2099-12-31', ground: 'documents_requested', decisionRef: 'письмо № 12' } },
  'post /v1/applications/{id}/result-view': { json: {} },
  'post /v1/applications/{id}/questionnaire': { json: { quality: 3, information: 3 } },
  'post /v1/personal-data/erasures': { json: { iin: IIN.citizen, ground: 'заявление № ПД-1' } },
})

const concrete = (path: string, id: string): string =>
  path.replace('{id}', encodeURIComponent(id)).replace('{providerId}', PROVIDER).replace('{category}', 'socially_vulnerable')

const eventTypesSince = async (store: EventStore, from: number): Promise<string[]> => {
  const types: string[] = []
  let i = 0
  for await (const e of store.readAll()) { if (i >= from) types.push(e.type); i += 1 }
  return types
}

const countOf = async (store: EventStore): Promise<number> => (await eventTypesSince(store, 0)).length

s.before(async (ctx) => {
  ctx.store = openMemoryStore()
  ctx.r = await startServer(ctx.store)
  const filed = await call(ctx.r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
  assert.is(filed.status, 201, filed.text)
  ctx.mine = filed.body.applicationId
  ctx.paths = (await call(ctx.r.url, 'GET', '/openapi.json')).body.paths
})
s.after(async (ctx) => { await ctx.r.stop(); await ctx.store.close() })

const runMatrix = async (ctx: Ctx, withSmuggled: boolean): Promise<{ accepted: string[]; calls: number }> => {
  const bodies = await validBodies()
  const accepted: string[] = []
  let calls = 0
  for (const [path, operations] of Object.entries(ctx.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const key = `${method} ${path}`
      const documented = op['x-kezek-events']
      assert.ok(Array.isArray(documented), `${key} documents its events`)
      const valid = bodies[key]
      if (op.requestBody !== undefined) assert.ok(valid !== undefined, `the matrix has a valid body for ${key}`)
      for (const [who, token] of Object.entries(callers)) {
        const before = await countOf(ctx.store)
        const target = concrete(path, ctx.mine)
        const query = method === 'get' && withSmuggled ? `?${new URLSearchParams({ type: 'queue', applicationId: 'x', at: '2001-01-01T00:00:00Z' })}` : ''
        const options = {
          ...(token === undefined ? {} : { token }),
          ...(valid?.xml !== undefined ? { xml: valid.xml } : {}),
          ...(valid?.json !== undefined ? { json: withSmuggled ? { ...valid.json, ...smuggled } : valid.json } : {}),
        }
        const answer = await call(ctx.r.url, method.toUpperCase(), target + query, options)
        calls += 1
        const appended = await eventTypesSince(ctx.store, before)
        const label = `${key} as ${who}${withSmuggled ? ' with smuggled fields' : ''} → ${answer.status}`
        assert.ok(answer.status < 500, `${label}: ${answer.text.slice(0, 300)}`)
        if (answer.status >= 400) {
          assert.equal(appended, [], `${label}: a refusal appends nothing`)
          assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/, label)
        } else {
          for (const type of appended) assert.ok(documented.includes(type), `${label}: appended ${type}, documents ${documented.join(', ')}`)
          if (appended.length > 0) accepted.push(`${key} as ${who}`)
        }
        if (withSmuggled && valid?.json !== undefined) {
          assert.ok(answer.status >= 400, `${label}: smuggled fields are refused`)
          if (answer.status === 422) assert.ok((answer.body.unknownFields as string[] | undefined)?.includes('type'), `${label}: names the field: ${answer.text.slice(0, 300)}`)
        }
      }
    }
  }
  return { accepted, calls }
}

s('every operation × every caller with smuggled server fields: refused with nothing appended, or only documented events', async (ctx) => {
  const { calls } = await runMatrix(ctx, true)
  assert.ok(calls >= 7 * 25, `${calls} calls`)
})

s('the same matrix with valid bodies: what is accepted appends only the route’s documented events', async (ctx) => {
  const { accepted } = await runMatrix(ctx, false)
  // The matrix really exercises writes: the channels, the officer's decisions and the citizen's own acts.
  for (const expected of ['post /v1/portal/applications as citizen', 'post /v1/desk/applications as officer',
    'post /v1/service-centre/applications as operator', 'post /v1/applications/{id}/document-check as officer',
    'post /v1/applications/{id}/queue-decision as officer'])
    assert.ok(accepted.includes(expected), `${expected} was accepted (accepted: ${accepted.join('; ')})`)
})

s('the demo exploit: a citizen cannot turn the questionnaire into a queue decision', async ({ r, store, mine }) => {
  const before = await countOf(store)
  const answer = await call(r.url, 'POST', `/v1/applications/${mine}/questionnaire`, {
    token: tokens.citizen,
    json: { quality: 3, information: 3, type: 'queue', category: 'socially_vulnerable', familySize: 9, filedAt: '2001-01-01T00:00:00.000Z', commissionDecisionDate: '2001-01-02', queueNumberAtRegistration: 1 },
  })
  assert.is(answer.status, 422, answer.text)
  assert.equal([...answer.body.unknownFields].sort(), ['category', 'commissionDecisionDate', 'familySize', 'filedAt', 'queueNumberAtRegistration', 'type'])
  assert.match(answer.body.detail, /type/)
  assert.is(await countOf(store), before)
})

s('nested unknown fields are refused with their path', async ({ r, store, mine }) => {
  const before = await countOf(store)
  const answer = await call(r.url, 'POST', `/v1/applications/${mine}/result`, {
    token: tokens.officer, json: { result: { kind: 'guardianship_certificate', certificateNumber: 'C-1', appointmentDecision: 'R-7', appointedOn: today, documentDigest: 'x' }, issuedOn: today },
  })
  assert.is(answer.status, 422, answer.text)
  assert.ok((answer.body.unknownFields as string[]).includes('result.documentDigest'), answer.text)
  assert.is(await countOf(store), before)
})

s('the access table lists exactly the documented operations', async ({ paths }) => {
  const { routeAccess } = await import('../src/routes/access.js')
  const documented = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort()
  assert.equal(routeAccess().map((a) => `${a.method} ${a.path}`).sort(), documented)
})

s.run()
