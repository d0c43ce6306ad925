/**
 * The signed document of the services beyond the housing queue: the typed request in `<request>` fields survives
 * signing and reading unchanged, is read from the signed root only, and a field the service does not have (or a
 * field of the wrong type) is refused. Wrapping attacks fail as they do for housing requests.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { ServiceRequest } from '@kezek/domain'
import { checkDigit } from '@kezek/domain'
import { buildApplicationRequestXml, toDomainRequest, type ServiceApplicationInput } from '../../src/signature/application-request.js'
import { verifyRequest as verify } from '../../src/signature/verify-request.js'
import { serviceRequestFields } from '../../src/signature/service-request-fields.js'
import { signAs, TEST_BIN, TEST_IIN } from '../../src/signature/testing/index.js'
import { expectRefusal, expectVerified, optionsFor, testPki } from './fixtures.js'

const docs = [{ kind: 'application', digest: 'ef'.repeat(32) }]

/** A checksum-valid child IIN born 2021-06-01. */
const CHILD = (() => {
  for (let serial = 100; ; serial++) {
    const first11 = `2106016${String(serial).padStart(4, '0')}`
    const digit = checkDigit(first11)
    if (digit !== undefined) return `${first11}${digit}`
  }
})()

const req = (input: unknown): ServiceRequest => {
  const d = ServiceRequest.decode(input)
  if (E.isLeft(d)) throw new Error(`fixture does not decode: ${JSON.stringify(input)}`)
  return d.right
}

/** One request per shape: nested objects, arrays of objects, booleans, integers, unions, optional blocks. */
const requests: readonly ServiceRequest[] = [
  req({ service: 'unemployment-certificate', periodFrom: '2025-01-01', periodTo: '2025-12-31', documents: docs }),
  req({ service: 'kindergarten-queue', child: { iin: CHILD, birthDate: '2021-06-01' }, documents: docs }),
  req({ service: 'guardianship-certificate', ward: { iin: TEST_IIN.otherCitizen }, documents: docs }),
  req({
    service: 'guardianship-property-deal', deal: 'pledge', propertyAddress: 'с. Кокпекты, ул. Абая 12 & <3>',
    children: [{ iin: TEST_IIN.otherCitizen, consent: true }, { iin: CHILD, consent: false }],
    pledge: { bankLetter: 'письмо № 5', loanTiyn: 1_500_000_000, termMonths: 120 }, documents: docs,
  }),
  req({ service: 'guardianship-inheritance', variant: 'road_police', addressee: 'УДП г. Алматы', vehicle: 'Toyota, 123ABC02', children: [{ iin: CHILD, consent: false }], documents: docs }),
  req({ service: 'housing-assistance', familySize: 3, documents: docs }),
]

const input = (request: ServiceRequest, over: Partial<ServiceApplicationInput> = {}): ServiceApplicationInput =>
  ({ providerId: 'kokpekty-education', applicantIin: TEST_IIN.citizen, request, ...over })

test('every service request survives signing and reading: the request read equals the request written', async () => {
  const pki = await testPki()
  for (const request of requests) {
    const xml = await signAs(pki.citizen, buildApplicationRequestXml(input(request)))
    const verified = expectVerified(await verify(xml, optionsFor(pki, { expectedIin: TEST_IIN.citizen })))
    assert.is(verified.request.serviceId, request.service)
    assert.is(verified.request.category, undefined, 'no housing fields on a service request')
    assert.equal(toDomainRequest(verified.request), request, request.service)
  }
})

test('the housing format is unchanged: category and family size, no <request>', async () => {
  const xml = buildApplicationRequestXml({
    serviceId: 'housing-queue', providerId: 'p', applicantIin: TEST_IIN.citizen, category: 'orphans', familySize: 2, documents: [],
  })
  assert.match(xml, /<category>orphans<\/category>/)
  assert.not.match(xml, /<request>/)
})

