/**
 * The services beyond the housing queue, end to end over a real socket on PGlite: the same routes, the same
 * decider, the same stores. One provider offers the housing queue and four other services; requests are signed XML
 * with the `<request>` fields, results are signed documents whose SHA-256 the `result_issued` fact records.
 */
import { createHash } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { checkDigit, plusDays, plusMonths, ServiceRequest, type LocalDate } from '@kezek/domain'
import {
  housingAssistanceKaraganda2014, housingQueueAlmaty2012, kazakhstanNational, guardianshipCertificateKokpekty2012,
  kindergartenQueueKokpekty2012, unemploymentCertificateKokpekty2012,
} from '@kezek/domain'
import type { EventStore } from '@kezek/adapters'
import { openPgliteStore } from '@kezek/adapters'
import { buildApplicationRequestXml } from '@kezek/adapters'
import { signAs, TEST_BIN } from '@kezek/adapters/testing'
import { verifySignedXml } from '@kezek/adapters'
import { tableRegistries, type Registries } from '../src/index.js'
import { call, countEvents, IIN, PROVIDER, registryTable, startServer, testPki, tokens, type Running, serviceToday } from './harness.js'

/** A checksum-valid IIN whose first digits say the birth date (born in the 2000s). */
const iinBorn = (date: string): string => {
  const [y, m, d] = date.split('-') as [string, string, string]
  for (let serial = 100; serial < 200; serial++) {
    const first11 = `${y.slice(2)}${m}${d}5${String(serial).padStart(4, '0')}`
    const digit = checkDigit(first11)
    if (digit !== undefined) return `${first11}${digit}`
  }
  throw new Error('no IIN')
}

const today: LocalDate = serviceToday()
const CHILD = iinBorn(`${Number(today.slice(0, 4)) - 3}-06-01`)
const WARD = iinBorn('2012-02-03')
const docs = [{ kind: 'application', digest: 'ef'.repeat(32) }]

/** A request through the domain's own codec, so a test cannot post what the domain would not accept. */
const req = (input: unknown): ServiceRequest => {
  const d = ServiceRequest.decode(input)
  if (E.isLeft(d)) throw new Error(`test request does not decode: ${JSON.stringify(input)}`)
  return d.right
}

/** Guardianship register has the citizen as guardian of someone else only; the state information systems are down. */
const registries = (): Registries => {
  const table = tableRegistries({ ...registryTable, records: [{ registry: 'guardianship_register', iin: IIN.citizen as never, subjectIin: IIN.otherCitizen as never }] })
  return {
    ...table,
    records: {
      findRecord: async (q) => {
        if (q.registry === 'state_information_systems') throw new Error('ШЭП: connection refused')
        return table.records!.findRecord(q)
      },
    },
  }
}

const providers = [{
  id: PROVIDER, name: 'Отдел образования и занятости', definition: housingQueueAlmaty2012, calendar: kazakhstanNational(),
  services: [unemploymentCertificateKokpekty2012, kindergartenQueueKokpekty2012, guardianshipCertificateKokpekty2012, housingAssistanceKaraganda2014],
}]

const portalXml = async (request: ServiceRequest) =>
  signAs((await testPki()).citizen, buildApplicationRequestXml({ providerId: PROVIDER, applicantIin: IIN.citizen, request }))

const centreBody = async (request: ServiceRequest, extra: Record<string, unknown> = {}) => ({
  applicantIin: IIN.citizen,
  request,
  signedXml: await signAs((await testPki()).officer, buildApplicationRequestXml({
    providerId: PROVIDER, applicantIin: IIN.citizen, request, staff: { role: 'operator', iin: IIN.officer, bin: TEST_BIN.provider },
  })),
  ...extra,
})

const s = suite<{ r: Running; store: EventStore }>('services over HTTP')

s.before(async (ctx) => {
  ctx.store = await openPgliteStore()
  ctx.r = await startServer(ctx.store, { registries: registries(), providers })
})
s.after(async (ctx) => {
  await ctx.r.stop()
  await ctx.store.close()
})

const post = (r: Running, id: string, path: string, json: unknown, token = tokens.officer) =>
  call(r.url, 'POST', `/v1/applications/${id}/${path}`, { token, json })

const historyOf = async (r: Running, id: string) =>
  (await call(r.url, 'GET', `/v1/applications/${id}/history`, { token: tokens.auditor })).body.events as { type: string; event: Record<string, any> }[]

