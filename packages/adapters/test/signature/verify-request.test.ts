import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SignatureVerdict } from '@kezek/domain'
import { createHash } from 'node:crypto'
import { loadTrust, toDomainRequest, toSignatureVerdict, verifyRequest } from '../../src/signature/index.js'
import { sampleRequestXml, signAs, TEST_BIN, TEST_IIN } from '../../src/signature/testing/index.js'
import { AT, expectRefusal, expectVerified, optionsFor, testPki } from './fixtures.js'

test('a citizen-signed request verifies and yields the fields read from the signed root', async () => {
  const pki = await testPki()
  const xml = await signAs(pki.citizen, sampleRequestXml())
  const verified = expectVerified(await verifyRequest(xml, optionsFor(pki, { expectedIin: TEST_IIN.citizen })))
  assert.is(verified.request.applicantIin, TEST_IIN.citizen)
  assert.is(verified.request.familySize, 4)
  assert.is(verified.request.category, 'socially_vulnerable')
  assert.is(verified.request.documents.length, 4)
  assert.is(verified.signature.signer.iin, TEST_IIN.citizen)
  assert.is(verified.signature.signer.surname, 'ТЕСТОВ')
  assert.is(verified.signature.signer.patronymic, 'ТЕСТОВИЧ')
  assert.is(verified.signature.algorithm, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')
  assert.is(verified.signature.path.length, 3)
  assert.is(verified.signature.documentDigest, createHash('sha256').update(xml.replace(/\r\n/g, '\n')).digest('hex'))
  assert.equal(toDomainRequest(verified.request), {
    category: 'socially_vulnerable',
    familySize: 4,
    documents: verified.request.documents,
  })
})

test('bytes and CRLF line ends verify like the LF text (NCALayer wraps base64 with CRLF)', async () => {
  const pki = await testPki()
  const xml = await signAs(pki.citizen, sampleRequestXml())
  assert.ok(xml.includes('\r\n'), 'signer output carries CRLF inside the base64 values')
  const crlf = xml.replace(/\r?\n/g, '\r\n')
  const fromBytes = expectVerified(await verifyRequest(new TextEncoder().encode(crlf), optionsFor(pki)))
  assert.is(fromBytes.request.applicantIin, TEST_IIN.citizen)
  const withBom = expectVerified(await verifyRequest(`\uFEFF${xml}`, optionsFor(pki)))
  assert.is(withBom.request.familySize, 4)
})

test('signed with a CRLF source document verifies (signer and verifier both normalise)', async () => {
  const pki = await testPki()
  const xml = await signAs(pki.citizen, sampleRequestXml().replace(/\n/g, '\r\n'))
  expectVerified(await verifyRequest(xml, optionsFor(pki)))
})

test('every canonicalisation variant and a #id reference to the root verify', async () => {
  const pki = await testPki()
  for (const canonicalization of ['c14n', 'c14n-com', 'exc-c14n', 'exc-c14n-com'] as const) {
    const xml = await signAs(pki.citizen, sampleRequestXml(), { canonicalization })
    expectVerified(await verifyRequest(xml, optionsFor(pki)))
  }
  const byId = await signAs(pki.citizen, sampleRequestXml({ id: 'req-1' }), { referenceUri: '#req-1' })
  assert.ok(byId.includes('URI="#req-1"'))
  expectVerified(await verifyRequest(byId, optionsFor(pki)))
})

test('a representative signs for the applicant; the representative IIN must be the certificate IIN', async () => {
  const pki = await testPki()
  const doc = sampleRequestXml({ representative: { iin: TEST_IIN.otherCitizen, powerOfAttorney: 'PoA 2024/118' } })
  const ok = expectVerified(await verifyRequest(await signAs(pki.otherCitizen, doc), optionsFor(pki)))
  assert.equal(ok.request.representative, { iin: TEST_IIN.otherCitizen, powerOfAttorney: 'PoA 2024/118' })
  assert.is(toDomainRequest(ok.request).representativeIin, TEST_IIN.otherCitizen)
  expectRefusal(await verifyRequest(await signAs(pki.citizen, doc), optionsFor(pki)), 'iin_mismatch', 'not_confirmed')
})

test('desk and ЦОН: the officer signs with IIN and BIN; the BIN must match the document', async () => {
  const pki = await testPki()
  const staff = { role: 'officer' as const, iin: TEST_IIN.officer, bin: TEST_BIN.provider }
  const ok = expectVerified(await verifyRequest(await signAs(pki.officer, sampleRequestXml({ staff })), optionsFor(pki)))
  assert.is(ok.signature.signer.bin, TEST_BIN.provider)
  assert.is(ok.signature.signer.iin, TEST_IIN.officer)
  const wrongBin = sampleRequestXml({ staff: { ...staff, bin: '081140000436' } })
  expectRefusal(await verifyRequest(await signAs(pki.officer, wrongBin), optionsFor(pki)), 'iin_mismatch')
  // a citizen's certificate carries no BIN: cannot sign as staff
  const asStaff = sampleRequestXml({ staff: { ...staff, iin: TEST_IIN.citizen } })
  expectRefusal(await verifyRequest(await signAs(pki.citizen, asStaff), optionsFor(pki)), 'iin_mismatch')
})

test('expectedIin: the certificate must belong to the signed-in user', async () => {
  const pki = await testPki()
  const xml = await signAs(pki.citizen, sampleRequestXml())
  expectRefusal(await verifyRequest(xml, optionsFor(pki, { expectedIin: TEST_IIN.otherCitizen })), 'iin_mismatch')
})

test('certificate problems are not_confirmed refusals with the domain failure codes', async () => {
  const pki = await testPki()
  const cases = [
    [pki.citizenAuth, 'wrong_key_usage'],
    [pki.revoked, 'certificate_revoked'],
    [pki.expired, 'certificate_expired'],
    [pki.notYetValid, 'certificate_not_yet_valid'],
    [pki.impostorIssued, 'untrusted_issuer'],
    [pki.otherCitizen, 'iin_mismatch'],
  ] as const
  for (const [identity, code] of cases) {
    const result = await verifyRequest(await signAs(identity, sampleRequestXml()), optionsFor(pki))
    expectRefusal(result, code, 'not_confirmed')
    const verdict = toSignatureVerdict(result)
    assert.ok(E.isRight(verdict) && !verdict.right.valid && verdict.right.failure === code)
    assert.ok(E.isRight(verdict) && SignatureVerdict.is(verdict.right), 'the verdict decodes with the domain codec')
  }
})

test('a certificate revoked after the judging instant was good at that instant', async () => {
  const pki = await testPki()
  const xml = await signAs(pki.revoked, sampleRequestXml())
  const beforeRevocation = new Date(AT.getTime() - 20 * 86_400_000)
  // today's CRL (issued after that instant) lists the revocation dated later: it cannot speak for the instant …
  expectRefusal(await verifyRequest(xml, optionsFor(pki, { at: beforeRevocation.toISOString() })), 'revocation_unknown', 'indeterminate')
  // … a CRL current then can, and the later revocation does not count against it
  const then = { thisUpdate: new Date(beforeRevocation.getTime() - 86_400_000), nextUpdate: new Date(beforeRevocation.getTime() + 86_400_000) }
  const crls = [await pki.crl(pki.root, then), await pki.crl(pki.nca, then), ...pki.crls]
  expectVerified(await verifyRequest(xml, optionsFor(pki, { at: beforeRevocation.toISOString(), crls })))
})

test('an AUTH certificate is accepted for purpose auth, a SIGN certificate is not', async () => {
  const pki = await testPki()
  expectVerified(await verifyRequest(await signAs(pki.citizenAuth, sampleRequestXml()), optionsFor(pki, { purpose: 'auth' })))
  expectRefusal(await verifyRequest(await signAs(pki.citizen, sampleRequestXml()), optionsFor(pki, { purpose: 'auth' })), 'wrong_key_usage')
})

test('without a current CRL the verdict is indeterminate (never silently "not revoked")', async () => {
  const pki = await testPki()
  const xml = await signAs(pki.citizen, sampleRequestXml())
  const onlyRoot = pki.crls.filter((c) => c.issuer === pki.root.certificate.subject)
  expectRefusal(await verifyRequest(xml, optionsFor(pki, { crls: onlyRoot })), 'revocation_unknown', 'indeterminate')
  // scope `signer` needs only the issuing CA's CRL; scope `chain` (default) also the root's
  const onlyNca = pki.crls.filter((c) => c.issuer === pki.nca.certificate.subject)
  expectVerified(await verifyRequest(xml, optionsFor(pki, { crls: onlyNca, revocation: 'signer' })))
  expectRefusal(await verifyRequest(xml, optionsFor(pki, { crls: onlyNca })), 'revocation_unknown')
  const stale = await pki.crl(pki.nca, { thisUpdate: new Date(AT.getTime() - 30 * 86_400_000), nextUpdate: new Date(AT.getTime() - 86_400_000) })
  expectRefusal(await verifyRequest(xml, optionsFor(pki, { crls: [...onlyRoot, stale] })), 'revocation_unknown')
  // a CRL "from" the issuing CA but signed by the impostor does not count
  const forged = await pki.crl({ ...pki.impostor }, { thisUpdate: AT, nextUpdate: new Date(AT.getTime() + 86_400_000) })
  assert.is(forged.issuer, pki.nca.certificate.subject)
  expectRefusal(await verifyRequest(xml, optionsFor(pki, { crls: [...onlyRoot, forged] })), 'revocation_unknown')
  const verdict = toSignatureVerdict(await verifyRequest(xml, optionsFor(pki, { crls: onlyRoot })))
  assert.ok(E.isLeft(verdict), 'indeterminate refusals do not become domain verdicts')
})

test('toSignatureVerdict: a verified request becomes a valid domain verdict', async () => {
  const pki = await testPki()
  const result = await verifyRequest(await signAs(pki.officer, sampleRequestXml({ staff: { role: 'operator', iin: TEST_IIN.officer, bin: TEST_BIN.provider } })), optionsFor(pki))
  const verdict = toSignatureVerdict(result)
  if (E.isLeft(verdict) || !verdict.right.valid) return assert.unreachable('expected a valid verdict')
  assert.ok(SignatureVerdict.is(verdict.right))
  assert.is(verdict.right.signer.iin, TEST_IIN.officer)
  assert.is(verdict.right.signer.bin, TEST_BIN.provider)
  assert.is(verdict.right.signedAt, AT.toISOString())
  assert.match(verdict.right.documentDigest, /^[0-9a-f]{64}$/)
})

test('loadTrust parses PEM configuration and reports bad entries as values', async () => {
  const pki = await testPki()
  const loaded = loadTrust({
    roots: [pki.root.certificate.toString('pem')],
    intermediates: [pki.nca.certificate.toString('pem')],
    crls: pki.crls.map((c) => c.toString('pem')),
  })
  if (E.isLeft(loaded)) return assert.unreachable(loaded.left.detail)
  const xml = await signAs(pki.citizen, sampleRequestXml())
  expectVerified(await verifyRequest(xml, { ...loaded.right, at: AT }))
  const bad = loadTrust({ roots: ['not a certificate'] })
  assert.ok(E.isLeft(bad) && bad.left.kind === 'trust_config_invalid' && bad.left.detail.startsWith('root #1'))
  assert.ok(E.isLeft(loadTrust({ roots: [] })))
})

test('an invalid judging instant is a programming error, reported before any work', async () => {
  const pki = await testPki()
  let thrown: unknown
  try { await verifyRequest('<a/>', optionsFor(pki, { at: 'yesterday' })) } catch (e) { thrown = e }
  assert.instance(thrown, RangeError)
})

test.run()
