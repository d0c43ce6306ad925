/**
 * Dates as the pages show them, in Kazakhstan's time (UTC+05:00); the quarter arithmetic the movement figures use
 * lives beside the read model that keeps them.
 */
export { boundaryAtOrAfter, indexInYear, quarterOf, quarterStart, yearOf, yearOfQuarter, type Quarter } from '../read-model/quarters.js'

const OFFSET_MS = 5 * 3600 * 1000

/** A day in Kazakhstan's time, `YYYY-MM-DD`, for dates shown on the pages. */
export const localDate = (iso: string): string => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

export const localDateTime = (iso: string): string => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** The end of a local day as an instant: "the list as of 2020-05-01" means as it stood when that day ended. */
export const endOfLocalDay = (day: string): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  const ms = Date.parse(`${day}T00:00:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return undefined
  return new Date(ms + 24 * 3600 * 1000 - OFFSET_MS - 1).toISOString()
}
