/** The provider's signing key from PKCS#8: RSA, and GOST 2015/512 checked against its certificate. */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { webcrypto } from '../../src/signature/engine.js'
import { toLittleEndian } from '../../src/signature/gost/gost3410.js'
import { encodeGostPrivateKey, importSigningKey, isGostSigningKey, signXml, verifySignedXml } from '../../src/signature/index.js'
import { generateGostKeys, sampleRequestXml } from '../../src/signature/testing/index.js'
import { gostTestPki, optionsFor, testPki } from './fixtures.js'

test('a GOST 2015/512 PKCS#8 key of the head signs what verifies against the GOST PKI; another key is refused', async () => {
  const pki = await gostTestPki()
  const pem = encodeGostPrivateKey(pki.head.keys)
  const key = await importSigningKey(pem, pki.head.certificate)
  if (E.isLeft(key)) return assert.unreachable(key.left)
  assert.ok(isGostSigningKey(key.right) && key.right.privateKey === pki.head.keys.privateKey)
  const signed = await signXml(sampleRequestXml(), key.right, pki.head.certificate)
  if (E.isLeft(signed)) return assert.unreachable(signed.left.detail)
  assert.ok(E.isRight(await verifySignedXml(signed.right, optionsFor(pki))))
  const foreign = await importSigningKey(encodeGostPrivateKey(generateGostKeys()), pki.head.certificate)
  assert.ok(E.isLeft(foreign) && /does not belong to the certificate/.test(foreign.left))
})

test('the scalar as a DER INTEGER (big-endian) is read too; a wrong byte order is caught by the certificate', async () => {
  const pki = await gostTestPki()
  assert.ok(E.isRight(await importSigningKey(encodeGostPrivateKey(pki.head.keys, 'integer'), pki.head.certificate)))
  // the 64 octets read big-endian instead: another scalar, which does not reproduce the certificate's key
  const der = Buffer.from(encodeGostPrivateKey(pki.head.keys).replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
  const swapped = Buffer.concat([der.subarray(0, der.length - 64), Buffer.from(toLittleEndian(pki.head.keys.privateKey, 64)).reverse()])
  const wrong = await importSigningKey(new Uint8Array(swapped), pki.head.certificate)
  assert.ok(E.isLeft(wrong) && /does not belong|out of range/.test(wrong.left))
})

test('an RSA PKCS#8 key imports as a CryptoKey; anything else is a sentence', async () => {
  const pki = await testPki()
  const pair = (await webcrypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }, true, ['sign', 'verify'],
  )) as CryptoKeyPair
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey))
  const rsa = await importSigningKey(pkcs8, pki.head.certificate)
  assert.ok(E.isRight(rsa) && !isGostSigningKey(rsa.right))
  const junk = await importSigningKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', pki.head.certificate)
  assert.ok(E.isLeft(junk))
})

test.run()
