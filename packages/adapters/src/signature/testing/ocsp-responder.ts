/**
 * A local OCSP responder for tests, over real HTTP on 127.0.0.1: it decodes the request, answers good, revoked or
 * unknown per serial, echoes the nonce and signs with the key it is given (an RSA CryptoKey or a GOST scalar). Its
 * misbehaviours (no nonce, another nonce, a clock off, a foreign signing key) are switches, so the verifier's checks
 * can each be seen to refuse.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  BasicOCSPResponse,
  CertStatus,
  id_pkix_ocsp_basic,
  id_pkix_ocsp_nonce,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
} from '@peculiar/asn1-ocsp'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import { AlgorithmIdentifier, Certificate, Extension } from '@peculiar/asn1-x509'
import { isGostSigningKey, type GostSigningKey } from '../append-signature.js'
import { webcrypto, type x509 } from '../engine.js'
import { signBytes } from '../gost/gost3410.js'
import { GOST2015_512_SIGNATURE } from '../gost/oids.js'

export interface ResponderBehaviour {
  /** Status per certificate serial (hex as x509 prints it); others are `unknown`. */
  readonly statuses: Map<string, { readonly status: 'good' } | { readonly status: 'revoked'; readonly at: Date }>
  /** The responder's clock (thisUpdate); nextUpdate is a day later unless `nextUpdate` is given. */
  now: () => Date
  nextUpdate?: Date | null
  nonce: 'echo' | 'omit' | 'other'
  /** Who signs: the issuing CA by default; a delegated responder certificate is then sent in `certs`. */
  signer: { readonly key: CryptoKey | GostSigningKey; readonly certificate?: x509.X509Certificate }
}

export interface TestOcspResponder {
  readonly url: string
  readonly behaviour: ResponderBehaviour
  readonly requests: () => number
  readonly close: () => Promise<void>
}

const sign = async (key: CryptoKey | GostSigningKey, tbs: Uint8Array): Promise<{ algorithm: string; signature: ArrayBuffer }> =>
  isGostSigningKey(key)
    ? { algorithm: GOST2015_512_SIGNATURE, signature: new Uint8Array(signBytes(key.privateKey, tbs)).buffer }
    : { algorithm: '1.2.840.113549.1.1.11', signature: await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new Uint8Array(tbs)) }

const answer = async (body: Uint8Array, b: ResponderBehaviour): Promise<Uint8Array> => {
  const request = AsnConvert.parse(body, OCSPRequest)
  const nonceExt = request.tbsRequest.requestExtensions?.find((e) => e.extnID === id_pkix_ocsp_nonce)
  const now = b.now()
  const responses = request.tbsRequest.requestList.map((r) => {
    const serial = Buffer.from(new Uint8Array(r.reqCert.serialNumber)).toString('hex').replace(/^(00)+/, '').toLowerCase()
    const known = [...b.statuses.entries()].find(([s]) => s.toLowerCase().replace(/^(00)+/, '') === serial)?.[1]
    const certStatus =
      known === undefined
        ? new CertStatus({ unknown: null })
        : known.status === 'good'
          ? new CertStatus({ good: null })
          : new CertStatus({ revoked: new RevokedInfo({ revocationTime: known.at }) })
    const next = b.nextUpdate === undefined ? new Date(now.getTime() + 86_400_000) : b.nextUpdate
    return new SingleResponse({ certID: r.reqCert, certStatus, thisUpdate: now, ...(next === null ? {} : { nextUpdate: next }) })
  })
  const nonce =
    b.nonce === 'omit' || nonceExt === undefined
      ? []
      : [
          b.nonce === 'echo'
            ? nonceExt
            : new Extension({ extnID: id_pkix_ocsp_nonce, extnValue: new OctetString(AsnConvert.serialize(new OctetString(new Uint8Array(16).fill(7)))) }),
        ]
  const keyId = createHash('sha1').update(now.toISOString()).digest()
  const data = new ResponseData({
    responderID: new ResponderID({ byKey: new OctetString(new Uint8Array(keyId)) }),
    producedAt: now,
    responses,
    ...(nonce.length === 0 ? {} : { responseExtensions: nonce }),
  })
  const tbs = new Uint8Array(AsnConvert.serialize(data))
  const { algorithm, signature } = await sign(b.signer.key, tbs)
  const basic = new BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm, parameters: null }),
    signature,
    ...(b.signer.certificate === undefined ? {} : { certs: [AsnConvert.parse(b.signer.certificate.rawData, Certificate)] }),
  })
  const response = new OCSPResponse({
    responseStatus: OCSPResponseStatus.successful,
    responseBytes: new ResponseBytes({ responseType: id_pkix_ocsp_basic, response: new OctetString(AsnConvert.serialize(basic)) }),
  })
  return new Uint8Array(AsnConvert.serialize(response))
}

export const startOcspResponder = async (behaviour: ResponderBehaviour): Promise<TestOcspResponder> => {
  let count = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      count++
      answer(new Uint8Array(Buffer.concat(chunks)), behaviour)
        .then((der) => {
          res.writeHead(200, { 'content-type': 'application/ocsp-response' })
          res.end(Buffer.from(der))
        })
        .catch(() => {
          res.writeHead(500)
          res.end()
        })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/ocsp`,
    behaviour,
    requests: () => count,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e === undefined ? resolve() : reject(e)))),
  }
}
