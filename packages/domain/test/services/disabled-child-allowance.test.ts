/** The allowance for disabled children schooled at home: no ЦОН, and a notice with amount, period and quarterly table. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider } from '../../src/application/decider.js'
import { channelOf } from '../../src/service/definition.js'
import { disabledChildAllowanceKokpekty2012 as def } from '../../src/service/disabled-child-allowance.js'
import { spec } from '../../src/testing/index.js'
import { caseOf, toChecked } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, k.context).given
const A = caseOf('disabled-child-allowance')

const notice = (payments: readonly { quarter: number; year: number; amountTiyn: number }[], amountTiyn = 9_000_000, periodFrom = '2024-04-01', periodTo = '2024-12-31') =>
  k.issue({ kind: 'disabled_child_allowance_notice', amountTiyn, periodFrom, periodTo, payments } as never, '2024-03-20')

const rows = (...qs: number[]) => qs.map((quarter) => ({ quarter, year: 2024, amountTiyn: 3_000_000 }))

test('the notice records the amount, the period and the quarterly payment table', () => {
  const checked = k.history(...toChecked(A, 'provider_desk'))
  const [e] = given(checked).when(notice(rows(2, 3, 4))).thenEvents(([x]) => x?.type === 'result_issued')
  assert.ok(e?.type === 'result_issued' && e.result.kind === 'disabled_child_allowance_notice')
  assert.is(e.result.amountTiyn, 9_000_000)
  assert.equal(e.result.payments.map((p) => p.quarter), [2, 3, 4])
})

test('a table that does not add up, repeats a quarter or pays outside the period → payment_table_mismatch', () => {
  const checked = k.history(...toChecked(A, 'portal'))
  const mismatch = { code: 'inconsistent', command: 'issue_result', detail: 'payment_table_mismatch', serviceId: 'disabled-child-allowance', subject: 'disabled_child_allowance_notice' } as const
  given(checked).when(notice(rows(2, 3, 4), 9_000_001)).thenFails(mismatch)
  given(checked).when(notice([...rows(2, 3), { quarter: 3, year: 2024, amountTiyn: 3_000_000 }])).thenFails(mismatch)
  given(checked).when(notice(rows(1, 2, 3))).thenFails(mismatch) // Q1 2024 lies before 1 April
})

test('a partial first quarter still counts: the period may start inside a quarter', () => {
  const checked = k.history(...toChecked(A, 'portal'))
  given(checked).when(notice(rows(2, 3, 4), 9_000_000, '2024-05-15')).thenEvents(([e]) => e?.type === 'result_issued')
})

test('no ЦОН channel: only the desk and the portal, 10 working days each', () => {
  assert.equal(def.channels.map((c) => c.channel), ['provider_desk', 'portal'])
  for (const ch of ['provider_desk', 'portal'] as const) assert.equal(channelOf(def, ch)?.steps.at(-1)?.deadline.range.max, { amount: 10, unit: 'working_days' })
  given([]).when(k.authorize('disabled-child-allowance', 'service_centre')).thenFails((e) => e.code === 'inconsistent' && e.detail === 'channel_not_offered')
})

test('the refusal step printed «–» carries an inferred term, and says so', () => {
  const refusal = channelOf(def, 'provider_desk')?.steps[6]
  assert.is(refusal?.deadline.basis, 'inferred')
  assert.ok(refusal?.deadline.note?.includes('«–»'))
})

test.run()
