/**
 * Instants are ISO-8601 UTC strings (`2024-03-01T09:30:00.000Z`). They sort as text, survive JSON unchanged and
 * read well in an audit log. The domain never reads a clock: every instant comes in with a command.
 */
import * as t from 'io-ts'

export interface InstantBrand { readonly Instant: unique symbol }
export type Instant = t.Branded<string, InstantBrand>

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

export const Instant = t.brand(
  t.string,
  (s): s is Instant => ISO_UTC.test(s) && !Number.isNaN(Date.parse(s)),
  'Instant',
)

export interface LocalDateBrand { readonly LocalDate: unique symbol }
/** A calendar date (`2024-03-01`) as written in a legal decision: a commission's decision date, a birth date. */
export type LocalDate = t.Branded<string, LocalDateBrand>
export const LocalDate = t.brand(
  t.string,
  (s): s is LocalDate => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)),
  'LocalDate',
)

export const toMillis = (i: Instant): number => Date.parse(i)
export const fromMillis = (ms: number): Instant => new Date(ms).toISOString() as Instant
