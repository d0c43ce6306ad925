/**
 * Queue movement per list, kept as the events arrive: entries added, housed and removed per quarter, the changes of
 * the list's length at each quarter boundary, and entries housed per year. Each waiting-list record contributes to
 * its list's series through its valid-time intervals; when an event changes a record, its old contribution is taken
 * out and the new one put in — a few map updates per event, so the figures are always current and a page never
 * walks the history. A list's quarterly view is built on demand from its series (one step per quarter) and kept
 * until the list changes or a new quarter begins.
 */
import { listId, type EntryRecord } from '@kezek/domain'
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

/** What a record contributes, copied before an event changes the record in place. */
export interface Contribution {
  readonly listId: string
  readonly status: EntryRecord['status']
  readonly intervals: readonly number[]
}

export const contributionOf = (r: EntryRecord | undefined): Contribution | undefined =>
  r === undefined || r.intervals.length < 2 ? undefined : { listId: listId(r.entry.list), status: r.status, intervals: r.intervals.slice() }

const same = (a: Contribution | undefined, b: Contribution | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.listId === b.listId && a.status === b.status &&
    a.intervals.length === b.intervals.length && a.intervals.every((x, i) => x === b.intervals[i]))

interface Series {
  readonly added: Map<Quarter, number>
  readonly housed: Map<Quarter, number>
  readonly removed: Map<Quarter, number>
  /** Change of the list's length at each quarter boundary (the entry counts from the boundary at or after it starts). */
  readonly delta: Map<Quarter, number>
  readonly housedByYear: Map<number, number>
  /** The earliest start ever seen (contributions are replaced, never shortened at the front). */
  first: number
  version: number
  view?: { readonly version: number; readonly nowQ: Quarter; readonly movement: ListMovement }
}

const bump = (m: Map<number, number>, k: number, by: number): void => {
  const v = (m.get(k) ?? 0) + by
  if (v === 0) m.delete(k)
  else m.set(k, v)
}

export interface QueueMovement {
  /** Replaces a record's contribution after an event changed it (before: as copied before the event). */
  readonly update: (before: Contribution | undefined, after: EntryRecord | undefined) => void
  /** The list's figures up to the quarter holding `nowMs`, or undefined when the list has had no entry. */
  readonly of: (listId: string, nowMs: number) => ListMovement | undefined
}

export const queueMovement = (): QueueMovement => {
  const series = new Map<string, Series>()
  const seriesOf = (id: string): Series => {
    let s = series.get(id)
    if (s === undefined) {
      s = { added: new Map(), housed: new Map(), removed: new Map(), delta: new Map(), housedByYear: new Map(), first: Infinity, version: 0 }
      series.set(id, s)
    }
    return s
  }
  const account = (c: Contribution, sign: 1 | -1): void => {
    const s = seriesOf(c.listId)
    const iv = c.intervals
    const start = iv[0] as number
    if (sign > 0) s.first = Math.min(s.first, start)
    bump(s.added, quarterOf(start), sign)
    for (let i = 0; i < iv.length; i += 2) {
      bump(s.delta, boundaryAtOrAfter(iv[i] as number), sign)
      const to = iv[i + 1] as number
      if (to !== Infinity) bump(s.delta, boundaryAtOrAfter(to), -sign)
    }
    const end = iv[iv.length - 1] as number
    if (end !== Infinity && c.status === 'housed') { bump(s.housed, quarterOf(end), sign); bump(s.housedByYear, yearOf(end), sign) }
    if (end !== Infinity && c.status === 'removed') bump(s.removed, quarterOf(end), sign)
    s.version += 1
  }
  const build = (id: string, s: Series, nowQ: Quarter): ListMovement => {
    const firstQ = quarterOf(s.first)
    // Boundaries up to the first quarter hold the entries that start in it; the running sum starts there.
    let running = 0
    for (const [k, d] of s.delta) if (k <= firstQ) running += d
    const quarters: QuarterFigures[] = []
    for (let q = firstQ; q <= nowQ; q += 1) {
      running += s.delta.get(q + 1) ?? 0
      quarters.push({ quarter: q, added: s.added.get(q) ?? 0, housed: s.housed.get(q) ?? 0, removed: s.removed.get(q) ?? 0, lengthAtEnd: running })
    }
    return { listId: id, quarters, housedByYear: new Map(s.housedByYear), firstYear: yearOf(s.first) }
  }
  return {
    update: (before, after) => {
      const now = contributionOf(after)
      if (same(before, now)) return
      if (before !== undefined) account(before, -1)
      if (now !== undefined) account(now, 1)
    },
    of: (id, nowMs) => {
      const s = series.get(id)
      if (s === undefined || s.first === Infinity) return undefined
      const nowQ = quarterOf(nowMs)
      if (s.view === undefined || s.view.version !== s.version || s.view.nowQ !== nowQ) s.view = { version: s.version, nowQ, movement: build(id, s, nowQ) }
      return s.view.movement
    },
  }
}
