/**
 * The application service: load a stream, fold it, decode and decide the commands, wrap the events in envelopes
 * and append them with the revision that was read. Any transport (HTTP, CLI, a queue consumer) calls this and
 * maps the typed result to its own vocabulary.
 *
 * Several commands may be decided together (the portal's authorize → sign → register): they are appended in one
 * atomic write, so a crash never leaves half a submission behind.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  applicationDecider,
  decodeCommand,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
  type DecisionContext,
  type ListSnapshot,
} from '@kezek/domain'
import type { EventStore, ExpectedRevision, NewEvent } from '../store/port.js'
import { envelopeFor, toNewEvent, type Provenance } from './envelope.js'
import type { HandlerError } from './errors.js'
import { loadApplication, type LoadedApplication } from './load.js'
import { applicationStream } from './stream.js'

export interface HandlerDeps {
  readonly store: EventStore
  /** Record time of the envelopes. */
  readonly clock: () => Date
  /** Event ids. */
  readonly newId: () => string
  /** The regulation edition and rule set a command is decided under, written into every envelope. */
  readonly ruleVersion: (command: ApplicationCommand, state: ApplicationState) => string
  /** How many times a lost race is re-decided when the caller did not pin a revision (default 3). */
  readonly maxAttempts?: number
}

export interface CommandContext extends Omit<Provenance, 'ruleVersion'> {
  /**
   * The revision the caller last saw (HTTP `If-Match`). When given, a stream that moved on is `stale_revision`
   * and nothing is decided. When omitted, the handler decides on what it reads and re-decides a lost race.
   */
  readonly expectedRevision?: number | 'no_stream'
  /**
   * The waiting list a `queue` command enters, as it stands now: the decider counts the number at registration
   * from it (and refuses a `queue` without it). The caller makes sure it has caught up with the store.
   */
  readonly waitingList?: ListSnapshot
  /**
   * The application as the caller has just read it (`handler.load`): the first attempt decides on it instead of
   * reading the stream again. It is only a starting point: the append still expects its revision, so a write made
   * in between is a lost race, and the retry reads the stream afresh. Not used with `expectedRevision`.
   */
  readonly known?: LoadedApplication
}

/**
 * One command as untrusted input, or a function that builds it from the state the earlier commands of the batch
 * left (so a request number is drawn only when registration is actually reached).
 */
export type CommandItem = unknown | ((state: ApplicationState) => unknown)

/**
 * The commands of one call, or a function that builds them from the application as it stands. A batch is one
 * user action: once a command of it ends in a `rejected` fact, the commands after it are not decided.
 */
export type CommandInput = readonly CommandItem[] | ((loaded: LoadedApplication) => readonly CommandItem[])

export interface Handled {
  readonly applicationId: string
  readonly streamId: string
  /** The events this call wrote (empty on a retry). */
  readonly events: readonly ApplicationEvent[]
  /** The state after the call. */
  readonly state: ApplicationState
  /** The stream's revision after the call: the next ETag. */
  readonly revision: number | undefined
  /** Global position of the last event written, for waiting until read models have seen it. */
  readonly position: string | undefined
  /** True when every command had been decided before: nothing new was written. */
  readonly duplicate: boolean
  /** The whole stream after the call, events with their revisions: answers need no second read. */
  readonly history: readonly { readonly event: ApplicationEvent; readonly revision: number }[]
  /**
   * The events this call wrote as the store holds them (data and envelope), in `events` order: a caller that keeps
   * read models applies its own write without reading it back. Empty when nothing was written.
   */
  readonly appended: readonly NewEvent[]
}

export interface CommandHandler {
  readonly handle: (applicationId: string, commands: CommandInput, context: CommandContext) => Promise<E.Either<HandlerError, Handled>>
  readonly load: (applicationId: string) => Promise<E.Either<HandlerError, LoadedApplication>>
}

interface Decided {
  readonly commands: readonly ApplicationCommand[]
  readonly pairs: readonly { readonly command: ApplicationCommand; readonly event: ApplicationEvent }[]
  readonly state: ApplicationState
}

const decideAll = (loaded: LoadedApplication, inputs: readonly CommandItem[], context: DecisionContext | undefined): E.Either<HandlerError, Decided> => {
  let state = loaded.state
  const commands: ApplicationCommand[] = []
  const pairs: { command: ApplicationCommand; event: ApplicationEvent }[] = []
  for (const [index, item] of inputs.entries()) {
    if (state.application.stage === 'rejected' && pairs.some((p) => p.event.type === 'rejected')) break
    const input: unknown = typeof item === 'function' ? (item as (s: ApplicationState) => unknown)(state) : item
    const command = decodeCommand(input)
    if (E.isLeft(command)) return E.left({ kind: 'invalid_command', index, error: command.left })
    const decision = applicationDecider.decide(command.right, state, context)
    if (E.isLeft(decision)) return E.left({ kind: 'domain_refused', index, error: decision.left })
    commands.push(command.right)
    for (const event of decision.right) {
      pairs.push({ command: command.right, event })
      state = applicationDecider.evolve(state, event)
    }
  }
  return E.right({ commands, pairs, state })
}

