/**
 * Fixed-window tables for a point that is multiplied again and again (the base point G; a returning signer's or a
 * CA's public key Q), and the verification sum z1·G + z2·Q built from them.
 *
 * A scalar is written in signed base-2ᵂ digits dᵢ ∈ [−2ᵂ⁻¹, 2ᵂ⁻¹]; the table holds, for every window i, the affine
 * points k·2ᵂⁱ·P for k = 1 … 2ᵂ⁻¹. Then n·P = Σ ±table[i][|dᵢ|]: one mixed addition per non-zero digit and no
 * doubling at all, and both products of a verification add into one accumulator. With G at W = 8 and Q at W = 6
 * that is at most 65 + 87 additions, against 512 doublings and ~200 additions without tables.
 *
 * Costs (measured in `pnpm bench`): G's table (65 × 128 points, ~1.5 MB) is built once per process; a key's table
 * (87 × 32 points, ~0.4 MB) costs ~25 ms of CPU to build (some forty verifications), so `verifyKernel` builds it on a
 * key's second use only and keeps the tables of the most recently used `KEY_TABLE_CAPACITY` keys — a citizen who
 * signs once pays no table, an officer or a CA signing all day keeps theirs.
 */
import { q, TC26_512_A } from './curve.js'
import { addAffine, double, INFINITY, negate, toAffineAll, xModQEquals, type Affine, type Jacobian } from './jacobian.js'

const BITS = 512

export interface WindowTable {
  readonly w: number
  /** rows[i][k − 1] = k·2ʷⁱ·P. */
  readonly rows: readonly (readonly Affine[])[]
}

/** The table of `point` (affine, not infinity) for window width w. */
export const buildTable = (point: Affine, w: number): WindowTable => {
  const windows = Math.ceil(BITS / w) + 1
  const half = 1 << (w - 1)
  const rows: Affine[][] = []
  let base: Affine = point
  for (let i = 0; i < windows; i++) {
    const multiples: Jacobian[] = []
    let acc: Jacobian = INFINITY
    for (let k = 1; k <= half; k++) {
      acc = addAffine(acc, base)
      multiples.push(acc)
    }
    // The next window's base: 2ʷ·base = 2·(2ʷ⁻¹·base), normalised with this row in one inversion.
    const affine = toAffineAll([...multiples, double(acc)])
    base = affine.pop() as Affine
    rows.push(affine)
  }
  return { w, rows }
}

/** Signed base-2ʷ digits of 0 ≤ n < 2⁵¹², least significant first; `windows` of them (one spare for the carry). */
export const signedDigits = (n: bigint, w: number): Int32Array => {
  const windows = Math.ceil(BITS / w) + 1
  const digits = new Int32Array(windows)
  const mask = BigInt((1 << w) - 1)
  const full = 1 << w
  const half = 1 << (w - 1)
  const step = BigInt(w)
  let rest = n
  let carry = 0
  for (let i = 0; i < windows; i++) {
    let d = Number(rest & mask) + carry
    rest >>= step
    if (d > half) {
      d -= full
      carry = 1
    } else carry = 0
    digits[i] = d
  }
  if (carry !== 0 || rest !== 0n) throw new RangeError('scalar too large for its table')
  return digits
}

/** acc + n·P through P's table. */
export const addMultiple = (acc: Jacobian, table: WindowTable, n: bigint): Jacobian => {
  const digits = signedDigits(n, table.w)
  let sum = acc
  for (let i = 0; i < digits.length; i++) {
    const d = digits[i] as number
    if (d === 0) continue
    const row = table.rows[i] as readonly Affine[]
    const point = row[Math.abs(d) - 1] as Affine
    sum = addAffine(sum, d > 0 ? point : negate(point))
  }
  return sum
}

/** acc + n·P by signed windows and doublings, for a point without a table (a key seen once). */
export const addMultipleOnce = (acc: Jacobian, point: Affine, n: bigint): Jacobian => {
  const w = 5
  const half = 1 << (w - 1)
  const multiples: Jacobian[] = []
  let m: Jacobian = INFINITY
  for (let k = 1; k <= half; k++) multiples.push((m = addAffine(m, point)))
  const small = toAffineAll(multiples)
  const digits = signedDigits(n, w)
  let sum: Jacobian = INFINITY
  for (let i = digits.length - 1; i >= 0; i--) {
    for (let j = 0; j < w && sum.Z !== 0n; j++) sum = double(sum)
    const d = digits[i] as number
    if (d !== 0) sum = addAffine(sum, d > 0 ? (small[d - 1] as Affine) : negate(small[-d - 1] as Affine))
  }
  return addJacobian(acc, sum)
}

/** A + B for two Jacobian points, by normalising B (rare: once per verification without a key table). */
const addJacobian = (A: Jacobian, B: Jacobian): Jacobian => {
  if (B.Z === 0n) return A
  const [b] = toAffineAll([B])
  return addAffine(A, b as Affine)
}

const G = TC26_512_A.BASE.toAffine()
let baseTable: WindowTable | undefined
const baseTableOf = (): WindowTable => (baseTable ??= buildTable(G, 8))

/** How many keys keep their tables (~0.4 MB each). */
export const KEY_TABLE_CAPACITY = 64

/** A public key as verification uses it: the affine point, and its table once it has earned one. */
export interface KernelKey {
  readonly point: Affine
  uses: number
  table: WindowTable | undefined
}

const withTables: KernelKey[] = []

const tableFor = (key: KernelKey): WindowTable | undefined => {
  key.uses++
  if (key.table !== undefined) {
    const at = withTables.indexOf(key)
    if (at > 0) withTables.unshift(...withTables.splice(at, 1))
    return key.table
  }
  if (key.uses < 2) return undefined
  key.table = buildTable(key.point, 6)
  withTables.unshift(key)
  const evicted = withTables.splice(KEY_TABLE_CAPACITY)
  for (const old of evicted) old.table = undefined
  return key.table
}

export const kernelKey = (point: Affine): KernelKey => ({ point, uses: 0, table: undefined })

/** Whether x(z1·G + z2·Q) ≡ r (mod q), 0 < z1, z2 < q (GOST R 34.10-2012 §6.2, steps 5–7). */
export const verifyKernel = (key: KernelKey, z1: bigint, z2: bigint, r: bigint): boolean => {
  const table = tableFor(key)
  const withG = addMultiple(INFINITY, baseTableOf(), z1)
  const R = table !== undefined ? addMultiple(withG, table, z2) : addMultipleOnce(withG, key.point, z2)
  return xModQEquals(R, r, q)
}

/** Forgets every key's table (for measuring a signer seen for the first time). */
export const forgetKeyTables = (): void => {
  for (const key of withTables.splice(0)) {
    key.table = undefined
    key.uses = 0
  }
}
