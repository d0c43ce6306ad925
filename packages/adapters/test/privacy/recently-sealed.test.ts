/** The memory of values just sealed: answered only for their own place, bounded, and emptied by an erasure. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { recentlySealed } from '../../src/privacy/recently-sealed.js'

test('a remembered value is recalled for the place it was sealed for, and for no other', () => {
  const recent = recentlySealed(8)
  recent.remember('pii1.k1.iv.body', 'data/applicantIin', '"871008401427"')
  assert.is(recent.recall('pii1.k1.iv.body', 'data/applicantIin'), '"871008401427"')
  assert.is(recent.recall('pii1.k1.iv.body', 'data/check/signer/iin'), undefined)
  assert.is(recent.recall('pii1.k1.iv.other', 'data/applicantIin'), undefined)
})

test('beyond the limit the oldest values are dropped first', () => {
  const recent = recentlySealed(3)
  for (let i = 0; i < 5; i++) recent.remember(`s${i}`, 'at', `"${i}"`)
  assert.equal([0, 1, 2, 3, 4].map((i) => recent.recall(`s${i}`, 'at')), [undefined, undefined, '"2"', '"3"', '"4"'])
})

test('forget drops everything; a limit of 0 remembers nothing', () => {
  const recent = recentlySealed(3)
  recent.remember('s', 'at', '"v"')
  recent.forget()
  assert.is(recent.recall('s', 'at'), undefined)
  const none = recentlySealed(0)
  none.remember('s', 'at', '"v"')
  assert.is(none.recall('s', 'at'), undefined)
})

test.run()
