/**
 * AES-256-GCM for single field values. A sealed value is text, so it can stand where the clear value stood in the
 * event's JSON:
 *
 *   pii1.<kid>[+<kid>…].<iv, base64url>.<ciphertext ‖ tag, base64url>
 *
 * A value may be sealed under the keys of several people at once (a child's IIN under the child's key and the
 * applicant's): the key is derived from all of them (HKDF-SHA256), so destroying any one makes it unreadable.
 * The associated data binds the ciphertext to its key id and to the field it was written in, so a ciphertext moved
 * to another field (a name pasted into an IIN field) fails to open instead of decrypting into the wrong place.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, type Decipher } from 'node:crypto'

export const SEALED_PREFIX = 'pii1.'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Fresh IVs cut from a pool of random bytes: one `randomBytes` call per value sealed cost a quarter of a sealed
 * import's sealing time (--cpu-prof). Each IV is used once and a pool is never refilled in place.
 */
const IV_POOL_BYTES = IV_BYTES * 1024
let ivPool = Buffer.alloc(0)
let ivTaken = 0
const freshIv = (): Buffer => {
  if (ivTaken + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES)
    ivTaken = 0
  }
  ivTaken += IV_BYTES
  return ivPool.subarray(ivTaken - IV_BYTES, ivTaken)
}

/** A fresh IV and the ciphertext ‖ tag under it; a string is encrypted as its UTF-8 bytes. */
const encrypt = (key: Uint8Array, plain: Uint8Array | string, aad: string): { readonly iv: Buffer; readonly body: Buffer } => {
  const iv = freshIv()
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ciphertext = typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain)
  // final() is empty for GCM but computes the tag, so it comes before getAuthTag().
  return { iv, body: Buffer.concat([ciphertext, cipher.final(), cipher.getAuthTag()]) }
}

export const sealBytes = (key: Uint8Array, plain: Uint8Array, aad: string): Uint8Array => {
  const { iv, body } = encrypt(key, plain, aad)
  return Buffer.concat([iv, body])
}

/** A GCM decipher for `iv` and `aad`, its tag taken from the end of `body`; the ciphertext is the rest of `body`. */
const decipherOf = (key: Uint8Array, iv: Uint8Array, body: Buffer, aad: string): { readonly decipher: Decipher; readonly ciphertext: Buffer } => {
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
  return { decipher, ciphertext: body.subarray(0, body.length - TAG_BYTES) }
}

/** Throws when the key is wrong or the bytes were altered: tampering is an exception, never a quiet value. */
export const openBytes = (key: Uint8Array, sealed: Uint8Array, aad: string): Uint8Array => {
  const b = Buffer.from(sealed)
  if (b.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short')
  const { decipher, ciphertext } = decipherOf(key, b.subarray(0, IV_BYTES), b.subarray(IV_BYTES), aad)
  return Buffer.concat([decipher.update(ciphertext), decipher.final()])
}

const aadFor = (kid: string, field: string): string => `kezek-pii-v1|${kid}|${field}`

/** The key for a set of kids: the one key itself, or HKDF over all of them in the order the value names them. */
export const combinedKey = (kids: readonly string[], keys: readonly Uint8Array[]): Uint8Array => {
  if (keys.length === 1) return keys[0]!
  const ikm = Buffer.concat(keys.map((k) => Buffer.from(k)))
  return new Uint8Array(hkdfSync('sha256', ikm, Buffer.alloc(0), `kezek-pii-v1|${kids.join('+')}`, 32))
}

/**
 * `kid` names one key, or several joined with `+` (see `combinedKey`). The IV and the body are encoded where they
 * were made: joining them into one buffer to cut them apart again cost two copies a value.
 */
export const sealText = (kid: string, key: Uint8Array, field: string, plain: string): string => {
  const { iv, body } = encrypt(key, plain, aadFor(kid, field))
  return `${SEALED_PREFIX}${kid}.${iv.toString('base64url')}.${body.toString('base64url')}`
}

export interface SealedText {
  /** All kids the value is sealed under (one, or several joined with `+` in the text). */
  readonly kids: readonly string[]
  readonly kid: string
  readonly open: (key: Uint8Array, field: string) => string
}

/**
 * A parsed sealed value. A class, so `open` is one function on the prototype and not a closure made per value: this
 * runs for every sealed value a decrypting store reads (under tsx each closure was also named at run time, about 3 %
 * of a decrypting read, --cpu-prof).
 */
class Sealed implements SealedText {
  constructor(readonly kid: string, readonly kids: readonly string[], private readonly iv: string, private readonly body: string) {}

  // The IV and body decoded apart, not joined to be cut again, and the text straight out of the decipher.
  open(key: Uint8Array, field: string): string {
    const ivBytes = Buffer.from(this.iv, 'base64url')
    const sealed = Buffer.from(this.body, 'base64url')
    if (ivBytes.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new Error('sealed value malformed: no IV or no tag')
    const { decipher, ciphertext } = decipherOf(key, ivBytes, sealed, aadFor(this.kid, field))
    return decipher.update(ciphertext, undefined, 'utf8') + decipher.final('utf8')
  }
}

/** Parses a sealed value; `undefined` for anything else (clear values written before protection was on). */
export const parseSealed = (value: string): SealedText | undefined => {
  if (!value.startsWith(SEALED_PREFIX)) return undefined
  const parts = value.slice(SEALED_PREFIX.length).split('.')
  if (parts.length !== 3) return undefined
  const [kid, iv, body] = parts as [string, string, string]
  const kids = kid.split('+')
  if (kids.some((k) => k === '')) return undefined
  return new Sealed(kid, kids, iv, body)
}
