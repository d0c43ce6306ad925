/**
 * GOST 34.10-2015/512 through every check RSA goes through, with the GOST test PKI (keys, certificates and CRLs
 * made and signed at run time by gost/): chain to the configured anchors, validity, revocation by a GOST CRL, key
 * usage, IIN/BIN, and the whole attack corpus built again from GOST signatures.
 */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  GOST_SIGNATURE_METHOD,
  signResultDocument,
  verifyEverySignature,
  verifyRequest,
  verifyResultDocument,
} from '../../src/signature/index.js'
import { sampleRequestXml, signAsGost, TEST_BIN, TEST_IIN } from '../../src/signature/testing/index.js'
import { buildCorpus, gostWorld } from './corpus.js'
import { AT, expectRefusal, expectVerified, gostTestPki, optionsFor } from './fixtures.js'

test('a citizen GOST 2015/512 signature verifies, with Kalkan URIs, a &#13; in the DigestValue and the path to the GOST root', async () => {
  const pki = await gostTestPki()
  const signed = await signAsGost(pki.citizen, sampleRequestXml())
  assert.ok(signed.includes(`Algorithm="${GOST_SIGNATURE_METHOD}"`))
  assert.match(signed, /<ds:DigestValue>[^<]*&#13;\n[^<]*<\/ds:DigestValue>/)
  const verified = expectVerified(await verifyRequest(signed, optionsFor(pki, { expectedIin: TEST_IIN.citizen })))
  assert.is(verified.signature.algorithm, GOST_SIGNATURE_METHOD)
  assert.is(verified.signature.signer.iin, TEST_IIN.citizen)
  assert.equal(verified.signature.roles, ['individual'])
  assert.is(verified.signature.path.length, 3)
})

test('the GOST certificate refusals: impostor CA, expired, not yet valid, revoked by the GOST CRL, AUTH key, stale or forged CRL', async () => {
  const pki = await gostTestPki()
  const xml = sampleRequestXml()
  expectRefusal(await verifyRequest(await signAsGost(pki.impostorIssued, xml), optionsFor(pki)), 'untrusted_issuer')
  expectRefusal(await verifyRequest(await signAsGost(pki.expired, xml), optionsFor(pki)), 'certificate_expired')
  expectRefusal(await verifyRequest(await signAsGost(pki.notYetValid, xml), optionsFor(pki)), 'certificate_not_yet_valid')
  expectRefusal(await verifyRequest(await signAsGost(pki.revoked, xml), optionsFor(pki)), 'certificate_revoked')
  expectRefusal(await verifyRequest(await signAsGost(pki.citizenAuth, xml), optionsFor(pki)), 'wrong_key_usage')
  const signed = await signAsGost(pki.citizen, xml)
  const DAY = 86_400_000
  const stale = pki.crl(pki.nca, { thisUpdate: new Date(AT.getTime() - 30 * DAY), nextUpdate: new Date(AT.getTime() - DAY) })
  expectRefusal(await verifyRequest(signed, optionsFor(pki, { crls: [pki.crls[0] ?? stale, stale] })), 'revocation_unknown', 'indeterminate')
  // a CRL with the NCA's name signed by the impostor's key does not count
  const forged = pki.crl({ ...pki.impostor, name: pki.nca.name }, { thisUpdate: new Date(AT.getTime() - DAY), nextUpdate: new Date(AT.getTime() + DAY) })
  expectRefusal(await verifyRequest(signed, optionsFor(pki, { crls: [pki.crls[0] ?? forged, forged] })), 'revocation_unknown')
})

test('GOST staff document: IIN and OU=BIN of the officer; another IIN is refused', async () => {
  const pki = await gostTestPki()
  const staff = sampleRequestXml({ staff: { role: 'officer', iin: TEST_IIN.officer, bin: TEST_BIN.provider } })
  expectVerified(await verifyRequest(await signAsGost(pki.officer, staff), optionsFor(pki)))
  expectRefusal(await verifyRequest(await signAsGost(pki.citizen, staff), optionsFor(pki)), 'iin_mismatch')
})

test('the attack corpus, built again from GOST signatures, gets the same refusals', async () => {
  const pki = await gostTestPki()
  const corpus = await buildCorpus(gostWorld(pki))
  assert.ok(corpus.length >= 30)
  const wrong: string[] = []
  for (const attack of corpus) {
    const result = await verifyRequest(attack.document, optionsFor(pki))
    const got = E.isLeft(result) ? `${result.left.code} (${result.left.detail})` : 'VERIFIED'
    if (!E.isLeft(result) || result.left.code !== attack.refusal) wrong.push(`${attack.name}: expected ${attack.refusal}, got ${got}`)
  }
  assert.equal(wrong, [])
})

test('a result document signed with the GOST key of the provider head verifies, and carries the head role', async () => {
  const pki = await gostTestPki()
  const signed = await signResultDocument(
    {
      kind: 'notification',
      provider: { id: 'almaty-housing', bin: TEST_BIN.provider, name: 'ГУ «Отдел жилищных отношений» (тест)' },
      applicant: { iin: TEST_IIN.citizen, name: 'Тестов Тест Тестович', address: 'г. Алматы, ул. Абая, 1', phone: '+7 701 000 00 00' },
      requestNumber: 'ALM-2024-000118',
      filingDate: '2024-02-10',
      familySize: 4,
      headOfOffice: 'Жандосов Б.',
      issuedAt: '2024-03-12T10:00:00.000Z',
      commissionDecisionDate: '2024-03-12',
      category: 'socially_vulnerable',
      queueNumber: 1375,
    },
    pki.head.keys,
    pki.head.certificate,
  )
  if (E.isLeft(signed)) return assert.unreachable(JSON.stringify(signed.left))
  assert.ok(signed.right.includes(GOST_SIGNATURE_METHOD))
  const verified = expectVerified(await verifyResultDocument(signed.right, optionsFor(pki)))
  assert.equal(verified.signature.roles, ['legal_entity', 'head'])
})

test('several signatures one after another: each verified with anti-wrapping, later ones cover earlier ones', async () => {
  const pki = await gostTestPki()
  const staff = sampleRequestXml({ staff: { role: 'officer', iin: TEST_IIN.officer, bin: TEST_BIN.provider } })
  const twice = await signAsGost(pki.head, await signAsGost(pki.officer, staff))
  const verified = expectVerified(await verifyEverySignature(twice, optionsFor(pki)))
  assert.equal(verified.signatures.map((s) => s.signer.iin), [TEST_IIN.officer, TEST_IIN.head])
  assert.equal(verified.signatures.map((s) => s.roles), [['legal_entity', 'employee'], ['legal_entity', 'head']])
  // the document is as parsed afterwards: both signatures still in the root
  assert.is(verified.signedElement.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature').length, 2)
  // one signature is not enough for the single-signature verifier
  expectRefusal(await verifyRequest(twice, optionsFor(pki)), 'multiple_signatures')
  // changing the content breaks the last signature first
  expectRefusal(await verifyEverySignature(twice.replace('<familySize>4<', '<familySize>5<'), optionsFor(pki)), 'digest_mismatch')
  // the second signature moved below a field is refused; so is a revoked second signer
  const sigs = [...twice.matchAll(/<ds:Signature[\s\S]*?<\/ds:Signature>/g)].map((m) => m[0])
  const moved = twice.replace(sigs[1] ?? '', '').replace('</documents>', `${sigs[1] ?? ''}</documents>`)
  expectRefusal(await verifyEverySignature(moved, optionsFor(pki)), 'signature_misplaced')
  const withRevoked = await signAsGost(pki.revoked, await signAsGost(pki.officer, staff))
  const refusal = expectRefusal(await verifyEverySignature(withRevoked, optionsFor(pki)), 'certificate_revoked')
  assert.match(refusal.detail, /^signature 2 of 2:/)
  // too many signatures are refused before any cryptography
  expectRefusal(await verifyEverySignature(twice, optionsFor(pki, { maxSignatures: 1 })), 'multiple_signatures')
})

test.run()
