/**
 * A waiting list as it stood at a past instant: the answers a list rebuilt from the events whose valid time is ≤ t
 * would give — position, page, size, count before a candidate, the entry's holder and family size, the record's
 * status — read from the projection's history through per-list past indexes instead of rebuilding.
 *
 * The view reads the projection it came from: events applied to it later that are valid before t (a late stream)
 * are part of the answers. Indexes are built on first use, once per list, and again only for a list that changed.
 */
import { activeInterval, entryAt, recordAt, type EntryRecord } from './entry-record.js'
import type { OrderingPolicy } from './ordering-policy.js'
import type { PastIndex } from './past-index.js'
import { listId, type WaitingEntry } from './waiting-entry.js'
import type { Placement, WaitingList } from './waiting-list.js'

export interface PastSource {
  readonly policy: OrderingPolicy
  readonly records: ReadonlyMap<string, EntryRecord>
  /** Every list's past index, fresh (built or rebuilt as needed). */
  readonly indexes: () => ReadonlyMap<string, PastIndex>
  /** A frozen projection over the given records (for `withPolicy` and `records` of a past view). */
  readonly frozen: (policy: OrderingPolicy, records: Map<string, EntryRecord>) => WaitingList
  readonly serialize: (list: WaitingList) => string
}

export const pastView = (source: PastSource, ms: number): WaitingList => {
  const { policy, records } = source
  const indexOf = (id: string): PastIndex | undefined => source.indexes().get(id)
  const sizeOf = (index: PastIndex): number => index.activeBefore(index.ids.length, ms)

  const placementAt = (index: PastIndex, slot: number, position: number, of: number): Placement => {
    const entry = entryAt(records.get(index.ids[slot] as string) as EntryRecord, ms)
    return { list: entry.list, listId: listId(entry.list), position, of, entry }
  }

  const page = (id: string, offset: number, limit: number): readonly Placement[] => {
    const index = indexOf(id)
    if (index === undefined) return []
    const of = sizeOf(index)
    const start = Number.isNaN(offset) ? 0 : Math.max(0, Math.floor(offset))
    const end = Math.min(of, start + (Number.isNaN(limit) ? 0 : Math.max(0, Math.floor(limit))))
    const out: Placement[] = []
    let slot = 0
    for (let rank = start; rank < end; rank++) {
      slot = index.select(rank, ms, slot)
      if (slot < 0) break
      out.push(placementAt(index, slot, rank + 1, of))
      slot += 1
    }
    return out
  }

  const self: WaitingList = {
    policy,
    apply: () => {
      throw new Error('a past view of the waiting list is read-only')
    },
    record: (id) => {
      const r = records.get(id)
      return r === undefined ? undefined : recordAt(r, ms)
    },
    position: (id) => {
      const r = records.get(id)
      if (r === undefined) return undefined
      const k = activeInterval(r.intervals, ms)
      if (k < 0) return undefined
      const from = r.intervals[2 * k] as number
      const key = entryAt(r, from)
      const index = indexOf(listId(key.list))
      if (index === undefined) return undefined
      const slot = index.slotOf(key, from)
      return placementAt(index, slot, index.activeBefore(slot, ms) + 1, sizeOf(index))
    },
    page,
    size: (id) => {
      const index = indexOf(id)
      return index === undefined ? 0 : sizeOf(index)
    },
    countBefore: (id, candidate: WaitingEntry) => {
      const index = indexOf(id)
      return index === undefined ? 0 : index.activeBefore(index.lowerBound(candidate), ms)
    },
    listIds: () => [...source.indexes()].filter(([, index]) => index.earliest <= ms).map(([id]) => id).sort(),
    entries: function* (id) {
      const size = self.size(id)
      for (let offset = 0; offset < size; offset += 256) for (const p of page(id, offset, 256)) yield p.entry
    },
    asOf: (at) => pastView(source, Math.min(ms, Date.parse(at))),
    withPolicy: (next) => source.frozen(next, pastRecords()),
    serialize: () => source.serialize(self),
    records: () => pastRecords(),
  }

  const pastRecords = (): Map<string, EntryRecord> => {
    const out = new Map<string, EntryRecord>()
    for (const [id, r] of records) {
      const past = recordAt(r, ms)
      if (past !== undefined) out.set(id, past)
    }
    return out
  }
  return self
}
