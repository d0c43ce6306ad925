/**
 * A wavelet matrix over a fixed sequence of small non-negative integers: "how many of the first `end` values are
 * below `v`" in O(log σ) bit-vector ranks, whatever the length of the sequence. Built once in O(n log σ); it takes
 * n·⌈log₂ σ⌉ bits plus one 32-bit rank count per 32 bits.
 *
 * Why this: a past view of the waiting list asks "how many entries ordered before this one were in the list at
 * instant t". With the entries' active intervals laid out in list order and their start (or end) times as values,
 * that is two such counts (started by t, minus ended by t), so any past position is O(log σ) after one build per
 * list, instead of a rebuild of the list at t. It is static: the list changing means building it again.
 *
 * Reference: Claude, Navarro, Ordóñez, "The wavelet matrix" (SPIRE 2012).
 */

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

export class WaveletMatrix {
  readonly length: number
  readonly #levels: number
  /** Per level (most significant bit first): the bits of the values as arranged at that level, 32 per word. */
  readonly #bits: Uint32Array[] = []
  /** Per level: ones in the words before word w, at index w. */
  readonly #ones: Uint32Array[] = []
  /** Per level: how many values have a 0 at that level (they come first in the next level's arrangement). */
  readonly #zeros: number[] = []

  /** `values` are integers in [0, sigma). */
  constructor(values: ArrayLike<number>, sigma: number) {
    const n = values.length
    this.length = n
    this.#levels = Math.max(1, 32 - Math.clz32(Math.max(1, sigma - 1)))
    let current = Uint32Array.from(values as ArrayLike<number>)
    let next = new Uint32Array(n)
    for (let level = 0; level < this.#levels; level++) {
      const bit = this.#levels - 1 - level
      const words = new Uint32Array((n >>> 5) + 1)
      let zeros = 0
      for (let i = 0; i < n; i++) {
        if (((current[i] as number) >>> bit) & 1) words[i >>> 5] = (words[i >>> 5] as number) | (1 << (i & 31))
        else zeros++
      }
      // Stable partition: values with a 0 at this bit first, then those with a 1, each in their order.
      let z = 0
      let o = zeros
      for (let i = 0; i < n; i++) {
        const v = current[i] as number
        if ((v >>> bit) & 1) next[o++] = v
        else next[z++] = v
      }
      const ones = new Uint32Array(words.length + 1)
      for (let w = 0; w < words.length; w++) ones[w + 1] = (ones[w] as number) + popcount(words[w] as number)
      this.#bits.push(words)
      this.#ones.push(ones)
      this.#zeros.push(zeros)
      const swap = current
      current = next
      next = swap
    }
  }

  /** Ones among the first i positions of a level. */
  #rank1(level: number, i: number): number {
    const w = i >>> 5
    const rest = i & 31
    const before = (this.#ones[level] as Uint32Array)[w] as number
    return rest === 0 ? before : before + popcount(((this.#bits[level] as Uint32Array)[w] as number) & ((1 << rest) - 1) >>> 0)
  }

  /** How many of the values at positions [0, end) are < v. */
  countLess(end: number, v: number): number {
    const e0 = Math.max(0, Math.min(this.length, end))
    if (v <= 0 || e0 === 0) return 0
    if (v >= 2 ** this.#levels) return e0
    let s = 0
    let e = e0
    let count = 0
    for (let level = 0; level < this.#levels; level++) {
      const bit = (v >>> (this.#levels - 1 - level)) & 1
      const os = this.#rank1(level, s)
      const oe = this.#rank1(level, e)
      if (bit === 1) {
        // Values with a 0 here are below v: count them, follow the ones.
        count += e - s - (oe - os)
        const zeros = this.#zeros[level] as number
        s = zeros + os
        e = zeros + oe
      } else {
        s -= os
        e -= oe
      }
    }
    return count
  }
}
