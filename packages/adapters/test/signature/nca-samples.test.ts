/**
 * Real public NCA test samples (fixtures/nca/README.md): a document KalkanCrypt signed with RSA and then with a
 * GOST 34.10-2015/512 key, its issuing CA certificates and the GOST CA's CRL. These fix the GOST conventions
 * (byte order, Streebog digest, signature k covering signatures 1..k−1) to what NCA's software produces.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { x509 } from '../../src/signature/engine.js'
import { decodeGostPublicKey } from '../../src/signature/gost/gost3410.js'
import { gostSignedBy } from '../../src/signature/gost/signed-object.js'
import { loadTrust, verifyEverySignature, type LoadedTrust } from '../../src/signature/index.js'
import { expectRefusal } from './fixtures.js'

const fixture = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(new URL(`./fixtures/nca/${name}`, import.meta.url)))
const document = Buffer.from(fixture('kalkan-rsa-then-gost2015.xml')).toString('utf8')
const gostCa = new x509.X509Certificate(fixture('nca_gost2015_test.cer'))
const gostCrl = new x509.X509Crl(fixture('nca_gost2022_test.crl'))

const trust = (): LoadedTrust => {
  const loaded = loadTrust({
    roots: [fixture('nca_gost2015_test.cer'), fixture('nca_rsa_test.crt')],
    crls: [fixture('nca_gost2022_test.crl')],
  })
  if (E.isLeft(loaded)) throw new Error(loaded.left.detail)
  return loaded.right
}

/** Inside the GOST leaf's validity (2022-07-28 – 2023-07-28) and its CA's CRL (2022-07-27 – 2023-01-23). */
const GOST_INSTANT = '2022-09-01T06:00:00Z'

const gostLeaf = (): x509.X509Certificate => {
  const certs = [...document.matchAll(/<ds:X509Certificate>([^<]*)<\/ds:X509Certificate>/g)].map((m) => (m[1] ?? '').replace(/&#13;|\s/g, ''))
  return new x509.X509Certificate(Buffer.from(certs[1] ?? '', 'base64'))
}

test('the GOST leaf and the CA key are TC26 512-A points; the CA signed the leaf and the CRL (little-endian r‖s)', () => {
  const leaf = gostLeaf()
  assert.is(leaf.signatureAlgorithm.name, '1.2.398.3.10.1.1.2.3.2')
  assert.is(leaf.publicKey.algorithm.name, '1.2.398.3.10.1.1.2.2')
  assert.ok(E.isRight(decodeGostPublicKey(leaf.publicKey.rawData)))
  assert.ok(gostSignedBy(leaf, gostCa), 'leaf certificate signature')
  assert.ok(gostSignedBy(gostCrl, gostCa), 'CRL signature')
  // the CA's own certificate is signed by the unpublished root, not by itself
  assert.not.ok(gostSignedBy(gostCa, gostCa))
})

test('the Kalkan GOST 2015/512 signature verifies against its real CA at an instant inside the validity', async () => {
  const loaded = trust()
  const result = await verifyEverySignature(document, { ...loaded, at: GOST_INSTANT, revocation: 'signer' })
  // The GOST signature (the second, verified first) passes every check; the RSA one before it is from 2021 and its
  // certificate had expired by then — the two certificates were never valid at the same time.
  const refusal = expectRefusal(result, 'certificate_expired', 'not_confirmed')
  assert.match(refusal.detail, /^signature 1 of 2: the signer certificate expired at 2022-01-18/)
})

test('at an instant of the RSA certificate, the GOST signature is the one refused (not yet valid), after its digest and value passed', async () => {
  const result = await verifyEverySignature(document, { ...trust(), at: '2021-06-01T06:00:00Z', revocation: 'signer' })
  const refusal = expectRefusal(result, 'certificate_not_yet_valid')
  assert.match(refusal.detail, /^signature 2 of 2:/)
})

test('one character changed in the signed content is refused for the digest', async () => {
  const changed = document.replace('<b>test</b>', '<b>tesT</b>')
  const refusal = expectRefusal(await verifyEverySignature(changed, { ...trust(), at: GOST_INSTANT, revocation: 'signer' }), 'digest_mismatch')
  assert.match(refusal.detail, /^signature 2 of 2:/)
})

test('a changed GOST SignatureValue is refused as signature_invalid; a changed DigestValue of the first signature breaks the second', async () => {
  const sv = /(<ds:SignatureValue>\n)(9KSG)/
  assert.match(document, sv)
  const forged = document.replace(sv, '$1AKSG')
  expectRefusal(await verifyEverySignature(forged, { ...trust(), at: GOST_INSTANT, revocation: 'signer' }), 'signature_invalid')
  // signature 2 covers signature 1: touching signature 1 is a digest mismatch for signature 2
  const touched = document.replace('9KpJreFMA6K98mcu2hxdAe', '9KpJreFMA6K98mcu2hxdAf')
  const refusal = expectRefusal(await verifyEverySignature(touched, { ...trust(), at: GOST_INSTANT, revocation: 'signer' }), 'digest_mismatch')
  assert.match(refusal.detail, /^signature 2 of 2:/)
})

test('without the GOST CRL the GOST signer cannot be judged (indeterminate), and without its CA it is untrusted', async () => {
  const noCrl = { ...trust(), crls: [] }
  expectRefusal(await verifyEverySignature(document, { ...noCrl, at: GOST_INSTANT, revocation: 'signer' }), 'revocation_unknown', 'indeterminate')
  const rsaOnly = loadTrust({ roots: [fixture('nca_rsa_test.crt')] })
  if (E.isLeft(rsaOnly)) throw new Error(rsaOnly.left.detail)
  expectRefusal(await verifyEverySignature(document, { ...rsaOnly.right, at: GOST_INSTANT }), 'untrusted_issuer')
})

test.run()
