import type { Channel } from './channel.js'
import type { CommandType } from './commands.js'
import type { Stage } from './state.js'

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
  /**
   * A `queue` command named a number at registration that is not the one the waiting list it was decided against
   * gives (`expected`): the number is the domain's, counted from the list, and a caller's number is only checked.
   */
  | { readonly code: 'queue_number_mismatch'; readonly command: CommandType; readonly expected: number; readonly given: number }
  /**
   * The command contradicts facts already recorded, or does not fit the service the application was authorized
   * for (a `queue` for a certificate service). `serviceId` and `subject` (the list, result kind, channel refused)
   * say which, when it matters. New refusals are new details, not new codes, so callers that switch over `code`
   * stay exhaustive.
   */
  | {
      readonly code: 'inconsistent'
      readonly command: CommandType
      readonly detail: Inconsistency
      readonly serviceId?: string
      readonly subject?: string
    }

export type Inconsistency =
  | 'filed_after_decision'
  | 'decision_before_filing'
  | 'decision_after_command'
  | 'successor_is_holder'
  | 'representative_not_confirmed'
  | 'questionnaire_already_answered'
  | 'no_result_yet'
  /** A `queue` decided without the waiting list it enters (`DecisionContext`): its number cannot be counted. */
  | 'waiting_list_not_given'
  // ── The command does not fit the service's definition.
  | 'unknown_service'
  | 'channel_not_offered'
  | 'command_not_in_service'
  | 'request_not_for_service'
  | 'list_not_offered'
  | 'result_not_offered'
  | 'registry_not_in_service'
  // ── The command's data contradict the service's rules or the recorded request.
  | 'journal_entry_required'
  | 'child_birth_date_unknown'
  | 'period_reversed'
  | 'payment_table_mismatch'
  | 'result_does_not_match_request'
  | 'unclaimed_period_not_over'
  | 'result_already_collected'
  | 'extension_not_later'

export type DomainErrorCode = DomainError['code']

export const inconsistencies: readonly Inconsistency[] = [
  'filed_after_decision', 'successor_is_holder', 'representative_not_confirmed', 'questionnaire_already_answered',
  'no_result_yet', 'waiting_list_not_given', 'unknown_service', 'channel_not_offered', 'command_not_in_service', 'request_not_for_service',
  'list_not_offered', 'result_not_offered', 'registry_not_in_service', 'journal_entry_required',
  'child_birth_date_unknown', 'period_reversed', 'payment_table_mismatch', 'result_does_not_match_request',
  'unclaimed_period_not_over', 'result_already_collected', 'decision_before_filing', 'decision_after_command',
  'extension_not_later',
]

/** Every `DomainError` code, for callers that list them (docs, an exhaustive mapping); checked against the type. */
export const domainErrorCodes = [
  'not_allowed', 'step_skipped', 'wrong_channel', 'application_mismatch', 'queue_number_mismatch', 'inconsistent',
] as const satisfies readonly DomainErrorCode[]
type MissingCode = Exclude<DomainErrorCode, (typeof domainErrorCodes)[number]>
// A code added to DomainError but not to the list above fails here.
const everyCodeListed: [MissingCode] extends [never] ? true : never = true
void everyCodeListed
