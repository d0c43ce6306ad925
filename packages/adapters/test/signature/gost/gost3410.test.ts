/** GOST R 34.10-2015/512 on TC26 paramSetA: the curve, key validation and the checks on r and s. */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { q, TC26_512_A } from '../../../src/signature/gost/curve.js'
import {
  decodeGostPublicKey,
  encodeGostPublicKey,
  generateGostKeyPair,
  signBytes,
  toLittleEndian,
  verifyBytes,
} from '../../../src/signature/gost/gost3410.js'

const data = new TextEncoder().encode('<a><b>test</b></a>')

test('G is on the curve and has order q', () => {
  TC26_512_A.BASE.assertValidity()
  assert.ok(TC26_512_A.BASE.multiplyUnsafe(q - 1n).add(TC26_512_A.BASE).is0())
})

test('sign / verify round trip through the Kalkan SPKI encoding; a changed byte or signature fails', () => {
  const pair = generateGostKeyPair()
  const key = decodeGostPublicKey(encodeGostPublicKey(pair.publicKey))
  if (E.isLeft(key)) throw new Error(key.left)
  const signature = signBytes(pair.privateKey, data)
  assert.ok(verifyBytes(key.right, data, signature))
  assert.not.ok(verifyBytes(key.right, new TextEncoder().encode('<a><b>tesT</b></a>'), signature))
  const bent = Uint8Array.from(signature)
  bent[3] = (bent[3] ?? 0) ^ 0x10
  assert.not.ok(verifyBytes(key.right, data, bent))
  assert.not.ok(verifyBytes(generateGostKeyPair().publicKey, data, signature), 'another key')
})

test('r or s of 0, q or more, and wrong lengths are refused before any arithmetic', () => {
  const pair = generateGostKeyPair()
  const signature = signBytes(pair.privateKey, data)
  const r = signature.subarray(0, 64)
  const s = signature.subarray(64)
  const join = (a: Uint8Array, b: Uint8Array): Uint8Array => Uint8Array.from([...a, ...b])
  const zero = new Uint8Array(64)
  const qBytes = toLittleEndian(q, 64)
  const ones = new Uint8Array(64).fill(0xff)
  for (const bad of [join(zero, s), join(r, zero), join(qBytes, s), join(r, qBytes), join(ones, s), join(r, ones), signature.subarray(0, 127), join(signature, zero)]) {
    assert.not.ok(verifyBytes(pair.publicKey, data, bad))
  }
})

test('a public key off the curve, of the wrong size or with other parameters is refused', () => {
  const good = encodeGostPublicKey(generateGostKeyPair().publicKey)
  const off = Uint8Array.from(good)
  off[off.length - 1] = (off[off.length - 1] ?? 0) ^ 1 // y changed: not on the curve
  assert.ok(E.isLeft(decodeGostPublicKey(off)))
  const otherSet = Uint8Array.from(good)
  const at = Buffer.from(otherSet).indexOf(Buffer.from('2a830e030a0101020201', 'hex'))
  otherSet[at + 9] = 2 // parameter set …2.2.2
  const refused = decodeGostPublicKey(otherSet)
  assert.ok(E.isLeft(refused))
  assert.match(E.isLeft(refused) ? refused.left : '', /parameters/)
  assert.ok(E.isLeft(decodeGostPublicKey(good.subarray(0, good.length - 1))))
})

test.run()
