/**
 * The event-store port: the one small interface every back-end implements (in-memory, PGlite, PostgreSQL,
 * EventStoreDB) and every caller (HTTP service, CLI, projection runner) depends on.
 *
 * Events are stored as JSON with their envelope and their place in the stream's hash chain. Errors are values:
 * a conflict or an unknown stream is a `Left`, never an exception. Exceptions mean the back-end itself failed
 * (connection lost, disk full) and nothing was written.
 */
import type * as E from 'fp-ts/lib/Either.js'

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json }

/** What the writer expects the stream to be before the append (the KurrentDB vocabulary). */
export type ExpectedRevision =
  | 'any'
  | 'no_stream'
  | 'stream_exists'
  /** The revision of the stream's last event; revisions start at 0. */
  | number

/** An event to append. `metadata` is the provenance envelope (see `@kezek/domain` `Envelope`). */
export interface NewEvent {
  readonly id: string
  readonly type: string
  readonly data: Json
  readonly metadata: Json
}

/** An event as the store holds it. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: string
  /** 0-based place in its stream. */
  readonly revision: number
  /** Place in the store's global order. Opaque: compare only through the store, never do arithmetic on it. */
  readonly position: string
  /** When the store accepted it (ISO-8601 UTC). */
  readonly recordedAt: string
  /** SHA-256 (hex) over the previous hash and this event's canonical content: see `integrity/`. */
  readonly hash: string
  /** The hash of the previous event in the stream; 64 zeros for the first. */
  readonly previousHash: string
}

export interface AppendOptions {
  readonly expected: ExpectedRevision
  /**
   * The same key twice on one stream is a retry: nothing is written and the first append's result comes back.
   * The HTTP service passes the command id here.
   */
  readonly idempotencyKey?: string
}

export interface AppendResult {
  /** Revision of the last event written (or of the first call's last event, on a retry). */
  readonly nextExpectedRevision: number
  /** Global position of the last event written. */
  readonly position: string
  /** True when the idempotency key had been seen and nothing new was written. */
  readonly duplicate: boolean
}

export type AppendError =
  | {
      readonly kind: 'wrong_expected_revision'
      readonly streamId: string
      readonly expected: ExpectedRevision
      /** The stream's actual last revision, or `undefined` when it has no events. */
      readonly actual: number | undefined
    }
  | { readonly kind: 'empty_append'; readonly streamId: string }
  | { readonly kind: 'invalid_event'; readonly streamId: string; readonly detail: string }

export interface StreamNotFound {
  readonly kind: 'stream_not_found'
  readonly streamId: string
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive); default 0. */
  readonly from?: number
  readonly maxCount?: number
}

export interface ReadAllOptions {
  /** Return events strictly after this position; omit to start at the beginning. */
  readonly after?: string
  /** Upper bound of one batch; the iterator keeps fetching batches until the end of the log. */
  readonly batchSize?: number
  /**
   * Only events of these types, in the same global order; default: every event. A reader of a few types of a long
   * log is not sent the rest: a rebuild of the waiting lists reads six types, a fifth of a generated log's events
   * and of its bytes. The SQL stores filter in the database; the others as they read.
   */
  readonly types?: readonly string[]
  /**
   * Whether the reader will read this event's `data` and `metadata`, asked just before it is yielded; as
   * `SubscribeOptions.needsData` (a rebuild of the waiting lists reads a fifth of the log's events, and leaves the
   * others sealed).
   */
  readonly needsData?: (event: EventHeader) => boolean
}

export interface SubscribeOptions {
  /** Checkpoint to resume after (a position previously handed to the handler); omit to start at the beginning. */
  readonly after?: string
  /**
   * Called once per event, in global order, never twice for the same event within one subscription. The next
   * event is delivered only after the returned promise settles; a rejection stops the subscription with that error.
   */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void
  /**
   * Whether the handler will read this event's `data` and `metadata`; default: every event. For an event it answers
   * `false` for, the handler reads only the header (type, stream, revision, position, time, hashes): a store that
   * transforms data on read may hand it over as stored (the personal-data decorator then leaves its fields sealed
   * instead of decrypting them, stop 45), and the SQL stores do not read its data at all (stop 54): reading it
   * throws. A service's read models skip their own writes, and the notices follow streams only.
   *
   * Asked when the event's page is read, before the events ahead of it on that page are handed over, and may be
   * asked again at delivery: an answer may turn from `true` to `false` as the handler catches up, never back.
   */
  readonly needsData?: (event: EventHeader) => boolean
}

/** An event without its payload: what a subscriber that does not need the data looks at. */
export type EventHeader = Omit<RecordedEvent, 'data' | 'metadata'>

export interface Subscription {
  /** Resolves once the subscription has delivered every event that existed when it started (caught up). */
  readonly caughtUp: Promise<void>
  /** Resolves when the handler has processed the event at `position` (or any later one). */
  readonly reached: (position: string) => Promise<void>
  /** Stops delivery; resolves when the handler is no longer running. */
  readonly stop: () => Promise<void>
  /**
   * Settles when the subscription ends: resolves after `stop`, rejects on a handler failure (or, for back-ends
   * that do not retry, a store failure).
   */
  readonly done: Promise<void>
  /**
   * How following the store goes, where the back-end retries reads after a store failure (the SQL stores and the
   * in-memory one do; see `subscription.ts`).
   */
  readonly health?: () => SubscriptionHealth
}

export interface SubscriptionHealth {
  /** The last read failed and the subscription is waiting to retry. */
  readonly failing: boolean
  readonly failingForMs?: number
  readonly lastError?: string
  /** Times reading resumed after failing. */
  readonly reconnects: number
  /** Total time spent failing, including the current failure. */
  readonly outageMs: number
}

export interface EventStore {
  /** All events of the call or none, atomically, checked against `expected`. */
  readonly append: (
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ) => Promise<E.Either<AppendError, AppendResult>>
  readonly readStream: (
    streamId: string,
    options?: ReadStreamOptions,
  ) => Promise<E.Either<StreamNotFound, readonly RecordedEvent[]>>
  /** Every stream in global order. Never skips an event that commits later with a smaller position. */
  readonly readAll: (options?: ReadAllOptions) => AsyncIterable<RecordedEvent>
  /** Catch up from the checkpoint, then follow new events as they commit. */
  readonly subscribe: (options: SubscribeOptions) => Subscription
  /** Position of the last event visible to readers, or `undefined` for an empty store. */
  readonly headPosition: () => Promise<string | undefined>
  /** Compares two positions of this store: negative, zero or positive. */
  readonly comparePositions: (a: string, b: string) => number
  readonly close: () => Promise<void>
}
