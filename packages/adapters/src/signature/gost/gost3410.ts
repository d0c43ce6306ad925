/**
 * GOST R 34.10-2015 (= GOST R 34.10-2012) signatures with a 512-bit key on the TC26 paramSetA curve, in the byte
 * conventions of KalkanCrypt (NCA RK). Established on NCANode's public Kalkan-signed document and certificates
 * (fixtures/nca): of the eight ways to read the 128 bytes (r‖s or s‖r, each big- or little-endian, with e read
 * big- or little-endian) exactly one verifies, and it verifies the XML signature, the certificate's signature by
 * its CA and the CA's CRL alike:
 *
 * - public key: the subjectPublicKey BIT STRING holds a DER OCTET STRING of 128 bytes, x‖y, each little-endian;
 * - signature: 128 bytes r‖s, each little-endian (XML SignatureValue and certificate/CRL signature alike);
 * - e: the Streebog-512 digest of the signed bytes read as a little-endian integer, mod q, and 1 if that is 0.
 *
 * Verification (GOST R 34.10-2012 §6.2): 0 < r, s < q; v = e⁻¹; z1 = s·v; z2 = −r·v; valid iff
 * R = z1·G + z2·Q is not the point at infinity and x(R) mod q = r. Keys are checked on decoding: on the curve,
 * not the point at infinity (noble's `assertValidity`).
 */
import { randomBytes } from 'node:crypto'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509'
import * as E from 'fp-ts/lib/Either.js'
import { q, TC26_512_A, type GostPoint } from './curve.js'
import { GOST2015_512_KEY, GOST2015_512_PARAMSET_A, GOST2015_HASH_512 } from './oids.js'
import { streebog512 } from './streebog.js'
import { kernelKey, verifyKernel, type KernelKey } from './window-tables.js'

const SIZE = 64

export const fromLittleEndian = (bytes: Uint8Array): bigint => {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0)
  return n
}

export const toLittleEndian = (n: bigint, length: number): Uint8Array => {
  const out = new Uint8Array(length)
  let v = n
  for (let i = 0; i < length; i++) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  if (v !== 0n) throw new RangeError('number does not fit')
  return out
}

/**
 * A decoded GOST 2015/512 public key: the point (noble's, for encoding and checks) and the verification kernel's
 * view of it, which earns window tables when the key is used again (window-tables.ts).
 */
export interface GostPublicKey {
  readonly point: GostPoint
  readonly kernel: KernelKey
}

const publicKeyOf = (point: GostPoint): GostPublicKey => ({ point, kernel: kernelKey(point.toAffine()) })

/** Parameters as Kalkan writes them: SEQUENCE { 1.2.398.3.10.1.1.2.2.1, 1.2.398.3.10.1.3.3 }. */
const PARAMETERS_DER = Buffer.from('3016060a2a830e030a010102020106082a830e030a010303', 'hex')

const samePrefix = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** Decodes and validates a GOST 2015/512 subjectPublicKeyInfo; the reason is a sentence when it is not one. */
export const decodeGostPublicKey = (spki: ArrayBuffer | Uint8Array): E.Either<string, GostPublicKey> => {
  try {
    const info = AsnConvert.parse(spki, SubjectPublicKeyInfo)
    if (info.algorithm.algorithm !== GOST2015_512_KEY) return E.left(`key algorithm ${info.algorithm.algorithm} is not GOST 2015/512`)
    const params = info.algorithm.parameters
    if (params === undefined || params === null || !samePrefix(new Uint8Array(params), PARAMETERS_DER)) {
      return E.left(`GOST 2015/512 key parameters are not { ${GOST2015_512_PARAMSET_A}, ${GOST2015_HASH_512} }`)
    }
    const octets = new Uint8Array(AsnConvert.parse(info.subjectPublicKey, OctetString).buffer)
    if (octets.length !== 2 * SIZE) return E.left(`GOST 2015/512 public key is ${octets.length} bytes, 128 expected`)
    const point = TC26_512_A.fromAffine({
      x: fromLittleEndian(octets.subarray(0, SIZE)),
      y: fromLittleEndian(octets.subarray(SIZE)),
    })
    point.assertValidity()
    return E.right(publicKeyOf(point))
  } catch (e) {
    return E.left(`GOST 2015/512 public key cannot be decoded: ${(e as Error).message.slice(0, 120)}`)
  }
}

