/**
 * IINs never reach a log in clear (регламент: confidentiality). Any run of exactly 12 digits is replaced by a
 * short salted hash, so one person's lines still correlate without the number being readable.
 */
import { createHash } from 'node:crypto'

const TWELVE_DIGITS = /(?<!\d)\d{12}(?!\d)/g

export const maskIin = (iin: string, salt = ''): string =>
  `iin#${createHash('sha256').update(salt).update(iin).digest('hex').slice(0, 10)}`

export const redactIins = (text: string, salt = ''): string => text.replace(TWELVE_DIGITS, (m) => maskIin(m, salt))
