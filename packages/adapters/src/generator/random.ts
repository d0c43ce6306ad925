/**
 * A seeded pseudo-random source (sfc32, seeded through splitmix32). The generator draws every choice from it, so
 * the same seed gives the same histories byte for byte on every machine and Node version: no `Math.random`, no
 * floating-point maths whose rounding could differ between engines beyond IEEE-754 basics.
 */

const splitmix32 = (seed: number): (() => number) => {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

export interface Random {
  /** A uniform 32-bit unsigned integer. */
  readonly uint32: () => number
  /** A uniform float in [0, 1). */
  readonly float: () => number
  /** A uniform integer in [min, max] (inclusive). */
  readonly int: (min: number, max: number) => number
  readonly chance: (p: number) => boolean
  readonly pick: <T>(items: readonly T[]) => T
  /** A key drawn with probability proportional to its weight. */
  readonly weighted: <K extends string>(weights: Readonly<Record<K, number>>) => K
  /** An exponentially distributed value with the given mean (waiting times of a Poisson process). */
  readonly exponential: (mean: number) => number
  /** A random (version 4 layout) UUID: deterministic under the seed. */
  readonly uuid: () => string
  /** An independent stream derived from this one, for a sub-task whose draws must not shift the others. */
  readonly fork: () => Random
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

const hex32 = (n: number): string =>
  (HEX[(n >>> 24) & 255] as string) + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255]

export const seededRandom = (seed: number): Random => {
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const uint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  for (let i = 0; i < 12; i++) uint32()
  const float = (): number => uint32() / 4294967296
  const int = (min: number, max: number): number => min + Math.floor(float() * (max - min + 1))
  const self: Random = {
    uint32,
    float,
    int,
    chance: (p) => float() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list')
      return items[Math.floor(float() * items.length)] as T
    },
    weighted: <K extends string>(weights: Readonly<Record<K, number>>): K => {
      const keys = Object.keys(weights) as K[]
      let total = 0
      for (const k of keys) total += weights[k]
      let x = float() * total
      for (const k of keys) {
        x -= weights[k]
        if (x < 0) return k
      }
      return keys[keys.length - 1] as K
    },
    exponential: (mean) => -Math.log(1 - float()) * mean,
    uuid: () => {
      const p = hex32(uint32())
      const q = hex32(uint32())
      const r = hex32(uint32())
      const s = hex32(uint32())
      const variant = ((parseInt(r[0] as string, 16) & 0x3) | 0x8).toString(16)
      return `${p}-${q.slice(0, 4)}-4${q.slice(5, 8)}-${variant}${r.slice(1, 4)}-${r.slice(4)}${s}`
    },
    fork: () => seededRandom(uint32()),
  }
  return self
}
