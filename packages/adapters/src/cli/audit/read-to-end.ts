/**
 * The whole log in global order, read as far as the store held when the command started.
 *
 * On PostgreSQL a reader reads only below the oldest transaction still running in its database
 * (store/sql/horizon.ts), so that no event committing later lands behind it. A walk beside a long transaction (a
 * bulk import into another schema of the same database) therefore ends short of it, and a `verify` that stopped
 * there would report a prefix of the log as the whole. This walk reads on after its last position while the
 * horizon moves, up to a deadline, and counts what stayed unread so the command can say so.
 */
import type { EventStore, RecordedEvent } from '../../store/port.js'

export interface LogToEnd {
  readonly events: AsyncIterable<RecordedEvent>
  /** Events the store held at the start that the walk did not reach before its deadline (0 once it did). */
  readonly unread: () => number
}

export interface ReadToEndOptions {
  /** Events the store held when the command started; undefined when it cannot count (the walk then reads once). */
  readonly total: number | undefined
  /** How long to keep reading on after the walk first comes up short, in ms. */
  readonly waitMs: number
  readonly clock: () => number
  readonly sleep: (ms: number) => Promise<void>
  /** Told once, when the walk first comes up short and starts waiting: how many events are still unread. */
  readonly onHeld: (unread: number) => void
}

const BATCH = 1000
/** First and largest pause between reads while held back. */
const PAUSE_MS = { first: 50, max: 1000 }

export const readToEnd = (store: EventStore, options: ReadToEndOptions): LogToEnd => {
  let read = 0
  const unread = (): number => (options.total === undefined ? 0 : Math.max(0, options.total - read))
  async function* events(): AsyncIterable<RecordedEvent> {
    let after: string | undefined
    let deadline: number | undefined
    let pause = PAUSE_MS.first
    for (;;) {
      let moved = false
      for await (const e of store.readAll({ batchSize: BATCH, ...(after === undefined ? {} : { after }) })) {
        read += 1
        after = e.position
        moved = true
        yield e
      }
      if (unread() === 0) return
      if (deadline === undefined) {
        deadline = options.clock() + options.waitMs
        options.onHeld(unread())
      }
      if (options.clock() >= deadline) return
      pause = moved ? PAUSE_MS.first : Math.min(pause * 2, PAUSE_MS.max)
      await options.sleep(Math.min(pause, Math.max(0, deadline - options.clock())))
    }
  }
  return { events: events(), unread }
}
