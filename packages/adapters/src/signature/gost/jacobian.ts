/**
 * Point arithmetic on TC26-512-A for verification only, written for speed: Jacobian coordinates (x = X/Z²,
 * y = Y/Z³) with the a = −3 doubling, mixed addition of an affine point, and reduction modulo p = 2⁵¹² − 569 by
 * folding (2⁵¹² ≡ 569), which costs a shift, a mask and a small multiplication instead of a BigInt division.
 *
 * Why not @noble/curves here: noble's points use complete projective formulas (correct for every input, ~14
 * multiplications and ~30 modular additions each, every one a BigInt `%`), and its cached-table multiplication is
 * the constant-time kernel, which adds a dummy point for every window. Verification handles public values only,
 * so none of that is needed; this file does about a quarter of the work. noble remains the reference: the test
 * suite checks these operations against it (test/signature/gost/window-tables.test.ts), and signing (secret
 * scalars) stays with noble.
 *
 * Not constant-time. Public inputs only.
 */
import { TC26_512_A } from './curve.js'

export const P = TC26_512_A.Fp.ORDER
const MASK = (1n << 512n) - 1n
const FOLD = (1n << 512n) - P // 569

/** t mod p for 0 ≤ t < 2¹⁰²⁴·2¹⁰ (products of two reduced values, times small constants). */
export const reduce = (t: bigint): bigint => {
  let v = (t & MASK) + (t >> 512n) * FOLD
  v = (v & MASK) + (v >> 512n) * FOLD
  return v >= P ? v - P : v
}

const mul = (a: bigint, b: bigint): bigint => reduce(a * b)
const sqr = (a: bigint): bigint => reduce(a * a)
const add = (a: bigint, b: bigint): bigint => {
  const s = a + b
  return s >= P ? s - P : s
}
const sub = (a: bigint, b: bigint): bigint => {
  const s = a - b
  return s < 0n ? s + P : s
}

/** An affine point (x, y), both reduced; the point at infinity is never one of these. */
export interface Affine {
  readonly x: bigint
  readonly y: bigint
}

/** A Jacobian point; Z = 0 is the point at infinity. */
export interface Jacobian {
  readonly X: bigint
  readonly Y: bigint
  readonly Z: bigint
}

export const INFINITY: Jacobian = { X: 1n, Y: 1n, Z: 0n }

export const negate = (a: Affine): Affine => ({ x: a.x, y: a.y === 0n ? 0n : P - a.y })

/** 2·A (dbl-2001-b, a = −3): 3M + 5S. */
export const double = (A: Jacobian): Jacobian => {
  if (A.Z === 0n || A.Y === 0n) return INFINITY
  const delta = sqr(A.Z)
  const gamma = sqr(A.Y)
  const beta = mul(A.X, gamma)
  const alpha = reduce(3n * sub(A.X, delta) * add(A.X, delta))
  const X3 = sub(sqr(alpha), reduce(8n * beta))
  const Z3 = sub(sub(sqr(add(A.Y, A.Z)), gamma), delta)
  const Y3 = sub(mul(alpha, sub(reduce(4n * beta), X3)), reduce(8n * sqr(gamma)))
  return { X: X3, Y: Y3, Z: Z3 }
}

/** A + b with b affine (madd-2007-bl): 7M + 4S; the equal and opposite cases handled. */
export const addAffine = (A: Jacobian, b: Affine): Jacobian => {
  if (A.Z === 0n) return { X: b.x, Y: b.y, Z: 1n }
  const Z1Z1 = sqr(A.Z)
  const U2 = mul(b.x, Z1Z1)
  const S2 = mul(b.y, mul(A.Z, Z1Z1))
  const H = sub(U2, A.X)
  const r0 = sub(S2, A.Y)
  if (H === 0n) return r0 === 0n ? double(A) : INFINITY
  const HH = sqr(H)
  const I = reduce(4n * HH)
  const J = mul(H, I)
  const r = add(r0, r0)
  const V = mul(A.X, I)
  const X3 = sub(sub(sqr(r), J), add(V, V))
  const Y3 = sub(mul(r, sub(V, X3)), reduce(2n * A.Y * J))
  const Z3 = sub(sub(sqr(add(A.Z, H)), Z1Z1), HH)
  return { X: X3, Y: Y3, Z: Z3 }
}

/** Affine forms of many Jacobian points with one inversion (Montgomery's trick). None may be infinity. */
export const toAffineAll = (points: readonly Jacobian[]): Affine[] => {
  const prefix: bigint[] = []
  let acc = 1n
  for (const p of points) {
    if (p.Z === 0n) throw new Error('the point at infinity has no affine form')
    prefix.push(acc)
    acc = mul(acc, p.Z)
  }
  let inv = TC26_512_A.Fp.inv(acc)
  const out: Affine[] = new Array<Affine>(points.length)
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as Jacobian
    const zInv = mul(inv, prefix[i] as bigint)
    inv = mul(inv, p.Z)
    const zInv2 = sqr(zInv)
    out[i] = { x: mul(p.X, zInv2), y: mul(p.Y, mul(zInv2, zInv)) }
  }
  return out
}

/** Whether x(A) ≡ r (mod q), without an inversion: x(A) ∈ [0, p) and p < 2q, so x ≡ r iff x = r or x = r + q. */
export const xModQEquals = (A: Jacobian, r: bigint, q: bigint): boolean => {
  if (A.Z === 0n) return false
  const zz = sqr(A.Z)
  if (mul(r, zz) === A.X) return true
  return r + q < P && mul(r + q, zz) === A.X
}
