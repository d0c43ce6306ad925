import type { Channel } from './channel'
import type { CommandType } from './commands'
import type { Stage } from './state'

/**
 * Why the decider refused a command. Refusing changes nothing: no event is produced. These are errors of the
 * caller (a command that makes no sense now), not refusals of the citizen, which are `rejected` events.
 */
export type DomainError =
  /** The command makes no sense at this stage: queue a rejected application, sign twice. */
  | { readonly code: 'not_allowed'; readonly command: CommandType; readonly stage: Stage }
  /** A step the regulation requires first has not happened: queue before the document check. */
  | { readonly code: 'step_skipped'; readonly command: CommandType; readonly missing: CommandType }
  /** The step does not exist in this channel: a ГБД ФЛ look-up on the portal, ЕНИС outside ЦОН. */
  | { readonly code: 'wrong_channel'; readonly command: CommandType; readonly channel: Channel }
  /** The command names another application than the stream holds. */
  | { readonly code: 'application_mismatch'; readonly command: CommandType; readonly expected: string; readonly actual: string }
  /** The command contradicts facts already recorded. */
  | { readonly code: 'inconsistent'; readonly command: CommandType; readonly detail: Inconsistency }

export type Inconsistency =
  | 'filed_after_decision'
  | 'successor_is_holder'
  | 'representative_not_confirmed'
  | 'questionnaire_already_answered'
  | 'no_result_yet'

export type DomainErrorCode = DomainError['code']
