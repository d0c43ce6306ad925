/**
 * Made-up but well-formed identifiers: IINs with a correct check digit (the domain refuses any other), staff ids,
 * request numbers in the АРМ РШЭП style, and document digests.
 */
import { checkDigit, type IIN } from '@kezek/domain'
import type { Random } from './random.js'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** An adult's IIN (born 1945–2006): date digits, century/sex digit, serial, check digit. */
export const randomIin = (rng: Random): IIN => {
  for (;;) {
    const year = rng.int(1945, 2006)
    const month = rng.int(1, 12)
    const day = rng.int(1, 28)
    const male = rng.chance(0.5)
    const century = year < 2000 ? (male ? 3 : 4) : male ? 5 : 6
    const first11 = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${century}${pad(rng.int(0, 9999), 4)}`
    const check = checkDigit(first11)
    // About one serial in 120 has no valid check digit (both passes give 10): such IINs are never issued.
    if (check !== undefined) return `${first11}${check}` as IIN
  }
}

/** A 64-hex-digit SHA-256 lookalike. */
export const randomDigest = (rng: Random): string => {
  let s = ''
  for (let i = 0; i < 8; i++) s += rng.uint32().toString(16).padStart(8, '0')
  return s
}

/** Request numbers are digit strings; a per-provider counter keeps them unique and in filing order. */
export const requestNumber = (sequence: number): string => pad(sequence, 9)

export const officerId = (providerId: string, n: number): string => `${providerId}/officer-${pad(n, 2)}`
export const operatorId = (providerId: string, n: number): string => `con/${providerId.split('/')[0] ?? providerId}/operator-${pad(n, 2)}`
