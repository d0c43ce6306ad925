/**
 * Instants are ISO-8601 UTC strings (`2024-03-01T09:30:00.000Z`). They sort as text, survive JSON unchanged and
 * read well in an audit log. The domain never reads a clock: every instant comes in with a command.
 */
import * as t from 'io-ts'

export interface InstantBrand { readonly Instant: unique symbol }
export type Instant = t.Branded<string, InstantBrand>

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
const exists = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean =>
  year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) &&
  hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59

/** The ASCII digits of `s` from `from` to `to` (exclusive) as a number; -1 when any is not a digit. */
const digits = (s: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z`, read by position: the regex it replaces allocated a match and seven strings per
 * instant, and every instant of every stored event passes here when a store is replayed (--cpu-prof of a rebuild
 * from PostgreSQL, issue 19).
 */
const isInstant = (s: string): boolean => {
  const n = s.length
  if (n !== 20 && (n < 22 || n > 24)) return false
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[n - 1] !== 'Z') return false
  if (n > 20 && (s[19] !== '.' || digits(s, 20, n - 1) < 0)) return false
  return exists(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19))
}

export const Instant = t.brand(t.string, (s): s is Instant => isInstant(s), 'Instant')

export interface LocalDateBrand { readonly LocalDate: unique symbol }
/** A calendar date (`2024-03-01`) as written in a legal decision: a commission's decision date, a birth date. */
export type LocalDate = t.Branded<string, LocalDateBrand>
export const LocalDate = t.brand(
  t.string,
  (s): s is LocalDate => { const m = ISO_DATE.exec(s); return m !== null && exists(Number(m[1]), Number(m[2]), Number(m[3])) },
  'LocalDate',
)

export const toMillis = (i: Instant): number => Date.parse(i)
export const fromMillis = (ms: number): Instant => new Date(ms).toISOString() as Instant
