/** CRL timing and delta CRLs (RFC 5280 §5.2.4), on GOST-signed CRLs of the GOST test PKI. */
import { test } from 'uvu'
import { verifyRequest } from '../../src/signature/index.js'
import { sampleRequestXml, signAsGost } from '../../src/signature/testing/index.js'
import { AT, expectRefusal, expectVerified, gostTestPki, optionsFor } from './fixtures.js'

const DAY = 86_400_000
const days = (n: number): Date => new Date(AT.getTime() + n * DAY)

test('a CRL issued after the instant cannot speak for it; one issued before and still current can', async () => {
  const pki = await gostTestPki()
  const signed = await signAsGost(pki.citizen, sampleRequestXml())
  const rootCrl = pki.crls[0]
  if (rootCrl === undefined) throw new Error('no root CRL')
  const later = pki.crl(pki.nca, { thisUpdate: days(1), nextUpdate: days(8) })
  expectRefusal(await verifyRequest(signed, optionsFor(pki, { crls: [rootCrl, later] })), 'revocation_unknown', 'indeterminate')
  const before = pki.crl(pki.nca, { thisUpdate: days(-1), nextUpdate: days(1) })
  expectVerified(await verifyRequest(signed, optionsFor(pki, { crls: [rootCrl, before] })))
})

test('a revocation dated before the instant counts even when reported by a CRL issued later', async () => {
  const pki = await gostTestPki()
  const signed = await signAsGost(pki.citizen, sampleRequestXml())
  const rootCrl = pki.crls[0]
  if (rootCrl === undefined) throw new Error('no root CRL')
  const current = pki.crl(pki.nca, { thisUpdate: days(-1), nextUpdate: days(1) })
  const later = pki.crl(pki.nca, { thisUpdate: days(2), nextUpdate: days(9), revoked: [{ serialNumber: pki.citizen.certificate.serialNumber, at: days(-3) }] })
  expectRefusal(await verifyRequest(signed, optionsFor(pki, { crls: [rootCrl, current, later] })), 'certificate_revoked')
})

test('delta CRLs: a current delta completes a stale base; it lists revocations; without its base it cannot speak', async () => {
  const pki = await gostTestPki()
  const signed = await signAsGost(pki.citizen, sampleRequestXml())
  const rootCrl = pki.crls[0]
  if (rootCrl === undefined) throw new Error('no root CRL')
  const staleBase = pki.crl(pki.nca, { thisUpdate: days(-20), nextUpdate: days(-5), number: 5 })
  const delta = pki.crl(pki.nca, { thisUpdate: days(-1), nextUpdate: days(1), number: 9, deltaOf: 5 })
  expectVerified(await verifyRequest(signed, optionsFor(pki, { crls: [rootCrl, staleBase, delta] })))
  // the delta alone (its base not configured) cannot speak
  expectRefusal(await verifyRequest(signed, optionsFor(pki, { crls: [rootCrl, delta] })), 'revocation_unknown')
  // a delta whose base is newer than the complete CRL we hold cannot either
  const aheadDelta = pki.crl(pki.nca, { thisUpdate: days(-1), nextUpdate: days(1), number: 9, deltaOf: 7 })
  expectRefusal(await verifyRequest(signed, optionsFor(pki, { crls: [rootCrl, staleBase, aheadDelta] })), 'revocation_unknown')
  // a revocation in the delta counts
  const revoking = pki.crl(pki.nca, {
    thisUpdate: days(-1), nextUpdate: days(1), number: 9, deltaOf: 5,
    revoked: [{ serialNumber: pki.citizen.certificate.serialNumber, at: days(-1) }],
  })
  expectRefusal(await verifyRequest(signed, optionsFor(pki, { crls: [rootCrl, staleBase, revoking] })), 'certificate_revoked')
})

test.run()
