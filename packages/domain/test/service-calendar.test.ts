import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Instant, LocalDate } from '../src/kernel/instant.js'
import {
  addDuration, calendarDays, Duration, DurationRange, hours, isWorkingDay, kazakhstanNational, localDateOf, minutes,
  MonthDay, seconds, UtcOffset, weekendsOnly, withDates, WorkingCalendar, workingDays, workingDaysWithin,
} from '../src/service/index.js'

const at = (s: string) => s as Instant
const day = (s: string) => s as LocalDate
const almaty2013 = weekendsOnly('+06:00' as UtcOffset)

test('fixed units are exact elapsed time, whatever the calendar', () => {
  assert.is(addDuration(at('2024-03-01T05:00:00.000Z'), seconds(90), weekendsOnly()), '2024-03-01T05:01:30.000Z')
  assert.is(addDuration(at('2024-03-02T05:00:00.000Z'), minutes(15), kazakhstanNational()), '2024-03-02T05:15:00.000Z')
  assert.is(addDuration(at('2024-03-01T23:00:00.000Z'), hours(2), weekendsOnly()), '2024-03-02T01:00:00.000Z')
})

test('a working day ends at 24:00 local (19:00Z at UTC+5); the start day does not count', () => {
  // Friday 1 March 2024, 10:00 local → 1 working day → end of Monday 4 March local
  assert.is(addDuration(at('2024-03-01T05:00:00.000Z'), workingDays(1), weekendsOnly()), '2024-03-04T19:00:00.000Z')
  // Monday 10:00 local → 1 working day → end of Tuesday, even though Monday itself is a working day
  assert.is(addDuration(at('2024-03-04T05:00:00.000Z'), workingDays(1), weekendsOnly()), '2024-03-05T19:00:00.000Z')
  // started on a Saturday: the first working day is Monday
  assert.is(addDuration(at('2024-03-02T05:00:00.000Z'), workingDays(2), weekendsOnly()), '2024-03-05T19:00:00.000Z')
})

test('working days are counted from the local date, not the UTC date', () => {
  // 20:30Z Monday 4 March is already 01:30 Tuesday 5 March at UTC+5
  const start = at('2024-03-04T20:30:00.000Z')
  assert.is(localDateOf(start, weekendsOnly()), '2024-03-05')
  assert.is(addDuration(start, workingDays(1), weekendsOnly()), '2024-03-06T19:00:00.000Z')
})

test('holidays are skipped: Nauryz 21–23 March and the weekend after it', () => {
  const kz = kazakhstanNational()
  // Wednesday 20 March 2024 10:00 local; 21, 22 (Thu, Fri) Nauryz, 23 Sat Nauryz, 24 Sun → 25, 26, 27
  assert.is(addDuration(at('2024-03-20T05:00:00.000Z'), workingDays(3), kz), '2024-03-27T19:00:00.000Z')
  // the same with weekends only: 21, 22, 25
  assert.is(addDuration(at('2024-03-20T05:00:00.000Z'), workingDays(3), weekendsOnly()), '2024-03-25T19:00:00.000Z')
  // 8 March (Friday) and the weekend: Thursday 7 March + 1 working day → Monday 11 March
  assert.is(addDuration(at('2024-03-07T05:00:00.000Z'), workingDays(1), kz), '2024-03-11T19:00:00.000Z')
})

test('an akimat extends the calendar with one-off holidays and transferred working days', () => {
  const kz2024 = withDates(kazakhstanNational(), { holidays: [day('2024-03-25')], workingDays: [day('2024-03-30')], name: 'kz-2024' })
  assert.is(kz2024.name, 'kz-2024')
  // 25 March off as well: 26, 27, 28
  assert.is(addDuration(at('2024-03-20T05:00:00.000Z'), workingDays(3), kz2024), '2024-03-28T19:00:00.000Z')
  // Friday 29 March + 1 working day: Saturday 30 March was made a working day
  assert.is(addDuration(at('2024-03-29T05:00:00.000Z'), workingDays(1), kz2024), '2024-03-30T19:00:00.000Z')
  assert.ok(isWorkingDay(kz2024, day('2024-03-30')))
  assert.not.ok(isWorkingDay(kazakhstanNational(), day('2024-03-30')))
  // a date listed both as holiday and working day is a rest day
  const both = withDates(weekendsOnly(), { holidays: [day('2024-03-30')], workingDays: [day('2024-03-30')] })
  assert.not.ok(isWorkingDay(both, day('2024-03-30')))
  // the original calendar is unchanged
  assert.is(kazakhstanNational().holidays.length, 0)
})

