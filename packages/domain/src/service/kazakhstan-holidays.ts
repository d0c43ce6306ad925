/**
 * Kazakhstan's rest days as data an akimat extends: the yearly dates that are not fixed, and the rule that moves a
 * national holiday falling on a weekend to the next working day.
 *
 * Sources and confidence (none of this is in the seeds):
 * - The first day of Kurban ait is a day off (Labour Code art. 85, as reported by Kapital.kz citing "статья 96";
 *   the article number changed between editions). Its date follows the lunar calendar and is fixed each year by the
 *   Ministry of Labour with the Spiritual Administration of Muslims (ДУМК): 17 June 2024 (newsroom.kz,
 *   informburo.kz), 6 June 2025 (tengrinews.kz, mgorod.kz), 27 May 2026 (ДУМК calendar of 6 Nov 2025 via zakon.kz
 *   and baq.kz; ДУМК warns it may move by a day). Check each year's decree before relying on it.
 * - Orthodox Christmas, 7 January, is a day off (mgorod.kz 2018; listed as a holiday since 2007). It is absent from
 *   `kazakhstanFixedHolidays` (which we keep as it is so older calendars do not change) and is added here.
 * - «При совпадении выходного и праздничного дней выходным днем является следующий после праздничного рабочий
 *   день» (Kapital.kz quoting the Labour Code). We apply it to the national holidays of `kazakhstanFixedHolidays`
 *   and not to the religious days (Kurban ait, Orthodox Christmas), which the Code counts as days off, not as
 *   holidays; for 2025 it reproduces the published calendar: 10 March, 24–25 March, 7 July, 1 September,
 *   27 October.
 * - Days moved by government decree (a Saturday worked to bridge a holiday) are yearly decisions: `withDates`.
 *   Only 2025's 3 January (rest) / 5 January (work) is included, from a third-party calendar (holidayssky.com):
 *   medium confidence.
 */
import type { LocalDate } from '../kernel/instant.js'
import {
  isWorkingDay, kazakhstanFixedHolidays, kazakhstanNational, nextDate, withDates, KAZAKHSTAN_OFFSET,
  type UtcOffset, type WorkingCalendar,
} from './calendar.js'

/** The first day of Kurban ait, per year. Add a year here (or through `withDates`) once it is announced. */
export const kurbanAit: Readonly<Record<number, LocalDate>> = {
  2024: '2024-06-17' as LocalDate,
  2025: '2025-06-06' as LocalDate,
  2026: '2026-05-27' as LocalDate,
}

/** Days off and worked Saturdays moved by government decree, per year. */
export const decreeTransfers: Readonly<Record<number, { readonly holidays: readonly LocalDate[]; readonly workingDays: readonly LocalDate[] }>> = {
  2025: { holidays: ['2025-01-03' as LocalDate], workingDays: ['2025-01-05' as LocalDate] },
}

const ORTHODOX_CHRISTMAS = '01-07'

/**
 * The days off that replace national holidays falling on a weekend, in `year`: each such holiday moves to the
 * first later day that is neither a rest day nor a holiday nor already taken by an earlier move (Nauryz on Saturday
 * and Sunday gives Monday and Tuesday).
 */
export const carriedOverDays = (year: number, base: WorkingCalendar = kazakhstanNational()): readonly LocalDate[] => {
  const moved: LocalDate[] = []
  const free = (d: LocalDate) => isWorkingDay(base, d) && !moved.includes(d)
  for (const md of [...kazakhstanFixedHolidays].sort()) {
    const holiday = `${year}-${md}` as LocalDate
    const weekday = new Date(`${holiday}T00:00:00Z`).getUTCDay()
    if (weekday !== 0 && weekday !== 6) continue
    let d = nextDate(holiday)
    while (!free(d)) d = nextDate(d)
    moved.push(d)
  }
  return moved
}

/** The rest days of `year` beyond the fixed national holidays: religious days, carried-over days, decree transfers. */
export const restDaysOf = (year: number): { readonly holidays: readonly LocalDate[]; readonly workingDays: readonly LocalDate[] } => {
  const kurban = kurbanAit[year]
  const decree = decreeTransfers[year]
  return {
    holidays: [
      `${year}-${ORTHODOX_CHRISTMAS}` as LocalDate,
      ...(kurban === undefined ? [] : [kurban]),
      ...carriedOverDays(year),
      ...(decree?.holidays ?? []),
    ],
    workingDays: decree?.workingDays ?? [],
  }
}

/**
 * The national calendar with the yearly rest days of `years` (2024–2026 by default) — the calendar to judge
 * working-day deadlines with. A year without a Kurban ait entry gets the fixed holidays, Orthodox Christmas and the
 * carried-over days only; an akimat adds what it knows with `withDates`.
 */
export const kazakhstanOfficial = (years: readonly number[] = [2024, 2025, 2026], utcOffset: UtcOffset = KAZAKHSTAN_OFFSET): WorkingCalendar =>
  years.reduce(
    (calendar, year) => withDates(calendar, restDaysOf(year)),
    { ...kazakhstanNational(utcOffset), name: `kz-official-${years.join('+')}${utcOffset}` },
  )
