/**
 * Reading one application back: its events decoded with their envelopes, folded into decider state. Decoding
 * happens here, once, so a history a newer schema wrote (or someone edited) surfaces as `corrupt_history` instead
 * of an exception deep inside a projection.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  applicationDecider,
  decodeEvent,
  Envelope,
  type ApplicationEvent,
  type ApplicationState,
} from '@kezek/domain'
import type { EventStore, RecordedEvent } from '../store/port.js'
import type { HandlerError } from './errors.js'
import { applicationStream } from './stream.js'

/** A domain event as stored: the fact, its provenance, and its place in the stream and the hash chain. */
export interface StoredApplicationEvent {
  readonly event: ApplicationEvent
  readonly envelope: Envelope
  readonly revision: number
  readonly position: string
  readonly recordedAt: string
  readonly hash: string
  readonly previousHash: string
}

export interface LoadedApplication {
  readonly streamId: string
  readonly state: ApplicationState
  readonly events: readonly StoredApplicationEvent[]
  /** Revision of the last event, `undefined` when the stream has none. */
  readonly revision: number | undefined
}

export const decodeRecorded = (r: RecordedEvent): E.Either<HandlerError, StoredApplicationEvent> => {
  const corrupt = (detail: string): HandlerError =>
    ({ kind: 'corrupt_history', streamId: r.streamId, revision: r.revision, detail })
  const event = decodeEvent(r.data)
  if (E.isLeft(event)) {
    const l = event.left
    return E.left(corrupt(l.kind === 'unknown_event_type' ? `unknown event type ${l.type}` : l.errors.join('; ')))
  }
  const envelope = Envelope.decode(r.metadata)
  if (E.isLeft(envelope)) return E.left(corrupt('envelope does not decode'))
  return E.right({
    event: event.right,
    envelope: envelope.right,
    revision: r.revision,
    position: r.position,
    recordedAt: r.recordedAt,
    hash: r.hash,
    previousHash: r.previousHash,
  })
}

const describeFailure = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * An application with no events, as `loadApplication` reads a stream that does not exist: what a caller that knows
 * no event of the application (its read models have none) decides on without reading. If the stream does exist
 * after all, the append's expectation of a new stream fails, and the handler reads it and decides again.
 */
export const emptyApplication = (applicationId: string): LoadedApplication => ({
  streamId: applicationStream(applicationId),
  state: applicationDecider.initialState,
  events: [],
  revision: undefined,
})

/** Reads and folds one application. A stream that does not exist is an empty application, not an error. */
export const loadApplication = async (
  store: EventStore,
  applicationId: string,
): Promise<E.Either<HandlerError, LoadedApplication>> => {
  const streamId = applicationStream(applicationId)
  let read: Awaited<ReturnType<EventStore['readStream']>>
  try {
    read = await store.readStream(streamId)
  } catch (e) {
    return E.left({ kind: 'store_unavailable', detail: describeFailure(e) })
  }
  const recorded = E.isLeft(read) ? [] : read.right
  const events: StoredApplicationEvent[] = []
  let state = applicationDecider.initialState
  for (const r of recorded) {
    const decoded = decodeRecorded(r)
    if (E.isLeft(decoded)) return decoded
    events.push(decoded.right)
    state = applicationDecider.evolve(state, decoded.right.event)
  }
  return E.right({ streamId, state, events, revision: recorded.at(-1)?.revision })
}
