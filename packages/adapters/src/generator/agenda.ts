/**
 * The simulation's agenda: what happens next, earliest first. A binary min-heap ordered by time, then by the order
 * items were scheduled, so two items at the same millisecond always come out in the same order (determinism).
 */
interface Slot<T> {
  readonly at: number
  readonly seq: number
  readonly item: T
}

const before = <T>(a: Slot<T>, b: Slot<T>): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq)

export class Agenda<T> {
  private readonly heap: Slot<T>[] = []
  private seq = 0

  get size(): number {
    return this.heap.length
  }

  schedule(at: number, item: T): void {
    const heap = this.heap
    heap.push({ at, seq: this.seq++, item })
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i] as Slot<T>, heap[parent] as Slot<T>)) break
      ;[heap[i], heap[parent]] = [heap[parent] as Slot<T>, heap[i] as Slot<T>]
      i = parent
    }
  }

  /** The earliest item and its time, or undefined when nothing is scheduled. */
  next(): { readonly at: number; readonly item: T } | undefined {
    const heap = this.heap
    const top = heap[0]
    if (top === undefined) return undefined
    const last = heap.pop() as Slot<T>
    if (heap.length > 0) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && before(heap[l] as Slot<T>, heap[m] as Slot<T>)) m = l
        if (r < heap.length && before(heap[r] as Slot<T>, heap[m] as Slot<T>)) m = r
        if (m === i) break
        ;[heap[i], heap[m]] = [heap[m] as Slot<T>, heap[i] as Slot<T>]
        i = m
      }
    }
    return { at: top.at, item: top.item }
  }
}
