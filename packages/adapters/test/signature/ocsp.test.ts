/**
 * OCSP through the HTTP adapter against a local responder on a real socket: good, revoked, unknown; the nonce,
 * the responder's signature (the CA's, or a responder certificate it authorised for OCSP signing), thisUpdate and
 * nextUpdate; and the order of sources (OCSP, then CRL).
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { x509 } from '../../src/signature/engine.js'
import { httpOcsp, verifyRequest } from '../../src/signature/index.js'
import { generateKeys, sampleRequestXml, signAs, signAsGost, startOcspResponder, type TestOcspResponder } from '../../src/signature/testing/index.js'
import { AT, expectRefusal, expectVerified, gostTestPki, optionsFor, testPki } from './fixtures.js'

const HOUR = 3_600_000

const withResponder = async (run: (responder: TestOcspResponder, pki: Awaited<ReturnType<typeof testPki>>) => Promise<void>): Promise<void> => {
  const pki = await testPki()
  const responder = await startOcspResponder({
    statuses: new Map([
      [pki.citizen.certificate.serialNumber, { status: 'good' }],
      [pki.revoked.certificate.serialNumber, { status: 'revoked', at: new Date(AT.getTime() - 10 * 24 * HOUR) }],
    ]),
    now: () => new Date(AT.getTime() - HOUR),
    nonce: 'echo',
    signer: { key: pki.nca.keys.privateKey },
  })
  try {
    await run(responder, pki)
  } finally {
    await responder.close()
  }
}

const rsaXml = async (identity: Parameters<typeof signAs>[0]): Promise<string> => signAs(identity, sampleRequestXml())

test('good: OCSP alone speaks for the signer (no CRL configured); revoked: refused, the revocation named as OCSP', () =>
  withResponder(async (responder, pki) => {
    const ocsp = httpOcsp({ url: responder.url })
    const only = { ocsp, crls: [], revocation: 'signer' as const, revocationSources: ['ocsp'] as const }
    expectVerified(await verifyRequest(await rsaXml(pki.citizen), optionsFor(pki, only)))
    assert.ok(responder.requests() >= 1, 'the responder was asked over HTTP')
    const refusal = expectRefusal(await verifyRequest(await rsaXml(pki.revoked), optionsFor(pki, only)), 'certificate_revoked', 'not_confirmed')
    assert.match(refusal.detail, /\(OCSP\)/)
  }))

test('over the whole chain OCSP is asked for the signer only: the issuing CA is judged by the root CRL', () =>
  withResponder(async (responder, pki) => {
    const ocsp = httpOcsp({ url: responder.url })
    const before = responder.requests()
    expectVerified(await verifyRequest(await rsaXml(pki.citizen), optionsFor(pki, { ocsp, revocation: 'chain', revocationSources: ['ocsp', 'crl'] })))
    assert.is(responder.requests(), before + 1, 'one request: the citizen certificate')
    // without the root's CRL the issuing CA's link has no source, OCSP alone cannot speak for it
    const leafCrlOnly = pki.crls.filter((c) => c.issuer === pki.nca.certificate.subject)
    const refusal = expectRefusal(
      await verifyRequest(await rsaXml(pki.citizen), optionsFor(pki, { ocsp, crls: leafCrlOnly, revocationSources: ['ocsp'] })),
      'revocation_unknown',
    )
    assert.match(refusal.detail, /OCSP speaks for the signer's certificate only/)
  }))

test('unknown to the responder: indeterminate alone, the CRL speaks next in the default order', () =>
  withResponder(async (responder, pki) => {
    const ocsp = httpOcsp({ url: responder.url })
    responder.behaviour.statuses.delete(pki.citizen.certificate.serialNumber)
    const xml = await rsaXml(pki.citizen)
    expectRefusal(await verifyRequest(xml, optionsFor(pki, { ocsp, crls: [], revocation: 'signer' })), 'revocation_unknown', 'indeterminate')
    expectVerified(await verifyRequest(xml, optionsFor(pki, { ocsp })))
  }))

test('a response without our nonce, with another nonce, or signed by a foreign key is not used', () =>
  withResponder(async (responder, pki) => {
    const only = { ocsp: httpOcsp({ url: responder.url }), crls: [], revocation: 'signer' as const }
    const xml = await rsaXml(pki.citizen)
    responder.behaviour.nonce = 'omit'
    assert.match(expectRefusal(await verifyRequest(xml, optionsFor(pki, only)), 'revocation_unknown').detail, /nonce/)
    responder.behaviour.nonce = 'other'
    assert.match(expectRefusal(await verifyRequest(xml, optionsFor(pki, only)), 'revocation_unknown').detail, /nonce/)
    responder.behaviour.nonce = 'echo'
    responder.behaviour.signer = { key: pki.impostor.keys.privateKey }
    assert.match(expectRefusal(await verifyRequest(xml, optionsFor(pki, only)), 'revocation_unknown').detail, /not signed by the issuing CA/)
    // a revoked answer from a forger does not revoke either: it is not used at all
    responder.behaviour.statuses.set(pki.citizen.certificate.serialNumber, { status: 'revoked', at: new Date(AT.getTime() - HOUR) })
    expectRefusal(await verifyRequest(xml, optionsFor(pki, only)), 'revocation_unknown')
  }))

test('thisUpdate after the instant, or nextUpdate before it: the answer cannot speak for the instant', () =>
  withResponder(async (responder, pki) => {
    const only = { ocsp: httpOcsp({ url: responder.url }), crls: [], revocation: 'signer' as const }
    const xml = await rsaXml(pki.citizen)
    responder.behaviour.now = () => new Date(AT.getTime() + 2 * HOUR)
    assert.match(expectRefusal(await verifyRequest(xml, optionsFor(pki, only)), 'revocation_unknown').detail, /after the instant/)
    responder.behaviour.now = () => new Date(AT.getTime() - 48 * HOUR)
    responder.behaviour.nextUpdate = new Date(AT.getTime() - HOUR)
    assert.match(expectRefusal(await verifyRequest(xml, optionsFor(pki, only)), 'revocation_unknown').detail, /out of date/)
  }))

test('a delegated responder certificate is accepted only with the OCSP-signing purpose, issued by the CA', () =>
  withResponder(async (responder, pki) => {
    const only = { ocsp: httpOcsp({ url: responder.url }), crls: [], revocation: 'signer' as const }
    const xml = await rsaXml(pki.citizen)
    const keys = await generateKeys()
    const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    const responderCert = (usages: string[]): Promise<x509.X509Certificate> =>
      x509.X509CertificateGenerator.create({
        subject: 'CN=OCSP responder (test), C=KZ',
        issuer: pki.nca.certificate.subjectName,
        publicKey: keys.publicKey,
        signingKey: pki.nca.keys.privateKey,
        signingAlgorithm: rsa,
        notBefore: new Date(AT.getTime() - 24 * HOUR),
        notAfter: new Date(AT.getTime() + 24 * HOUR),
        extensions: [new x509.ExtendedKeyUsageExtension(usages)],
      })
    responder.behaviour.signer = { key: keys.privateKey, certificate: await responderCert(['1.3.6.1.5.5.7.3.9']) }
    expectVerified(await verifyRequest(xml, optionsFor(pki, only)))
    responder.behaviour.signer = { key: keys.privateKey, certificate: await responderCert(['1.3.6.1.5.5.7.3.2']) }
    expectRefusal(await verifyRequest(xml, optionsFor(pki, only)), 'revocation_unknown')
  }))

test('an unreachable responder is indeterminate, and the CRL still speaks after it', async () => {
  const pki = await testPki()
  const responder = await startOcspResponder({ statuses: new Map(), now: () => AT, nonce: 'echo', signer: { key: pki.nca.keys.privateKey } })
  const url = responder.url
  await responder.close()
  const ocsp = httpOcsp({ url, timeoutMs: 2000 })
  const xml = await rsaXml(pki.citizen)
  assert.match(expectRefusal(await verifyRequest(xml, optionsFor(pki, { ocsp, crls: [], revocation: 'signer' })), 'revocation_unknown').detail, /unreachable/)
  expectVerified(await verifyRequest(xml, optionsFor(pki, { ocsp })))
  // CRL first, then OCSP: the CRL answers and OCSP is never asked
  expectVerified(await verifyRequest(xml, optionsFor(pki, { ocsp, revocationSources: ['crl', 'ocsp'] })))
})

test('a GOST-signed OCSP response of the GOST CA: good and revoked', async () => {
  const pki = await gostTestPki()
  const responder = await startOcspResponder({
    statuses: new Map([
      [pki.citizen.certificate.serialNumber, { status: 'good' }],
      [pki.revoked.certificate.serialNumber, { status: 'revoked', at: new Date(AT.getTime() - HOUR) }],
    ]),
    now: () => new Date(AT.getTime() - HOUR),
    nonce: 'echo',
    signer: { key: pki.nca.keys },
  })
  try {
    const only = { ocsp: httpOcsp({ url: responder.url }), crls: [], revocation: 'signer' as const }
    expectVerified(await verifyRequest(await signAsGost(pki.citizen, sampleRequestXml()), optionsFor(pki, only)))
    expectRefusal(await verifyRequest(await signAsGost(pki.revoked, sampleRequestXml()), optionsFor(pki, only)), 'certificate_revoked')
  } finally {
    await responder.close()
  }
})

test.run()
