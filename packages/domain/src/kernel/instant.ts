/**
 * Instants are ISO-8601 UTC strings (`2024-03-01T09:30:00.000Z`). They sort as text, survive JSON unchanged and
 * read well in an audit log. The domain never reads a clock: every instant comes in with a command.
 */
import * as t from 'io-ts'

export interface InstantBrand { readonly Instant: unique symbol }
export type Instant = t.Branded<string, InstantBrand>

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

const daysIn = (year: number, month: number): number =>
  month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

/**
 * Whether the fields name a moment that exists: no 31 February, no 29 February outside a leap year, no `24:00`
 * (`Date.parse` rolls the first over to 3 March and reads the last). Years before 0100 are refused: no date of
 * this domain is that old, and such a year is a two-digit year padded by mistake. By arithmetic, not through a
 * `Date`: every stored event's instants pass here when a store is replayed, and building a `Date` and an array per
 * instant was two fifths of decoding an event (--cpu-prof of a rebuild from PostgreSQL).
 */
const exists = (y: string, mo: string, d: string, h = '00', mi = '00', s = '00'): boolean => {
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59
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
