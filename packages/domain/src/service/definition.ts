/**
 * A service definition: one e-service of one regulation edition, written as data. It names the service, its
 * channels, each channel's steps as numbered in the regulation's Appendix 1 tables (who acts, what they do, which
 * fact completes the step, the deadline, where it goes next), the result documents and the refusals. The decider
 * and projections stay generic; a new service or a new akimat's edition is a new value of this type.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { Channel } from '../application/channel.js'
import type { EventOf, EventType } from '../application/events.js'
import type { RejectionCode } from '../application/rejection.js'
import type { Role } from '../envelope/role.js'
import type { ServiceId } from '../kernel/ids.js'
import type { Localized } from '../messages/localized.js'
import { isOrderedRange, type DurationRange } from './duration.js'

/** The kinds of outside or officer check the `checked` event records. */
export type CheckKind = EventOf<'checked'>['check']['kind']

/**
 * The fact that shows a step was done. `checked` names its kind, since one stream holds several checks.
 * Some steps leave no fact of their own (choosing the service, routing to АРМ РШЭП): they have no completion.
 */
export type Completion =
  | { readonly event: Exclude<EventType, 'checked'> }
  | { readonly event: 'checked'; readonly check: CheckKind }

/** A step's number as printed in the table's first row ("№ действия"): 1, 2, 3 … */
export type StepNumber = number

/** Who performs the step: the role (as in provenance) and the СФЕ as the edition writes it. */
export interface StepActor {
  readonly role: Role
  /** «Структурно-функциональная единица» verbatim from the edition's table (or prose where the table is missing). */
  readonly sfe: string
}

/**
 * The deadline of a step ("Сроки исполнения"). `inferred` marks a value the edition does not print (Atyrau has no
 * portal table); `note` says where it came from.
 */
export interface Deadline {
  readonly range: DurationRange
  readonly basis: 'as_written' | 'inferred'
  readonly note?: string
}

/**
 * A condition («условие») sits between steps; the tables give it no row and no deadline, only the branch in the
 * "next step" cell. `passedWhen` is the fact that records it passing; failing is a `rejected`.
 */
export interface Condition {
  readonly text: Localized
  readonly passedWhen: Completion
}

/** Where the step leads. Refusal and result steps end the channel; nothing loops back. */
export type StepOutcome =
  | { readonly kind: 'continue'; readonly next: StepNumber }
  | { readonly kind: 'branch'; readonly condition: Condition; readonly ifFails: StepNumber; readonly ifPasses: StepNumber }
  /** The service result is issued (a positive result document). */
  | { readonly kind: 'result'; readonly result: string }
  /**
   * A refusal is issued: the rejection codes this step can issue (ЦОН step 4 answers both "not in ГБД ФЛ" and
   * "power of attorney not in ЕНИС"), and the result document that carries it.
   */
  | { readonly kind: 'refusal'; readonly rejections: ReadonlyNonEmptyArray<RejectionCode>; readonly result: string }

export interface Step {
  readonly number: StepNumber
  readonly actor: StepActor
  /** «Наименование действия»: Russian and Kazakh from the tables or prose, `kkComposed` where we wrote it. */
  readonly action: Localized
  readonly completedBy: Completion | undefined
  /**
   * Other facts that complete the step as well: the kindergarten's last step ends with the queue notification
   * (`queued`) or, when a place is free, the referral (`result_issued`).
   */
  readonly alsoCompletedBy?: readonly Completion[]
  readonly deadline: Deadline
  readonly then: StepOutcome
}

export interface ChannelDefinition {
  readonly channel: Channel
  /** The table or prose the steps come from, e.g. "Appendix 1, Table 2". */
  readonly source: string
  readonly steps: ReadonlyNonEmptyArray<Step>
}

/** A document the service issues: a notification with the queue number, a motivated refusal. */
export interface ResultKind {
  readonly id: string
  readonly positive: boolean
  readonly name: Localized
  /** The fact issuing it is recorded by. */
  readonly recordedBy: Completion
  /** Whether the edition says it is signed with the ЭЦП of the provider's authorised person. */
  readonly signedByProvider: boolean
}

export interface ServiceDefinition {
  readonly id: ServiceId
  readonly name: Localized
  /** Which regulation edition this is: `almaty-2012`, `akzhar-2012` … */
  readonly edition: string
  /** What provenance envelopes record as the rule version, e.g. `housing-queue/almaty-2012@1`. */
  readonly ruleVersion: string
  /** The act: who approved it, when, its number. */
  readonly act: string
  readonly channels: ReadonlyNonEmptyArray<ChannelDefinition>
  readonly results: ReadonlyNonEmptyArray<ResultKind>
  readonly rejections: ReadonlyNonEmptyArray<RejectionCode>
}

export const channelOf = (def: ServiceDefinition, channel: Channel): ChannelDefinition | undefined =>
  def.channels.find((c) => c.channel === channel)

export const stepOf = (ch: ChannelDefinition, n: StepNumber): Step | undefined => ch.steps.find((s) => s.number === n)

/**
 * Whether a fact completes a step. A `checked` fact that does not say its kind (the status projection keeps only
 * type and time) counts for any check: in every channel of the seeds only one check completes a step.
 */
