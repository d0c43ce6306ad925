/**
 * Port events ↔ EventStoreDB events. ESDB keeps `data` and `metadata` as two JSON documents per event; the port's
 * event has an id that need not be a UUID, a provenance envelope, a record time and its hash-chain links. All of
 * that goes in the ESDB metadata under two keys:
 *
 *   { "envelope": <the port's metadata>, "kezek": { "v": 1, "id", "recordedAt", "hash", "previousHash",
 *                                                   "idempotencyKey"?, "index"?, "count"?, "attempt"? } }
 *
 * so any ESDB tool shows the envelope, and the chain can be verified from an ESDB export alone. `recordedAt` is
 * chosen by the adapter before the append (it is hashed, so it cannot be the server's `created` stamp).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EventData, JSONType, Position, RecordedEvent as ClientRecordedEvent } from '@eventstore/db-client'
import type { Json, NewEvent, RecordedEvent } from '../port.js'
import { encodePosition } from './position.js'
import { toRevision } from './revision.js'

/** The adapter's bookkeeping, stored next to the envelope. */
export interface KezekMetadata {
  readonly v: 1
  /** The port's event id (any string); the ESDB id is a UUID of the adapter's choosing. */
  readonly id: string
  readonly recordedAt: string
  readonly hash: string
  readonly previousHash: string
  readonly idempotencyKey?: string
  /** Place of the event in its append call, and the call's size: a retry finds the whole original batch. */
  readonly index?: number
  readonly count?: number
  /** Random per append attempt: tells our write from a concurrent identical one the server deduplicated. */
  readonly attempt?: string
}

export interface StoredMetadata {
  readonly envelope: Json
  readonly kezek: KezekMetadata
}

/** An event ready for `appendToStream`, with everything the chain needs already decided. */
export const toEventData = (
  event: NewEvent,
  esdbId: string,
  kezek: KezekMetadata,
): EventData => ({
  id: esdbId,
  contentType: 'application/json',
  type: event.type,
  // A JSON scalar is valid port data; ESDB wants an object, array or string, so scalars travel wrapped.
  data: wrapData(event.data),
  metadata: { envelope: event.metadata, kezek } as unknown as JSONType,
})

const SCALAR_KEY = '$kezek.scalar'

const wrapData = (data: Json): JSONType =>
  data !== null && typeof data === 'object' ? (data as JSONType) : { [SCALAR_KEY]: data }

const unwrapData = (data: unknown): Json => {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const keys = Object.keys(data)
    if (keys.length === 1 && keys[0] === SCALAR_KEY) return (data as Record<string, Json>)[SCALAR_KEY] as Json
  }
  return data as Json
}

/** Why an ESDB event is not one of ours. */
export type ForeignEvent =
  | { readonly kind: 'not_json'; readonly esdbId: string }
  | { readonly kind: 'no_kezek_metadata'; readonly esdbId: string }
  | { readonly kind: 'no_position'; readonly esdbId: string }

const isString = (v: unknown): v is string => typeof v === 'string'

const readKezek = (metadata: unknown): KezekMetadata | undefined => {
  if (metadata === null || typeof metadata !== 'object') return undefined
  const k = (metadata as { kezek?: unknown }).kezek
  if (k === null || typeof k !== 'object') return undefined
  const m = k as Record<string, unknown>
  if (m.v !== 1 || !isString(m.id) || !isString(m.recordedAt) || !isString(m.hash) || !isString(m.previousHash)) {
    return undefined
  }
  return m as unknown as KezekMetadata
}

/**
 * An ESDB event as a port event. `streamId` is the port's name (the adapter strips its namespace first);
 * `position` is taken from the event, or from the caller when the read did not carry one (stream reads on servers
 * before 22.6).
 */
export const fromClientEvent = (
  event: ClientRecordedEvent,
  streamId: string,
  position?: Position,
): E.Either<ForeignEvent, RecordedEvent & { readonly kezek: KezekMetadata }> => {
  if (!event.isJson) return E.left({ kind: 'not_json', esdbId: event.id })
  const kezek = readKezek(event.metadata)
  if (kezek === undefined) return E.left({ kind: 'no_kezek_metadata', esdbId: event.id })
  const at = event.position ?? position
  if (at === undefined) return E.left({ kind: 'no_position', esdbId: event.id })
  return E.right({
    id: kezek.id,
    type: event.type,
    data: unwrapData(event.data),
    metadata: ((event.metadata as { envelope?: Json }).envelope ?? null) as Json,
    streamId,
    revision: toRevision(event.revision),
    position: encodePosition(at),
    recordedAt: kezek.recordedAt,
    hash: kezek.hash,
    previousHash: kezek.previousHash,
    kezek,
  })
}

/** Drops the adapter's bookkeeping before handing an event out. */
export const toPortEvent = ({ kezek: _kezek, ...event }: RecordedEvent & { readonly kezek: KezekMetadata }): RecordedEvent =>
  event

/** System streams and system event types (`$…`) are ESDB's own, never the port's. */
export const isSystemEvent = (e: { readonly streamId: string; readonly type: string }): boolean =>
  e.streamId.startsWith('$') || e.type.startsWith('$')