/** e from a digest: little-endian, mod q, 1 if 0. */
const digestScalar = (digest: Uint8Array): bigint => {
  const e = fromLittleEndian(digest) % q
  return e === 0n ? 1n : e
}

/** Verifies a 128-byte r‖s signature over a Streebog-512 digest. */
export const verifyDigest = (key: GostPublicKey, digest: Uint8Array, signature: Uint8Array): boolean => {
  if (signature.length !== 2 * SIZE || digest.length !== SIZE) return false
  const r = fromLittleEndian(signature.subarray(0, SIZE))
  const s = fromLittleEndian(signature.subarray(SIZE))
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false
  const Fn = TC26_512_A.Fn
  const v = Fn.inv(digestScalar(digest))
  const z1 = Fn.mul(s, v)
  const z2 = Fn.neg(Fn.mul(r, v))
  // Public scalars: the fast, not constant-time kernel is right for verification.
  return verifyKernel(key.kernel, z1, z2, r)
}

/** Verifies a signature over bytes (Streebog-512 of them). */
export const verifyBytes = (key: GostPublicKey, data: Uint8Array, signature: Uint8Array): boolean =>
  verifyDigest(key, streebog512(data), signature)

// ---- signing: the provider's result documents and the test PKI -------------------------------------------------

/** A private scalar d with its public point Q = d·G. */
export interface GostKeyPair {
  readonly privateKey: bigint
  readonly publicKey: GostPublicKey
}

const randomScalar = (): bigint => {
  for (;;) {
    const k = fromLittleEndian(randomBytes(SIZE + 16)) % q
    if (k !== 0n) return k
  }
}

export const generateGostKeyPair = (): GostKeyPair => {
  const d = randomScalar()
  return { privateKey: d, publicKey: publicKeyOf(TC26_512_A.BASE.multiply(d)) }
}

/** r‖s (each little-endian) over a Streebog-512 digest, with a fresh random k (GOST R 34.10-2012 §6.1). */
export const signDigest = (privateKey: bigint, digest: Uint8Array): Uint8Array => {
  if (privateKey <= 0n || privateKey >= q) throw new RangeError('GOST private key out of range')
  const e = digestScalar(digest)
  for (;;) {
    const k = randomScalar()
    const r = TC26_512_A.BASE.multiply(k).toAffine().x % q
    if (r === 0n) continue
    const s = (r * privateKey + k * e) % q
    if (s === 0n) continue
    const out = new Uint8Array(2 * SIZE)
    out.set(toLittleEndian(r, SIZE), 0)
    out.set(toLittleEndian(s, SIZE), SIZE)
    return out
  }
}

export const signBytes = (privateKey: bigint, data: Uint8Array): Uint8Array => signDigest(privateKey, streebog512(data))

/** The subjectPublicKeyInfo (DER) of a key, as Kalkan encodes it. */
export const encodeGostPublicKey = (key: GostPublicKey): Uint8Array => {
  const { x, y } = key.point.toAffine()
  const octets = new Uint8Array(2 * SIZE)
  octets.set(toLittleEndian(x, SIZE), 0)
  octets.set(toLittleEndian(y, SIZE), SIZE)
  const info = new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({ algorithm: GOST2015_512_KEY, parameters: new Uint8Array(PARAMETERS_DER).buffer }),
    subjectPublicKey: AsnConvert.serialize(new OctetString(octets)),
  })
  return new Uint8Array(AsnConvert.serialize(info))
}