test('a representative at ЦОN fills the request’s representativeIin from <representative>', async () => {
  const pki = await testPki()
  const request = requests[5] as ServiceRequest
  const xml = await signAs(pki.officer, buildApplicationRequestXml(input(request, {
    representative: { iin: TEST_IIN.otherCitizen, powerOfAttorney: 'PoA 1' }, staff: { role: 'operator', iin: TEST_IIN.officer, bin: TEST_BIN.provider },
  })))
  const verified = expectVerified(await verify(xml, optionsFor(pki)))
  assert.equal(toDomainRequest(verified.request), { ...request, representativeIin: TEST_IIN.otherCitizen })
})

test('fields the service does not have, mistyped fields, gaps and housing fields beside <request> are refused', async () => {
  const pki = await testPki()
  const base = buildApplicationRequestXml(input(requests[3] as ServiceRequest))
  const cases: readonly [string, string, RegExp][] = [
    ['an extra field', base.replace('</request>', '<field name="discount">yes</field></request>'), /not part of the service/],
    ['an extra nested field', base.replace('</request>', '<field name="pledge.rate" type="integer">5</field></request>'), /not part of the service/],
    ['an integer sent as text', base.replace('<field name="pledge.loanTiyn" type="integer">', '<field name="pledge.loanTiyn">'), /does not fit the service .*pledge\.loanTiyn/],
    ['a boolean that is not one', base.replace('type="boolean">true<', 'type="boolean">yes<'), /true or false/],
    ['a list with a gap', base.replace(/children\.1\./g, 'children.2.'), /skips an index/],
    ['the service as a field', base.replace('</request>', '<field name="service">housing-assistance</field></request>'), /own element/],
    ['a housing field beside the request', base.replace('<documents>', '<familySize>4</familySize><documents>'), /one request/],
    ['a field given twice', base.replace('</request>', '<field name="deal">sale</field></request>'), /twice/],
    ['a request that does not fit', base.replace('<field name="deal">pledge</field>', '<field name="deal">sale</field>'), /does not fit the service/],
    ['an unknown attribute', base.replace('<field name="deal">', '<field name="deal" hidden="1">'), /may not carry/],
  ]
  for (const [label, unsigned, detail] of cases) {
    const refusal = expectRefusal(await verify(await signAs(pki.citizen, unsigned), optionsFor(pki)), 'invalid_document', 'bad_input')
    assert.match(refusal.detail, detail, label)
  }
})

test('wrapping still fails: fields outside the signed root are never read', async () => {
  const pki = await testPki()
  const honest = requests[0] as ServiceRequest
  const signed = await signAs(pki.citizen, buildApplicationRequestXml(input(honest)))
  const evil = buildApplicationRequestXml(input(req({ ...honest, periodFrom: '2000-01-01' })))
  expectRefusal(await verify(`<envelope>${evil}${signed}</envelope>`, optionsFor(pki)), 'signature_misplaced')
  const sig = signed.slice(signed.indexOf('<ds:Signature'), signed.indexOf('</ds:Signature>') + '</ds:Signature>'.length)
  const unsignedHonest = signed.replace(sig, '')
  // Evil root carrying the honest (signed) element inside the signature: the reference must be the root.
  const xsw = evil.replace('</application>', `${sig.replace('</ds:Signature>', `<ds:Object>${unsignedHonest}</ds:Object></ds:Signature>`)}</application>`)
  assert.ok(E.isLeft(await verify(xsw, optionsFor(pki))), 'an XSW document never verifies')
  // Altering a field after signing breaks the digest.
  const altered = signed.replace('2025-01-01', '2000-01-01')
  expectRefusal(await verify(altered, optionsFor(pki)), 'digest_mismatch')
})

test('fields are written in a stable form with their types', () => {
  const fields = serviceRequestFields(requests[3] as ServiceRequest)
  assert.ok(fields.some((f) => f.name === 'children.1.consent' && f.type === 'boolean' && f.value === 'false'))
  assert.ok(fields.some((f) => f.name === 'pledge.loanTiyn' && f.type === 'integer' && f.value === '1500000000'))
  assert.not.ok(fields.some((f) => f.name === 'documents' || f.name.startsWith('documents.') || f.name === 'service'))
})

test.run()
