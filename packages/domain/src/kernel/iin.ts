/**
 * IIN (ИИН / ЖСН) and BIN (БИН / БСН): 12-digit identifiers with a mod-11 check digit.
 *
 * Only the checksum is validated. Since Government Decree No. 853 of 26.08.2013 the first digits need not be a
 * real birth date, so a date check would refuse genuine numbers (reference/domain-kz.md §1.1).
 */
import * as t from 'io-ts'

const FIRST_PASS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const
const SECOND_PASS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const

const weighted = (digits: readonly number[], weights: readonly number[]): number =>
  weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11

/** The check digit of the first 11 digits, or `undefined` when both passes give 10 (such numbers are never issued). */
export const checkDigit = (first11: string): number | undefined => {
  const digits = [...first11].map(Number)
  const first = weighted(digits, FIRST_PASS)
  if (first !== 10) return first
  const second = weighted(digits, SECOND_PASS)
  return second === 10 ? undefined : second
}

/** True when `value` is 12 digits whose last digit is the check digit of the first 11. */
export const hasValidChecksum = (value: string): boolean =>
  /^\d{12}$/.test(value) && checkDigit(value.slice(0, 11)) === Number(value[11])

export interface IinBrand { readonly IIN: unique symbol }
export interface BinBrand { readonly BIN: unique symbol }

/** Individual identification number (ИИН / ЖСН) with a valid checksum. */
export type IIN = t.Branded<string, IinBrand>
/** Business identification number (БИН / БСН) with a valid checksum. */
export type BIN = t.Branded<string, BinBrand>

export const IIN = t.brand(t.string, (s): s is IIN => hasValidChecksum(s), 'IIN')
export const BIN = t.brand(
  t.string,
  (s): s is BIN => hasValidChecksum(s) && /^[4-6]$/.test(s[4] ?? ''),
  'BIN',
)

/** The century and sex digit (7th) as a hint only: it is not validated, see the module comment. */
export const birthHint = (iin: IIN): { readonly birthDate: string; readonly sex: 'male' | 'female' } | undefined => {
  const c = Number(iin[6])
  const century = ({ 1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000 } as Record<number, number>)[c]
  if (century === undefined) return undefined
  const year = century + Number(iin.slice(0, 2))
  return { birthDate: `${year}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`, sex: c % 2 === 1 ? 'male' : 'female' }
}
