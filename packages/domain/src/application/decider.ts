/**
 * The application decider: the whole behaviour of one application stream as three values. Callers fold the
 * stream with `evolve` from `initialState`, call `decide`, and append what it returns.
 *
 * One decider serves every service: the service's rules are data, looked up by the service id the application was
 * authorized for. `applicationDecider` knows the eight services of the seeds (and decides unknown ids as the housing
 * queue, as before); `createApplicationDecider` takes an akimat's own catalogue; `strictApplicationDecider` refuses
 * service ids it does not know.
 */
import { builtInRulesOf, strictRulesOf } from '../service/catalog.js'
import { decide, decideWith, type DecisionContext, type RulesOf } from './decide.js'
import { evolve } from './evolve.js'
import { initialState } from './state.js'
import type { ApplicationCommand } from './commands.js'
import type { DomainError } from './errors.js'
import type { ApplicationEvent } from './events.js'
import type { ApplicationState } from './state.js'
import type { Either } from 'fp-ts/lib/Either.js'

/**
 * `Ctx` is what a decision may read besides the command and the state (for the application decider, the waiting
 * list a `queue` enters). It is optional in the signature; a command that needs it is refused without it.
 */
export interface Decider<C, S, Ev, Err, Ctx = never> {
  readonly decide: (command: C, state: S, context?: Ctx) => Either<Err, readonly Ev[]>
  readonly evolve: (state: S, event: Ev) => S
  readonly initialState: S
}

export type ApplicationDecider = Decider<ApplicationCommand, ApplicationState, ApplicationEvent, DomainError, DecisionContext>

/** The decider over a given set of service rules: `evolve` and `initialState` do not depend on them. */
export const createApplicationDecider = (rulesOf: RulesOf): ApplicationDecider => ({
  decide: rulesOf === builtInRulesOf ? decide : decideWith(rulesOf),
  evolve,
  initialState,
})

export const applicationDecider: ApplicationDecider = createApplicationDecider(builtInRulesOf)

export const strictApplicationDecider: ApplicationDecider = createApplicationDecider(strictRulesOf)

/** Folds a history into state. */
export const replay = <C, S, Ev, Err, Ctx>(decider: Decider<C, S, Ev, Err, Ctx>, events: Iterable<Ev>): S => {
  let state = decider.initialState
  for (const e of events) state = decider.evolve(state, e)
  return state
}
