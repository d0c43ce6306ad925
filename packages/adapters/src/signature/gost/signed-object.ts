/**
 * GOST signatures on certificates and CRLs (a GOST leaf under NCA's GOST CA, the CA's GOST CRL). @peculiar/x509
 * decodes these objects but verifies only what WebCrypto knows, so for a GOST signature algorithm the chain and
 * revocation checks come here: the exact DER bytes of tbsCertificate / tbsCertList (sliced from the encoding, never
 * re-encoded), the signature BIT STRING, and the issuer's GOST key.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { x509 } from '../engine.js'
import { decodeGostPublicKey, verifyBytes, type GostPublicKey } from './gost3410.js'
import { GOST2004_SIGNATURE, GOST2015_256_SIGNATURE, GOST2015_512_SIGNATURE } from './oids.js'

/** Any of NCA's GOST signature algorithms, supported or not: they must never reach WebCrypto. */
export const isGostSignatureAlgorithm = (oid: string): boolean =>
  [GOST2015_512_SIGNATURE, GOST2015_256_SIGNATURE, GOST2004_SIGNATURE].includes(oid)

/** The first element of a DER SEQUENCE (the to-be-signed part), as the exact bytes of its encoding. */
export const firstElementOf = (der: Uint8Array): Uint8Array => {
  const header = (at: number): { readonly start: number; readonly end: number } => {
    const first = der[at + 1]
    if (first === undefined) throw new Error('truncated DER')
    if (first < 0x80) return { start: at + 2, end: at + 2 + first }
    const count = first & 0x7f
    if (count === 0 || count > 4) throw new Error('unsupported DER length')
    let length = 0
    for (let i = 0; i < count; i++) length = length * 256 + (der[at + 2 + i] ?? 0)
    return { start: at + 2 + count, end: at + 2 + count + length }
  }
  if (der[0] !== 0x30) throw new Error('not a DER SEQUENCE')
  const outer = header(0)
  const inner = header(outer.start)
  if (der[outer.start] !== 0x30 || inner.end > outer.end || outer.end > der.length) throw new Error('malformed DER')
  return der.subarray(outer.start, inner.end)
}

const keys = new WeakMap<x509.X509Certificate, E.Either<string, GostPublicKey>>()

/** The certificate's GOST 2015/512 key, decoded and validated once per certificate object. */
export const gostKeyOf = (cert: x509.X509Certificate): E.Either<string, GostPublicKey> => {
  const known = keys.get(cert)
  if (known !== undefined) return known
  const decoded = decodeGostPublicKey(cert.publicKey.rawData)
  keys.set(cert, decoded)
  return decoded
}

/**
 * Whether `signed` (a certificate or CRL) carries a valid GOST 2015/512 signature by `issuer`'s key. GOST 2004 and
 * GOST 2015/256 signatures are not verified (false): their conventions are not established here.
 */
export const gostSignedBy = (signed: x509.X509Certificate | x509.X509Crl, issuer: x509.X509Certificate): boolean => {
  if (signed.signatureAlgorithm.name !== GOST2015_512_SIGNATURE) return false
  const key = gostKeyOf(issuer)
  if (E.isLeft(key)) return false
  try {
    const tbs = firstElementOf(new Uint8Array(signed.rawData))
    return verifyBytes(key.right, tbs, new Uint8Array(signed.signature))
  } catch {
    return false
  }
}
