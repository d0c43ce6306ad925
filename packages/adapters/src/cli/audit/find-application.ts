/**
 * `kezek history <reference>`: an application id, a stream id, a request number or an IIN. An application id is
 * one stream read; the others need a walk of the log, since the store indexes streams only (the HTTP read models
 * keep a request-number index, but the CLI must work on a bare store). The walk peeks at raw fields without
 * decoding, so a history whose events no longer decode can still be found and audited.
 */
import * as E from 'fp-ts/lib/Either.js'
import { APPLICATION_STREAM_PREFIX, applicationIdOfStream, applicationStream } from '../../handler/stream.js'
import type { EventHeader, EventStore, RecordedEvent } from '../../store/port.js'

export type MatchedBy = 'application_id' | 'request_number' | 'applicant_iin' | 'successor_iin' | 'representative_iin'

export interface ApplicationMatch {
  readonly applicationId: string
  readonly streamId: string
  readonly matchedBy: MatchedBy
}

const field = (data: unknown, ...path: string[]): unknown => {
  let v: unknown = data
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined
  return v
}

/** The event types `matchOf` reads: all of them for an IIN, only the registration for a request number. */
const MATCHED: ReadonlySet<string> = new Set(['registered', 'authorized', 'queued', 'position_kept_by_family', 'checked'])
const REQUEST_NUMBER_ONLY: ReadonlySet<string> = new Set(['registered'])
const IIN_LIKE = /^\d{12}$/

/** How a stored event refers to `ref`, if it does. */
const matchOf = (r: RecordedEvent, ref: string): MatchedBy | undefined => {
  const d = r.data
  switch (field(d, 'type')) {
    case 'registered':
      return field(d, 'requestNumber') === ref ? 'request_number' : undefined
    case 'authorized':
    case 'queued':
      return field(d, 'applicantIin') === ref ? 'applicant_iin' : undefined
    case 'position_kept_by_family':
      return field(d, 'successorIin') === ref ? 'successor_iin' : undefined
    case 'checked':
      return field(d, 'check', 'representativeIin') === ref ? 'representative_iin' : undefined
    default:
      return undefined
  }
}

export const findApplications = async (
  store: EventStore,
  ref: string,
  onScanned?: (events: number) => void,
): Promise<readonly ApplicationMatch[]> => {
  const direct = ref.startsWith(APPLICATION_STREAM_PREFIX) ? ref : applicationStream(ref)
  const read = await store.readStream(direct, { maxCount: 1 })
  if (E.isRight(read) && read.right.length > 0) {
    return [{ applicationId: applicationIdOfStream(direct) as string, streamId: direct, matchedBy: 'application_id' }]
  }
  const found = new Map<string, ApplicationMatch>()
  let scanned = 0
  // Only the events `matchOf` can match `ref` in, of streams not found yet: the others stay sealed on an encrypted
  // store. An IIN field holds only twelve digits (the codecs say so), so any other reference is a request number.
  const types = IIN_LIKE.test(ref) ? MATCHED : REQUEST_NUMBER_ONLY
  const needsData = (h: EventHeader): boolean => types.has(h.type) && !found.has(h.streamId) && applicationIdOfStream(h.streamId) !== undefined
  for await (const r of store.readAll({ batchSize: 1000, needsData, types: [...types] })) {
    scanned++
    if (onScanned !== undefined && scanned % 10_000 === 0) onScanned(scanned)
    if (found.has(r.streamId)) continue
    const applicationId = applicationIdOfStream(r.streamId)
    if (applicationId === undefined) continue
    const how = matchOf(r, ref)
    if (how !== undefined) found.set(r.streamId, { applicationId, streamId: r.streamId, matchedBy: how })
  }
  return [...found.values()]
}
