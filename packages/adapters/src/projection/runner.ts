/**
 * Runs a projection from the store: catch up from the stored checkpoint in batches (one commit per batch), then
 * follow the store's subscription, committing each event as it arrives. After downtime a new run simply starts
 * from the checkpoint: nothing is lost, because the checkpoint only moves with the projection's writes, and nothing
 * is applied twice, for the same reason.
 *
 * Side effects (`react`: notifications, messages to other systems) run only in `live` mode, after the commit, and
 * only for events after `reactAfter`: a replay never repeats them. They are at-most-once: a crash between the
 * commit and the reaction loses that reaction. A reaction that must not be lost belongs in an outbox written by the
 * projection itself, inside its transaction.
 *
 * A projection that reads a few types of a long log says which (`types`): the catch-up then asks the store for those
 * only, and moves the checkpoint over the rest with the sink's `advance` once a read has reached the head it set out
 * for. A rebuild of the waiting list reads six types: a fifth of a generated log's events, or less.
 */
import type { EventHeader, EventStore, RecordedEvent, Subscription } from '../store/port.js'
import type { Progress } from './progress.js'
import type { ProjectionSink } from './sink.js'

export interface RunOptions {
  readonly store: EventStore
  readonly sink: ProjectionSink
  /** The events whose data the sink reads; the others reach it as stored (sealed, over a personal-data store). */
  readonly needsData?: (event: EventHeader) => boolean
  /**
   * The event types the sink is given; the others never reach it, and the checkpoint moves past them through
   * `sink.advance`, which the sink must then have. Default: every event.
   */
  readonly types?: readonly string[]
  /** Events per catch-up commit. Default 500. */
  readonly batchSize?: number
  /** `replay` suppresses reactions and stops once caught up (a rebuild). Default `live`. */
  readonly mode?: 'live' | 'replay'
  readonly react?: (event: RecordedEvent) => Promise<void> | void
  /** Reactions only for events strictly after this position (the previous version's checkpoint, after a switch). */
  readonly reactAfter?: string
  readonly onProgress?: (p: Progress) => void
  /** Clock for rates and lag. */
  readonly now?: () => number
}

export interface ProjectionRun {
  /** Resolves when every event that existed at start (re-checked at the end) has been committed. */
  readonly caughtUp: Promise<void>
  /** Resolves once the projection's checkpoint is at or after `position`. */
  readonly reached: (position: string) => Promise<void>
  /** Stops after the batch in flight; resolves when nothing is running. */
  readonly stop: () => Promise<void>
  /** Settles when the run ends: resolves after `stop` (or, in replay mode, once caught up); rejects on failure. */
  readonly done: Promise<void>
}

const deferred = () => {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}

