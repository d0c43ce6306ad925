/**
 * Services 2, 4, 5, 6 and 8 end to end over a real socket on PGlite, each from the citizen's signed request on the
 * portal to the signed result document and its PDF copy: the allowance for a disabled child (with the provider
 * extending the term, the citizen's notice and the status screen's deadline), the guardianship certificate from the
 * register, the permission for a deal with a minor's property, the permission on a minor's inheritance, and housing
 * assistance with its look-up in the state information systems.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  checkDigit, disabledChildAllowanceKokpekty2012, guardianshipCertificateKokpekty2012, guardianshipInheritanceKokpekty2012,
  guardianshipPropertyDealKokpekty2012, housingAssistanceKaraganda2014, housingQueueAlmaty2012, kazakhstanNational, plusDays, plusMonths,
  ServiceRequest, type LocalDate,
} from '@kezek/domain'
import { buildApplicationRequestXml, openPgliteStore, verifySignedXml, type EventStore } from '@kezek/adapters'
import { signAs } from '@kezek/adapters/testing'
import { memoryNoticeChannel, tableRegistries, type MemoryNoticeChannel } from '../src/index.js'
import { fetchPdf } from './pdf-text.js'
import { call, IIN, PROVIDER, registryTable, serviceToday, startServer, testPki, tokens, type Running } from './harness.js'

const iinBorn = (date: string): string => {
  const [y, m, d] = date.split('-') as [string, string, string]
  for (let serial = 300; serial < 400; serial++) {
    const first11 = `${y.slice(2)}${m}${d}5${String(serial).padStart(4, '0')}`
    const digit = checkDigit(first11)
    if (digit !== undefined) return `${first11}${digit}`
  }
  throw new Error('no IIN')
}

const today: LocalDate = serviceToday()
const CHILD = iinBorn(`${Number(today.slice(0, 4)) - 9}-04-02`)
const TODDLER = iinBorn(`${Number(today.slice(0, 4)) - 3}-01-01`)
const docs = [{ kind: 'application', digest: 'ef'.repeat(32) }]
const contact = { fullName: 'Сапарова Айгерим Маратовна', address: 'с. Кокпекты, ул. Абая, 12', phone: '+7 701 000 00 00' }

const req = (input: unknown): ServiceRequest => {
  const d = ServiceRequest.decode(input)
  if (E.isLeft(d)) throw new Error(`test request does not decode: ${JSON.stringify(input)}`)
  return d.right
}

const providers = [{
  id: PROVIDER, name: 'Отдел образования Кокпектинского района', head: 'Нурланов Б.К.', definition: housingQueueAlmaty2012, calendar: kazakhstanNational(),
  services: [disabledChildAllowanceKokpekty2012, guardianshipCertificateKokpekty2012, guardianshipPropertyDealKokpekty2012, guardianshipInheritanceKokpekty2012, housingAssistanceKaraganda2014],
}]

/** The citizen is the guardian of the other citizen in the register, and the state information systems know them. */
const registries = tableRegistries({
  ...registryTable,
  records: [
    { registry: 'guardianship_register', iin: IIN.citizen as never, subjectIin: IIN.otherCitizen as never },
    { registry: 'state_information_systems', iin: IIN.citizen as never },
  ],
})

const s = suite<{ r: Running; store: EventStore; sms: MemoryNoticeChannel }>('services 2, 4, 5, 6, 8 end to end')
s.before(async (ctx) => {
  ctx.store = await openPgliteStore()
  ctx.sms = memoryNoticeChannel('sms')
  ctx.r = await startServer(ctx.store, { registries, providers, noticeChannels: [ctx.sms] })
})
s.after(async (ctx) => {
  await ctx.r.stop()
  await ctx.store.close()
})

const post = (r: Running, id: string, path: string, json: unknown, token = tokens.officer) =>
  call(r.url, 'POST', `/v1/applications/${id}/${path}`, { token, json })

const linesOf = (xml: string, lang: string): string[] =>
  [...(xml.match(new RegExp(`<text lang="${lang}">(.*?)</text>`))?.[1] ?? '').matchAll(/<line>(.*?)<\/line>/g)]
    .map((m) => (m[1] ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))

/** Files on the portal with the citizen's signature; answers the application id, registered. */
const file = async (r: Running, request: ServiceRequest): Promise<string> => {
  const xml = await signAs((await testPki()).citizen, buildApplicationRequestXml({ providerId: PROVIDER, applicantIin: IIN.citizen, request }))
  const filed = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })
  assert.is(filed.status, 201, filed.text)
  assert.is(filed.body.status, 'registered', filed.text)
  return filed.body.applicationId as string
}

