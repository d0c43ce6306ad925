/**
 * The service's read models, kept in memory by following the store: the waiting lists, each application's status
 * («История получения услуг»), and the indexes that answer "whose is this" without reading streams.
 *
 * They are a cache of the log: on start they catch up from the beginning, and readiness means caught up. A client
 * reads its own writes: a write that moves no waiting list is applied to its application's view and indexes at
 * once (`wrote`); any other write waits until the read models have seen its position before answering.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  changesWaitingList,
  decodeEvent,
  emptyWaitingList,
  evolveStatus,
  filingOrder,
  isWaitingListEventType,
  type ApplicationEvent,
  type ApplicationStatus,
  type IIN,
  type OrderingPolicy,
  type WaitingList,
} from '@kezek/domain'
import type { Fact } from '@kezek/domain'
import { applicationIdOfStream, applicationStream, ERASED_IIN, erasureRecordOf, iinsNamedIn, type ErasureRecord } from '@kezek/adapters'
import type { EventHeader, EventStore, RecordedEvent, Subscription, SubscriptionHealth } from '@kezek/adapters'
import type { Logger } from '../observability/logger.js'
import { withJournalOrder } from './journal-policy.js'
import { peopleIndex } from './people.js'
import { contributionOf, queueMovement, type QueueMovement } from './queue-movement.js'

export interface ApplicationView {
  readonly status: ApplicationStatus
  /** Stream revision of the last event seen: the ETag of the application. */
  readonly revision: number
  /** Every fact with its check kind, for deadlines (the service definition's steps complete on them). */
  readonly facts: readonly Fact[]
  /** Family members who took over the place (Art. 73 p.2): they may read the application too. */
  readonly successors: readonly IIN[]
  /** The request as signed (the housing request, or another service's), for the decisions that read it. */
  readonly signedAt?: string
  readonly request?: Extract<ApplicationEvent, { type: 'signed' | 'request_signed' }>['request']
}

export interface ReadModels {
  readonly waitingList: WaitingList
  /** Queue movement per list (entries added, housed, removed per quarter; length over time), kept with the list. */
  readonly movement: QueueMovement
  readonly application: (applicationId: string) => ApplicationView | undefined
  readonly applicationsOf: (iin: string) => readonly string[]
  /** Streams of the applications naming the IIN in any personal field (applicant, child, representative …). */
  readonly streamsNaming: (iin: string) => readonly string[]
  readonly applicationsOfProvider: (providerId: string) => readonly string[]
  /** Largest numeric request number seen, 0 when none. */
  readonly maxRequestNumber: () => number
  readonly isCaughtUp: () => boolean
  readonly caughtUp: Promise<void>
  /** Resolves once the read models have applied the event at `position`. */
  readonly reached: (position: string) => Promise<void>
  /**
   * A write this instance has just committed, applied at once to its application's view and indexes, before the
   * subscription delivers it: the next read of that application on this instance sees it without the write waiting
   * for the whole log to be followed. `true` when the write is then visible to every read; `false` when the caller
   * must still wait for `reached` — some event changes a waiting list (lists follow the log's global order
   * only), or the read models have not yet seen the stream up to the write (the view would be built on a gap).
   */
  readonly wrote: (write: OwnWrite) => boolean
  readonly stats: () => { readonly eventsProjected: number; readonly skipped: number; readonly lagMs: number; readonly applications: number }
  /** How following the store goes: failing (retrying with backoff), reconnects, time spent failing. */
  readonly health: () => SubscriptionHealth
  readonly stop: () => Promise<void>
  /** Settles when following stops; rejects when an event cannot be applied (store failures are retried). */
  readonly done: Promise<void>
}

/** An instance's own committed write: the decided events with their stream revisions, and each as stored. */
export interface OwnWrite {
  readonly events: readonly { readonly event: ApplicationEvent; readonly revision: number }[]
  /** Type, data and envelope of each event, in the same order (the indexes of who is named read the envelope too). */
  readonly stored: readonly Pick<RecordedEvent, 'type' | 'data' | 'metadata'>[]
}

/** Folds one event into an application's view: shared by the read models and by answers built from a stream. */
export const evolveView = (before: ApplicationView | undefined, e: ApplicationEvent, revision: number): ApplicationView => {
  const status = evolveStatus(before?.status, e)
  const fact: Fact = e.type === 'checked' ? { type: e.type, at: e.at, check: e.check.kind } : { type: e.type, at: e.at }
  const view: ApplicationView = { ...before, status, revision, successors: before?.successors ?? [], facts: [...(before?.facts ?? []), fact] }
  if (e.type === 'position_kept_by_family') return { ...view, successors: [...view.successors, e.successorIin] }
  if (e.type === 'signed' || e.type === 'request_signed') return { ...view, request: e.request, signedAt: e.signedAt }
  return view
}

