/**
 * Projections held in memory, for the in-memory store and for tests. The state is a value folded from events; a
 * commit computes the next state from a batch first and only then swaps state and checkpoint together, so a
 * failing `apply` leaves both as they were.
 */
import type { RecordedEvent } from '../store/port.js'
import type { ProjectionSink } from './sink.js'

export interface MemoryProjection<S> {
  readonly name: string
  readonly initial: () => S
  /** Must not mutate `state` in place if it can throw half-way: return a new state instead. */
  readonly apply: (state: S, event: RecordedEvent) => S
}

export interface MemorySink<S> extends ProjectionSink {
  readonly state: () => S
}

/**
 * A sink that keeps its state and checkpoint for as long as the object lives. A "restart" of the runner reuses the
 * same sink (as a restart of a process reuses its database).
 */
export const memorySink = <S>(projection: MemoryProjection<S>, version = 1): MemorySink<S> => {
  let current: { readonly state: S; readonly checkpoint: string | undefined } = {
    state: projection.initial(),
    checkpoint: undefined,
  }
  return {
    name: projection.name,
    version,
    state: () => current.state,
    checkpoint: async () => current.checkpoint,
    commit: async (events) => {
      const last = events[events.length - 1]
      if (last === undefined) return
      const state = events.reduce(projection.apply, current.state)
      current = { state, checkpoint: last.position }
    },
    advance: async (position) => {
      current = { state: current.state, checkpoint: position }
    },
  }
}