/** The signed result as the citizen downloads it, checked against the provider's key; its Russian and Kazakh lines. */
const resultOf = async (r: Running, id: string): Promise<{ ru: string[]; kk: string[] }> => {
  const pki = await testPki()
  const doc = await call(r.url, 'GET', `/v1/applications/${id}/result`, { token: tokens.citizen })
  assert.is(doc.status, 200, doc.text)
  assert.ok(E.isRight(await verifySignedXml(doc.text, { trust: pki.trust, crls: pki.crls, at: new Date() })), 'signed by the provider')
  const ru = linesOf(doc.text, 'ru')
  const kk = linesOf(doc.text, 'kk')
  // The PDF copy carries the same lines.
  for (const [lang, lines] of [['ru', ru], ['kk', kk]] as const) {
    const pdf = await fetchPdf(`${r.url}/v1/applications/${id}/result.pdf?lang=${lang}`, tokens.citizen)
    assert.is(pdf.status, 200)
    assert.equal(pdf.lines.slice(0, lines.length), lines, `the ${lang} PDF prints the document's lines`)
  }
  return { ru, kk }
}

s('service 2, allowance for a disabled child: filed, term extended (notice, status), checked, notice of the allowance issued', async ({ r, sms }) => {
  const id = await file(r, req({ service: 'disabled-child-allowance', child: { iin: CHILD }, bankAccount: 'KZ86125KZT5004100100', bankName: 'АО «Народный банк Казахстана»', documents: docs, contact }))
  const registered = await call(r.url, 'GET', `/v1/applications/${id}`, { token: tokens.citizen, headers: { 'accept-language': 'ru' } })
  const term = registered.body.deadline as string
  assert.ok(term !== null, 'the term runs from registration')
  const days = (Date.parse(term) - Date.now()) / 86_400_000
  assert.ok(days > 10 && days < 20, `10 working days from today: ${term}`)
  assert.is(registered.body.deadlineExtendedUntil, null)
  assert.is(registered.body.contactCentre.phone, '1414')
  assert.match(registered.body.contactCentre.text, /Единого контакт-центра: 1414/)
  assert.match(registered.body.contactCentre.statusChannels, /«История получения услуг», а также при обращении к услугодателю/)

  const until = plusDays(today, 30)
  const extension = { until, ground: 'documents_requested', decisionRef: 'письмо № 12' }
  assert.is((await post(r, id, 'deadline-extension', extension, tokens.citizen)).status, 403, 'the citizen does not extend')
  assert.is((await post(r, id, 'deadline-extension', extension, tokens.operator)).status, 403, 'nor the ЦОН')
  assert.is((await post(r, id, 'deadline-extension', { ...extension, until: today })).status, 409, 'not to today')
  assert.is((await post(r, id, 'deadline-extension', { ...extension, ground: 'whim' })).status, 422)
  const extended = await post(r, id, 'deadline-extension', extension)
  assert.is(extended.status, 200, extended.text)
  assert.is(extended.body.deadlineExtendedUntil, until)
  assert.ok(Date.parse(extended.body.deadline as string) > Date.parse(term), 'the status screen shows the extended deadline')
  assert.is((extended.body.deadline as string).slice(11), '18:59:59.999Z', 'the end of the last day, UTC+5')
  const feed = await call(r.url, 'GET', '/v1/me/notices', { token: tokens.citizen, headers: { 'accept-language': 'kk' } })
  const notice = (feed.body.items as { kind: string; applicationId: string; text: string }[]).find((n) => n.applicationId === id && n.kind === 'deadline_extended')
  assert.ok(notice, feed.text)
  assert.match(notice.text, new RegExp(`${until.split('-').reverse().join('\\.')} дейін ұзартылды`))
  // The same notice reaches the notice channels (an SMS gateway here), in all three languages.
  const pushed = await sms.waitFor((n) => n.applicationId === id && n.kind === 'deadline_extended')
  assert.match(pushed.text.ru, /^Срок оказания услуги «Оформление документов для материального обеспечения/)
  assert.match(pushed.text.ru, /Основание: запрос документов \(сведений\) в других государственных органах и организациях\.$/)
  assert.match(pushed.text.en, /is extended to/)

  assert.is((await post(r, id, 'document-check', { conforming: true })).body.status, 'documents_checked')
  const issued = await post(r, id, 'result', {
    result: {
      kind: 'disabled_child_allowance_notice', amountTiyn: 12_000_000, periodFrom: '2025-01-01', periodTo: '2025-12-31',
      payments: [1, 2, 3, 4].map((quarter) => ({ quarter, year: 2025, amountTiyn: 3_000_000 })),
    },
    issuedOn: today,
  })
  assert.is(issued.status, 200, issued.text)
  assert.is(issued.body.status, 'result_issued')
  assert.is(issued.body.deadline, null, 'no deadline once decided')
  const { ru, kk } = await resultOf(r, id)
  assert.ok(ru.some((l) => l.includes('120000.00 тенге')), ru.join('\n'))
  assert.ok(ru.some((l) => l.startsWith('Начальник') && l.endsWith('Нурланов Б.К.')), ru.join('\n'))
  assert.ok(kk.length > 0)
  assert.is((await post(r, id, 'deadline-extension', { ...extension, until: plusDays(today, 60) })).status, 409, 'not after the decision')
})

