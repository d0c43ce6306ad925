/**
 * Time in the generated region. Instants are UTC milliseconds; offices keep working hours in Kazakhstan time
 * (UTC+5), Monday to Friday, while the portal takes filings at any hour.
 */
import { fromMillis, type Instant, type LocalDate } from '@kezek/domain'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
export const YEAR = 365.25 * DAY

const OFFSET = 5 * HOUR
const OPENS = 9 * HOUR
const CLOSES = 18 * HOUR

/** The first office-hours instant at or after `ms` (09:00–18:00 local, weekdays). */
export const officeHours = (ms: number): number => {
  let local = ms + OFFSET
  for (;;) {
    const dayStart = Math.floor(local / DAY) * DAY
    const weekday = new Date(dayStart).getUTCDay()
    const sinceMidnight = local - dayStart
    if (weekday === 0 || weekday === 6 || sinceMidnight >= CLOSES) local = dayStart + DAY + OPENS
    else if (sinceMidnight < OPENS) local = dayStart + OPENS
    else return local - OFFSET
  }
}

export const instant = (ms: number): Instant => fromMillis(Math.round(ms))

/** The local calendar date of a decision taken at `ms`. */
export const localDate = (ms: number): LocalDate => fromMillis(ms + OFFSET).slice(0, 10) as LocalDate
