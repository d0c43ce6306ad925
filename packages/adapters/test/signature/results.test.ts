import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  APPEAL_CLAUSE,
  buildResultXml,
  LEGAL_FOOTER,
  NCA_ROLE_OIDS,
  signResultDocument,
  verifyResultDocument,
  type MotivatedRefusalInput,
  type NotificationInput,
} from '../../src/signature/index.js'
import { signAs, TEST_BIN, TEST_IIN } from '../../src/signature/testing/index.js'
import { expectRefusal, expectVerified, optionsFor, testPki } from './fixtures.js'

const common = {
  provider: { id: 'almaty-housing', bin: TEST_BIN.provider, name: 'ГУ «Отдел жилищных отношений» (тест)' },
  applicant: { iin: TEST_IIN.citizen, name: 'Тестов Тест Тестович', address: 'г. Алматы, ул. Абая, 1', phone: '+7 701 000 00 00' },
  requestNumber: 'ALM-2024-000118',
  filingDate: '2024-02-10',
  familySize: 4,
  headOfOffice: 'Жандосов Б.',
  issuedAt: '2024-03-12T10:00:00.000Z',
}
const notification: NotificationInput = { ...common, commissionDecisionDate: '2024-03-12', category: 'socially_vulnerable', queueNumber: 1375 }
const refusal: MotivatedRefusalInput = { ...common, reasons: ['не представлена справка о составе семьи'] }

const signed = async (doc: Parameters<typeof signResultDocument>[0]) => {
  const pki = await testPki()
  const xml = await signResultDocument(doc, pki.head.keys.privateKey, pki.head.certificate)
  if (E.isLeft(xml)) return assert.unreachable(xml.left.detail) as never
  return xml.right
}

test('the notification carries the facts, the ru and kk texts and the bilingual footer, and verifies', async () => {
  const pki = await testPki()
  const xml = await signed({ kind: 'notification', ...notification })
  assert.ok(xml.includes('решением жилищной комиссии от 12.03.2024 года'))
  assert.ok(xml.includes('по категории «социально уязвимые слои населения»'))
  assert.ok(xml.includes('со дня подачи заявления от 10.02.2024 года № ALM-2024-000118'))
  assert.ok(xml.includes('с составом семьи 4 человек'))
  assert.ok(xml.includes('На момент постановки на учет Ваша очередность № 1375'))
  assert.ok(xml.includes('Начальник Жандосов Б.'))
  assert.ok(xml.includes('Есепке қойылған сәтте Сіздің кезегіңіз № 1375'))
  assert.ok(xml.includes(LEGAL_FOOTER.kk) && xml.includes(LEGAL_FOOTER.ru))
  const verified = expectVerified(await verifyResultDocument(xml, optionsFor(pki)))
  assert.is(verified.result.kind, 'notification')
  assert.equal(verified.result, { kind: 'notification', ...notification })
  assert.is(verified.signature.signer.bin, TEST_BIN.provider)
  assert.is(verified.signature.signer.iin, TEST_IIN.head)
})

test('the motivated refusal carries the reason and the appeal clause in both languages, and verifies', async () => {
  const pki = await testPki()
  const xml = await signed({ kind: 'motivated_refusal', ...refusal })
  assert.ok(xml.includes('Причина отказа: не представлена справка о составе семьи.'))
  assert.ok(xml.includes(APPEAL_CLAUSE.ru) && xml.includes(APPEAL_CLAUSE.kk))
  assert.ok(xml.includes('Бас тарту себебі: не представлена справка о составе семьи.'))
  const verified = expectVerified(await verifyResultDocument(xml, optionsFor(pki)))
  assert.equal(verified.result, { kind: 'motivated_refusal', ...refusal })
})

