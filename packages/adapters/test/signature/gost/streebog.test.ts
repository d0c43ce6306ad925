/**
 * Streebog against GOST R 34.11-2012 / RFC 6986 §10 test vectors (the standard writes messages and digests as
 * numbers, most significant byte first: the byte strings are those reversed), and differentially against the
 * npm implementation `@li0ard/streebog` on random inputs of every length around the 64-byte block.
 */
import { randomBytes } from 'node:crypto'
import * as reference from '@li0ard/streebog'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { streebog256, streebog512 } from '../../../src/signature/gost/streebog.js'

const fromStandard = (hex: string): Buffer => Buffer.from(hex, 'hex').reverse()
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

const M1 = fromStandard('323130393837363534333231303938373635343332313039383736353433323130393837363534333231303938373635343332313039383736353433323130')
const M2 = fromStandard(
  'fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1',
)

test('M1 (63 bytes, "0123…012")', () => {
  assert.is(M1.toString('latin1'), '012345678901234567890123456789012345678901234567890123456789012')
  assert.is(hex(streebog512(M1)), hex(fromStandard('486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b')))
  assert.is(hex(streebog256(M1)), hex(fromStandard('00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d')))
})

test('M2 (72 bytes of CP1251, "Се ветри, Стрибожи внуци…": crosses a block)', () => {
  assert.is(M2.length, 72)
  assert.is(hex(streebog512(M2)), hex(fromStandard('28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e')))
  assert.is(hex(streebog256(M2)), hex(fromStandard('508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d')))
})

test('agrees with @li0ard/streebog on every length 0…200 and on a few KB', () => {
  for (let length = 0; length <= 200; length++) {
    const data = randomBytes(length)
    assert.is(hex(streebog512(data)), hex(reference.streebog512(data)), `512, ${length} bytes`)
    assert.is(hex(streebog256(data)), hex(reference.streebog256(data)), `256, ${length} bytes`)
  }
  const large = randomBytes(5000)
  assert.is(hex(streebog512(large)), hex(reference.streebog512(large)))
})

test('one bit changed changes the digest', () => {
  const data = Buffer.from(M2)
  const before = hex(streebog512(data))
  data[40] = (data[40] ?? 0) ^ 1
  assert.is.not(hex(streebog512(data)), before)
})

test.run()
