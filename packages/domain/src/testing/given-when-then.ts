/**
 * Given/when/then for any decider, usable from any test runner: a failed expectation throws an Error whose message
 * shows what was expected and what happened. Teams embedding the domain use it for their own specifications.
 *
 *   spec(applicationDecider).given(history).when(command).then(expectedEvents)
 *   spec(applicationDecider, { waitingList }).given(checked).when(queueCommand)…   // a decision that reads the list
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../application/decider.js'
import { deepEqual, show } from './equal.js'

export class SpecificationFailed extends Error {
  override readonly name = 'SpecificationFailed'
}

export interface Then<Ev, Err> {
  /** The command produced exactly these events. */
  readonly then: (expected: readonly Ev[]) => readonly Ev[]
  /** The command produced events that satisfy the predicate; returns them for further assertions. */
  readonly thenEvents: (check: (events: readonly Ev[]) => boolean | void) => readonly Ev[]
  /** The command was refused with an error equal to (or, given a function, accepted by) `expected`. */
  readonly thenFails: (expected: Err | ((error: Err) => boolean)) => Err
  /** The command was accepted and produced no events (a retry, say). */
  readonly thenNothingHappened: () => void
  /** Deciding the same command again on the resulting state produces no events: the command is idempotent. */
  readonly thenIdempotent: () => readonly Ev[]
}

export interface Given<C, S, Ev, Err> {
  readonly when: (command: C) => Then<Ev, Err>
  /** The state the history folds to, for assertions on it. */
  readonly state: () => S
}

const fail = (message: string): never => {
  throw new SpecificationFailed(message)
}

/** `context`, when given, is passed to every decision (the application decider's waiting list, say). */
export const spec = <C, S, Ev, Err, Ctx>(decider: Decider<C, S, Ev, Err, Ctx>, context?: Ctx) => ({
  given: (history: readonly Ev[] = []): Given<C, S, Ev, Err> => {
    const state = () => history.reduce(decider.evolve, decider.initialState)
    return {
      state,
      when: (command) => {
        const before = state()
        const outcome = decider.decide(command, before, context)
        const events = (): readonly Ev[] =>
          E.isRight(outcome) ? outcome.right : fail(`expected events, but the command failed with ${show(outcome.left)}`)
        return {
          then: (expected) => {
            const actual = events()
            if (!deepEqual(actual, expected)) fail(`expected events ${show(expected)}\nbut got ${show(actual)}`)
            return actual
          },
          thenEvents: (check) => {
            const actual = events()
            if (check(actual) === false) fail(`events did not satisfy the check: ${show(actual)}`)
            return actual
          },
          thenFails: (expected) => {
            if (E.isRight(outcome)) return fail(`expected a failure, but got events ${show(outcome.right)}`)
            const ok = typeof expected === 'function'
              ? (expected as (e: Err) => boolean)(outcome.left)
              : deepEqual(outcome.left, expected)
            if (!ok) fail(`expected failure ${typeof expected === 'function' ? '(predicate)' : show(expected)}\nbut got ${show(outcome.left)}`)
            return outcome.left
          },
          thenNothingHappened: () => {
            const actual = events()
            if (actual.length > 0) fail(`expected no events, but got ${show(actual)}`)
          },
          thenIdempotent: () => {
            const first = events()
            const after = first.reduce(decider.evolve, before)
            const again = decider.decide(command, after, context)
            if (E.isLeft(again)) fail(`the repeated command failed with ${show(again.left)}`)
            if (E.isRight(again) && again.right.length > 0) fail(`the repeated command produced ${show(again.right)}`)
            return first
          },
        }
      },
    }
  },
})