export const viewOfStream = (events: readonly { readonly event: ApplicationEvent; readonly revision: number }[]): ApplicationView | undefined =>
  events.reduce<ApplicationView | undefined>((v, x) => evolveView(v, x.event, x.revision), undefined)

/**
 * Application ids by a key (an IIN, a provider), in the order first seen. A set beside the list: a provider holds
 * every application filed with it, and a membership scan of the list on every new application made catch-up
 * quadratic in the provider's size (0.2 ms of a signed submission's service-thread time at 2,300, --cpu-prof).
 */
type IdIndex = Map<string, { readonly list: string[]; readonly members: Set<string> }>

const idIndex = (): IdIndex => new Map()

const idsOf = (index: IdIndex, key: string): readonly string[] => index.get(key)?.list ?? []

const removeFrom = (index: IdIndex, key: string, id: string): void => {
  const entry = index.get(key)
  if (entry === undefined || !entry.members.delete(id)) return
  if (entry.members.size === 0) index.delete(key)
  else index.set(key, { list: entry.list.filter((x) => x !== id), members: entry.members })
}

const addTo = (index: IdIndex, key: string, id: string): void => {
  const entry = index.get(key)
  if (entry === undefined) index.set(key, { list: [id], members: new Set([id]) })
  else if (!entry.members.has(id)) {
    entry.members.add(id)
    entry.list.push(id)
  }
}

