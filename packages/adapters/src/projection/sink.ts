/**
 * Where a projection's state and its checkpoint live. The runner only ever hands a sink a batch of events together
 * with the position of the last one, and the sink must make both durable together or neither: a projection can
 * then never have applied an event its checkpoint says it has not (a duplicate after a restart) or the reverse
 * (a lost event). SQL sinks do it in one transaction; the memory sink by swapping one reference.
 */
import type { RecordedEvent } from '../store/port.js'

export interface ProjectionSink {
  /** Which projection and which version of it, for progress reports and logs. */
  readonly name: string
  readonly version: number
  /** The position of the last event applied, or `undefined` for a projection that has seen nothing. */
  readonly checkpoint: () => Promise<string | undefined>
  /** Applies the events and records `events[last].position` as the checkpoint, atomically. */
  readonly commit: (events: readonly RecordedEvent[]) => Promise<void>
  /**
   * Records `position` as the checkpoint and applies nothing: the log up to it holds no event this projection reads
   * beyond those committed. A runner given `types` needs it, to move past the events it did not read (otherwise a
   * filtered catch-up would never reach the log's head); a sink without it is fed every event.
   */
  readonly advance?: (position: string) => Promise<void>
}
