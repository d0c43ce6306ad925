/** Kazakhstan’s yearly rest days as data, and working-day deadlines across weekends and holidays. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { addDuration, isWorkingDay, withDates } from '../../src/service/calendar.js'
import { workingDays } from '../../src/service/duration.js'
import { carriedOverDays, kazakhstanOfficial, kurbanAit, restDaysOf } from '../../src/service/kazakhstan-holidays.js'

const at = (s: string) => s as never
const day = (s: string) => s as never

test('2025: the carry-over rule reproduces the published days off', () => {
  assert.equal(carriedOverDays(2025), ['2025-03-10', '2025-03-24', '2025-03-25', '2025-07-07', '2025-09-01', '2025-10-27'])
})

test('Kurban ait 2024–2026, Orthodox Christmas and the 2025 decree transfer are rest days; the transferred Sunday works', () => {
  const c = kazakhstanOfficial()
  for (const d of Object.values(kurbanAit)) assert.not.ok(isWorkingDay(c, d), d)
  assert.not.ok(isWorkingDay(c, day('2026-01-07')))
  assert.not.ok(isWorkingDay(c, day('2025-01-03')))
  assert.ok(isWorkingDay(c, day('2025-01-05')))
  assert.ok(isWorkingDay(c, day('2025-06-05')))
  assert.ok(restDaysOf(2027).holidays.includes(day('2027-01-07')))
  assert.not.ok(restDaysOf(2027).holidays.some((d) => d.endsWith('-06-06')))
})

test('5 working days from Wednesday 4 June 2025 skip Kurban ait (Friday 6 June) and the weekend', () => {
  // Thursday 5, Monday 9, 10, 11, 12 → the end of Thursday 12 June local (UTC+5).
  assert.is(addDuration(at('2025-06-04T06:00:00.000Z'), workingDays(5), kazakhstanOfficial()), '2025-06-12T19:00:00.000Z')
})

test('3 working days from 28 February 2025 cross 8 March on a Saturday (carried to Monday 10 March)', () => {
  // Monday 3, Tuesday 4, Wednesday 5 March: unaffected. From Thursday 6 March: Friday 7, Tuesday 11, Wednesday 12.
  const c = kazakhstanOfficial()
  assert.is(addDuration(at('2025-02-28T06:00:00.000Z'), workingDays(3), c), '2025-03-05T19:00:00.000Z')
  assert.is(addDuration(at('2025-03-06T06:00:00.000Z'), workingDays(3), c), '2025-03-12T19:00:00.000Z')
})

test('10 working days across the New Year 2025 holidays and the decree transfer', () => {
  // From Friday 27 Dec 2024: 30, 31 Dec, [1, 2, 3 Jan rest], Sunday 5 Jan works, 6, [7 Jan rest], 8, 9, 10, 13, 14, 15.
  assert.is(addDuration(at('2024-12-27T06:00:00.000Z'), workingDays(10), kazakhstanOfficial()), '2025-01-15T19:00:00.000Z')
  // Without the yearly data (fixed holidays only) it ends a day earlier: 3 and 7 January work, Sunday 5 January rests.
  assert.is(addDuration(at('2024-12-27T06:00:00.000Z'), workingDays(10), kazakhstanOfficial([])), '2025-01-14T19:00:00.000Z')
})

test('an akimat extends the data: a local day off moves the deadline by one working day', () => {
  const base = kazakhstanOfficial([2025])
  const local = withDates(base, { holidays: [day('2025-06-10')], name: 'karaganda-2025' })
  assert.is(addDuration(at('2025-06-04T06:00:00.000Z'), workingDays(5), local), '2025-06-13T19:00:00.000Z')
  assert.is(local.name, 'karaganda-2025')
})

test.run()
