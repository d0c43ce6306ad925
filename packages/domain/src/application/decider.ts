/**
 * The application decider: the whole behaviour of one application stream as three values. Callers fold the
 * stream with `evolve` from `initialState`, call `decide`, and append what it returns.
 */
import { decide } from './decide'
import { evolve } from './evolve'
import { initialState } from './state'
import type { ApplicationCommand } from './commands'
import type { DomainError } from './errors'
import type { ApplicationEvent } from './events'
import type { ApplicationState } from './state'
import type { Either } from 'fp-ts/Either'

export interface Decider<C, S, Ev, Err> {
  readonly decide: (command: C, state: S) => Either<Err, readonly Ev[]>
  readonly evolve: (state: S, event: Ev) => S
  readonly initialState: S
}

export const applicationDecider: Decider<ApplicationCommand, ApplicationState, ApplicationEvent, DomainError> = {
  decide,
  evolve,
  initialState,
}

/** Folds a history into state. */
export const replay = <C, S, Ev, Err>(decider: Decider<C, S, Ev, Err>, events: Iterable<Ev>): S => {
  let state = decider.initialState
  for (const e of events) state = decider.evolve(state, e)
  return state
}