const sameRevision = (expected: number | 'no_stream', actual: number | undefined): boolean =>
  expected === 'no_stream' ? actual === undefined : expected === actual

const failure = (e: unknown): HandlerError => ({ kind: 'store_unavailable', detail: e instanceof Error ? e.message : String(e) })

export const createCommandHandler = (deps: HandlerDeps): CommandHandler => {
  const load = (applicationId: string) => loadApplication(deps.store, applicationId)

  const attempt = async (
    applicationId: string,
    input: CommandInput,
    context: CommandContext,
    known: LoadedApplication | undefined,
  ): Promise<E.Either<HandlerError, Handled | 'lost_race'>> => {
    const loaded = known === undefined ? await load(applicationId) : E.right(known)
    if (E.isLeft(loaded)) return loaded
    const { streamId, revision } = loaded.right
    if (context.expectedRevision !== undefined && !sameRevision(context.expectedRevision, revision))
      return E.left({ kind: 'stale_revision', streamId, expected: context.expectedRevision, actual: revision })
    const inputs = typeof input === 'function' ? input(loaded.right) : input
    const decided = decideAll(loaded.right, inputs, context.waitingList === undefined ? undefined : { waitingList: context.waitingList })
    if (E.isLeft(decided)) return decided
    const { pairs, state, commands } = decided.right
    const result = { applicationId, streamId, state }
    const before = loaded.right.events.map(({ event, revision: r }) => ({ event, revision: r }))
    if (pairs.length === 0)
      return E.right({ ...result, events: [], revision, position: loaded.right.events.at(-1)?.position, duplicate: true, history: before, appended: [] })

    const recordedAt = deps.clock()
    const ruleVersion = deps.ruleVersion(commands[0] as ApplicationCommand, loaded.right.state)
    const provenance: Provenance = { ...context, ruleVersion }
    const newEvents: NewEvent[] = pairs.map(({ command, event }) =>
      toNewEvent(event, envelopeFor(command, event, deps.newId(), recordedAt, provenance)))
    const expected: ExpectedRevision = revision ?? 'no_stream'
    let appended: Awaited<ReturnType<EventStore['append']>>
    try {
      appended = await deps.store.append(streamId, newEvents, {
        expected,
        idempotencyKey: (commands[0] as ApplicationCommand).commandId,
      })
    } catch (e) {
      return E.left(failure(e))
    }
    if (E.isLeft(appended)) {
      const l = appended.left
      if (l.kind === 'wrong_expected_revision')
        return context.expectedRevision === undefined
          ? E.right('lost_race')
          : E.left({ kind: 'stale_revision', streamId, expected: context.expectedRevision, actual: l.actual })
      if (l.kind === 'invalid_event') return E.left({ kind: 'events_refused', streamId, detail: l.detail })
      return E.left({ kind: 'store_unavailable', detail: l.kind })
    }
    if (appended.right.duplicate) {
      // Another call with the same command id got there first: answer with what the stream holds now.
      const now = await load(applicationId)
      if (E.isLeft(now)) return now
      return E.right({
        ...result, state: now.right.state, events: [], revision: now.right.revision, position: appended.right.position, duplicate: true,
        history: now.right.events.map(({ event, revision: r }) => ({ event, revision: r })),
        appended: [],
      })
    }
    const first = (revision ?? -1) + 1
    return E.right({
      ...result,
      events: pairs.map((p) => p.event),
      revision: appended.right.nextExpectedRevision,
      position: appended.right.position,
      duplicate: false,
      history: [...before, ...pairs.map((p, i) => ({ event: p.event, revision: first + i }))],
      appended: newEvents,
    })
  }

  const handle: CommandHandler['handle'] = async (applicationId, input, context) => {
    const attempts = Math.max(1, deps.maxAttempts ?? 3)
    for (let i = 0; i < attempts; i++) {
      // Only the first attempt may start from what the caller read (after a lost race the stream has moved on), and
      // only when no revision is pinned: a pinned revision is checked against the stream itself.
      const known = i === 0 && context.expectedRevision === undefined && context.known?.streamId === applicationStream(applicationId) ? context.known : undefined
      const r = await attempt(applicationId, input, context, known)
      if (E.isLeft(r)) return r
      if (r.right !== 'lost_race') return E.right(r.right)
    }
    // Lost every race: the stream is too hot to decide on; the caller may retry later.
    const loaded = await load(applicationId)
    const actual = E.isRight(loaded) ? loaded.right.revision : undefined
    return E.left({ kind: 'stale_revision', streamId: applicationStream(applicationId), expected: 'any', actual })
  }

  return { handle, load }
}