export const runProjection = (options: RunOptions): ProjectionRun => {
  const { store, sink } = options
  const skip = skipping(options.types, sink)
  const batchSize = Math.max(1, options.batchSize ?? 500)
  const needs = options.needsData === undefined ? {} : { needsData: options.needsData }
  const types = options.types === undefined ? {} : { types: options.types }
  const mode = options.mode ?? 'live'
  const now = options.now ?? Date.now
  const started = now()
  const caughtUp = deferred()
  let applied = 0
  let checkpoint: string | undefined
  let head: string | undefined
  let isCaughtUp = false
  let stopped = false
  let subscription: Subscription | undefined
  const waiters: Array<{ readonly position: string; readonly resolve: () => void }> = []

  const wake = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i] as (typeof waiters)[number]
      if (checkpoint !== undefined && store.comparePositions(checkpoint, w.position) >= 0) {
        waiters.splice(i, 1)
        w.resolve()
      }
    }
  }

  const report = (last: RecordedEvent | undefined): void => {
    if (options.onProgress === undefined || checkpoint === undefined) return
    const seconds = Math.max(1e-3, (now() - started) / 1000)
    options.onProgress({
      projection: sink.name,
      version: sink.version,
      events: applied,
      eventsPerSecond: applied / seconds,
      position: checkpoint,
      head,
      lagMs: isCaughtUp || last === undefined ? 0 : Math.max(0, now() - Date.parse(last.recordedAt)),
      caughtUp: isCaughtUp,
      mode,
    })
  }

  const shouldReact = (e: RecordedEvent): boolean =>
    mode === 'live' &&
    options.react !== undefined &&
    (options.reactAfter === undefined || store.comparePositions(e.position, options.reactAfter) > 0)

  const commit = async (batch: readonly RecordedEvent[]): Promise<void> => {
    const last = batch[batch.length - 1]
    if (last === undefined) return
    await sink.commit(batch)
    applied += batch.length
    moved(last.position)
    for (const e of batch) if (shouldReact(e)) await options.react?.(e)
    report(last)
    wake()
  }

  /** The checkpoint moved to `position`, by events applied or by the log's other events passed over. */
  const moved = (position: string): void => {
    checkpoint = position
    if (!isCaughtUp && head !== undefined && store.comparePositions(checkpoint, head) >= 0) isCaughtUp = true
  }

  /** Moves the checkpoint over events the projection does not read (only with `types`). */
  const passOver = async (position: string): Promise<void> => {
    if (skip === undefined || (checkpoint !== undefined && store.comparePositions(checkpoint, position) >= 0)) return
    await skip.advance(position)
    moved(position)
    report(undefined)
    wake()
  }

  /** Reads the log in batches until a read comes back with nothing new; returns false when stopped. */
  const catchUp = async (): Promise<boolean> => {
    for (;;) {
      const target = await store.headPosition()
      head = target
      if (target === undefined || (checkpoint !== undefined && store.comparePositions(checkpoint, target) >= 0)) return true
      let batch: RecordedEvent[] = []
      for await (const e of store.readAll({ ...(checkpoint === undefined ? {} : { after: checkpoint }), ...needs, ...types, batchSize })) {
        // A store may send other types as well (the option is a hint to it): they are passed over like the unread.
        if (skip?.reads.has(e.type) === false) continue
        batch.push(e)
        if (batch.length >= batchSize) {
          await commit(batch)
          batch = []
          if (stopped) return false
        }
      }
      await commit(batch)
      if (stopped) return false
      // A read of some types ends at the last of them. Every event up to `target` was visible before the read began,
      // and what a store's reader sees is a prefix of its order, so none of those types is left up to it.
      await passOver(target)
    }
  }

  const done = (async () => {
    try {
      checkpoint = await sink.checkpoint()
      if (!(await catchUp())) return
      isCaughtUp = true
      if (checkpoint !== undefined) report(undefined)
      caughtUp.resolve()
      wake()
      if (mode === 'replay' || stopped) return
      subscription = store.subscribe({
        ...(checkpoint === undefined ? {} : { after: checkpoint }),
        ...needs,
        onEvent: (e) => (skip?.reads.has(e.type) === false ? passOver(e.position) : commit([e])),
      })
      await subscription.done
    } catch (error) {
      caughtUp.reject(error)
      throw error
    }
  })()
  done.catch(() => undefined)

  return {
    caughtUp: caughtUp.promise,
    reached: (position) =>
      new Promise<void>((resolve) => {
        waiters.push({ position, resolve })
        wake()
      }),
    stop: async () => {
      stopped = true
      await subscription?.stop()
      await done.catch(() => undefined)
    },
    done,
  }
}

/** With `types`, the types read and the sink's way past the rest; a sink that cannot move past events cannot be given `types`. */
const skipping = (types: readonly string[] | undefined, sink: ProjectionSink): { readonly reads: ReadonlySet<string>; readonly advance: (position: string) => Promise<void> } | undefined => {
  if (types === undefined) return undefined
  const advance = sink.advance
  if (advance === undefined) throw new TypeError(`projection ${sink.name}: a run given types needs a sink with advance(position)`)
  return { reads: new Set(types), advance: (position) => advance.call(sink, position) }
}
