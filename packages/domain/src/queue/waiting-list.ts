/**
 * The waiting-list projection: for every provider and category list, the active entries in the order of a named
 * policy. Positions are never stored: a position is the rank of the entry among the active entries of its list,
 * answered in O(log n) by a counted B+tree, so an entry moves up when an earlier one is housed or removed.
 *
 * The projection owns mutable state for speed (a region's list is millions of entries) but stays a fold: no I/O, no
 * clock, and the same events give the same lists whatever the interleaving of different applications' streams.
 * Each entry keeps the valid-time intervals in which it was active and its earlier versions, so any past instant
 * can be answered exactly (past-view.ts), through indexes built once per list (past-index.ts).
 */
import type { ApplicationEvent, EventOf, ListKey } from '../application/events.js'
import type { Instant } from '../kernel/instant.js'
import type { EntryRecord, EntryStatus } from './entry-record.js'
import type { ListSnapshot } from './number-at-registration.js'
import { policyId, type OrderingPolicy } from './ordering-policy.js'
import { buildPastIndexes, type PastIndex } from './past-index.js'
import { pastView } from './past-view.js'
import { RankedSet } from './ranked-set.js'
import { listId, type WaitingEntry } from './waiting-entry.js'

export type { EntryRecord, EntryStatus } from './entry-record.js'

export interface Placement {
  readonly list: ListKey
  readonly listId: string
  /** 1-based current position. */
  readonly position: number
  readonly of: number
  readonly entry: WaitingEntry
}

export interface WaitingList extends ListSnapshot {
  readonly policy: OrderingPolicy
  readonly apply: (event: ApplicationEvent) => void
  readonly record: (applicationId: string) => EntryRecord | undefined
  /** Current position of an application, or undefined when it is not an active entry. O(log n). */
  readonly position: (applicationId: string) => Placement | undefined
  /** A page of a list in order, with 1-based positions. O(log n + limit). */
  readonly page: (listId: string, offset: number, limit: number) => readonly Placement[]
  readonly size: (listId: string) => number
  /** Active entries of a list that come before `candidate` (which need not be in it). O(log n). */
  readonly countBefore: (listId: string, candidate: WaitingEntry) => number
  /** Ids of the lists that have ever had an entry, sorted. */
  readonly listIds: () => readonly string[]
  /** Every active entry of a list, in order. */
  readonly entries: (listId: string) => Iterable<WaitingEntry>
  /**
   * The lists as they stood at a past instant (valid time): every answer is the one a list rebuilt from the events
   * valid at or before it would give. Read-only. Position O(log n), page O(limit · log² n), after one index build
   * per list (on first use; again for a list that changed since).
   */
  readonly asOf: (at: Instant) => WaitingList
  /** The same projection under another policy, from the same records. */
  readonly withPolicy: (policy: OrderingPolicy) => WaitingList
  /** A deterministic text form: the same events give byte-identical output. */
  readonly serialize: () => string
  readonly records: () => ReadonlyMap<string, EntryRecord>
}

/** The list entry a `queued` event creates; other projections of the same facts use it too. */
export const waitingEntryOf = (e: EventOf<'queued'>): WaitingEntry => ({
  applicationId: e.applicationId,
  list: e.list,
  filedAt: e.filedAt,
  filedAtMs: Date.parse(e.filedAt),
  requestNumber: e.requestNumber,
  queueNumberAtRegistration: e.queueNumberAtRegistration,
  commissionDecisionDate: e.commissionDecisionDate,
  familySize: e.familySize,
  holderIin: e.applicantIin,
  ...(e.journal === undefined ? {} : { journal: e.journal }),
})

/** The event types a waiting list reads; every other event leaves every list (and its records) as it was. */
const LIST_EVENTS: ReadonlySet<ApplicationEvent['type']> = new Set<ApplicationEvent['type']>([
  'queued', 'removed', 'housing_allocated', 'result_issued', 'restored', 'position_kept_by_family', 'data_changed',
])

/**
 * Whether events of this type may change a waiting list: a stored event's type says so before its data is decoded.
 * Any other type leaves every list as it was.
 */
export const isWaitingListEventType = (type: string): boolean => LIST_EVENTS.has(type as ApplicationEvent['type'])

