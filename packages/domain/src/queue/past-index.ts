/**
 * The index behind past views of one list: every interval in which an entry was active in the list, laid out in
 * the list's order (the policy's order of the entries, then the interval's start), with two wavelet matrices over
 * the intervals' start and end times.
 *
 * Entries ordered before slot i and active at t = intervals among slots [0, i) with from ≤ t, minus those with
 * to ≤ t (an interval that ended by t also started by t). One entry's intervals never overlap, so counting
 * intervals counts entries. Each count is O(log σ) (σ: distinct instants), so a past position is O(log n) and a
 * past page of k entries O(k log² n) — after one O(m log m) build per list, m being the intervals the list ever had.
 */
import { entryAt, type EntryRecord } from './entry-record.js'
import type { OrderingPolicy } from './ordering-policy.js'
import { listId, type WaitingEntry } from './waiting-entry.js'
import { WaveletMatrix } from './wavelet-matrix.js'

export interface PastIndex {
  /** Slot i: the application, its entry when the interval opened (its place in the order), and the interval. */
  readonly ids: readonly string[]
  readonly keys: readonly WaitingEntry[]
  readonly from: Float64Array
  /** The earliest instant any entry was in the list. */
  readonly earliest: number
  /** Entries among slots [0, slot) active at `ms`. */
  readonly activeBefore: (slot: number, ms: number) => number
  /** The slot of the interval of `key` that opened at `from` (it must be in the index). */
  readonly slotOf: (key: WaitingEntry, from: number) => number
  /** The first slot whose key is not before `candidate`. */
  readonly lowerBound: (candidate: WaitingEntry) => number
  /** The slot of the (rank+1)-th entry active at `ms`, searching from slot `from`; -1 when there is none. */
  readonly select: (rank: number, ms: number, from: number) => number
}

interface Slot {
  readonly id: string
  readonly key: WaitingEntry
  readonly from: number
  readonly to: number
}

/** First index in sorted `xs` whose value is > x. */
const upperBound = (xs: Float64Array, x: number): number => {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((xs[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

const indexOf = (slots: Slot[], policy: OrderingPolicy): PastIndex => {
  const compare = policy.compare
  slots.sort((a, b) => compare(a.key, b.key) || a.from - b.from)
  const n = slots.length
  const ids = slots.map((s) => s.id)
  const keys = slots.map((s) => s.key)
  const from = Float64Array.from(slots, (s) => s.from)
  const to = Float64Array.from(slots, (s) => s.to)
  const times = Float64Array.from(new Set([...from, ...to])).sort()
  const code = (xs: Float64Array) => Uint32Array.from(xs, (x) => upperBound(times, x) - 1)
  const started = new WaveletMatrix(code(from), times.length)
  const ended = new WaveletMatrix(code(to), times.length)
  let earliest = Infinity
  for (const f of from) if (f < earliest) earliest = f

  const activeBefore = (slot: number, ms: number): number => {
    // Instants ≤ ms are the codes below upperBound(times, ms).
    const v = upperBound(times, ms)
    return started.countLess(slot, v) - ended.countLess(slot, v)
  }
  const lowerBound = (candidate: WaitingEntry): number => {
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(keys[mid] as WaitingEntry, candidate) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const slotOf = (key: WaitingEntry, at: number): number => {
    let lo = lowerBound(key)
    let hi = n
    // Among the slots of equal keys (one application's intervals), the one that opened at `at`.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(keys[mid] as WaitingEntry, key) === 0 && (from[mid] as number) < at) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const select = (rank: number, ms: number, start: number): number => {
    // The smallest slot s ≥ start with activeBefore(s + 1) > rank.
    let lo = start
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (activeBefore(mid + 1, ms) > rank) hi = mid
      else lo = mid + 1
    }
    return lo < n ? lo : -1
  }
  return { ids, keys, from, earliest, activeBefore, slotOf, lowerBound, select }
}

/**
 * Builds the past index of each list in `wanted` in one pass over the records. Each interval is placed in the list
 * of the entry as it stood when the interval opened.
 */
export const buildPastIndexes = (
  records: ReadonlyMap<string, EntryRecord>,
  policy: OrderingPolicy,
  wanted: (listId: string) => boolean,
): Map<string, PastIndex> => {
  const grouped = new Map<string, Slot[]>()
  for (const [id, r] of records) {
    const iv = r.intervals
    for (let i = 0; i < iv.length; i += 2) {
      const from = iv[i] as number
      const key = r.earlier === undefined ? r.entry : entryAt(r, from)
      const list = listId(key.list)
      if (!wanted(list)) continue
      const slot: Slot = { id, key, from, to: iv[i + 1] as number }
      const bucket = grouped.get(list)
      if (bucket === undefined) grouped.set(list, [slot])
      else bucket.push(slot)
    }
  }
  const out = new Map<string, PastIndex>()
  for (const [list, slots] of grouped) out.set(list, indexOf(slots, policy))
  return out
}
