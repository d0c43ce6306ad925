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

test('never more than the limit, the oldest dropped first, and always the last half of it kept', () => {
  const recent = recentlySealed(4)
  const known = () => Array.from({ length: 7 }, (_, i) => recent.recall(`s${i}`, 'at') !== undefined)
  for (let i = 0; i < 7; i++) {
    recent.remember(`s${i}`, 'at', `"${i}"`)
    const held = known()
    assert.ok(held.filter(Boolean).length <= 4, `after s${i}: ${held}`)
    assert.ok(held[i] === true && (i === 0 || held[i - 1] === true), `after s${i}: the last two are kept`)
    assert.ok(held.indexOf(true) === held.lastIndexOf(true) - (held.filter(Boolean).length - 1), `after s${i}: the newest ones, in a row`)
  }
  assert.is(recent.recall('s6', 'at'), '"6"')
  assert.is(recent.recall('s0', 'at'), undefined)
})

test('forget drops everything; a limit of 0 remembers nothing', () => {
  const recent = recentlySealed(4)
  recent.remember('s', 'at', '"v"')
  recent.remember('t', 'at', '"w"')
  recent.remember('u', 'at', '"x"')
  recent.forget()
  assert.is(recent.recall('t', 'at'), undefined)
  assert.is(recent.recall('s', 'at'), undefined)
  const none = recentlySealed(0)
  none.remember('s', 'at', '"v"')
  assert.is(none.recall('s', 'at'), undefined)
})

test.run()