s('unemployment certificate via the portal: signed request, checked, issued as a signed result whose digest the fact holds', async ({ r }) => {
  const pki = await testPki()
  const request = req({ service: 'unemployment-certificate', periodFrom: '2025-01-01', periodTo: '2025-12-31', documents: docs })
  const filed = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await portalXml(request) })
  assert.is(filed.status, 201, filed.text)
  assert.is(filed.body.status, 'registered')
  assert.equal(filed.body.serviceType.id, 'unemployment-certificate')
  assert.ok(filed.body.deadline !== null, 'the service definition gives the deadline (10 minutes on the portal)')
  const id = filed.body.applicationId as string
  assert.is((await post(r, id, 'document-check', { conforming: true })).body.status, 'documents_checked')
  const issued = await post(r, id, 'result', {
    result: { kind: 'unemployment_certificate', registeredOn: '2025-01-10', periodFrom: '2025-01-01', periodTo: '2025-12-31', presentTo: 'по месту требования' },
    issuedOn: today,
  })
  assert.is(issued.status, 200, issued.text)
  assert.is(issued.body.status, 'result_issued')
  assert.is(issued.body.result.kind, 'unemployment_certificate')
  assert.is(issued.body.links.result, `/v1/applications/${id}/result`)
  const doc = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen })
  assert.is(doc.status, 200)
  assert.match(doc.text, /kind="issued"/)
  assert.match(doc.text, /СПРАВКА О РЕГИСТРАЦИИ В КАЧЕСТВЕ БЕЗРАБОТНОГО/)
  assert.match(doc.text, new RegExp(`ИИН ${IIN.citizen}`))
  assert.ok(E.isRight(await verifySignedXml(doc.text, { trust: pki.trust, crls: pki.crls, at: new Date() })), 'signed by the provider’s head')
  const events = await historyOf(r, id)
  const fact = events.find((e) => e.type === 'result_issued')
  assert.is(fact?.event['documentDigest'], createHash('sha256').update(doc.text, 'utf8').digest('hex'), 'the download is the document issued')
  assert.ok(events.some((e) => e.type === 'request_signed'))
  // A view and the questionnaire later do not change the document.
  assert.is((await post(r, id, 'result-view', {}, tokens.citizen)).status, 200)
  const again = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen })
  assert.is(again.text, doc.text)
})

s('guardianship certificate at ЦОН: refused because the record is not in the guardianship register', async ({ r }) => {
  const request = req({ service: 'guardianship-certificate', ward: { iin: WARD }, documents: docs })
  const filed = await call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: await centreBody(request) })
  assert.is(filed.status, 201, filed.text)
  assert.is(filed.body.status, 'registered')
  const id = filed.body.applicationId as string
  const skipped = await post(r, id, 'document-check', { conforming: true })
  assert.is(skipped.status, 409, 'the register is read before the document check')
  const refused = await post(r, id, 'checks/record', { registry: 'guardianship_register' })
  assert.is(refused.status, 200, refused.text)
  assert.is(refused.body.status, 'rejected')
  assert.is(refused.body.rejection.code, 'record_not_found')
  const doc = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen, headers: { 'accept-language': 'ru' } })
  assert.match(doc.text, /kind="refusal"/)
  assert.match(doc.text, /Выдача справок по опеке и попечительству|опеке/)
})

s('a register that does not answer → 503, nothing recorded', async ({ r, store }) => {
  const request = req({ service: 'housing-assistance', familySize: 3, documents: docs })
  const filed = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await portalXml(request) })
  assert.is(filed.status, 201, filed.text)
  const before = await countEvents(store)
  const down = await post(r, filed.body.applicationId, 'checks/record', { registry: 'state_information_systems' })
  assert.is(down.status, 503, down.text)
  assert.is(down.body.registry, 'state_information_systems')
  assert.is(await countEvents(store), before)
})