test('a result whose text was edited, or whose fields no longer match its text, is refused', async () => {
  const pki = await testPki()
  const xml = await signed({ kind: 'notification', ...notification })
  expectRefusal(await verifyResultDocument(xml.replace('№ 1375.', '№ 1.'), optionsFor(pki)), 'digest_mismatch')
  // re-signed by the provider, but the queue number field and the text disagree: a builder bug, refused
  const inconsistent = E.getOrElse(() => '')(buildResultXml({ kind: 'notification', ...notification })).replace('<queueNumber>1375<', '<queueNumber>1<')
  expectRefusal(await verifyResultDocument(await signAs(pki.head, inconsistent), optionsFor(pki)), 'invalid_document')
})

test('a result signed by a certificate without the provider BIN is refused', async () => {
  const pki = await testPki()
  const xml = await signResultDocument({ kind: 'notification', ...notification }, pki.citizen.keys.privateKey, pki.citizen.certificate)
  if (E.isLeft(xml)) return assert.unreachable()
  expectRefusal(await verifyResultDocument(xml.right, optionsFor(pki)), 'iin_mismatch', 'not_confirmed')
})

test('the head signs: an employee of the provider, an individual key with its BIN, a signatory — each its own refusal', async () => {
  const pki = await testPki()
  const office = { commonName: 'СЕРІКОВ ДАНИЯР', iin: TEST_IIN.officer, bin: TEST_BIN.provider, organization: 'ГУ (тест)' }
  const by = async (identity: { keys: CryptoKeyPair; certificate: Parameters<typeof signResultDocument>[2] }) => {
    const xml = await signResultDocument({ kind: 'notification', ...notification }, identity.keys.privateKey, identity.certificate)
    if (E.isLeft(xml)) return assert.unreachable(xml.left.detail) as never
    return xml.right
  }
  // the officer: a legal entity's employee key of the provider, BIN matches — not the head
  const employee = expectRefusal(await verifyResultDocument(await by(pki.officer), optionsFor(pki)), 'signer_role_missing', 'not_confirmed')
  assert.is(employee.family === 'not_confirmed' && employee.missingRole, 'head')
  assert.match(employee.detail, /first head \(1\.2\.398\.3\.3\.4\.1\.2\.1\)/)
  // an individual's key that carries the provider's BIN in OU
  const individual = await pki.issue({ ...office, roles: [NCA_ROLE_OIDS.individual] })
  const notEntity = expectRefusal(await verifyResultDocument(await by(individual), optionsFor(pki)), 'signer_role_missing')
  assert.is(notEntity.family === 'not_confirmed' && notEntity.missingRole, 'legal_entity')
  // a person with the right to sign: enough where the regulation names «уполномоченное лицо», not where the head signs
  const signatory = await pki.issue({ ...office, roles: [NCA_ROLE_OIDS.legal_entity, NCA_ROLE_OIDS.signer] })
  const signed = await by(signatory)
  expectRefusal(await verifyResultDocument(signed, optionsFor(pki)), 'signer_role_missing')
  expectVerified(await verifyResultDocument(signed, { ...optionsFor(pki), resultSigner: 'authorised' }))
  expectRefusal(await verifyResultDocument(await by(pki.officer), { ...optionsFor(pki), resultSigner: 'authorised' }), 'signer_role_missing')
  // the head, but a policy the deployment does not accept
  const head = await by(pki.head)
  expectVerified(await verifyResultDocument(head, optionsFor(pki)))
  expectRefusal(await verifyResultDocument(head, { ...optionsFor(pki), signerPolicy: { staffPolicies: ['1.2.398.3.3.2.9'] } }), 'policy_not_accepted')
})

test('builder inputs are validated and errors are values', async () => {
  const bad = [
    { kind: 'notification' as const, ...notification, commissionDecisionDate: '12.03.2024' },
    { kind: 'notification' as const, ...notification, queueNumber: 0 },
    { kind: 'notification' as const, ...notification, familySize: 1.5 },
    { kind: 'motivated_refusal' as const, ...refusal, reasons: [] },
    { kind: 'motivated_refusal' as const, ...refusal, provider: { ...refusal.provider, bin: '123' } },
  ]
  for (const doc of bad) {
    const built = buildResultXml(doc)
    assert.ok(E.isLeft(built) && built.left.kind === 'invalid_result_input', JSON.stringify(doc).slice(0, 80))
  }
})

test.run()
