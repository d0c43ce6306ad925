/**
 * Receipts over HTTP on PGlite: the ЦОН's signed receipt for a complete housing-assistance package (seed 003 п.10)
 * and the desk's receipt of the housing list (000 Прил.1 step 1); none for a portal application.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { housingAssistanceKaraganda2014, housingQueueAlmaty2012, kazakhstanNational, ServiceRequest } from '@kezek/domain'
import { buildApplicationRequestXml, openPgliteStore, verifySignedXml, type EventStore } from '@kezek/adapters'
import { signAs, TEST_BIN } from '@kezek/adapters/testing'
import { fetchPdf } from './pdf-text.js'
import { call, IIN, PROVIDER, signedRequest, startServer, testPki, tokens, walkInBody, type Running } from './harness.js'

const providers = [{
  id: PROVIDER, name: 'Отдел занятости и социальных программ', head: 'Ахметов С.Т.', definition: housingQueueAlmaty2012,
  calendar: kazakhstanNational(), services: [housingAssistanceKaraganda2014],
}]

const s = suite<{ r: Running; store: EventStore }>('receipts over HTTP')
s.before(async (ctx) => {
  ctx.store = await openPgliteStore()
  ctx.r = await startServer(ctx.store, { providers })
})
s.after(async (ctx) => {
  await ctx.r.stop()
  await ctx.store.close()
})

const linesOf = (xml: string, lang: string): string[] =>
  [...(xml.match(new RegExp(`<text lang="${lang}">(.*?)</text>`))?.[1] ?? '').matchAll(/<line>(.*?)<\/line>/g)].map((m) => m[1] ?? '')

s('ЦОН: a complete housing-assistance package gets the signed receipt of п.10 with its six fields', async ({ r }) => {
  const pki = await testPki()
  const request = ServiceRequest.decode({ service: 'housing-assistance', familySize: 3, documents: [{ kind: 'application', digest: 'ef'.repeat(32) }], contact: { phone: '+7 701 111 22 33' } })
  if (E.isLeft(request)) throw new Error('request')
  const receipt = { receiptNumber: 'Р-17', documents: ['заявление', 'справка о доходах'], collectOn: '2026-12-10', collectAt: 'ЦОН № 2, окно 4', operator: 'Ахметова А.' }
  const filed = await call(r.url, 'POST', '/v1/service-centre/applications', {
    token: tokens.operator,
    json: {
      applicantIin: IIN.citizen, request: request.right, package: { complete: true, receipt },
      signedXml: await signAs(pki.officer, buildApplicationRequestXml({
        providerId: PROVIDER, applicantIin: IIN.citizen, request: request.right, staff: { role: 'operator', iin: IIN.officer, bin: TEST_BIN.provider },
      })),
    },
  })
  assert.is(filed.status, 201, filed.text)
  const id = filed.body.applicationId as string
  const got = await call(r.url, 'GET', `/v1/applications/${id}/receipt`, { token: tokens.citizen })
  assert.is(got.status, 200, got.text)
  assert.match(got.headers.get('content-type') ?? '', /application\/xml/)
  assert.ok(E.isRight(await verifySignedXml(got.text, { trust: pki.trust, crls: pki.crls, at: new Date() })), 'signed by the provider')
  const ru = linesOf(got.text, 'ru')
  assert.is(ru[0], 'Расписка № Р-17')
  assert.match(ru[1] ?? '', /^Дата приема заявления: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/)
  assert.is(ru[2], 'Вид запрашиваемой государственной услуги: Назначение жилищной помощи')
  assert.is(ru[3], 'Приложенные документы (2): заявление; справка о доходах')
  assert.is(ru[4], 'Дата (время) и место выдачи документов: 10.12.2026, ЦОН № 2, окно 4')
  assert.is(ru[5], 'Работник ЦОН, принявший заявление: Ахметова А.')
  assert.is(ru[6], `Услугополучатель: ИИН ${IIN.citizen}`)
  assert.is(ru[7], 'Телефон услугополучателя: +7 701 111 22 33')
  assert.is(ru.length, 8, 'the fields of п.10 and no more: seed 003 names no contact centre')
  assert.is(linesOf(got.text, 'kk')[0], '№ Р-17 қолхат')
  const again = await call(r.url, 'GET', `/v1/applications/${id}/receipt`, { token: tokens.citizen })
  assert.is(linesOf(again.text, 'ru').join('\n'), ru.join('\n'), 'the same receipt on every download')
  const stranger = await call(r.url, 'GET', `/v1/applications/${id}/receipt`, { token: tokens.otherCitizen })
  assert.is(stranger.status, 404, 'someone else’s receipt does not exist for a citizen')

  // The PDF copy: the same lines, in the language asked for (else the request's), ending with the note on the original.
  const pdf = await fetchPdf(`${r.url}/v1/applications/${id}/receipt.pdf?lang=ru`, tokens.citizen)
  assert.is(pdf.status, 200)
  assert.is(pdf.headers.get('content-type'), 'application/pdf')
  assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment; filename="receipt-.+\.ru\.pdf"$/)
  assert.equal(pdf.lines.slice(0, ru.length), ru)
  assert.match(pdf.lines.at(-1) ?? '', /Юридическую силу имеет электронный документ в формате XML/)
  const kk = await fetchPdf(`${r.url}/v1/applications/${id}/receipt.pdf`, tokens.officer, { 'accept-language': 'kk' })
  assert.is(kk.headers.get('content-language'), 'kk')
  const kkLines = linesOf(got.text, 'kk')
  assert.equal(kk.lines.slice(0, kkLines.length), kkLines)
  assert.is((await fetchPdf(`${r.url}/v1/applications/${id}/receipt.pdf`, tokens.otherCitizen)).status, 404, 'nor its PDF')
  assert.is((await fetchPdf(`${r.url}/v1/applications/${id}/receipt.pdf?lang=en`, tokens.citizen)).status, 422, 'the documents print kk and ru only')
  assert.is((await fetchPdf(`${r.url}/v1/applications/${id}/receipt.pdf?lang=ru&x=1`, tokens.citizen)).status, 422, 'an unknown parameter')
  assert.is((await fetchPdf(`${r.url}/v1/applications/${id}/result.pdf`, tokens.citizen)).status, 404, 'no result yet')
})

s('desk: the housing list’s intake receipt names the service, the number, the channel and the documents; the portal gives none', async ({ r }) => {
  const desk = await call(r.url, 'POST', '/v1/desk/applications', { token: tokens.officer, json: await walkInBody('officer') })
  assert.is(desk.status, 201, desk.text)
  const got = await call(r.url, 'GET', `/v1/applications/${desk.body.applicationId as string}/receipt`, { token: tokens.officer })
  assert.is(got.status, 200, got.text)
  const ru = linesOf(got.text, 'ru')
  assert.is(ru[0], 'Расписка о приеме документов')
  assert.ok(ru.includes(`Номер заявления: ${desk.body.requestNumber as string}`), ru.join('\n'))
  assert.ok(ru.includes('Заявление принято: Услугодатель'))
  assert.ok(ru.includes('Приложенные документы (2): identity_card; income_certificate'))
  const portal = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
  assert.is(portal.status, 201, portal.text)
  const none = await call(r.url, 'GET', `/v1/applications/${portal.body.applicationId as string}/receipt`, { token: tokens.citizen })
  assert.is(none.status, 404)
})

s.run()