/**
 * Whether the event may change a waiting list. A service that shows its own writes at once (before following the
 * log) may do so only for the others: lists follow the log's global order.
 */
export const changesWaitingList = (e: ApplicationEvent): boolean => isWaitingListEventType(e.type)

/**
 * Applies one event to the records only (no ordering). Shared by the incremental projection and by the bulk
 * rebuild, so both read the events the same way. Returns the record's entry before and after, for the caller's
 * ordered sets.
 */
const step = (
  records: Map<string, EntryRecord>,
  e: ApplicationEvent,
): { readonly before?: WaitingEntry; readonly after?: WaitingEntry } => {
  // The set above is the one list of what a list reads: a case below that is missing from it never runs.
  if (!LIST_EVENTS.has(e.type)) return {}
  switch (e.type) {
    case 'queued': {
      const previous = records.get(e.applicationId)
      const entry = waitingEntryOf(e)
      const at = Date.parse(e.at)
      if (previous === undefined) {
        records.set(e.applicationId, { entry, status: 'active', intervals: [at, Infinity] })
        return { after: entry }
      }
      // Queued again: the earlier entry stays in the history (a past view may ask for it).
      const wasActive = previous.status === 'active'
      if (wasActive) close(previous, at, 'active')
      previous.intervals.push(at, Infinity)
      ;(previous.earlier ??= []).push({ until: at, entry: previous.entry })
      previous.entry = entry
      previous.status = 'active'
      return { before: wasActive ? previous.earlier[previous.earlier.length - 1]?.entry : undefined, after: entry }
    }
    case 'removed':
    case 'housing_allocated': {
      const r = records.get(e.applicationId)
      if (r === undefined || r.status !== 'active') return {}
      close(r, Date.parse(e.at), e.type === 'removed' ? 'removed' : 'housed')
      return { before: r.entry }
    }
    case 'result_issued': {
      // A referral issued to a child waiting in the Journal gives the place: the entry leaves the list.
      const r = records.get(e.applicationId)
      if (r === undefined || r.status !== 'active' || e.result.kind !== 'preschool_referral') return {}
      close(r, Date.parse(e.at), 'placed')
      return { before: r.entry }
    }
    case 'restored': {
      const r = records.get(e.applicationId)
      if (r === undefined || r.status !== 'removed') return {}
      r.status = 'active'
      r.intervals.push(Date.parse(e.at), Infinity)
      return { after: r.entry }
    }
    case 'position_kept_by_family':
    case 'data_changed': {
      const r = records.get(e.applicationId)
      if (r === undefined) return {}
      const before = r.entry
      ;(r.earlier ??= []).push({ until: Date.parse(e.at), entry: before })
      r.entry = e.type === 'data_changed' ? { ...before, familySize: e.familySize } : { ...before, holderIin: e.successorIin }
      return r.status === 'active' ? { before, after: r.entry } : {}
    }
    default:
      return {}
  }
}

/** Ends the record's open interval at `at`, remembering what it closed into. */
const close = (r: EntryRecord, at: number, status: EntryStatus): void => {
  r.intervals[r.intervals.length - 1] = at
  ;(r.closedAs ??= [])[(r.intervals.length >>> 1) - 1] = status
  r.status = status
}

/** Builds the ordered sets from records in one sort per list: the fast path of a rebuild. */
const buildSets = (
  records: ReadonlyMap<string, EntryRecord>,
  policy: OrderingPolicy,
  include: (r: EntryRecord) => boolean,
): Map<string, RankedSet<WaitingEntry>> => {
  const grouped = new Map<string, WaitingEntry[]>()
  for (const r of records.values()) {
    // Every list that has had an entry is listed, empty or not, as the incremental projection lists it.
    const id = listId(r.entry.list)
    let bucket = grouped.get(id)
    if (bucket === undefined) grouped.set(id, (bucket = []))
    if (include(r)) bucket.push(r.entry)
  }
  const sets = new Map<string, RankedSet<WaitingEntry>>()
  for (const [id, entries] of grouped) sets.set(id, RankedSet.fromSorted(entries.sort(policy.compare), policy.compare))
  return sets
}

