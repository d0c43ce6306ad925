/**
 * Every channel's happy path and each of its refusals, end to end over a real socket. The same suite runs on
 * PGlite and on PostgreSQL (see channels.*.test.ts).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore } from '@kezek/adapters'
import { verifySignedXml } from '@kezek/adapters'
import { call, IIN, POA, signedRequest, startServer, testPki, tokens, UNKNOWN_PERSON, walkInBody, type Running, serviceToday } from './harness.js'

const portal = (r: Running, xml: string, token = tokens.citizen) => call(r.url, 'POST', '/v1/portal/applications', { token, xml })

export const channelSuite = (name: string, open: () => Promise<{ store: EventStore; dispose: () => Promise<void> }>) => {
  const s = suite<{ r: Running; store: EventStore; dispose: () => Promise<void> }>(`channels on ${name}`)

  s.before(async (ctx) => {
    const { store, dispose } = await open()
    ctx.store = store
    ctx.dispose = dispose
    ctx.r = await startServer(store)
  })
  s.after(async (ctx) => {
    await ctx.r.stop()
    await ctx.store.close()
    await ctx.dispose()
  })

  const decide = async (r: Running, id: string, path: string, json: unknown, token = tokens.officer) =>
    call(r.url, 'POST', `/v1/applications/${id}/${path}`, { token, json })

  s('portal: signed → registered → documents checked → queued, with a signed notification', async ({ r }) => {
    const pki = await testPki()
    const submitted = await portal(r, await signedRequest((p) => p.citizen))
    assert.is(submitted.status, 201, submitted.text)
    assert.is(submitted.body.status, 'registered')
    assert.match(submitted.body.requestNumber, /^\d{10}$/)
    assert.is(submitted.headers.get('etag'), '"3"')
    const id = submitted.body.applicationId as string
    const checked = await call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true }, headers: { 'if-match': '"3"' } })
    assert.is(checked.status, 200, checked.text)
    assert.is(checked.body.status, 'documents_checked')
    const queued = await decide(r, id, 'queue-decision', { commissionDecisionDate: serviceToday() })
    assert.is(queued.status, 200, queued.text)
    assert.is(queued.body.status, 'queued')
    assert.ok(queued.body.queueNumberAtRegistration >= 1)
    const position = await call(r.url, 'GET', `/v1/applications/${id}/position`, { token: tokens.citizen })
    assert.is(position.status, 200)
    assert.is(position.body.queueNumberAtRegistration, queued.body.queueNumberAtRegistration)
    const result = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen })
    assert.is(result.status, 200)
    assert.match(result.headers.get('content-type') ?? '', /application\/xml/)
    assert.match(result.text, /kind="notification"/)
    assert.match(result.text, new RegExp(`numberAtRegistration="${queued.body.queueNumberAtRegistration}"`))
    const verified = await verifySignedXml(result.text, { trust: pki.trust, crls: pki.crls, at: new Date() })
    assert.ok(E.isRight(verified), 'the result document carries a valid signature of the provider’s head')
    const mine = await call(r.url, 'GET', '/v1/me/applications', { token: tokens.citizen })
    assert.ok(mine.body.items.some((i: { applicationId: string }) => i.applicationId === id))
  })

  for (const [label, signer, failure] of [
    ['expired certificate', (p: Awaited<ReturnType<typeof testPki>>) => p.expired, 'certificate_expired'],
    ['revoked certificate', (p: Awaited<ReturnType<typeof testPki>>) => p.revoked, 'certificate_revoked'],
    ['impostor issuer', (p: Awaited<ReturnType<typeof testPki>>) => p.impostorIssued, 'untrusted_issuer'],
    ['someone else’s certificate', (p: Awaited<ReturnType<typeof testPki>>) => p.otherCitizen, 'iin_mismatch'],
  ] as const) {
    s(`portal refusal: ${label} → rejected, signature not confirmed (${failure})`, async ({ r }) => {
      const answer = await portal(r, await signedRequest(signer))
      assert.is(answer.status, 201, answer.text)
      assert.is(answer.body.status, 'rejected')
      assert.is(answer.body.rejection.code, 'signature_not_confirmed')
      assert.is(answer.body.rejection.reason.failure, failure)
      assert.is(answer.body.requestNumber, null, 'a refused request gets no number')
    })
  }

  s('portal refusal: documents do not conform → motivated refusal with reasons and the appeal clause', async ({ r }) => {
    const submitted = await portal(r, await signedRequest((p) => p.citizen))
    const id = submitted.body.applicationId as string
    const refused = await call(r.url, 'POST', `/v1/applications/${id}/document-check`, {
      token: tokens.officer, json: { conforming: false, reasons: ['справка о доходах не приложена'] }, headers: { 'accept-language': 'ru' },
    })
    assert.is(refused.status, 200, refused.text)
    assert.is(refused.body.status, 'rejected')
    assert.match(refused.body.rejection.text, /справка о доходах не приложена/)
    assert.match(refused.body.rejection.text, /обжаловать/)
    const doc = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen })
    assert.match(doc.text, /kind="refusal"/)
    assert.match(doc.text, /documents_nonconforming/)
    const restored = await decide(r, id, 'restoration', { appealRef: 'суд №2-100', decidedOn: '2026-02-01' })
    assert.is(restored.body.status, 'documents_checked', 'a successful appeal resumes after the document check')
  })

  s('provider desk: officer files, ГБД ФЛ finds the person, registered and queued', async ({ r }) => {
    const answer = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: await walkInBody('officer') })
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.status, 'registered')
    assert.is(answer.body.channel, 'provider_desk')
    const id = answer.body.applicationId as string
    assert.is((await decide(r, id, 'document-check', { conforming: true })).status, 200)
    const queued = await decide(r, id, 'queue-decision', { commissionDecisionDate: serviceToday(), category: 'socially_vulnerable' })
    assert.is(queued.body.status, 'queued')
    const history = await call(r.url, 'GET', `/v1/applications/${id}/history`, { token: tokens.auditor })
    assert.is(history.body.chain.verified, true)
    const types = history.body.events.map((e: { type: string }) => e.type)
    assert.equal(types, ['authorized', 'checked', 'checked', 'signed', 'registered', 'checked', 'queued'])
    assert.is(history.body.events[0].envelope.actor.role, 'provider_officer')
  })

  s('provider desk refusal: person not in ГБД ФЛ → rejected, nothing registered', async ({ r }) => {
    const answer = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: await walkInBody('officer', { applicantIin: UNKNOWN_PERSON }) })
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.status, 'rejected')
    assert.is(answer.body.rejection.code, 'person_not_found')
  })

  s('provider desk refusal: the officer’s revoked certificate → signature not confirmed', async ({ r }) => {
    const pki = await testPki()
    const revokedOfficer = { keys: pki.revoked.keys, certificate: pki.revoked.certificate }
    const body = await walkInBody('officer', {}, () => revokedOfficer)
    const answer = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: body })
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.rejection?.code, 'signature_not_confirmed')
  })

  s('service centre: representative under a notarised power of attorney (ЕНИС) → registered', async ({ r }) => {
    const body = await walkInBody('operator', { representative: { iin: IIN.otherCitizen, powerOfAttorney: POA } })
    const answer = await call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: body })
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.status, 'registered')
    assert.is(answer.body.channel, 'service_centre')
    const history = await call(r.url, 'GET', `/v1/applications/${answer.body.applicationId}/history`, { token: tokens.auditor })
    const poa = history.body.events.find((e: { event?: { check?: { kind: string } } }) => e.event?.check?.kind === 'power_of_attorney')
    assert.ok(poa, 'the ЕНИС look-up is recorded')
    assert.is(poa.envelope.onBehalfOf.powerOfAttorney, POA)
  })

  s('service centre refusal: power of attorney not in ЕНИС', async ({ r }) => {
    const body = await walkInBody('operator', { representative: { iin: IIN.otherCitizen, powerOfAttorney: 'PoA 1999-000' } })
    const answer = await call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: body })
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.rejection?.code, 'power_of_attorney_not_found')
  })

  s('service centre refusal: person not in ГБД ФЛ', async ({ r }) => {
    const body = await walkInBody('operator', { applicantIin: UNKNOWN_PERSON })
    const answer = await call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: body })
    assert.is(answer.body.rejection?.code, 'person_not_found')
  })

  s('lifecycle: data changed, family keeps the place, removed, restored, housed; positions move', async ({ r }) => {
    const ids: string[] = []
    for (let i = 0; i < 2; i++) {
      const a = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: await walkInBody('officer', { category: 'orphans' }) })
      const id = a.body.applicationId as string
      await decide(r, id, 'document-check', { conforming: true })
      const q = await decide(r, id, 'queue-decision', { commissionDecisionDate: serviceToday() })
      assert.is(q.status, 200, q.text)
      ids.push(id)
    }
    const [first, second] = ids as [string, string]
    const before = await call(r.url, 'GET', `/v1/applications/${second}/position`, { token: tokens.officer })
    assert.is((await decide(r, first, 'data-change', { familySize: 5, note: 'рождение ребёнка' })).status, 200)
    const kept = await decide(r, first, 'family-succession', { ground: 'applicant_died', successorIin: IIN.otherCitizen })
    assert.is(kept.status, 200, kept.text)
    const successorSees = await call(r.url, 'GET', `/v1/applications/${first}`, { token: tokens.otherCitizen })
    assert.is(successorSees.status, 200, 'the successor may read the application they now hold')
    assert.is((await decide(r, first, 'removal', { ground: 'untrue_information', decisionRef: 'решение №12', decidedOn: '2026-03-01' })).body.status, 'removed')
    const moved = await call(r.url, 'GET', `/v1/applications/${second}/position`, { token: tokens.officer })
    assert.is(moved.body.position, before.body.position - 1, 'the later entry moves up when an earlier one is removed')
    assert.is((await decide(r, first, 'restoration', { appealRef: 'суд №2-7', decidedOn: '2026-04-01' })).body.status, 'queued')
    const housed = await decide(r, second, 'housing-allocation', { dwellingRef: 'кв. 14, ул. Абая 1', decisionRef: 'решение №40', decidedOn: '2026-05-01' })
    assert.is(housed.body.status, 'housed')
    const refused = await decide(r, second, 'removal', { ground: 'grounds_ceased', decisionRef: 'x', decidedOn: '2026-05-02' })
    assert.is(refused.status, 409, 'a housed applicant cannot be removed')
    assert.is(refused.body.type, 'urn:kezek:problem:command-refused')
  })

  return s
}
