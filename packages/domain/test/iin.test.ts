import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { isRight } from 'fp-ts/lib/Either.js'
import { BIN, IIN, checkDigit, hasValidChecksum } from '../src/kernel/iin.js'

// reference/domain-kz.md §1.4
const valid = ['871008401427', '760212350620', '800416300257', '680503450037', '800416100254', '680503250034']
const validSecondPass = ['061211600012', '900101300811']

test('IIN vectors valid on the first pass', () => {
  for (const v of valid) assert.ok(isRight(IIN.decode(v)), v)
})

test('IIN vectors valid only on the second pass', () => {
  for (const v of validSecondPass) {
    assert.ok(hasValidChecksum(v), v)
    // the first pass gives 10 for these: prove the second pass is what made them valid
    const first = [...v.slice(0, 11)].map(Number).reduce((s, d, i) => s + d * (i + 1), 0) % 11
    assert.is(first, 10, v)
  }
})

test('IIN invalid on the second pass and with no possible check digit', () => {
  assert.not.ok(hasValidChecksum('821214240092'))
  assert.is(checkDigit('90010130080'), undefined)
  for (let d = 0; d <= 9; d++) assert.not.ok(hasValidChecksum(`90010130080${d}`))
})

test('NCA test-certificate IIN fails the checksum', () => {
  assert.not.ok(isRight(IIN.decode('123456789011')))
})

test('IIN rejects wrong shapes', () => {
  for (const v of ['', '87100840142', '8710084014270', '87100840142a', ' 871008401427', 871008401427, null]) {
    assert.not.ok(isRight(IIN.decode(v)), String(v))
  }
})

test('BIN vectors', () => {
  for (const v of ['940140000385', '990140004654', '230540004989', '081140000436']) assert.ok(isRight(BIN.decode(v)), v)
  assert.not.ok(isRight(BIN.decode('940140000386')))
})

test.run()
