/**
 * Log masking cannot be reversed without the configured key: the same IIN masks alike under one key (lines
 * correlate), differently under another, and a search over every IIN of a birth year without the key finds nothing —
 * the unkeyed hash it replaces fell to that search. JWT-shaped tokens are masked too.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createHash } from 'node:crypto'
import { jsonLogger, maskIin, redactIins } from '../src/index.js'

const KEY = 'k'.repeat(32)
const IIN = '871008401427'

test('a keyed mask correlates under one key and differs under another', () => {
  assert.is(maskIin(IIN, KEY), maskIin(IIN, KEY))
  assert.is.not(maskIin(IIN, KEY), maskIin(IIN, 'another-key-0123456789abcdefghijkl'))
  assert.match(maskIin(IIN, KEY), /^iin#[0-9a-f]{16}$/)
})

test('without the key, hashing candidate IINs does not find the mask', () => {
  const mask = maskIin(IIN, KEY).slice(4)
  // The attack that broke the old salted-in-source mask: hash candidates of a birth date with the known salt.
  for (let serial = 0; serial < 20_000; serial++) {
    const candidate = `871008${String(serial).padStart(6, '0')}`
    for (const salt of ['', 'kezek']) assert.is.not(createHash('sha256').update(salt).update(candidate).digest('hex').slice(0, 16), mask)
  }
})

test('logs mask IINs and bearer tokens under the configured key', () => {
  const lines: string[] = []
  const logger = jsonLogger({ sink: (l) => lines.push(l), maskKey: KEY })
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjMSIsImlpbiI6Ijg3MTAwODQwMTQyNyJ9.c2lnbmF0dXJl'
  logger.log('info', 'x', { iin: IIN, note: `token ${jwt}` })
  assert.not.match(lines[0]!, IIN)
  assert.not.match(lines[0]!, jwt)
  assert.match(lines[0]!, maskIin(IIN, KEY))
  assert.match(lines[0]!, /jwt#[0-9a-f]{16}/)
  assert.is(redactIins(`a ${IIN} b`, KEY), `a ${maskIin(IIN, KEY)} b`)
})

test.run()
