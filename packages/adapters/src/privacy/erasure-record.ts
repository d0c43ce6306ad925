/**
 * The record of an erasure: who asked, when, on which legal ground, which keys were destroyed and which
 * streams it touched — and no personal data (not the IIN, not a name). It is an event of its own stream, so it
 * is kept, exported and hash-chained like any other fact, and every process following the store learns of it: the
 * protected store drops the destroyed keys from its cache, read models re-read the streams named.
 */
import type { Json, NewEvent, RecordedEvent } from '../store/port.js'

export const ERASURE_EVENT_TYPE = 'personal_data_erased'
export const ERASURE_STREAM_PREFIX = 'personal-data-erasure-'

export interface ErasureRecord {
  readonly erasureId: string
  /** The legal ground as the data-protection officer states it (a request reference, a court decision). */
  readonly ground: string
  /** Staff id and role of who ordered it: never a citizen's IIN. */
  readonly requestedBy: { readonly id: string; readonly role: string }
  readonly erasedAt: string
  /** Key ids destroyed. */
  readonly kids: readonly string[]
  /** Streams whose events named the person (`application-<pseudonymous id>`): what readers re-read. */
  readonly streams: readonly string[]
}

export const erasureStream = (erasureId: string): string => `${ERASURE_STREAM_PREFIX}${erasureId}`

export const erasureEvent = (record: ErasureRecord, eventId: string): NewEvent => ({
  id: eventId,
  type: ERASURE_EVENT_TYPE,
  data: { schema: 1, ...record } as unknown as Json,
  metadata: {
    eventId,
    occurredAt: record.erasedAt,
    recordedAt: record.erasedAt,
    actor: { id: record.requestedBy.id, role: record.requestedBy.role, channel: 'system' },
    correlationId: record.erasureId,
    causationId: record.erasureId,
    ruleVersion: 'personal-data/erasure@1',
    schemaVersion: 1,
  },
})

const strings = (v: unknown): readonly string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined

/** The record an event carries, or undefined for any other event. */
export const erasureRecordOf = (e: Pick<RecordedEvent, 'type' | 'data' | 'streamId'>): ErasureRecord | undefined => {
  if (e.type !== ERASURE_EVENT_TYPE || !e.streamId.startsWith(ERASURE_STREAM_PREFIX)) return undefined
  const d = e.data as Record<string, unknown> | null
  const kids = strings(d?.['kids'])
  const streams = strings(d?.['streams'])
  if (d === null || kids === undefined || streams === undefined) return undefined
  return d as unknown as ErasureRecord
}

export const erasedKidsOf = (e: Pick<RecordedEvent, 'type' | 'data' | 'streamId'>): readonly string[] | undefined => erasureRecordOf(e)?.kids
