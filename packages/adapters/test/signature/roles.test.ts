/**
 * NCA roles and certificate policies: a staff document needs a legal entity's key with the head, signatory or
 * employee role (not an IIN and OU=BIN alone), an individual's document an individual's key; accepted policies when
 * configured; and, for documents signed one after another, the signers the caller requires.
 */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SignatureVerdict } from '@kezek/domain'
import { NCA_ROLE_OIDS, toSignatureVerdict, verifyEverySignature, verifyRequest } from '../../src/signature/index.js'
import { sampleRequestXml, signAsGost, TEST_BIN, TEST_IIN } from '../../src/signature/testing/index.js'
import { expectRefusal, expectVerified, gostTestPki, optionsFor } from './fixtures.js'

const staffXml = sampleRequestXml({ staff: { role: 'officer', iin: TEST_IIN.officer, bin: TEST_BIN.provider } })
const office = { commonName: 'СЕРІКОВ ДАНИЯР', iin: TEST_IIN.officer, bin: TEST_BIN.provider, organization: 'ГУ (тест)' }

test('a staff document signed with an individual key carrying IIN and OU=BIN is refused: signer_role_missing', async () => {
  const pki = await gostTestPki()
  const individualKey = await pki.issue({ ...office, roles: [NCA_ROLE_OIDS.individual] })
  const refusal = expectRefusal(await verifyRequest(await signAsGost(individualKey, staffXml), optionsFor(pki)), 'signer_role_missing', 'not_confirmed')
  assert.match(refusal.detail, /legal entity's key \(1\.2\.398\.3\.3\.4\.1\.2\)/)
  const verdict = toSignatureVerdict(await verifyRequest(await signAsGost(individualKey, staffXml), optionsFor(pki)))
  assert.ok(E.isRight(verdict) && SignatureVerdict.is(verdict.right) && !verdict.right.valid, 'the domain records it')
})

test('a legal entity key without a head, signatory or employee role (HR only) cannot sign for the office', async () => {
  const pki = await gostTestPki()
  const hrOnly = await pki.issue({ ...office, roles: [NCA_ROLE_OIDS.legal_entity, NCA_ROLE_OIDS.hr] })
  const refusal = expectRefusal(await verifyRequest(await signAsGost(hrOnly, staffXml), optionsFor(pki)), 'signer_role_missing')
  assert.match(refusal.detail, /head, signatory or employee/)
  const signatory = await pki.issue({ ...office, roles: [NCA_ROLE_OIDS.legal_entity, NCA_ROLE_OIDS.signer] })
  expectVerified(await verifyRequest(await signAsGost(signatory, staffXml), optionsFor(pki)))
})

test("an employee's key cannot sign a citizen's own application", async () => {
  const pki = await gostTestPki()
  const employeeOfCitizen = await pki.issue({ commonName: 'ТЕСТОВ ТЕСТ', iin: TEST_IIN.citizen, bin: TEST_BIN.provider })
  const refusal = expectRefusal(await verifyRequest(await signAsGost(employeeOfCitizen, sampleRequestXml()), optionsFor(pki)), 'signer_role_missing')
  assert.match(refusal.detail, /individual's key/)
})

test('accepted certificate policies, when configured, are their own refusal', async () => {
  const pki = await gostTestPki()
  const signerPolicy = { staffPolicies: ['1.2.398.3.3.2.1'], individualPolicies: ['1.2.398.3.3.2.3'] }
  expectRefusal(await verifyRequest(await signAsGost(pki.officer, staffXml), optionsFor(pki, { signerPolicy })), 'policy_not_accepted')
  const withPolicy = await pki.issue({ ...office, policies: ['1.2.398.3.3.2.1'] })
  expectVerified(await verifyRequest(await signAsGost(withPolicy, staffXml), optionsFor(pki, { signerPolicy })))
  // the individual policy does not make a staff key acceptable, and vice versa
  const wrongPolicy = await pki.issue({ ...office, policies: ['1.2.398.3.3.2.3'] })
  expectRefusal(await verifyRequest(await signAsGost(wrongPolicy, staffXml), optionsFor(pki, { signerPolicy })), 'policy_not_accepted')
})

test('required signers of a document signed one after another: each met by a different signature', async () => {
  const pki = await gostTestPki()
  const both = await signAsGost(pki.head, await signAsGost(pki.officer, staffXml))
  const officerAndHead = [
    { role: 'employee', iin: TEST_IIN.officer, bin: TEST_BIN.provider },
    { role: 'head', bin: TEST_BIN.provider },
  ] as const
  expectVerified(await verifyEverySignature(both, optionsFor(pki, { requiredSigners: officerAndHead })))
  const onlyOfficer = await signAsGost(pki.officer, staffXml)
  const refusal = expectRefusal(await verifyEverySignature(onlyOfficer, optionsFor(pki, { requiredSigners: officerAndHead })), 'signer_role_missing')
  assert.match(refusal.detail, /needs signatures of: employee IIN 840317000029 BIN 940140000385; head BIN 940140000385/)
  // two heads cannot be one signature counted twice
  expectRefusal(await verifyEverySignature(both, optionsFor(pki, { requiredSigners: [{ role: 'head' }, { role: 'head' }] })), 'signer_role_missing')
  // the head of another office does not count
  expectRefusal(await verifyEverySignature(both, optionsFor(pki, { requiredSigners: [{ role: 'head', bin: '990140004654' }] })), 'signer_role_missing')
})

test.run()
