/** A Fenwick (binary indexed) tree over 0..n-1 counting marked slots: mark and prefix count in O(log n). */
export class Fenwick {
  readonly #tree: Int32Array

  constructor(readonly size: number) {
    this.#tree = new Int32Array(size + 1)
  }

  mark(i: number): void {
    for (let k = i + 1; k <= this.size; k += k & -k) this.#tree[k] = (this.#tree[k] as number) + 1
  }

  /** Marked slots among 0..i-1. */
  before(i: number): number {
    let sum = 0
    for (let k = i; k > 0; k -= k & -k) sum += this.#tree[k] as number
    return sum
  }
}
