/**
 * The store as routes see it: any exception from the back-end (connection refused or reset, the server restarting,
 * PGlite failing) becomes a `StoreUnavailable` carrying a 503 problem with Retry-After, which the app's error
 * handler sends as is — a store outage is never a 500. The guard also keeps the outage record that readiness and
 * metrics report.
 */
import type { EventStore } from '@kezek/adapters'
import { problem, type Problem } from '../problem/problem.js'

/** Seconds a client is told to wait before retrying during a store outage. */
export const STORE_RETRY_AFTER_S = 5

export class StoreUnavailable extends Error {
  readonly problem: Problem
  constructor(cause: unknown) {
    super(`the event store did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'StoreUnavailable'
    this.problem = { ...problem('store-unavailable', 'the event store did not answer'), retryAfter: STORE_RETRY_AFTER_S }
  }
}

export interface StoreHealth {
  readonly up: () => boolean
  /** Outages seen (a success after failures ends one). */
  readonly outages: () => number
  /** Total time spent in outages, including the current one. */
  readonly outageMs: () => number
  readonly downForMs: () => number | undefined
  readonly failed: (e: unknown) => void
  readonly succeeded: () => void
}

export const storeHealth = (now: () => number = Date.now): StoreHealth => {
  let downSince: number | undefined
  let outages = 0
  let total = 0
  return {
    up: () => downSince === undefined,
    outages: () => outages,
    outageMs: () => total + (downSince === undefined ? 0 : now() - downSince),
    downForMs: () => (downSince === undefined ? undefined : now() - downSince),
    failed: () => {
      if (downSince === undefined) {
        downSince = now()
        outages += 1
      }
    },
    succeeded: () => {
      if (downSince !== undefined) total += now() - downSince
      downSince = undefined
    },
  }
}

/** Runs a call to the store, recording its outcome in `health` and throwing its failure as `StoreUnavailable`. */
export const guardCall = (health: StoreHealth) => async <A>(run: () => Promise<A>): Promise<A> => {
  let value: A
  try {
    value = await run()
  } catch (e) {
    health.failed(e)
    throw e instanceof StoreUnavailable ? e : new StoreUnavailable(e)
  }
  health.succeeded()
  return value
}

/** The same store, with its failures recorded in `health` and thrown as `StoreUnavailable`. */
export const guardStore = (store: EventStore, health: StoreHealth): EventStore => {
  const guarded = guardCall(health)
  return {
    ...store,
    append: (streamId, events, options) => guarded(() => store.append(streamId, events, options)),
    readStream: (streamId, options) => guarded(() => store.readStream(streamId, options)),
    headPosition: () => guarded(() => store.headPosition()),
    readAll: (options) => ({
      [Symbol.asyncIterator]: () => {
        const it = store.readAll(options)[Symbol.asyncIterator]()
        return { next: () => guarded(() => it.next()) }
      },
    }),
  }
}
