/**
 * OCSP requests and the checks on a response (RFC 6960), for RSA and GOST 2015/512 responders alike:
 * - the request names the certificate by CertID (SHA-1 of the issuer's name and key, the serial) and carries a
 *   fresh nonce (1.3.6.1.5.5.7.48.1.2), which the response must echo (no replay of an old "good");
 * - the response is signed by the issuing CA itself, or by a responder certificate that the issuing CA signed,
 *   with the OCSP-signing purpose (1.3.6.1.5.5.7.3.9), valid at the instant; the signature is checked over the
 *   exact bytes of tbsResponseData;
 * - the single response for our CertID must have thisUpdate no later than the instant (+ a small clock skew) and,
 *   when given, nextUpdate not before it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { BasicOCSPResponse, CertID, id_pkix_ocsp_basic, id_pkix_ocsp_nonce, OCSPRequest, OCSPResponse, OCSPResponseStatus, Request, TBSRequest } from '@peculiar/asn1-ocsp'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import { AlgorithmIdentifier, Extension, SubjectPublicKeyInfo } from '@peculiar/asn1-x509'
import * as E from 'fp-ts/lib/Either.js'
import { webcrypto, x509 } from '../engine.js'
import { verifyBytes } from '../gost/gost3410.js'
import { GOST2015_512_SIGNATURE } from '../gost/oids.js'
import { firstElementOf, gostKeyOf, gostSignedBy, isGostSignatureAlgorithm } from '../gost/signed-object.js'
import type { OcspAnswer } from './port.js'

const SHA1 = '1.3.14.3.2.26'
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9'
const SKEW_MS = 5 * 60 * 1000
const RSA_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
}

const sha1 = (bytes: ArrayBuffer | Uint8Array): Uint8Array => new Uint8Array(createHash('sha1').update(new Uint8Array(bytes)).digest())

/** CertID of a certificate: SHA-1 of the issuer's subject DER and of its public key bits, and the serial. */
export const certIdOf = (cert: x509.X509Certificate, issuer: x509.X509Certificate): CertID => {
  const spki = AsnConvert.parse(issuer.publicKey.rawData, SubjectPublicKeyInfo)
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA1, parameters: null }),
    issuerNameHash: new OctetString(sha1(issuer.subjectName.toArrayBuffer())),
    issuerKeyHash: new OctetString(sha1(spki.subjectPublicKey)),
    serialNumber: new Uint8Array(Buffer.from(cert.serialNumber, 'hex')).buffer,
  })
}

