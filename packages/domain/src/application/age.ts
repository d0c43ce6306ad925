/**
 * Ages, computed purely: from a birth date and the instant a command was made, on the local clock of the service
 * (Kazakhstan keeps one fixed offset, see service/calendar.ts). Nothing here reads a clock.
 */
import { birthHint, type IIN } from '../kernel/iin.js'
import { LocalDate, toMillis, type Instant } from '../kernel/instant.js'
import type { Child } from './service-request.js'

/** The local calendar date of an instant at a fixed offset in minutes east of UTC. */
export const localDateAt = (i: Instant, offsetMinutes: number): LocalDate =>
  new Date(toMillis(i) + offsetMinutes * 60_000).toISOString().slice(0, 10) as LocalDate

/** The birth date to use for a child: the explicit one, else the IIN's hint when it is a real date; else none. */
export const birthDateOf = (child: { readonly iin: IIN; readonly birthDate?: LocalDate }): LocalDate | undefined => {
  if (child.birthDate !== undefined) return child.birthDate
  const hint = birthHint(child.iin)?.birthDate
  if (hint === undefined || !LocalDate.is(hint)) return undefined
  // Date.parse accepts 2021-02-30 and rolls it over; a hint that does not survive the round trip is not a date.
  return new Date(Date.parse(`${hint}T00:00:00Z`)).toISOString().slice(0, 10) === hint ? hint : undefined
}

/**
 * Completed years on `on`. Someone born on 29 February turns a year older on 1 March in common years (the day
 * after 28 February), which is how civil-registry practice counts it.
 */
export const ageOn = (birthDate: LocalDate, on: LocalDate): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  const hadBirthday = m > bm || (m === bm && d >= bd)
  return y - by - (hadBirthday ? 0 : 1)
}

export type ChildAge =
  | { readonly known: true; readonly birthDate: LocalDate; readonly years: number }
  | { readonly known: false }

export const childAgeAt = (child: Child, at: Instant, offsetMinutes: number): ChildAge => {
  const birthDate = birthDateOf(child)
  return birthDate === undefined ? { known: false } : { known: true, birthDate, years: ageOn(birthDate, localDateAt(at, offsetMinutes)) }
}

/** `date` plus whole days. */
export const plusDays = (date: LocalDate, days: number): LocalDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) as LocalDate

/**
 * `date` plus whole months, clamped to the month's last day: a certificate issued on 31 January and valid one month
 * runs to 28 (29) February.
 */
export const plusMonths = (date: LocalDate, months: number): LocalDate => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(Math.min(d, last))}` as LocalDate
}