export const startReadModels = (
  store: EventStore,
  options: {
    readonly policy?: OrderingPolicy
    readonly logger: Logger
    readonly now: () => Date
    /** Called once an erasure has been applied (the service forgets idempotent replies that may name the person). */
    readonly onErasure?: (record: ErasureRecord) => void
  },
): ReadModels => {
  const waitingList = emptyWaitingList(withJournalOrder(options.policy ?? filingOrder))
  const movement = queueMovement()
  /** Every change to the list goes through here, so the movement figures follow it event by event. */
  const applyToList = (e: ApplicationEvent): void => {
    const before = contributionOf(waitingList.record(e.applicationId))
    waitingList.apply(e)
    movement.update(before, waitingList.record(e.applicationId))
  }
  const views = new Map<string, ApplicationView>()
  const byIin = idIndex()
  const byProvider = idIndex()
  const people = peopleIndex()
  let maxRequest = 0
  let projected = 0
  let skipped = 0
  let lagMs = 0
  let caught = false

  /** Everything of one event that is the application's own: its view and the indexes naming it. */
  const applyToApplication = (r: Pick<RecordedEvent, 'type' | 'data' | 'metadata' | 'revision'>, e: ApplicationEvent): void => {
    const view = evolveView(views.get(e.applicationId), e, r.revision)
    if (e.type === 'authorized') {
      addTo(byIin, e.applicantIin, e.applicationId)
      addTo(byProvider, e.providerId, e.applicationId)
    }
    if (e.type === 'position_kept_by_family') addTo(byIin, e.successorIin, e.applicationId)
    if (e.type === 'registered' && /^\d+$/.test(e.requestNumber)) maxRequest = Math.max(maxRequest, Number(e.requestNumber))
    people.add(iinsNamedIn(r), e.applicationId)
    views.set(e.applicationId, view)
  }

  /** The revision an application's view is at; -1 before its first event. */
  const heldRevision = (applicationId: string): number => views.get(applicationId)?.revision ?? -1

  const apply = (r: RecordedEvent, e: ApplicationEvent): void => {
    applyToList(e)
    // Already applied by `wrote` (this instance's own write): the view is at or past this revision.
    if (heldRevision(e.applicationId) >= r.revision) return
    applyToApplication(r, e)
  }

  const wrote = (w: OwnWrite): boolean => {
    const first = w.events[0]
    if (first === undefined) return true
    if (w.events.some(({ event }) => changesWaitingList(event))) return false
    const seen = heldRevision(first.event.applicationId)
    // Already delivered by the subscription (or an erasure re-read the stream since): nothing left to apply.
    if (seen >= (w.events.at(-1)?.revision ?? -1)) return true
    // The write must follow on what the view holds: otherwise events of another instance are still on their way.
    if (seen !== first.revision - 1) return false
    w.events.forEach(({ event, revision }, i) => {
      const stored = w.stored[i]
      if (stored !== undefined) applyToApplication({ ...stored, revision }, event)
    })
    return true
  }

  /**
   * An erasure (docs/personal-data.md): the applications it names are read again — the store now gives erased
   * markers — and their views, indexes and list entries replaced, so no answer names the person any more. Positions
   * do not move: the entry keeps its filing time and request number, only its holder reads as erased.
   */
  const forget = async (record: ErasureRecord): Promise<void> => {
    for (const streamId of record.streams) {
      const id = applicationIdOfStream(streamId)
      if (id === undefined) continue
      const read = await store.readStream(applicationStream(id))
      if (E.isLeft(read)) continue
      const events: { event: ApplicationEvent; revision: number }[] = []
      for (const r of read.right) {
        const d = decodeEvent(r.data)
        if (E.isRight(d)) events.push({ event: d.right, revision: r.revision })
      }
      const view = viewOfStream(events)
      if (view !== undefined) views.set(id, view)
      for (const iin of people.drop(id)) removeFrom(byIin, iin, id)
      for (const r of read.right) people.add(iinsNamedIn(r), id)
      for (const { event } of events) {
        if (event.type === 'authorized' && event.applicantIin !== ERASED_IIN) addTo(byIin, event.applicantIin, id)
        if (event.type === 'position_kept_by_family' && event.successorIin !== ERASED_IIN) addTo(byIin, event.successorIin, id)
      }
      const holder = [...events].reverse().map(({ event }) =>
        event.type === 'queued' ? event.applicantIin : event.type === 'position_kept_by_family' ? event.successorIin : undefined).find((x) => x !== undefined)
      const entry = waitingList.record(id)?.entry
      if (entry !== undefined && holder !== undefined && entry.holderIin !== holder) {
        // The list's own way to change who holds a place without moving it (Art. 73 p.2); nothing is stored.
        applyToList({ type: 'position_kept_by_family', schema: 1, applicationId: entry.applicationId, commandId: `erasure-${record.erasureId}` as never, at: record.erasedAt as never, ground: 'applicant_died', successorIin: holder } as ApplicationEvent)
      }
    }
    options.onErasure?.(record)
  }

  /**
   * This instance's own write, applied by `wrote` before it answered, and of a type no waiting list reads: the view
   * is at this revision already and the lists ignore it, so the event is neither decoded again nor, through the
   * personal-data decorator, decrypted again (the read-back of every submission's events, stops 28 and 45).
   */
  const heldAlready = (r: EventHeader): boolean => {
    const id = applicationIdOfStream(r.streamId)
    return id !== undefined && !isWaitingListEventType(r.type) && heldRevision(id) >= r.revision
  }

  const subscription: Subscription = store.subscribe({
    needsData: (r) => !heldAlready(r),
    onEvent: async (r) => {
      const erasure = erasureRecordOf(r)
      if (erasure !== undefined) { await forget(erasure); return }
      const id = applicationIdOfStream(r.streamId)
      if (id === undefined) return
      // Lag means something only for live events: during catch-up every event is old.
      if (caught) lagMs = Math.max(0, options.now().getTime() - Date.parse(r.recordedAt))
      if (heldAlready(r)) {
        projected += 1
        return
      }
      const decoded = decodeEvent(r.data)
      if (E.isLeft(decoded)) {
        skipped += 1
        options.logger.log('error', 'read model skipped an event that does not decode', { streamId: r.streamId, revision: r.revision })
        return
      }
      apply(r, decoded.right)
      projected += 1
    },
  })
  const caughtUp = subscription.caughtUp.then(() => { caught = true })
  caughtUp.catch(() => undefined)

  return {
    waitingList,
    movement,
    application: (id) => views.get(id),
    applicationsOf: (iin) => idsOf(byIin, iin),
    streamsNaming: (iin) => people.applicationsNaming(iin).map(applicationStream),
    applicationsOfProvider: (p) => idsOf(byProvider, p),
    maxRequestNumber: () => maxRequest,
    isCaughtUp: () => caught,
    caughtUp,
    reached: (position) => subscription.reached(position),
    wrote,
    stats: () => ({ eventsProjected: projected, skipped, lagMs, applications: views.size }),
    health: () => subscription.health?.() ?? { failing: false, reconnects: 0, outageMs: 0 },
    stop: () => subscription.stop(),
    done: subscription.done,
  }
}
