/**
 * Instants are ISO-8601 UTC strings (`2024-03-01T09:30:00.000Z`). They sort as text, survive JSON unchanged and
 * read well in an audit log. The domain never reads a clock: every instant comes in with a command.
 */
import * as t from 'io-ts'

export interface InstantBrand { readonly Instant: unique symbol }
export type Instant = t.Branded<string, InstantBrand>

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whether the fields name a moment that exists. `Date.parse` rolls `2026-02-31` over to 3 March and reads
 * `24:00`; here the date must survive the round trip unchanged (no 31 February, no 30 February in a leap year).
 */
const exists = (y: string, mo: string, d: string, h = '00', mi = '00', s = '00'): boolean => {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const isInstant = (s: string): boolean => {
  const m = ISO_UTC.exec(s)
  return m !== null && exists(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!)
}

export const Instant = t.brand(t.string, (s): s is Instant => isInstant(s), 'Instant')

export interface LocalDateBrand { readonly LocalDate: unique symbol }
/** A calendar date (`2024-03-01`) as written in a legal decision: a commission's decision date, a birth date. */
export type LocalDate = t.Branded<string, LocalDateBrand>
export const LocalDate = t.brand(
  t.string,
  (s): s is LocalDate => { const m = ISO_DATE.exec(s); return m !== null && exists(m[1]!, m[2]!, m[3]!) },
  'LocalDate',
)

export const toMillis = (i: Instant): number => Date.parse(i)
export const fromMillis = (ms: number): Instant => new Date(ms).toISOString() as Instant
