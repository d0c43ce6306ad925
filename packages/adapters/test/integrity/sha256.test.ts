/**
 * The one-call SHA-256 (sha256.ts) must give exactly the digest `createHash` gives: the hash chain and the streams'
 * lock keys are compared across processes and versions, and a process on Node before 20.12 takes the long way.
 */
import { createHash } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { sha256Bytes, sha256Hex } from '../../src/integrity/sha256.js'
import { streamLockKey } from '../../src/store/sql/store.js'

const texts = ['', 'abc', 'Өтінішке нөмір тағайындаумен сұранысты тіркеу', `kezek\u0000application-${'x'.repeat(5000)}`, '😀 Ә']

test('the digest is the standard SHA-256 of the UTF-8 bytes', () => {
  assert.is(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  for (const t of texts) {
    assert.is(sha256Hex(t), createHash('sha256').update(t, 'utf8').digest('hex'))
    assert.equal(sha256Bytes(t), createHash('sha256').update(t, 'utf8').digest())
  }
})

test("a stream's lock key is the first eight bytes of its digest, signed, as before", () => {
  const key = (schema: string, stream: string): bigint => createHash('sha256').update(`${schema}\u0000${stream}`, 'utf8').digest().readBigInt64BE(0)
  for (const stream of ['application-1', 'Ә-stream', 'x'.repeat(500)]) assert.is(streamLockKey('kezek', stream), key('kezek', stream))
  assert.is.not(streamLockKey('kezek', 'a'), streamLockKey('other', 'a'))
})

test.run()
