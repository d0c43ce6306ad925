/**
 * Catch-up-then-follow subscriptions, shared by every back-end that can read its log in pages.
 *
 * The loop reads pages after its checkpoint and hands events to the handler one at a time. When a page comes back
 * short it has caught up, and it sleeps until an append wakes it (in-process, or LISTEN/NOTIFY) or the fallback
 * poll fires. A back-end that holds committed events back (PostgreSQL holds events of transactions younger than
 * the oldest one still running, so that none is skipped) reports it as `held`; the loop then re-reads with a short
 * backoff instead of waiting for the next notification, because the transaction that was holding them may end
 * without notifying (a rollback, or some other application's transaction).
 */
import type { EventHeader, RecordedEvent, SubscribeOptions, Subscription, SubscriptionHealth } from './port.js'

export interface Page {
  readonly events: readonly RecordedEvent[]
  /** Committed events exist after this page that readers may not see yet. */
  readonly held: boolean
}

export interface PagedLog {
  /**
   * A page after `after`. With `needsData`, events it answers false for may come without their data and metadata
   * (a SQL store then reads only their headers); it is asked once per event, when the page is read.
   */
  readonly readPage: (after: string | undefined, limit: number, needsData?: (event: EventHeader) => boolean) => Promise<Page>
  /** Registers a callback for "something may have been appended"; returns the unregistration. */
  readonly onAppend: (wake: () => void) => () => void
  readonly comparePositions: (a: string, b: string) => number
  /** Fallback re-read interval when nothing wakes the loop; `undefined` when every append wakes it. */
  readonly pollIntervalMs?: number
  /**
   * How long a caught-up loop lets appends gather before it reads them, when nobody waits for a position
   * (`reached`); `undefined`: it reads at once. See `follow`.
   */
  readonly gatherMs?: number
}

export interface FollowOptions extends SubscribeOptions {
  readonly batchSize?: number
  /** First and largest wait between re-reads after the store failed; default 100 ms and 5 s. */
  readonly retry?: { readonly initialMs?: number; readonly maxMs?: number }
}

interface Deferred {
  readonly promise: Promise<void>
  readonly resolve: () => void
  readonly reject: (e: unknown) => void
}

const deferred = (): Deferred => {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  // The caller may never await every promise (a test that only awaits `done`): a rejection must not crash the
  // process as "unhandled", while whoever awaits it still sees it.
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}

const HELD_BACKOFF_START_MS = 5

/**
 * "Full jitter" (a uniform wait up to the capped exponential bound): instances that lost the store together do not
 * come back in lock-step and hammer it at the same instant.
 */
export const retryDelay = (attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number =>
  Math.max(1, Math.round(random() * Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30))))