const sameBytes = (a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean => Buffer.from(new Uint8Array(a)).equals(Buffer.from(new Uint8Array(b)))

const sameCertId = (a: CertID, b: CertID): boolean =>
  a.hashAlgorithm.algorithm === b.hashAlgorithm.algorithm &&
  sameBytes(a.issuerNameHash.buffer, b.issuerNameHash.buffer) &&
  sameBytes(a.issuerKeyHash.buffer, b.issuerKeyHash.buffer) &&
  Buffer.from(new Uint8Array(a.serialNumber)).toString('hex').replace(/^(00)+/, '') ===
    Buffer.from(new Uint8Array(b.serialNumber)).toString('hex').replace(/^(00)+/, '')

export interface PreparedRequest {
  readonly der: Uint8Array<ArrayBuffer>
  readonly nonce: Uint8Array
  readonly certId: CertID
}

export const buildOcspRequest = (cert: x509.X509Certificate, issuer: x509.X509Certificate): PreparedRequest => {
  const nonce = new Uint8Array(randomBytes(16))
  const certId = certIdOf(cert, issuer)
  const request = new OCSPRequest({
    tbsRequest: new TBSRequest({
      requestList: [new Request({ reqCert: certId })],
      requestExtensions: [new Extension({ extnID: id_pkix_ocsp_nonce, extnValue: new OctetString(AsnConvert.serialize(new OctetString(nonce))) })],
    }),
  })
  return { der: new Uint8Array(AsnConvert.serialize(request)), nonce, certId }
}

const nonceOf = (extensions: readonly Extension[] | undefined): Uint8Array | undefined => {
  const ext = extensions?.find((e) => e.extnID === id_pkix_ocsp_nonce)
  if (ext === undefined) return undefined
  try {
    return new Uint8Array(AsnConvert.parse(ext.extnValue.buffer, OctetString).buffer)
  } catch {
    return new Uint8Array(ext.extnValue.buffer)
  }
}

const signatureVerifies = async (tbs: Uint8Array, algorithm: string, signature: ArrayBuffer, signer: x509.X509Certificate): Promise<boolean> => {
  try {
    if (algorithm === GOST2015_512_SIGNATURE) {
      const key = gostKeyOf(signer)
      return E.isRight(key) && verifyBytes(key.right, tbs, new Uint8Array(signature))
    }
    const hash = RSA_HASH[algorithm]
    if (hash === undefined) return false
    const key = await webcrypto.subtle.importKey('spki', signer.publicKey.rawData, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify'])
    return await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, new Uint8Array(tbs))
  } catch {
    return false
  }
}

const delegatedResponder = async (candidate: x509.X509Certificate, issuer: x509.X509Certificate, at: Date): Promise<boolean> => {
  if (candidate.issuer !== issuer.subject) return false
  if (at.getTime() < candidate.notBefore.getTime() || at.getTime() > candidate.notAfter.getTime()) return false
  const eku = candidate.getExtension(x509.ExtendedKeyUsageExtension)
  if (eku === null || !eku.usages.map(String).includes(OCSP_SIGNING)) return false
  if (isGostSignatureAlgorithm(candidate.signatureAlgorithm.name)) return gostSignedBy(candidate, issuer)
  try {
    return await candidate.verify({ publicKey: issuer, signatureOnly: true })
  } catch {
    return false
  }
}

/** Checks a DER OCSPResponse against the request it answers; Left is the reason it cannot be used. */
export const readOcspResponse = async (
  der: Uint8Array,
  request: PreparedRequest,
  issuer: x509.X509Certificate,
  at: Date,
): Promise<E.Either<string, OcspAnswer>> => {
  let basic: BasicOCSPResponse
  let basicDer: Uint8Array
  try {
    const response = AsnConvert.parse(der, OCSPResponse)
    if (response.responseStatus !== OCSPResponseStatus.successful) return E.left(`OCSP responder answered ${OCSPResponseStatus[response.responseStatus]}`)
    if (response.responseBytes === undefined || response.responseBytes.responseType !== id_pkix_ocsp_basic) return E.left('OCSP response is not a basic response')
    basicDer = new Uint8Array(response.responseBytes.response.buffer)
    basic = AsnConvert.parse(basicDer, BasicOCSPResponse)
  } catch (e) {
    return E.left(`OCSP response cannot be decoded: ${(e as Error).message.slice(0, 120)}`)
  }
  const nonce = nonceOf(basic.tbsResponseData.responseExtensions)
  if (nonce === undefined || !sameBytes(nonce, request.nonce)) return E.left('OCSP response does not echo the request nonce')
  const tbs = firstElementOf(basicDer)
  const algorithm = basic.signatureAlgorithm.algorithm
  let signer: x509.X509Certificate | undefined
  if (await signatureVerifies(tbs, algorithm, basic.signature, issuer)) signer = issuer
  for (const c of basic.certs ?? []) {
    if (signer !== undefined) break
    const candidate = new x509.X509Certificate(AsnConvert.serialize(c))
    if ((await delegatedResponder(candidate, issuer, at)) && (await signatureVerifies(tbs, algorithm, basic.signature, candidate))) signer = candidate
  }
  if (signer === undefined) return E.left('OCSP response is not signed by the issuing CA nor by a responder it authorised')
  const single = basic.tbsResponseData.responses.find((r) => sameCertId(r.certID, request.certId))
  if (single === undefined) return E.left('OCSP response says nothing about the certificate asked for')
  if (single.thisUpdate.getTime() > at.getTime() + SKEW_MS) return E.left(`OCSP answer is from ${single.thisUpdate.toISOString()}, after the instant judged`)
  if (single.nextUpdate !== undefined && single.nextUpdate.getTime() < at.getTime()) return E.left('OCSP answer is out of date (nextUpdate passed)')
  const { certStatus } = single
  const base = { thisUpdate: single.thisUpdate, ...(single.nextUpdate === undefined ? {} : { nextUpdate: single.nextUpdate }) }
  if (certStatus.revoked !== undefined) return E.right({ status: 'revoked', revokedAt: certStatus.revoked.revocationTime, ...base })
  if (certStatus.good !== undefined) return E.right({ status: 'good', ...base })
  return E.right({ status: 'unknown', ...base })
}
