/**
 * Dates that exist: the instant and date codecs refuse calendar values `Date.parse` would roll over, and a
 * commission decision must be dated between the filing and the moment it is recorded.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Instant, LocalDate } from '../src/kernel/instant.js'
import { applicationDecider } from '../src/application/decider.js'
import { spec } from '../src/testing/index.js'
import * as f from './fixtures.js'

test('impossible calendar dates are refused', () => {
  // 1900 and 2100 are not leap years (divisible by 100, not by 400); a year before 0100 is a padded two-digit year.
  for (const d of ['2026-02-31', '2020-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-01',
    '1900-02-29', '2100-02-29', '2024-11-31', '0050-01-01', '0099-12-31'])
    assert.not.ok(LocalDate.is(d), d)
  for (const d of ['2024-02-29', '2026-12-31', '2000-02-29', '1999-01-01', '2400-02-29', '1900-02-28', '0100-01-01', '9999-12-31'])
    assert.ok(LocalDate.is(d), d)
})

test('impossible instants are refused', () => {
  for (const i of ['2020-02-30T00:00:00Z', '2026-02-31T10:00:00.000Z', '2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z',
    '2024-01-01T23:59:60Z', '2024-06-31T00:00:00Z', '2024-01-01T00:00:00+05:00', '2024-01-01 00:00:00Z',
    // Read by position: an empty or four-digit fraction, a sign, a non-ASCII digit, a lower-case zone, a year 0099.
    '2024-01-01T00:00:00.Z', '2024-01-01T00:00:00.1234Z', '2024-01-01T-1:00:00Z', '2024-01-01T00:00:0\u0663Z', '2024-01-01T00:00:00z',
    '0099-12-31T23:59:59Z', '2024-01-01T00:00:00', ''])
    assert.not.ok(Instant.is(i), i)
  for (const i of ['2024-02-29T23:59:59.999Z', '2026-12-01T00:00:00Z', '2024-03-01T04:05:00.000Z', '2024-03-01T04:05:00.1Z',
    '2024-03-01T04:05:00.12Z', '0100-01-01T00:00:00Z', new Date(0).toISOString()]) assert.ok(Instant.is(i), i)
})

const given = spec(applicationDecider, f.context).given
const checked = () => f.history(f.authorize('portal'), f.sign(), f.register(), f.checkDocuments())

test('a commission decision dated before the filing is a typed domain error', () => {
  given(checked()).when(f.queue({ commissionDecisionDate: '2024-02-29' }))
    .thenFails({ code: 'inconsistent', command: 'queue', detail: 'decision_before_filing' })
})

test('a commission decision dated after the command is a typed domain error', () => {
  given(checked()).when(f.queue({ commissionDecisionDate: '2024-03-05' }))
    .thenFails({ code: 'inconsistent', command: 'queue', detail: 'decision_after_command' })
})

test('a decision dated on the filing day, on the service’s local calendar, is accepted', () => {
  // Filed 2024-03-01T04:05Z (09:05 or 10:05 in Kazakhstan); decided the same local day.
  given(checked()).when(f.queue({ commissionDecisionDate: '2024-03-01' })).thenEvents(([e]) => e?.type === 'queued')
})

test.run()