export const completionMatches = (c: Completion, fact: { readonly type: EventType; readonly check?: CheckKind }): boolean =>
  c.event === fact.type && (c.event !== 'checked' || fact.check === undefined || c.check === fact.check)

/** The steps that may follow a step. */
export const successors = (s: Step): readonly StepNumber[] => {
  switch (s.then.kind) {
    case 'continue': return [s.then.next]
    case 'branch': return [s.then.ifPasses, s.then.ifFails]
    default: return []
  }
}

/** Something wrong with a definition. Data written by hand (or loaded from JSON) is checked before use. */
export type DefinitionProblem =
  | { readonly problem: 'duplicate_channel'; readonly channel: Channel }
  | { readonly problem: 'steps_out_of_order'; readonly channel: Channel; readonly position: number; readonly found: StepNumber }
  | { readonly problem: 'unknown_next_step'; readonly channel: Channel; readonly step: StepNumber; readonly next: StepNumber }
  | { readonly problem: 'loops_back'; readonly channel: Channel; readonly step: StepNumber; readonly next: StepNumber }
  | { readonly problem: 'unreachable_step'; readonly channel: Channel; readonly step: StepNumber }
  | { readonly problem: 'unordered_deadline'; readonly channel: Channel; readonly step: StepNumber }
  | { readonly problem: 'empty_deadline'; readonly channel: Channel; readonly step: StepNumber }
  | { readonly problem: 'unknown_result'; readonly channel: Channel; readonly step: StepNumber; readonly result: string }
  | { readonly problem: 'undeclared_rejection'; readonly channel: Channel; readonly step: StepNumber; readonly rejection: RejectionCode }
  | { readonly problem: 'no_positive_result'; readonly channel: Channel }
  | { readonly problem: 'empty_text'; readonly channel: Channel; readonly step: StepNumber }

const channelProblems = (def: ServiceDefinition, ch: ChannelDefinition): DefinitionProblem[] => {
  const c = ch.channel
  const problems: DefinitionProblem[] = []
  const numbers = new Set(ch.steps.map((s) => s.number))
  ch.steps.forEach((s, i) => {
    if (s.number !== i + 1) problems.push({ problem: 'steps_out_of_order', channel: c, position: i + 1, found: s.number })
    for (const next of successors(s)) {
      if (!numbers.has(next)) problems.push({ problem: 'unknown_next_step', channel: c, step: s.number, next })
      else if (next <= s.number) problems.push({ problem: 'loops_back', channel: c, step: s.number, next })
    }
    if (!isOrderedRange(s.deadline.range)) problems.push({ problem: 'unordered_deadline', channel: c, step: s.number })
    if (s.deadline.range.max.amount === 0) problems.push({ problem: 'empty_deadline', channel: c, step: s.number })
    if ([s.action.ru, s.action.kk, s.action.en].some((x) => x.trim() === '')) {
      problems.push({ problem: 'empty_text', channel: c, step: s.number })
    }
    if (s.then.kind === 'result' || s.then.kind === 'refusal') {
      const result = s.then.result
      if (!def.results.some((r) => r.id === result)) problems.push({ problem: 'unknown_result', channel: c, step: s.number, result })
    }
    if (s.then.kind === 'refusal') {
      for (const rejection of s.then.rejections) {
        if (!def.rejections.includes(rejection)) problems.push({ problem: 'undeclared_rejection', channel: c, step: s.number, rejection })
      }
    }
  })
  const reached = reachable(ch)
  for (const s of ch.steps) if (!reached.has(s.number)) problems.push({ problem: 'unreachable_step', channel: c, step: s.number })
  const endsWell = ch.steps.some((s) => s.then.kind === 'result' && def.results.some((r) => r.id === (s.then as { result: string }).result && r.positive))
  if (!endsWell) problems.push({ problem: 'no_positive_result', channel: c })
  return problems
}

const reachable = (ch: ChannelDefinition): Set<StepNumber> => {
  const seen = new Set<StepNumber>()
  const stack: StepNumber[] = [ch.steps[0].number]
  while (stack.length > 0) {
    const n = stack.pop() as StepNumber
    const s = stepOf(ch, n)
    if (s === undefined || seen.has(n)) continue
    seen.add(n)
    stack.push(...successors(s))
  }
  return seen
}

/**
 * Checks what the types cannot: steps numbered 1…n in order, every "next" names a later step of the same channel,
 * every step reachable from step 1, deadlines ordered and non-zero, results and refusals declared, and every
 * channel able to end in a positive result.
 */
export const validateDefinition = (
  def: ServiceDefinition,
): E.Either<ReadonlyNonEmptyArray<DefinitionProblem>, ServiceDefinition> => {
  const seen = new Set<Channel>()
  const problems: DefinitionProblem[] = []
  for (const ch of def.channels) {
    if (seen.has(ch.channel)) problems.push({ problem: 'duplicate_channel', channel: ch.channel })
    seen.add(ch.channel)
    problems.push(...channelProblems(def, ch))
  }
  const [first, ...rest] = problems
  return first === undefined ? E.right(def) : E.left([first, ...rest])
}
