/**
 * The provider's signing key from a PKCS#8 file (the HTTP service's KEZEK_RESULT_KEY): RSA, or GOST 2015/512 — NCA
 * issues new keys, legal entities' included, as GOST 2015/512, and result documents must be signable with one.
 *
 * GOST PrivateKeyInfo: privateKeyAlgorithm 1.2.398.3.10.1.1.2.2 (the key algorithm of NCA's GOST 2015/512
 * certificates), privateKey an OCTET STRING holding either a DER OCTET STRING of the 64-byte scalar, little-endian
 * (TC26's convention, and the byte order of Kalkan's public keys), or a DER INTEGER (big-endian). Kalkan's own key
 * stores (PKCS#12 under GOST encryption) are not read here: the key is exported to this form first. Whatever the
 * form, the scalar must reproduce the certificate's public key, so a byte-order or file mix-up stops the start
 * instead of producing result documents nobody can verify.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { GostSigningKey } from './append-signature.js'
import { webcrypto, type x509 } from './engine.js'
import { q, TC26_512_A } from './gost/curve.js'
import { decodeGostPublicKey, fromLittleEndian, toLittleEndian } from './gost/gost3410.js'
import { GOST2015_512_KEY, GOST2015_512_PARAMSET_A, GOST2015_HASH_512 } from './gost/oids.js'

const RSA_KEY = '1.2.840.113549.1.1.1'

interface Tlv {
  readonly tag: number
  readonly body: Uint8Array
  readonly end: number
}

/** One DER TLV at `at` (definite lengths up to 4 bytes). */
const tlv = (der: Uint8Array, at: number): Tlv => {
  const tag = der[at]
  const first = der[at + 1]
  if (tag === undefined || first === undefined) throw new Error('truncated DER')
  let start = at + 2
  let length = first
  if (first >= 0x80) {
    const count = first & 0x7f
    if (count === 0 || count > 4) throw new Error('unsupported DER length')
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + (der[at + 2 + i] ?? 0)
    start += count
  }
  if (start + length > der.length) throw new Error('truncated DER')
  return { tag, body: der.subarray(start, start + length), end: start + length }
}

/** The children of a constructed TLV's body. */
const children = (body: Uint8Array): Tlv[] => {
  const out: Tlv[] = []
  for (let at = 0; at < body.length; at = (out[out.length - 1] as Tlv).end) out.push(tlv(body, at))
  return out
}

const oidText = (body: Uint8Array): string => {
  const parts: number[] = [Math.floor((body[0] ?? 0) / 40), (body[0] ?? 0) % 40]
  let n = 0
  for (const b of body.subarray(1)) {
    n = n * 128 + (b & 0x7f)
    if ((b & 0x80) === 0) {
      parts.push(n)
      n = 0
    }
  }
  return parts.join('.')
}

const derOf = (pem: string | Uint8Array): Uint8Array =>
  typeof pem === 'string' ? new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')) : pem

/** The GOST scalar in a PrivateKeyInfo's privateKey octets. */
const gostScalar = (octets: Uint8Array): bigint => {
  if (octets.length === 64) return fromLittleEndian(octets)
  const inner = tlv(octets, 0)
  if (inner.end !== octets.length) throw new Error('trailing bytes after the GOST private key')
  if (inner.tag === 0x04 && inner.body.length === 64) return fromLittleEndian(inner.body)
  if (inner.tag === 0x02) return BigInt(`0x${Buffer.from(inner.body).toString('hex') || '0'}`)
  throw new Error('the GOST private key is neither a 64-byte OCTET STRING nor an INTEGER')
}

/**
 * A signing key from PKCS#8 (PEM or DER) for `certificate`: an RSA `CryptoKey` (RSASSA-PKCS1-v1_5, SHA-256) or a
 * GOST 2015/512 key; Left with a sentence when the file is not one, or does not belong to the certificate (GOST).
 */
export const importSigningKey = async (
  pkcs8: string | Uint8Array,
  certificate: x509.X509Certificate,
): Promise<E.Either<string, CryptoKey | GostSigningKey>> => {
  try {
    const der = derOf(pkcs8)
    const [version, algorithm, privateKey] = children(tlv(der, 0).body)
    if (version?.tag !== 0x02 || algorithm?.tag !== 0x30 || privateKey?.tag !== 0x04) return E.left('not a PKCS#8 PrivateKeyInfo')
    const oid = children(algorithm.body)[0]
    const name = oid?.tag === 0x06 ? oidText(oid.body) : ''
    if (name === RSA_KEY) {
      const key = await webcrypto.subtle.importKey('pkcs8', new Uint8Array(der), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])
      return E.right(key)
    }
    if (name !== GOST2015_512_KEY) return E.left(`private key algorithm ${name || '?'} is neither RSA nor GOST 2015/512 (${GOST2015_512_KEY})`)
    const d = gostScalar(privateKey.body)
    if (d <= 0n || d >= q) return E.left('the GOST private key is out of range')
    const published = decodeGostPublicKey(certificate.publicKey.rawData)
    if (E.isLeft(published)) return E.left(`the certificate's key: ${published.left}`)
    if (!TC26_512_A.BASE.multiply(d).equals(published.right.point)) return E.left('the GOST private key does not belong to the certificate')
    return E.right({ algorithm: 'GOST-2015-512', privateKey: d })
  } catch (e) {
    return E.left(`the private key cannot be read: ${(e as Error).message.slice(0, 120)}`)
  }
}

const derLength = (n: number): number[] => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff])
const der = (tag: number, ...parts: readonly (readonly number[] | Uint8Array)[]): number[] => {
  const body = parts.flatMap((p) => [...p])
  return [tag, ...derLength(body.length), ...body]
}
const oidDer = (oid: string): number[] => {
  const [a = 0, b = 0, ...rest] = oid.split('.').map(Number)
  const bytes = [40 * a + b]
  for (const n of rest) {
    const groups = [n & 0x7f]
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80)
    bytes.push(...groups)
  }
  return der(0x06, bytes)
}

const minimalInteger = (n: bigint): number[] => {
  const hex = n.toString(16)
  const bytes = [...Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex')]
  return der(0x02, (bytes[0] ?? 0) >= 0x80 ? [0, ...bytes] : bytes)
}

/**
 * PKCS#8 PEM of a GOST 2015/512 key in a form `importSigningKey` reads: the scalar as a little-endian OCTET STRING
 * (default) or as a DER INTEGER.
 */
export const encodeGostPrivateKey = (key: GostSigningKey, form: 'octet-string' | 'integer' = 'octet-string'): string => {
  const info = der(
    0x30,
    der(0x02, [0]),
    der(0x30, oidDer(GOST2015_512_KEY), der(0x30, oidDer(GOST2015_512_PARAMSET_A), oidDer(GOST2015_HASH_512))),
    der(0x04, form === 'integer' ? minimalInteger(key.privateKey) : der(0x04, toLittleEndian(key.privateKey, 64))),
  )
  const base64 = Buffer.from(info).toString('base64').replace(/(.{64})/g, '$1\n')
  return `-----BEGIN PRIVATE KEY-----\n${base64.trimEnd()}\n-----END PRIVATE KEY-----\n`
}
