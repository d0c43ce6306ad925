/**
 * Durations as the regulations write them: an amount and a unit. The unit is part of the value because
 * "30 дней" and "720 hours" are different deadlines once weekends, holidays and the local clock matter.
 *
 * Amounts are whole numbers. The tables' "1,5 минуты" is stored as 90 seconds: a fractional working day has no
 * meaning, and whole numbers keep the arithmetic exact.
 */
import * as t from 'io-ts'

/** Units of fixed length: adding them needs no calendar. */
export const FixedUnit = t.keyof({ seconds: null, minutes: null, hours: null }, 'FixedUnit')
export type FixedUnit = t.TypeOf<typeof FixedUnit>

/** Units counted on a calendar: a day has a local date, and a working day needs the holiday list. */
export const DayUnit = t.keyof({ calendar_days: null, working_days: null }, 'DayUnit')
export type DayUnit = t.TypeOf<typeof DayUnit>

export const DurationUnit = t.keyof(
  { seconds: null, minutes: null, hours: null, calendar_days: null, working_days: null },
  'DurationUnit',
)
export type DurationUnit = t.TypeOf<typeof DurationUnit>

const Amount = t.refinement(t.Integer, (n) => n >= 0 && n <= 1_000_000, 'DurationAmount')

export interface Duration<U extends DurationUnit = DurationUnit> {
  readonly amount: number
  readonly unit: U
}

export const Duration: t.Type<Duration, Duration, unknown> = t.readonly(
  t.type({ amount: Amount, unit: DurationUnit }),
  'Duration',
)

export const seconds = (amount: number): Duration<'seconds'> => ({ amount, unit: 'seconds' })
export const minutes = (amount: number): Duration<'minutes'> => ({ amount, unit: 'minutes' })
export const hours = (amount: number): Duration<'hours'> => ({ amount, unit: 'hours' })
export const calendarDays = (amount: number): Duration<'calendar_days'> => ({ amount, unit: 'calendar_days' })
export const workingDays = (amount: number): Duration<'working_days'> => ({ amount, unit: 'working_days' })

const MILLIS: Record<FixedUnit, number> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000 }

export const isFixed = (d: Duration): d is Duration<FixedUnit> => Object.hasOwn(MILLIS, d.unit)

/** Milliseconds of a fixed-length duration. Day units have no fixed length, so they are not accepted here. */
export const fixedMillis = (d: Duration<FixedUnit>): number => d.amount * MILLIS[d.unit]

/**
 * A deadline as the tables give it: "30 секунд – 1 минута" keeps both ends; a single value has min = max.
 * The deadline that makes a step overdue is `max`: the regulation allows anything up to it.
 *
 * Both ends are of fixed length (seconds/minutes/hours, mixed freely), or both are the same day unit: a range
 * "2 calendar days – 3 working days" has no order without a calendar, so it cannot be written.
 */
export type DurationRange =
  | { readonly min: Duration<FixedUnit>; readonly max: Duration<FixedUnit> }
  | { readonly min: Duration<'calendar_days'>; readonly max: Duration<'calendar_days'> }
  | { readonly min: Duration<'working_days'>; readonly max: Duration<'working_days'> }

/** True when both ends are comparable and `min ≤ max`. */
export const isOrderedRange = (r: { readonly min: Duration; readonly max: Duration }): boolean => {
  if (isFixed(r.min) && isFixed(r.max)) return fixedMillis(r.min) <= fixedMillis(r.max)
  return r.min.unit === r.max.unit && r.min.amount <= r.max.amount
}

export const DurationRange: t.Type<DurationRange, DurationRange, unknown> = t.refinement(
  t.readonly(t.type({ min: Duration, max: Duration })),
  (r) => isOrderedRange(r),
  'DurationRange',
) as unknown as t.Type<DurationRange, DurationRange, unknown>

/** A deadline written as one value ("1 минута", "30 календарных дней"). */
export function exactly(d: Duration<FixedUnit>): DurationRange
export function exactly<U extends DayUnit>(d: Duration<U>): DurationRange
export function exactly(d: Duration): DurationRange {
  return { min: d, max: d } as DurationRange
}

/**
 * A deadline written as a range ("30 секунд – 1 минута", "10-15 секунд"). The ends are taken as written; the
 * order is checked by `isOrderedRange` (and by `validateDefinition` for whole service definitions).
 */
export function between(min: Duration<FixedUnit>, max: Duration<FixedUnit>): DurationRange
export function between<U extends DayUnit>(min: Duration<U>, max: Duration<U>): DurationRange
export function between(min: Duration, max: Duration): DurationRange {
  return { min, max } as DurationRange
}

/**
 * Expresses a non-negative span of milliseconds in the largest fixed unit (or calendar days) that holds it at
 * least once, rounding down: 90 000 ms → 1 minute, 3 days 2 hours → 3 calendar days. Used to say "how late".
 */
export const largestWholeUnit = (millis: number): Duration<FixedUnit | 'calendar_days'> => {
  const ms = Math.max(0, millis)
  if (ms >= 86_400_000) return calendarDays(Math.floor(ms / 86_400_000))
  if (ms >= MILLIS.hours) return hours(Math.floor(ms / MILLIS.hours))
  if (ms >= MILLIS.minutes) return minutes(Math.floor(ms / MILLIS.minutes))
  return seconds(Math.floor(ms / MILLIS.seconds))
}
