/**
 * A working-day calendar as a plain value: which weekdays are rest days, which dates are holidays, which rest days
 * were made working days, and the fixed UTC offset that turns an instant into a local date. No time-zone database:
 * Kazakhstan keeps no daylight saving time, so one offset per calendar is exact. It is a parameter because it
 * changed: the whole country has been UTC+5 since 1 March 2024, while Almaty and most regions were UTC+6 before;
 * replaying a 2013 Almaty history needs `+06:00`.
 *
 * How a duration is added (`addDuration`) — our rule, since the regulations state terms without a counting rule:
 * - seconds, minutes, hours: exact elapsed time from the start.
 * - calendar days: start + N × 24 h. With a fixed offset this lands on the same local clock time N local days
 *   later ("30 calendar days from 14:05 on 1 March" ends at 14:05 on 31 March).
 * - working days: the day of the start does not count, even when it is a working day; the term ends at the end
 *   (24:00 local) of the Nth working day after it. Rest days and holidays in between are skipped.
 */
import * as t from 'io-ts'
import { fromMillis, LocalDate, toMillis, type Instant } from '../kernel/instant.js'
import { fixedMillis, isFixed, type Duration } from './duration.js'

const DAY = 86_400_000

export interface UtcOffsetBrand { readonly UtcOffset: unique symbol }
/** `+05:00`, `+06:00`, `-03:30`: an offset from UTC within ±14 hours. */
export const UtcOffset = t.brand(
  t.string,
  (s): s is t.Branded<string, UtcOffsetBrand> => {
    const m = /^([+-])(\d{2}):(\d{2})$/.exec(s)
    return m !== null && Number(m[3]) < 60 && Number(m[2]) * 60 + Number(m[3]) <= 14 * 60
  },
  'UtcOffset',
)
export type UtcOffset = t.TypeOf<typeof UtcOffset>

export interface MonthDayBrand { readonly MonthDay: unique symbol }
/** A date that recurs every year, `MM-DD` (`03-22` for Nauryz). 29 February is allowed and applies in leap years. */
export const MonthDay = t.brand(
  t.string,
  (s): s is t.Branded<string, MonthDayBrand> => {
    // 2024 is a leap year; a day that overflows its month (02-30) comes back as another date and is refused.
    const ms = Date.parse(`2024-${s}T00:00:00Z`)
    return /^\d{2}-\d{2}$/.test(s) && !Number.isNaN(ms) && new Date(ms).toISOString().slice(5, 10) === s
  },
  'MonthDay',
)
export type MonthDay = t.TypeOf<typeof MonthDay>

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = t.union(
  [t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5), t.literal(6), t.literal(7)],
  'IsoWeekday',
)
export type IsoWeekday = t.TypeOf<typeof IsoWeekday>

export interface WorkingCalendar {
  /** What this calendar is, for audit output: `kz-national+05:00`, `almaty-2013+06:00`. */
  readonly name: string
  readonly utcOffset: UtcOffset
  /** Weekly rest days. */
  readonly weekend: readonly IsoWeekday[]
  /** Holidays on the same date every year. */
  readonly annualHolidays: readonly MonthDay[]
  /** Rest days of one year only: movable feasts (Kurban ait), days off moved by government decree. */
  readonly holidays: readonly LocalDate[]
  /** Rest days made working days by decree (a Saturday worked to bridge a holiday). */
  readonly workingDays: readonly LocalDate[]
}

/**
 * Fewer than seven rest days a week and a bounded list of annual holidays: every year then has working days,
 * so counting working days always ends.
 */
export const WorkingCalendar: t.Type<WorkingCalendar, WorkingCalendar, unknown> = t.refinement(
  t.readonly(
    t.type({
      name: t.string,
      utcOffset: UtcOffset,
      weekend: t.readonlyArray(IsoWeekday),
      annualHolidays: t.readonlyArray(MonthDay),
      holidays: t.readonlyArray(LocalDate),
      workingDays: t.readonlyArray(LocalDate),
    }),
  ),
  (c) => new Set(c.weekend).size < 7 && c.annualHolidays.length <= 60,
  'WorkingCalendar',
) as unknown as t.Type<WorkingCalendar, WorkingCalendar, unknown>

/**
 * The fixed-date public holidays of Kazakhstan as given in our brief: 1–2 January, 8 March, 21–23 March (Nauryz),
 * 1 May, 7 May, 9 May, 6 July, 30 August, 25 October, 16 December. The set has changed over the years and is not
 * checked here against the Labour Code; Kurban ait, Orthodox Christmas and days off moved by decree are yearly
 * data (`holidays`), and an akimat extends or replaces the list with `withDates`.
 */
export const kazakhstanFixedHolidays: readonly MonthDay[] = [
  '01-01', '01-02', '03-08', '03-21', '03-22', '03-23', '05-01', '05-07', '05-09', '07-06', '08-30', '10-25', '12-16',
] as MonthDay[]