export const follow = (log: PagedLog, options: FollowOptions): Subscription => {
  const batch = options.batchSize ?? 500
  const caughtUp = deferred()
  const done = deferred()
  const waiters: Array<{ readonly position: string; readonly d: Deferred }> = []
  const retryInitial = options.retry?.initialMs ?? 100
  const retryMax = options.retry?.maxMs ?? 5000
  let checkpoint = options.after
  let stopped = false
  // Store failures while reading: the loop retries from its checkpoint, so nothing is skipped or applied twice.
  let failingSince: number | undefined
  let lastError: string | undefined
  let reconnects = 0
  let outageMs = 0
  let failures = 0
  let woken = false
  let wakeSleeper: (() => void) | undefined
  let gathering: ReturnType<typeof setTimeout> | undefined

  /**
   * An append was heard. The loop reads at once when someone waits for a position, else after `gatherMs`: a busy
   * writer's batches are then read back a few at a time instead of one read per commit (the reference service's
   * read-back was nearly half of its statements under signed submissions). What the wait costs is bounded lag for
   * readers that did not ask for a position; a write's own answer is never behind it (it waits with `reached`, or
   * was applied by its writer). While `gathering` is set nobody waits: a new waiter reads at once (`reached`).
   */
  const wake = (): void => {
    woken = true
    if (log.gatherMs === undefined || waiters.length > 0) return readNow()
    gathering ??= setTimeout(readNow, log.gatherMs)
  }

  const stopGathering = (): void => {
    if (gathering !== undefined) clearTimeout(gathering)
    gathering = undefined
  }

  const readNow = (): void => {
    stopGathering()
    wakeSleeper?.()
  }
  const unregister = log.onAppend(wake)

  const isReached = (position: string): boolean =>
    checkpoint !== undefined && log.comparePositions(checkpoint, position) >= 0

  const settleWaiters = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]
      if (w !== undefined && isReached(w.position)) {
        waiters.splice(i, 1)
        w.d.resolve()
      }
    }
  }

  const sleep = (ms: number | undefined): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => finish(), ms)
      const finish = (): void => {
        if (timer !== undefined) clearTimeout(timer)
        wakeSleeper = undefined
        resolve()
      }
      wakeSleeper = finish
    })

  const run = async (): Promise<void> => {
    let backoff = HELD_BACKOFF_START_MS
    while (!stopped) {
      // This read covers every append heard so far, those left to gather included.
      woken = false
      stopGathering()
      let page: Page
      try {
        page = await log.readPage(checkpoint, batch, options.needsData)
      } catch (error) {
        // The store failed, not the handler: wait (capped exponential backoff with jitter) and read again.
        if (stopped) return
        failingSince ??= Date.now()
        lastError = error instanceof Error ? error.message : String(error)
        await sleep(retryDelay(failures, retryInitial, retryMax))
        failures += 1
        continue
      }
      if (failingSince !== undefined) {
        outageMs += Date.now() - failingSince
        failingSince = undefined
        reconnects += 1
      }
      failures = 0
      for (const e of page.events) {
        if (stopped) return
        await options.onEvent(e)
        checkpoint = e.position
        settleWaiters()
      }
      if (page.events.length > 0) backoff = HELD_BACKOFF_START_MS
      if (page.events.length >= batch) continue
      if (!page.held) caughtUp.resolve()
      if (stopped) continue
      // Woken while reading: read again now, unless the appends are still gathering (see `wake`).
      if (woken && gathering === undefined) continue
      if (page.held) {
        await sleep(log.pollIntervalMs === undefined ? backoff : Math.min(backoff, log.pollIntervalMs))
        backoff = Math.min(backoff * 2, log.pollIntervalMs ?? 1000)
      } else {
        await sleep(log.pollIntervalMs)
      }
    }
  }

  const ended = (error: unknown): void => {
    unregister()
    stopGathering()
    const why = error ?? new Error('the subscription stopped before reaching this position')
    for (const w of waiters.splice(0)) w.d.reject(why)
    caughtUp.reject(why)
  }

  const running = run().then(
    () => {
      ended(undefined)
      done.resolve()
    },
    (error: unknown) => {
      stopped = true
      ended(error)
      done.reject(error)
    },
  )

  return {
    caughtUp: caughtUp.promise,
    reached: (position) => {
      if (isReached(position)) return Promise.resolve()
      const d = deferred()
      if (stopped) d.reject(new Error('the subscription has stopped'))
      else {
        waiters.push({ position, d })
        // Appends heard and left to gather may hold this position: read them now.
        if (gathering !== undefined) readNow()
      }
      return d.promise
    },
    stop: async () => {
      stopped = true
      wakeSleeper?.()
      await running
    },
    done: done.promise,
    health: (): SubscriptionHealth => ({
      failing: failingSince !== undefined,
      ...(failingSince === undefined ? {} : { failingForMs: Date.now() - failingSince }),
      ...(lastError === undefined ? {} : { lastError }),
      reconnects,
      outageMs: outageMs + (failingSince === undefined ? 0 : Date.now() - failingSince),
    }),
  }
}

/** Keeps a store's live subscriptions so `close` can stop them before it releases the connection. */
export const track = (live: Set<Subscription>, s: Subscription): Subscription => {
  live.add(s)
  s.done.then(
    () => live.delete(s),
    () => live.delete(s),
  )
  return s
}

export const stopAll = async (live: Set<Subscription>): Promise<void> => {
  await Promise.all([...live].map((s) => s.stop()))
}