const project = (
  policy: OrderingPolicy,
  records: Map<string, EntryRecord>,
  sets: Map<string, RankedSet<WaitingEntry>>,
  frozen: boolean,
): WaitingList => {
  const setFor = (id: string): RankedSet<WaitingEntry> => {
    let s = sets.get(id)
    if (s === undefined) sets.set(id, (s = new RankedSet<WaitingEntry>(policy.compare)))
    return s
  }
  const placement = (entry: WaitingEntry, set: RankedSet<WaitingEntry>, rank: number): Placement => ({
    list: entry.list,
    listId: listId(entry.list),
    position: rank + 1,
    of: set.size,
    entry,
  })
  // Past indexes, per list, built on the first past query and dropped when their list changes.
  const pastIndexes = new Map<string, PastIndex>()
  let indexed = false
  const stale = new Set<string>()
  const indexes = (): ReadonlyMap<string, PastIndex> => {
    if (!indexed || stale.size > 0) {
      const built = buildPastIndexes(records, policy, (id) => !indexed || stale.has(id))
      for (const id of stale) pastIndexes.delete(id)
      for (const [id, index] of built) pastIndexes.set(id, index)
      indexed = true
      stale.clear()
    }
    return pastIndexes
  }
  const changed = (entry: WaitingEntry): void => {
    if (indexed) stale.add(listId(entry.list))
  }
  const self: WaitingList = {
    policy,
    apply: (event) => {
      if (frozen) throw new Error('a past view of the waiting list is read-only')
      const { before, after } = step(records, event)
      if (before !== undefined) { setFor(listId(before.list)).remove(before); changed(before) }
      if (after !== undefined) { setFor(listId(after.list)).insert(after); changed(after) }
    },
    record: (id) => records.get(id),
    position: (id) => {
      const r = records.get(id)
      if (r === undefined || r.status !== 'active') return undefined
      const set = sets.get(listId(r.entry.list))
      return set === undefined ? undefined : placement(r.entry, set, set.rank(r.entry))
    },
    page: (id, offset, limit) => {
      const set = sets.get(id)
      if (set === undefined) return []
      const start = Math.max(0, Math.floor(offset))
      return set.slice(start, Math.max(0, Math.floor(limit))).map((e, i) => placement(e, set, start + i))
    },
    size: (id) => sets.get(id)?.size ?? 0,
    countBefore: (id, candidate) => sets.get(id)?.rank(candidate) ?? 0,
    listIds: () => [...sets.keys()].sort(),
    entries: (id) => sets.get(id) ?? [],
    asOf: (at) => pastView({ policy, records, indexes, frozen: frozenProjection, serialize }, Date.parse(at)),
    withPolicy: (next) =>
      project(next, new Map(records), buildSets(records, next, (r) => r.status === 'active'), frozen),
    serialize: () => serialize(self),
    records: () => records,
  }
  return self
}

/** A deterministic text form of the lists: the same events give byte-identical output. */
const serialize = (list: WaitingList): string => {
  const lines = [`policy ${policyId(list.policy)}`]
  for (const id of list.listIds()) {
    let position = 0
    for (const e of list.entries(id)) {
      position += 1
      lines.push(`${id}\t${position}\t${e.applicationId}\t${e.filedAt}\t${e.requestNumber}\t${e.queueNumberAtRegistration}`)
    }
  }
  return lines.join('\n') + '\n'
}

const frozenProjection = (policy: OrderingPolicy, records: Map<string, EntryRecord>): WaitingList =>
  project(policy, records, buildSets(records, policy, (r) => r.status === 'active'), true)

/** An empty waiting list, to be fed event by event. */
export const emptyWaitingList = (policy: OrderingPolicy): WaitingList =>
  project(policy, new Map(), new Map(), false)

/**
 * Rebuilds every list from a full history in one pass plus one sort per list, which is much faster than
 * inserting entry by entry. The result accepts further events incrementally.
 */
export const rebuildWaitingList = (events: Iterable<ApplicationEvent>, policy: OrderingPolicy): WaitingList => {
  const records = new Map<string, EntryRecord>()
  for (const e of events) step(records, e)
  return project(policy, records, buildSets(records, policy, (r) => r.status === 'active'), false)
}