export const KAZAKHSTAN_OFFSET = '+05:00' as UtcOffset

/** Saturday and Sunday off, no holidays: the smallest useful calendar. */
export const weekendsOnly = (utcOffset: UtcOffset = KAZAKHSTAN_OFFSET): WorkingCalendar => ({
  name: `weekends-only${utcOffset}`,
  utcOffset,
  weekend: [6, 7],
  annualHolidays: [],
  holidays: [],
  workingDays: [],
})

/** Saturday and Sunday off plus `kazakhstanFixedHolidays`. */
export const kazakhstanNational = (utcOffset: UtcOffset = KAZAKHSTAN_OFFSET): WorkingCalendar => ({
  ...weekendsOnly(utcOffset),
  name: `kz-national${utcOffset}`,
  annualHolidays: kazakhstanFixedHolidays,
})

/** Adds one-off holidays and transferred working days (an akimat's yearly data) to a calendar. */
export const withDates = (
  calendar: WorkingCalendar,
  dates: { readonly holidays?: readonly LocalDate[]; readonly workingDays?: readonly LocalDate[]; readonly name?: string },
): WorkingCalendar => ({
  ...calendar,
  name: dates.name ?? calendar.name,
  holidays: [...calendar.holidays, ...(dates.holidays ?? [])],
  workingDays: [...calendar.workingDays, ...(dates.workingDays ?? [])],
})

/** Minutes east of UTC. */
export const offsetMinutes = (o: UtcOffset): number => {
  const sign = o.startsWith('-') ? -1 : 1
  return sign * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)))
}

const offsetMillis = (c: WorkingCalendar): number => offsetMinutes(c.utcOffset) * 60_000

/** Millis of 00:00 UTC on a date: the day's index on a plain day line, independent of any offset. */
const dayStartUtc = (d: LocalDate): number => Date.parse(`${d}T00:00:00Z`)
const dateOfUtcMillis = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10) as LocalDate

/** The local date of an instant on this calendar's clock. */
export const localDateOf = (i: Instant, c: WorkingCalendar): LocalDate =>
  dateOfUtcMillis(toMillis(i) + offsetMillis(c))

/** The instant local midnight begins `date`. */
export const startOfLocalDay = (date: LocalDate, c: WorkingCalendar): Instant =>
  fromMillis(dayStartUtc(date) - offsetMillis(c))

/** The instant `date` ends locally (24:00 = the next day's 00:00). */
export const endOfLocalDay = (date: LocalDate, c: WorkingCalendar): Instant =>
  fromMillis(dayStartUtc(date) + DAY - offsetMillis(c))

export const nextDate = (d: LocalDate): LocalDate => dateOfUtcMillis(dayStartUtc(d) + DAY)

const isoWeekday = (d: LocalDate): IsoWeekday => (((new Date(dayStartUtc(d)).getUTCDay() + 6) % 7) + 1) as IsoWeekday

/**
 * A date is a working day unless it is a holiday (one-off or annual) or a weekly rest day not made a working day.
 * Holidays win over transferred working days: a date listed as both is a rest day.
 */
export const isWorkingDay = (c: WorkingCalendar, d: LocalDate): boolean => {
  if (c.holidays.includes(d) || c.annualHolidays.includes(d.slice(5) as MonthDay)) return false
  if (c.workingDays.includes(d)) return true
  return !c.weekend.includes(isoWeekday(d))
}

/** The Nth working day after `date` (not counting `date` itself); n ≥ 1. */
export const nthWorkingDayAfter = (c: WorkingCalendar, date: LocalDate, n: number): LocalDate => {
  let d = date
  for (let counted = 0; counted < n; ) {
    d = nextDate(d)
    if (isWorkingDay(c, d)) counted++
  }
  return d
}

/** When a term of duration `d` that starts at `start` runs out, by the rules in the module comment. */
export const addDuration = (start: Instant, d: Duration, c: WorkingCalendar): Instant => {
  if (isFixed(d)) return fromMillis(toMillis(start) + fixedMillis(d))
  if (d.unit === 'calendar_days') return fromMillis(toMillis(start) + d.amount * DAY)
  if (d.amount === 0) return start
  return endOfLocalDay(nthWorkingDayAfter(c, localDateOf(start, c), d.amount), c)
}

/** Whole working days lying inside [from, to]: each counted day starts at or after `from` and ends by `to`. */
export const workingDaysWithin = (from: Instant, to: Instant, c: WorkingCalendar): number => {
  if (toMillis(to) <= toMillis(from)) return 0
  let d = localDateOf(from, c)
  if (toMillis(startOfLocalDay(d, c)) < toMillis(from)) d = nextDate(d)
  let count = 0
  while (toMillis(endOfLocalDay(d, c)) <= toMillis(to)) {
    if (isWorkingDay(c, d)) count++
    d = nextDate(d)
  }
  return count
}
