/** The key configured for result documents (KEZEK_RESULT_KEY / KEZEK_RESULT_CERT) must be the head of office's. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { encodeGostPrivateKey, importSigningKey, verifySignedXml } from '@kezek/adapters'
import { createGostTestPki, TEST_BIN, TEST_IIN } from '@kezek/adapters/testing'
import { keyResultSigner, resultSignerProblem } from '../src/index.js'
import { testPki } from './harness.js'

test('the head’s legal-entity key may sign results; an employee’s or an individual’s with the BIN may not, each named', async () => {
  const pki = await testPki()
  assert.is(resultSignerProblem(pki.head.certificate), undefined)
  assert.match(resultSignerProblem(pki.officer.certificate) ?? '', /first-head role \(1\.2\.398\.3\.3\.4\.1\.2\.1\)/)
  const individual = await pki.issue({ commonName: 'ТЕСТ', iin: TEST_IIN.officer, bin: TEST_BIN.provider, roles: ['1.2.398.3.3.4.1.1'] })
  assert.match(resultSignerProblem(individual.certificate) ?? '', /not a legal entity's key/)
})

test('a GOST 2015/512 head key read from PKCS#8 (as KEZEK_RESULT_KEY is) signs results that verify against the GOST CA', async () => {
  const at = new Date()
  const pki = await createGostTestPki({ at })
  assert.is(resultSignerProblem(pki.head.certificate), undefined)
  const key = await importSigningKey(encodeGostPrivateKey(pki.head.keys), pki.head.certificate)
  if (E.isLeft(key)) return assert.unreachable(key.left)
  const signer = keyResultSigner(() => ({ privateKey: key.right, certificate: pki.head.certificate }))
  const xml = await signer.signResult('almaty-housing', '<result xmlns="urn:kezek:result:1" kind="notification"><n>1</n></result>')
  assert.match(xml, /gostr34102015-gostr34112015-512/)
  const verified = await verifySignedXml(xml, { trust: pki.trust, crls: pki.crls, at })
  assert.ok(E.isRight(verified) && verified.right.signature.roles.includes('head'))
})

test.run()
