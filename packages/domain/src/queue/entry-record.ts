/**
 * What the waiting-list projection remembers of one application, with enough history to answer for any past
 * instant: the valid-time intervals in which it was active, why each one closed, and the entry's earlier versions
 * (holder, family size) with the instant each was replaced.
 *
 * "As of t" means: as a list rebuilt from the events whose valid time is ≤ t. Within one application's stream valid
 * time does not go backwards (commands carry the instant they are made), so the state at t is the state after the
 * stream's last event at or before t.
 */
import type { WaitingEntry } from './waiting-entry.js'

/** `placed`: a child left the kindergarten Journal with a referral. */
export type EntryStatus = 'active' | 'removed' | 'housed' | 'placed'

export interface EntryRecord {
  entry: WaitingEntry
  status: EntryStatus
  /** Flat [from, to) pairs in valid-time milliseconds; an open interval ends at +Infinity. */
  readonly intervals: number[]
  /** The status each closed interval closed into, by interval index (absent until one closes). */
  closedAs?: EntryStatus[]
  /** Earlier versions of `entry`, oldest first, each with the valid time the next version replaced it. */
  earlier?: { readonly until: number; readonly entry: WaitingEntry }[]
}

/** The interval index active at `ms`, or -1. */
export const activeInterval = (intervals: readonly number[], ms: number): number => {
  for (let i = 0; i < intervals.length; i += 2) {
    if ((intervals[i] as number) <= ms && ms < (intervals[i + 1] as number)) return i >>> 1
  }
  return -1
}

/** The entry as it stood at `ms` (the version after every change at or before `ms`). */
export const entryAt = (r: EntryRecord, ms: number): WaitingEntry => {
  const earlier = r.earlier
  if (earlier !== undefined) {
    for (const v of earlier) if (v.until > ms) return v.entry
  }
  return r.entry
}

/**
 * The record as a rebuild from the events up to `ms` would hold it, or undefined when the application had not been
 * queued by then.
 */
export const recordAt = (r: EntryRecord, ms: number): EntryRecord | undefined => {
  const iv = r.intervals
  if (iv.length === 0 || (iv[0] as number) > ms) return undefined
  const intervals: number[] = []
  let status: EntryStatus = 'active'
  for (let i = 0; i < iv.length && (iv[i] as number) <= ms; i += 2) {
    const to = iv[i + 1] as number
    const closed = to <= ms
    intervals.push(iv[i] as number, closed ? to : Infinity)
    status = closed ? (r.closedAs?.[i >>> 1] ?? 'removed') : 'active'
  }
  const closedAs = r.closedAs?.slice(0, intervals.length >>> 1).filter((_, k) => (intervals[2 * k + 1] as number) !== Infinity)
  const earlier = r.earlier?.filter((v) => v.until <= ms)
  return {
    entry: entryAt(r, ms),
    status,
    intervals,
    ...(closedAs === undefined || closedAs.length === 0 ? {} : { closedAs }),
    ...(earlier === undefined || earlier.length === 0 ? {} : { earlier }),
  }
}
