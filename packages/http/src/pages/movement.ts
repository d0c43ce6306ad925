/**
 * Queue movement per list, computed from the waiting list's records (each entry keeps its valid-time intervals):
 * entries added, housed and removed per quarter, and the list's length at the end of each quarter. One pass over
 * the records gives every list at once; the result is cached and recomputed at most once a minute while events
 * keep coming, which is plenty for figures by quarter (the page says when they were computed).
 */
import { listId, type WaitingList } from '@kezek/domain'
import { boundaryAtOrAfter, quarterOf, yearOf, type Quarter } from './quarters.js'

export interface QuarterFigures {
  readonly quarter: Quarter
  readonly added: number
  readonly housed: number
  readonly removed: number
  /** Active entries at the end of the quarter (for the current quarter: now). */
  readonly lengthAtEnd: number
}

export interface ListMovement {
  readonly listId: string
  readonly quarters: readonly QuarterFigures[]
  /** Entries housed per calendar year (Kazakhstan time). */
  readonly housedByYear: ReadonlyMap<number, number>
  /** The first year the list had an entry. */
  readonly firstYear: number
}

interface Acc {
  readonly added: Map<Quarter, number>
  readonly housed: Map<Quarter, number>
  readonly removed: Map<Quarter, number>
  readonly delta: Map<Quarter, number>
  readonly housedByYear: Map<number, number>
  first: number
}

const bump = (m: Map<number, number>, k: number, by = 1): void => { m.set(k, (m.get(k) ?? 0) + by) }

export const computeMovement = (list: WaitingList, nowMs: number): ReadonlyMap<string, ListMovement> => {
  const accs = new Map<string, Acc>()
  for (const r of list.records().values()) {
    const id = listId(r.entry.list)
    let a = accs.get(id)
    if (a === undefined) {
      a = { added: new Map(), housed: new Map(), removed: new Map(), delta: new Map(), housedByYear: new Map(), first: Infinity }
      accs.set(id, a)
    }
    const iv = r.intervals
    if (iv.length < 2) continue
    const start = iv[0] as number
    a.first = Math.min(a.first, start)
    bump(a.added, quarterOf(start))
    for (let i = 0; i < iv.length; i += 2) {
      bump(a.delta, boundaryAtOrAfter(iv[i] as number))
      const to = iv[i + 1] as number
      if (to !== Infinity) bump(a.delta, boundaryAtOrAfter(to), -1)
    }
    const end = iv[iv.length - 1] as number
    if (end !== Infinity && r.status === 'housed') { bump(a.housed, quarterOf(end)); bump(a.housedByYear, yearOf(end)) }
    if (end !== Infinity && r.status === 'removed') bump(a.removed, quarterOf(end))
  }
  const nowQ = quarterOf(nowMs)
  const out = new Map<string, ListMovement>()
  for (const [id, a] of accs) {
    if (a.first === Infinity) continue
    const firstQ = quarterOf(a.first)
    // Boundaries before the first quarter hold no entry, so the running sum can start there.
    let running = 0
    for (const [k, d] of a.delta) if (k <= firstQ) running += d
    const quarters: QuarterFigures[] = []
    for (let q = firstQ; q <= nowQ; q += 1) {
      running += a.delta.get(q + 1) ?? 0
      quarters.push({ quarter: q, added: a.added.get(q) ?? 0, housed: a.housed.get(q) ?? 0, removed: a.removed.get(q) ?? 0, lengthAtEnd: running })
    }
    out.set(id, { listId: id, quarters, housedByYear: a.housedByYear, firstYear: yearOf(a.first) })
  }
  return out
}

export interface MovementCache {
  readonly get: () => { readonly lists: ReadonlyMap<string, ListMovement>; readonly computedAt: Date }
}

export const movementCache = (
  list: WaitingList, eventsSeen: () => number, clock: () => Date, maxAgeMs = 60_000,
): MovementCache => {
  let cached: { lists: ReadonlyMap<string, ListMovement>; computedAt: Date; seen: number } | undefined
  return {
    get: () => {
      const now = clock()
      const seen = eventsSeen()
      if (cached === undefined || (cached.seen !== seen && now.getTime() - cached.computedAt.getTime() >= maxAgeMs)) {
        cached = { lists: computeMovement(list, now.getTime()), computedAt: now, seen }
      }
      return cached
    },
  }
}
