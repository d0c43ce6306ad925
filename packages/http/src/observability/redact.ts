/**
 * The one log-masking mechanism: IINs (any run of exactly 12 digits) and bearer tokens (JWT-shaped text) never reach
 * a log in clear (регламент: confidentiality). Each is replaced by a keyed HMAC-SHA-256 prefix, so one person's
 * lines still correlate while the number cannot be recovered without the key — an unkeyed hash of an IIN falls to
 * a search of the few million IINs of one birth year in seconds. The key comes from the configuration
 * (`KEZEK_LOG_MASK_KEY`; in demo mode one is generated and kept in the data directory).
 */
import { createHmac, randomBytes } from 'node:crypto'

const TWELVE_DIGITS = /(?<!\d)\d{12}(?!\d)/g
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g

/** A secret for the mask: at least 32 characters. */
export type MaskKey = string

/** A fresh random key, for a process whose configuration names none (its masks do not correlate across restarts). */
export const newMaskKey = (): MaskKey => randomBytes(32).toString('base64url')

const mac = (key: MaskKey, kind: string, value: string): string =>
  createHmac('sha256', key).update(kind).update('\u0000').update(value).digest('hex').slice(0, 16)

/** `iin#<keyed HMAC prefix>`: the same IIN masks alike under one key, and cannot be reversed without it. */
export const maskIin = (iin: string, key: MaskKey): string => `iin#${mac(key, 'iin', iin)}`

/** Every IIN and every JWT-shaped token in `text`, masked under `key`. */
export const redactIins = (text: string, key: MaskKey): string =>
  text.replace(JWT, (m) => `jwt#${mac(key, 'jwt', m)}`).replace(TWELVE_DIGITS, (m) => maskIin(m, key))
