/**
 * The verification kernel (jacobian.ts, window-tables.ts) against @noble/curves, the reference: every operation and
 * the whole sum z1·G + z2·Q, with and without a key table, including the edge cases a random scalar never reaches.
 */
import { randomBytes } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { q, TC26_512_A } from '../../../src/signature/gost/curve.js'
import { fromLittleEndian, generateGostKeyPair, signDigest, verifyDigest } from '../../../src/signature/gost/gost3410.js'
import { addAffine, double, INFINITY, P, reduce, toAffineAll, xModQEquals, type Jacobian } from '../../../src/signature/gost/jacobian.js'
import {
  addMultiple,
  addMultipleOnce,
  buildTable,
  forgetKeyTables,
  kernelKey,
  signedDigits,
  verifyKernel,
} from '../../../src/signature/gost/window-tables.js'

const G = TC26_512_A.BASE
const scalar = (): bigint => (fromLittleEndian(randomBytes(72)) % (q - 1n)) + 1n
const affineOf = (A: Jacobian): { x: bigint; y: bigint } => {
  const [a] = toAffineAll([A])
  if (a === undefined) throw new Error('no point')
  return a
}
const same = (A: Jacobian, expected: InstanceType<typeof TC26_512_A>): void => {
  if (expected.is0()) return assert.is(A.Z, 0n)
  const a = affineOf(A)
  const e = expected.toAffine()
  assert.is(a.x, e.x)
  assert.is(a.y, e.y)
}

test('reduce is x mod p for products of reduced values and at the folding edges', () => {
  for (const t of [0n, P - 1n, P, P + 1n, (1n << 512n) - 1n, (P - 1n) * (P - 1n), 3n * (P - 1n) * (P - 1n)]) {
    assert.is(reduce(t), t % P)
  }
  for (let i = 0; i < 200; i++) {
    const a = fromLittleEndian(randomBytes(64)) % P
    const b = fromLittleEndian(randomBytes(64)) % P
    assert.is(reduce(a * b), (a * b) % P)
  }
})

test('double and mixed addition agree with noble, including P + P, P + (−P) and O + P', () => {
  const a = G.multiply(scalar())
  const b = G.multiply(scalar())
  const A: Jacobian = { X: a.toAffine().x, Y: a.toAffine().y, Z: 1n }
  same(double(A), a.double())
  same(addAffine(A, b.toAffine()), a.add(b))
  same(addAffine(double(A), b.toAffine()), a.double().add(b))
  same(addAffine(double(A), a.double().toAffine()), a.double().double()) // equal points in different Z
  same(addAffine(A, a.negate().toAffine()), TC26_512_A.ZERO)
  same(addAffine(INFINITY, b.toAffine()), b)
})

test('signed digits rebuild the scalar, carries included', () => {
  for (const w of [5, 6, 8]) {
    for (const n of [1n, q - 1n, (1n << 511n) - 1n, scalar(), BigInt(1 << (w - 1)) + 1n]) {
      const digits = signedDigits(n, w)
      let back = 0n
      for (let i = digits.length - 1; i >= 0; i--) back = (back << BigInt(w)) + BigInt(digits[i] ?? 0)
      assert.is(back, n)
      assert.ok(digits.every((d) => Math.abs(d) <= 1 << (w - 1)))
    }
  }
})

test('n·P through a table and without one equals noble, for random and extreme scalars', () => {
  const point = G.multiply(scalar())
  const table = buildTable(point.toAffine(), 6)
  for (const n of [1n, 2n, q - 1n, scalar(), scalar()]) {
    same(addMultiple(INFINITY, table, n), point.multiplyUnsafe(n))
    same(addMultipleOnce(INFINITY, point.toAffine(), n), point.multiplyUnsafe(n))
  }
})

test('the kernel verifies what noble signs, first use and with a table, and refuses a wrong r', () => {
  forgetKeyTables()
  const pair = generateGostKeyPair()
  const digest = randomBytes(64)
  const signature = signDigest(pair.privateKey, digest)
  for (let use = 1; use <= 3; use++) {
    assert.ok(verifyDigest(pair.publicKey, digest, signature), `use ${use}`)
    assert.is(pair.publicKey.kernel.table !== undefined, use >= 2, `a table from the second use on (use ${use})`)
  }
  const z1 = scalar()
  const z2 = scalar()
  const R = G.multiplyUnsafe(z1).add(pair.publicKey.point.multiplyUnsafe(z2)).toAffine()
  const key = kernelKey(pair.publicKey.point.toAffine())
  assert.ok(verifyKernel(key, z1, z2, R.x % q))
  assert.not.ok(verifyKernel(key, z1, z2, (R.x + 1n) % q))
  assert.ok(xModQEquals({ X: R.x, Y: R.y, Z: 1n }, R.x % q, q))
  assert.not.ok(xModQEquals(INFINITY, 0n, q))
})

test.run()
