/**
 * What the decider needs to know about a service to tell a command that fits it from one that does not: which
 * channels it offers, which commands, which request, which lists or result documents, which outside registers and
 * intake checks it requires, which grounds it tests. The step tables and deadlines stay in the service definition
 * (service/definition.ts); these rules are the part of a service that changes what may happen, not when.
 */
import type { ServiceId } from '../kernel/ids.js'
import type { Channel } from './channel.js'
import type { CommandType } from './commands.js'
import type { ListCategory } from './list-category.js'
import type { Registry } from './registry.js'
import type { ResultKindId, Validity } from './service-result.js'
import type { InheritanceVariant, ServiceRequest } from './service-request.js'

/** A result document the service issues with `issue_result`, from which stages, valid for how long. */
export interface ResultRule {
  readonly kind: ResultKindId
  /** `documents_checked`: issued as the decision; `queued`: issued later to someone waiting in a list. */
  readonly from: readonly ('documents_checked' | 'queued')[]
  readonly validFor?: Validity
}

/** A ground the provider tests at the document check, computed from the signed request and its filing instant. */
export type Ground =
  /** The kindergarten queue: «детей дошкольного возраста (до 7 лет)» — the child is younger than `years`. */
  | { readonly kind: 'child_younger_than'; readonly years: number }
  /**
   * «Дети старше 10 лет расписываются, пишут слово "согласны"»: every minor who has turned `years` consents. Only for
   * the request variants listed, when given (the inheritance service prints the line on the bank form only).
   */
  | { readonly kind: 'consent_from'; readonly years: number; readonly variants?: readonly InheritanceVariant[] }

export interface ServiceRules {
  readonly serviceId: ServiceId
  /** The request `sign` must carry: the housing request, or the typed request of this service. */
  readonly request: 'housing' | ServiceRequest['service']
  readonly channels: readonly Channel[]
  /** Every command the service accepts; any other is refused as `command_not_in_service`. */
  readonly commands: readonly CommandType[]
  /** The waiting lists `queue` may enter (none for certificate services). */
  readonly lists: readonly ListCategory[]
  /** `queue` must name a Journal entry. */
  readonly journal: boolean
  readonly results: readonly ResultRule[]
  /** Registers the provider must consult (in the channels listed) before the document check. */
  readonly records: readonly { readonly registry: Registry; readonly channels: readonly Channel[] }[]
  /** Channels where the intake checks the paper package for completeness before anything is signed. */
  readonly packageCheck: readonly Channel[]
  /** Channels that store an uncollected result, and for how long, before returning it to the provider. */
  readonly unclaimedReturn?: { readonly channels: readonly Channel[]; readonly after: Validity }
  readonly grounds: readonly Ground[]
  /** The local clock ages and dates are read on, in minutes east of UTC (Kazakhstan: +300 since March 2024). */
  readonly utcOffsetMinutes: number
}

/** The commands every service has: the three channels' intake, registration, the decision's check, the appendix. */
export const commonCommands: readonly CommandType[] = [
  'authorize', 'check_person', 'check_power_of_attorney', 'sign', 'register', 'check_documents', 'restore',
  'view_result', 'answer_questionnaire',
]
