/** An event row as the SQL stores read it, and the event it is. */
import type { Json, RecordedEvent } from '../port.js'

/**
 * An event row as read, in the select-list order of COLUMNS (rows come as arrays: cheaper to build than objects for
 * the thousands of rows of a page). The fixed-format fields travel packed in one text column, `packed`: each column
 * of a row costs the drivers a field to decode (PGlite in JavaScript, from its WebAssembly output), and the small
 * ones together cost more than the two JSON documents. Measured on 9,000-event pages, six columns instead of eleven
 * read about a fifth faster on both back-ends.
 */
export type EventRow = readonly [streamId: string, id: string, type: string, data: Json, metadata: Json, packed: string]

/**
 * A subscription's row (horizon.ts): an event row read with TEXT_COLUMNS and `held`, or all NULL but `held` when the
 * page is empty.
 */
export type FollowRow = readonly [...TextRow, held: boolean] | readonly [null, null, null, null, null, null, held: boolean]

/** A row that starts with an event's columns (an event row, or a subscription's row of an event). */
type StartsWithEvent = readonly [...EventRow, ...unknown[]]

// `packed` is `<hash><previous hash><revision> <recorded ms> <transaction id>:<global position>`: the two hashes
// are exactly 64 characters each (a CHECK holds them to it), the rest decimal, so it splits without ambiguity and
// its tail is the position as the store reports it. No to_char: the timestamp travels as epoch milliseconds,
// truncated as the ISO form the store reports, and is formatted in Node.
export const COLUMNS = `stream_id, id, type, data, metadata,
  concat(hash, previous_hash, revision, ' ', floor(extract(epoch FROM recorded_at) * 1000)::bigint, ' ',
         transaction_id, ':', global_position)`

/**
 * COLUMNS with data and metadata as their JSON text, for `toRecordedOnRead`: the driver then leaves them as they came
 * instead of decoding them.
 */
export const TEXT_COLUMNS = COLUMNS.replace('data, metadata,', 'data::text, metadata::text,')

/**
 * COLUMNS without data and metadata, for a subscription's page of headers (`withData` in store.ts): the server
 * neither turns the two documents into text nor sends them for events the subscriber reads only the header of.
 */
export const HEADER_COLUMNS = COLUMNS.replace('data, metadata,', 'NULL::text, NULL::text,')

/** A value worked out the first time it is asked for, from then on the same. */
const onRead = (text: string): (() => Json) => {
  let value: Json | undefined
  return () => (value === undefined ? (value = JSON.parse(text) as Json) : value)
}

/** A row read with TEXT_COLUMNS. */
export type TextRow = readonly [streamId: string, id: string, type: string, data: string, metadata: string, packed: string]

// Data and metadata come as the driver decoded the jsonb columns; the packed column is split here.
export const toRecorded = (r: StartsWithEvent): RecordedEvent => recorded(r, 'decoded')

/**
 * An event row read with TEXT_COLUMNS: `data` and `metadata` are parsed when first read. A subscription hands every
 * event to its followers, and most of them read only the header of most events (the service's read models skip
 * their own writes, the notices follow streams: `SubscribeOptions.needsData`); parsing every event's JSON for them
 * was most of the row decoding of a signed submission's read-back, and most of its garbage. The two are own
 * enumerable getters, so spreading, comparing or serializing the event reads them as values.
 */
export const toRecordedOnRead = (r: readonly [...TextRow, ...unknown[]]): RecordedEvent => recorded(r, 'text')

/**
 * A row read with HEADER_COLUMNS, for a subscriber whose `needsData` answered false: its data and metadata were not
 * read, and reading them throws instead of answering `null`, which a reader could not tell from stored JSON.
 */
export const toHeaderOnRead = (r: readonly [...TextRow, ...unknown[]]): RecordedEvent => recorded(r, 'none')

/**
 * What a row holds of data and metadata: the driver's decoded documents, their JSON text (parsed when first read),
 * or nothing (HEADER_COLUMNS).
 */
type Payload = 'decoded' | 'text' | 'none'

const recorded = (r: StartsWithEvent | readonly [...TextRow, ...unknown[]], payload: Payload): RecordedEvent => {
  const packed = r[5]
  const afterRevision = packed.indexOf(' ', 128)
  const afterMs = packed.indexOf(' ', afterRevision + 1)
  const revision = Number(packed.slice(128, afterRevision))
  const hash = packed.slice(0, 64)
  const previousHash = packed.slice(64, 128)
  const position = packed.slice(afterMs + 1)
  const recordedAt = isoMillis(packed.slice(afterRevision + 1, afterMs))
  if (payload === 'decoded') return { streamId: r[0], revision, id: r[1], type: r[2], data: r[3] as Json, metadata: r[4] as Json, hash, previousHash, position, recordedAt }
  const missing = payload === 'none' ? unread(r[0], revision) : undefined
  const data = missing ?? onRead(r[3] as string)
  const metadata = missing ?? onRead(r[4] as string)
  return {
    streamId: r[0], revision, id: r[1], type: r[2],
    get data() { return data() },
    get metadata() { return metadata() },
    hash, previousHash, position, recordedAt,
  }
}

const unread = (streamId: string, revision: number) => (): never => {
  throw new TypeError(`event ${streamId}@${revision} was read without its data: the subscriber's needsData answered false for it`)
}

// The events of one transaction share their timestamp (`now()` is the transaction's start), and a page holds whole
// batches of them: formatting each distinct timestamp once instead of per row saves a Date and a toISOString per
// event. One entry is enough, since rows come in transaction order.
let lastMs: string | undefined
let lastIso = ''
const isoMillis = (ms: string): string => {
  if (ms !== lastMs) {
    lastIso = new Date(Number(ms)).toISOString()
    lastMs = ms
  }
  return lastIso
}