s('kindergarten queue: queued in the preschool Journal, public page without personal data, then a referral takes the child off the list', async ({ r }) => {
  const request = req({ service: 'kindergarten-queue', child: { iin: CHILD }, documents: docs })
  const filed = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await portalXml(request) })
  assert.is(filed.status, 201, filed.text)
  const id = filed.body.applicationId as string
  assert.is((await post(r, id, 'document-check', { conforming: true })).body.status, 'documents_checked')
  const queued = await post(r, id, 'queue-decision', { commissionDecisionDate: today, journal: { number: '154', date: today } })
  assert.is(queued.status, 200, queued.text)
  assert.is(queued.body.status, 'queued')
  assert.equal(queued.body.list, { providerId: PROVIDER, category: 'preschool_journal' })
  const lists = await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists`)
  assert.ok(lists.body.lists.some((l: { category: string; size: number }) => l.category === 'preschool_journal' && l.size === 1))
  const page = await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/preschool_journal`)
  assert.is(page.status, 200, page.text)
  assert.is(page.body.total, 1)
  assert.equal(page.body.entries[0].journal, { number: '154', date: today })
  assert.is(page.body.entries[0].requestNumber, filed.body.requestNumber)
  assert.not.match(page.text, IIN.citizen, 'no applicant IIN on the public page')
  assert.not.match(page.text, CHILD, 'no child IIN on the public page')
  const notice = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen })
  assert.match(notice.text, /journalNumber="154"/)
  assert.match(notice.text, /Журнале регистрации детей дошкольного возраста/)
  const referral = await post(r, id, 'result', {
    result: { kind: 'preschool_referral', referralNumber: '88', organisation: '7 «Балапан»', address: 'ул. Абая 5' }, issuedOn: today,
  })
  assert.is(referral.status, 200, referral.text)
  assert.is(referral.body.status, 'result_issued')
  assert.is(referral.body.result.validUntil, plusDays(today, 5), 'a referral is valid five days')
  const after = await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/preschool_journal`)
  assert.is(after.body.total, 0, 'the child leaves the Journal list')
  const doc = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen })
  assert.match(doc.text, /НАПРАВЛЕНИЕ № 88/)
  assert.match(doc.text, /Отдел образования и занятости/)
})

s('housing assistance at ЦОН: an incomplete package is refused at intake, nothing signed or registered', async ({ r }) => {
  const request = req({ service: 'housing-assistance', familySize: 3, documents: docs })
  const body = await centreBody(request, { package: { complete: false, missing: ['справка о доходах семьи', 'квитанции'] } })
  const answer = await call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: body })
  assert.is(answer.status, 201, answer.text)
  assert.is(answer.body.status, 'rejected')
  assert.is(answer.body.rejection.code, 'package_incomplete')
  assert.is(answer.body.requestNumber, null)
  const types = (await historyOf(r, answer.body.applicationId)).map((e) => e.type)
  assert.equal(types, ['authorized', 'checked', 'rejected'])
  const doc = await call(r.url, 'GET', `/v1/applications/${answer.body.applicationId}/result`, { token: tokens.citizen })
  assert.match(doc.text, /Расписка об отказе в приеме документов/)
  const withoutPackage = await call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: await centreBody(request) })
  assert.is(withoutPackage.status, 422, 'ЦОН must state the package check for this service')
})

s('housing assistance at ЦОН: an uncollected result goes back to the provider after a month', async ({ r }) => {
  const collectOn = plusDays(today, -40)
  const receipt = { receiptNumber: 'Р-1', documents: ['заявление', 'справка о доходах'], collectOn, collectAt: 'ЦОН, окно 4', operator: 'Ахметова А.' }
  const request = req({ service: 'housing-assistance', familySize: 3, documents: docs })
  const filed = await call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: await centreBody(request, { package: { complete: true, receipt } }) })
  assert.is(filed.status, 201, filed.text)
  assert.is(filed.body.status, 'registered')
  const id = filed.body.applicationId as string
  assert.is((await post(r, id, 'document-check', { conforming: true })).status, 200)
  const issued = await post(r, id, 'result', {
    result: { kind: 'housing_assistance_notice', monthlyTiyn: 450_000, periodFrom: today, periodTo: plusMonths(today, 3) }, issuedOn: plusDays(today, -45),
  })
  assert.is(issued.status, 200, issued.text)
  const byOfficer = await post(r, id, 'unclaimed', { returnedOn: today, registryRef: 'реестр № 4' })
  assert.is(byOfficer.status, 403, 'ЦОН returns what it holds, not the provider')
  const early = await post(r, id, 'unclaimed', { returnedOn: plusDays(collectOn, 20), registryRef: 'реестр № 4' }, tokens.operator)
  assert.is(early.status, 409, 'not before a month from the collection date')
  const returned = await post(r, id, 'unclaimed', { returnedOn: today, registryRef: 'реестр № 4' }, tokens.operator)
  assert.is(returned.status, 200, returned.text)
  assert.is(returned.body.status, 'returned_unclaimed')
  assert.ok(returned.body.links.result, 'the issued document can still be read')
  const types = (await historyOf(r, id)).map((e) => e.type)
  assert.is(types.at(-1), 'result_returned_unclaimed')
})

s('the housing queue keeps its own request: a service request under housing-queue is refused at reading', async ({ r }) => {
  const xml = await signAs((await testPki()).citizen, buildApplicationRequestXml({
    providerId: PROVIDER, applicantIin: IIN.citizen,
    request: req({ service: 'unemployment-certificate', periodFrom: '2025-01-01', periodTo: '2025-02-01', documents: docs }),
  }).replace('<service>unemployment-certificate</service>', '<service>housing-queue</service>'))
  const answer = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })
  assert.is(answer.status, 400, answer.text)
  assert.match(answer.body.detail, /does not fit the service housing-queue/)
})

s.run()