test('calendar days: start + N × 24 h, the same local clock time across a UTC+5 midnight', () => {
  // both on 31 March in UTC, but on either side of local midnight
  const before = at('2024-03-31T18:30:00.000Z') // 23:30 local, 31 March
  const after = at('2024-03-31T19:30:00.000Z') // 00:30 local, 1 April
  assert.is(localDateOf(before, weekendsOnly()), '2024-03-31')
  assert.is(localDateOf(after, weekendsOnly()), '2024-04-01')
  const dueBefore = addDuration(before, calendarDays(30), kazakhstanNational())
  const dueAfter = addDuration(after, calendarDays(30), kazakhstanNational())
  assert.is(dueBefore, '2024-04-30T18:30:00.000Z')
  assert.is(dueAfter, '2024-04-30T19:30:00.000Z')
  // the local dates of the deadlines are 30 local days after each start: 30 April and 1 May
  assert.is(localDateOf(dueBefore, weekendsOnly()), '2024-04-30')
  assert.is(localDateOf(dueAfter, weekendsOnly()), '2024-05-01')
  // weekends and holidays (1 May) do not matter for calendar days
  assert.is(addDuration(after, calendarDays(30), weekendsOnly()), dueAfter)
})

test('the offset is a parameter: Almaty at UTC+6 before March 2024', () => {
  const start = at('2013-01-31T18:30:00.000Z')
  assert.is(localDateOf(start, almaty2013), '2013-02-01')
  assert.is(localDateOf(start, weekendsOnly()), '2013-01-31')
  // Friday 1 Feb 2013 00:30 local +1 working day → end of Monday 4 Feb at UTC+6 = 18:00Z
  assert.is(addDuration(start, workingDays(1), almaty2013), '2013-02-04T18:00:00.000Z')
  // at UTC+5 the same instant is Thursday 31 January → end of Friday 1 Feb = 19:00Z
  assert.is(addDuration(start, workingDays(1), weekendsOnly()), '2013-02-01T19:00:00.000Z')
})

test('whole working days inside an interval', () => {
  const kz = kazakhstanNational()
  // from end of Wed 6 March to Mon 11 March 17:00 local: Thu 7 counts, Fri 8 is a holiday, Mon 11 not over
  assert.is(workingDaysWithin(at('2024-03-06T19:00:00.000Z'), at('2024-03-11T12:00:00.000Z'), kz), 1)
  assert.is(workingDaysWithin(at('2024-03-06T19:00:00.000Z'), at('2024-03-11T12:00:00.000Z'), weekendsOnly()), 2)
  // a day that began before `from` is not whole
  assert.is(workingDaysWithin(at('2024-03-06T20:00:00.000Z'), at('2024-03-07T19:00:00.000Z'), weekendsOnly()), 0)
  assert.is(workingDaysWithin(at('2024-03-07T19:00:00.000Z'), at('2024-03-06T19:00:00.000Z'), weekendsOnly()), 0)
})

test('codecs refuse what cannot be a duration, range, offset, annual date or calendar', () => {
  assert.ok(isRight(Duration.decode({ amount: 30, unit: 'calendar_days' })))
  assert.ok(isLeft(Duration.decode({ amount: 1.5, unit: 'minutes' })))
  assert.ok(isLeft(Duration.decode({ amount: -1, unit: 'seconds' })))
  assert.ok(isLeft(Duration.decode({ amount: 1, unit: 'weeks' })))
  assert.ok(isRight(DurationRange.decode({ min: seconds(30), max: minutes(1) })))
  assert.ok(isLeft(DurationRange.decode({ min: minutes(2), max: seconds(30) })))
  assert.ok(isLeft(DurationRange.decode({ min: calendarDays(1), max: workingDays(3) })))
  assert.ok(isRight(UtcOffset.decode('+05:00')))
  assert.ok(isLeft(UtcOffset.decode('+5')))
  assert.ok(isLeft(UtcOffset.decode('+15:00')))
  assert.ok(isRight(MonthDay.decode('02-29')))
  assert.ok(isLeft(MonthDay.decode('02-30')))
  assert.ok(isLeft(MonthDay.decode('13-01')))
  assert.ok(isRight(WorkingCalendar.decode(kazakhstanNational())))
  assert.ok(isLeft(WorkingCalendar.decode({ ...weekendsOnly(), weekend: [1, 2, 3, 4, 5, 6, 7] })))
  assert.ok(isLeft(WorkingCalendar.decode({ ...weekendsOnly(), holidays: ['2024-3-1'] })))
})

test.run()
