/**
 * What changed between two waiting lists, entry by entry, and why. A position is the number of active entries
 * ahead plus one, so every move is explained by who is ahead now and was not, or was and is not:
 *
 * - entries that left ahead of it (housed, removed, or not yet on the list at the instant asked for);
 * - entries that joined ahead of it (queued or restored since);
 * - entries that are on both lists but changed sides: the ordering policy differs (or, under one policy, their
 *   ordering data changed).
 *
 * Counting "changed sides" for every entry is an inversion count; a Fenwick tree makes the whole diff
 * O(n log n), so a region's lists of millions diff in seconds.
 */
import { Fenwick } from './fenwick.js'

export interface ListSnapshot {
  /** Policy id (`filing-order@1`) and the instant it shows, for the report. */
  readonly label: string
  readonly policy: string
  /** Application ids of each list's active entries, in order. */
  readonly lists: ReadonlyMap<string, readonly string[]>
}

/** Why an entry absent from the new list is absent, as far as the new list's records tell. */
export type Departure = 'housed' | 'removed' | 'not_yet_queued' | 'gone'

export interface EntryChange {
  readonly listId: string
  readonly applicationId: string
  readonly before: number | undefined
  readonly after: number | undefined
  readonly leftAhead: Readonly<Partial<Record<Departure, number>>>
  readonly joinedAhead: number
  /** Entries on both lists that were behind and are now ahead. */
  readonly overtaken: number
  /** Entries on both lists that were ahead and are now behind. */
  readonly passed: number
  /** For an entry that left the list: why. */
  readonly departure?: Departure
}

export interface ListDiff {
  readonly before: ListSnapshot
  readonly after: ListSnapshot
  readonly changes: readonly EntryChange[]
  /** Entries compared (on either list). */
  readonly compared: number
}

const diffList = (
  listId: string,
  before: readonly string[],
  after: readonly string[],
  departure: (applicationId: string) => Departure,
  out: EntryChange[],
): void => {
  const oldRank = new Map<string, number>()
  before.forEach((id, i) => oldRank.set(id, i))
  const newRank = new Map<string, number>()
  after.forEach((id, i) => newRank.set(id, i))

  // Departed entries ahead of each old rank, per reason (prefix counts over the old order).
  const reasons: Departure[] = ['housed', 'removed', 'not_yet_queued', 'gone']
  const departedBefore = new Map<Departure, Int32Array>(reasons.map((r) => [r, new Int32Array(before.length + 1)]))
  before.forEach((id, i) => {
    const why = newRank.has(id) ? undefined : departure(id)
    for (const r of reasons) {
      const arr = departedBefore.get(r) as Int32Array
      arr[i + 1] = (arr[i] as number) + (why === r ? 1 : 0)
    }
  })
  // Joined entries ahead of each new rank.
  const joinedBefore = new Int32Array(after.length + 1)
  after.forEach((id, i) => {
    joinedBefore[i + 1] = (joinedBefore[i] as number) + (oldRank.has(id) ? 0 : 1)
  })

  // Walk the new order; the tree holds the old ranks of common entries already seen (i.e. ahead now).
  const seen = new Fenwick(before.length)
  let commonSeen = 0
  after.forEach((id, i) => {
    const o = oldRank.get(id)
    if (o === undefined) {
      out.push({ listId, applicationId: id, before: undefined, after: i + 1, leftAhead: {}, joinedAhead: joinedBefore[i] as number, overtaken: 0, passed: 0 })
      return
    }
    const aheadNowAndBefore = seen.before(o)
    const aheadNow = commonSeen
    const aheadBefore = o - reasons.reduce((n, r) => n + ((departedBefore.get(r) as Int32Array)[o] as number), 0)
    const overtaken = aheadNow - aheadNowAndBefore
    const passed = aheadBefore - aheadNowAndBefore
    seen.mark(o)
    commonSeen++
    if (o === i) return
    const leftAhead: Partial<Record<Departure, number>> = {}
    for (const r of reasons) {
      const n = (departedBefore.get(r) as Int32Array)[o] as number
      if (n > 0) leftAhead[r] = n
    }
    out.push({ listId, applicationId: id, before: o + 1, after: i + 1, leftAhead, joinedAhead: joinedBefore[i] as number, overtaken, passed })
  })
  before.forEach((id, i) => {
    if (!newRank.has(id)) {
      out.push({ listId, applicationId: id, before: i + 1, after: undefined, leftAhead: {}, joinedAhead: 0, overtaken: 0, passed: 0, departure: departure(id) })
    }
  })
}

export const diffLists = (before: ListSnapshot, after: ListSnapshot, departure: (applicationId: string) => Departure): ListDiff => {
  const changes: EntryChange[] = []
  const ids = [...new Set([...before.lists.keys(), ...after.lists.keys()])].sort()
  let compared = 0
  for (const id of ids) {
    const b = before.lists.get(id) ?? []
    const a = after.lists.get(id) ?? []
    compared += new Set([...b, ...a]).size
    diffList(id, b, a, departure, changes)
  }
  return { before, after, changes, compared }
}
