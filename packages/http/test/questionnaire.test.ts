/**
 * The questionnaire over HTTP on PGlite: its questions served in ru/kk/en where the regulation has one, none for
 * seed 003's housing assistance, and the answers counted per provider, service and period for the provider's staff.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openPgliteStore, type EventStore } from '@kezek/adapters'
import { call, OTHER_PROVIDER, PROVIDER, serviceToday, signedRequest, startServer, tokens, type Running } from './harness.js'

const s = suite<{ r: Running; store: EventStore }>('questionnaire')
s.before(async (ctx) => {
  ctx.store = await openPgliteStore()
  ctx.r = await startServer(ctx.store)
})
s.after(async (ctx) => {
  await ctx.r.stop()
  await ctx.store.close()
})

s('the form in three languages; none for a service whose regulation has none', async ({ r }) => {
  const ru = await call(r.url, 'GET', '/v1/services/housing-queue/questionnaire', { headers: { 'accept-language': 'ru' } })
  assert.is(ru.status, 200, ru.text)
  assert.equal(ru.body.questions.map((q: { id: string }) => q.id), ['quality', 'information'])
  assert.is(ru.body.questions[0].text, 'Удовлетворены ли Вы качеством процесса и результатом оказания электронной государственной услуги?')
  assert.equal(ru.body.answers.map((a: { text: string }) => a.text), ['не удовлетворен', 'частично удовлетворен', 'удовлетворен'])
  const kk = await call(r.url, 'GET', '/v1/services/kindergarten-queue/questionnaire', { headers: { 'accept-language': 'kk' } })
  assert.is(kk.body.answers[2].text, 'қанағаттандым')
  assert.match(kk.body.title, /сауалнама нысаны/)
  const en = await call(r.url, 'GET', '/v1/services/unemployment-certificate/questionnaire', { headers: { 'accept-language': 'en' } })
  assert.is(en.body.answers[0].text, 'not satisfied')
  assert.is((await call(r.url, 'GET', '/v1/services/housing-assistance/questionnaire')).status, 404, 'seed 003 has no questionnaire')
  assert.is((await call(r.url, 'GET', '/v1/services/no-such-service/questionnaire')).status, 404)
})

s('answers are counted per provider, service and period, for that provider’s staff only', async ({ r }) => {
  const answer = async (quality: number, information: number) => {
    const filed = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
    assert.is(filed.status, 201, filed.text)
    const id = filed.body.applicationId as string
    assert.is((await call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true } })).status, 200)
    assert.is((await call(r.url, 'POST', `/v1/applications/${id}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: serviceToday() } })).status, 200)
    const answered = await call(r.url, 'POST', `/v1/applications/${id}/questionnaire`, { token: tokens.citizen, json: { quality, information } })
    assert.is(answered.status, 200, answered.text)
  }
  await answer(3, 2)
  await answer(3, 3)
  const url = `/v1/providers/${PROVIDER}/questionnaire-results?serviceId=housing-queue&from=${serviceToday()}&to=${serviceToday()}`
  const tally = await call(r.url, 'GET', url, { token: tokens.officer })
  assert.is(tally.status, 200, tally.text)
  assert.is(tally.body.respondents, 2)
  assert.equal(tally.body.counts, { quality: { 1: 0, 2: 0, 3: 2 }, information: { 1: 0, 2: 1, 3: 1 } })
  const before = await call(r.url, 'GET', `/v1/providers/${PROVIDER}/questionnaire-results?to=2020-01-01`, { token: tokens.auditor })
  assert.is(before.body.respondents, 0, 'nothing answered before the period')
  const otherService = await call(r.url, 'GET', `/v1/providers/${PROVIDER}/questionnaire-results?serviceId=kindergarten-queue`, { token: tokens.officer })
  assert.is(otherService.body.respondents, 0)
  assert.is((await call(r.url, 'GET', `/v1/providers/${OTHER_PROVIDER}/questionnaire-results`, { token: tokens.officer })).status, 403)
  assert.is((await call(r.url, 'GET', url, { token: tokens.citizen })).status, 403)
  assert.is((await call(r.url, 'GET', `/v1/providers/${PROVIDER}/questionnaire-results?from=yesterday`, { token: tokens.officer })).status, 422, 'a malformed period is refused')
})

s.run()
