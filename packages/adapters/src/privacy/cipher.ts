/**
 * AES-256-GCM for single field values. A sealed value is text, so it can stand where the clear value stood in the
 * event's JSON:
 *
 *   pii1.<kid>.<iv, base64url>.<ciphertext ‖ tag, base64url>
 *
 * The associated data binds the ciphertext to its key id and to the field it was written in, so a ciphertext moved
 * to another field (a name pasted into an IIN field) fails to open instead of decrypting into the wrong place.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

export const SEALED_PREFIX = 'pii1.'
const IV_BYTES = 12
const TAG_BYTES = 16

export const sealBytes = (key: Uint8Array, plain: Uint8Array, aad: string): Uint8Array => {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()])
}

/** Throws when the key is wrong or the bytes were altered: tampering is an exception, never a quiet value. */
export const openBytes = (key: Uint8Array, sealed: Uint8Array, aad: string): Uint8Array => {
  const b = Buffer.from(sealed)
  if (b.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short')
  const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(b.subarray(b.length - TAG_BYTES))
  return Buffer.concat([decipher.update(b.subarray(IV_BYTES, b.length - TAG_BYTES)), decipher.final()])
}

const aadFor = (kid: string, field: string): string => `kezek-pii-v1|${kid}|${field}`

export const sealText = (kid: string, key: Uint8Array, field: string, plain: string): string => {
  const sealed = Buffer.from(sealBytes(key, Buffer.from(plain, 'utf8'), aadFor(kid, field)))
  const iv = sealed.subarray(0, IV_BYTES).toString('base64url')
  const body = sealed.subarray(IV_BYTES).toString('base64url')
  return `${SEALED_PREFIX}${kid}.${iv}.${body}`
}

export interface SealedText {
  readonly kid: string
  readonly open: (key: Uint8Array, field: string) => string
}

/** Parses a sealed value; `undefined` for anything else (clear values written before protection was on). */
export const parseSealed = (value: string): SealedText | undefined => {
  if (!value.startsWith(SEALED_PREFIX)) return undefined
  const parts = value.slice(SEALED_PREFIX.length).split('.')
  if (parts.length !== 3) return undefined
  const [kid, iv, body] = parts as [string, string, string]
  return {
    kid,
    open: (key, field) => {
      const sealed = Buffer.concat([Buffer.from(iv, 'base64url'), Buffer.from(body, 'base64url')])
      return Buffer.from(openBytes(key, sealed, aadFor(kid, field))).toString('utf8')
    },
  }
}
