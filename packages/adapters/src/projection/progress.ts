/** What a running projection reports after every committed batch. */
export interface Progress {
  readonly projection: string
  readonly version: number
  /** Events applied by this run so far: of its `types` only, when it was given them. */
  readonly events: number
  /** Average over this run. */
  readonly eventsPerSecond: number
  /** Checkpoint after the batch. */
  readonly position: string
  /** The store's head when the run last looked. */
  readonly head: string | undefined
  /**
   * How far behind the head the projection is, as time: now minus the record time of the last event applied;
   * 0 once it has caught up. Time, not an event count, because positions are opaque (Marten reports lag the same way).
   */
  readonly lagMs: number
  readonly caughtUp: boolean
  /** `replay` while rebuilding history (side effects suppressed), `live` otherwise. */
  readonly mode: 'live' | 'replay'
}