s('service 4, guardianship certificate (positive): the register confirms the guardian, the certificate is issued', async ({ r }) => {
  const id = await file(r, req({ service: 'guardianship-certificate', ward: { iin: IIN.otherCitizen }, documents: docs, contact }))
  const record = await post(r, id, 'checks/record', { registry: 'guardianship_register' })
  assert.is(record.status, 200, record.text)
  assert.is(record.body.status, 'registered', 'the register confirmed: no refusal')
  assert.is((await post(r, id, 'document-check', { conforming: true })).body.status, 'documents_checked')
  const issued = await post(r, id, 'result', {
    result: { kind: 'guardianship_certificate', certificateNumber: '17', appointmentDecision: '№ 211', appointedOn: '2023-11-20', residence: 'с. Кокпекты' },
    issuedOn: today,
  })
  assert.is(issued.status, 200, issued.text)
  const { ru } = await resultOf(r, id)
  assert.ok(ru.some((l) => l.includes('№ 211') && !l.includes('№ №')), ru.join('\n'))
  assert.ok(ru.some((l) => l.includes(contact.fullName)), ru.join('\n'))
})

s('service 5, deal with a minor’s property: filed, checked, the permission valid one month', async ({ r }) => {
  const id = await file(r, req({
    service: 'guardianship-property-deal', deal: 'sale', propertyAddress: 'с. Кокпекты, ул. Абая, 12, кв. 3', children: [{ iin: TODDLER, consent: false }], documents: docs, contact,
  }))
  assert.is((await post(r, id, 'document-check', { conforming: true })).body.status, 'documents_checked')
  const issued = await post(r, id, 'result', { result: { kind: 'property_deal_permission', deal: 'sale', propertyAddress: 'с. Кокпекты, ул. Абая, 12, кв. 3' }, issuedOn: today })
  assert.is(issued.status, 200, issued.text)
  assert.is(issued.body.result.validUntil, plusMonths(today, 1))
  const { ru } = await resultOf(r, id)
  assert.ok(ru.some((l) => l.includes('с. Кокпекты, ул. Абая, 12, кв. 3')), ru.join('\n'))
  assert.ok(ru.some((l) => l.includes(TODDLER)), ru.join('\n'))
})

s('service 6, a minor’s inheritance: filed, checked, the permission to the pension fund issued', async ({ r }) => {
  const id = await file(r, req({
    service: 'guardianship-inheritance', variant: 'pension_fund', addressee: 'АО «ЕНПФ»', deathCertificate: '№ 0012 от 02.01.2024',
    inheritanceCertificate: '№ 77 от 15.02.2024', children: [{ iin: TODDLER, consent: false }], documents: docs, contact,
  }))
  assert.is((await post(r, id, 'document-check', { conforming: true })).body.status, 'documents_checked')
  const issued = await post(r, id, 'result', { result: { kind: 'inheritance_permission', variant: 'pension_fund', addressee: 'АО «ЕНПФ»' }, issuedOn: today })
  assert.is(issued.status, 200, issued.text)
  const { ru } = await resultOf(r, id)
  assert.ok(ru.some((l) => l.includes('АО «ЕНПФ»')), ru.join('\n'))
  assert.ok(ru.some((l) => l.includes('№ 0012 от 02.01.2024')), ru.join('\n'))
})

s('service 8, housing assistance on the portal: the state information systems confirm, checked, the notice of the monthly amount', async ({ r }) => {
  const id = await file(r, req({ service: 'housing-assistance', familySize: 3, documents: docs, contact }))
  assert.is((await post(r, id, 'document-check', { conforming: true })).status, 409, 'the look-up comes first on the portal')
  const record = await post(r, id, 'checks/record', { registry: 'state_information_systems' })
  assert.is(record.status, 200, record.text)
  assert.is((await post(r, id, 'document-check', { conforming: true })).body.status, 'documents_checked')
  const issued = await post(r, id, 'result', {
    result: { kind: 'housing_assistance_notice', monthlyTiyn: 512_050, periodFrom: today, periodTo: plusMonths(today, 3) }, issuedOn: today,
  })
  assert.is(issued.status, 200, issued.text)
  assert.is(issued.body.contactCentre, null, 'seed 003 names no contact centre')
  const { ru } = await resultOf(r, id)
  assert.ok(ru.some((l) => l.includes('5120.50 тенге')), ru.join('\n'))
  assert.is((await post(r, id, 'deadline-extension', { until: plusDays(today, 30), ground: 'additional_check', decisionRef: 'п. 1' })).status, 409,
    'housing assistance (seed 003) prints no extension')
})

s.run()
