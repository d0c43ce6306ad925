/**
 * The portal's status screen («История получения услуг»): for each application the IIN, request number, service
 * type, status and the facts a deadline is computed from. A pure fold over one stream's events.
 */
import type { Channel } from '../application/channel.js'
import type { ApplicationEvent, ListKey } from '../application/events.js'
import type { RejectionReason } from '../application/rejection.js'
import type { RemovalGround } from '../application/removal-ground.js'
import type { ApplicationId, ProviderId, RequestNumber, ServiceId } from '../kernel/ids.js'
import type { IIN } from '../kernel/iin.js'
import type { Instant, LocalDate } from '../kernel/instant.js'
import type { IssuedResult } from '../application/service-result.js'
import { extendedTermEnd, progressOf, serviceDeadlineOf, type ApplicationFacts, type Fact, type Progress } from '../service/overdue.js'
import { builtInRulesOf } from '../service/catalog.js'
import type { WorkingCalendar } from '../service/calendar.js'
import type { ServiceDefinition } from '../service/definition.js'

export type Status =
  | 'authorized'
  | 'signed'
  | 'registered'
  | 'documents_checked'
  | 'queued'
  | 'rejected'
  | 'removed'
  | 'housed'
  /** A certificate-type service issued its result document. */
  | 'result_issued'
  /** ЦОН returned the uncollected result to the provider. */
  | 'returned_unclaimed'

export const statuses: readonly Status[] = [
  'authorized', 'signed', 'registered', 'documents_checked', 'queued', 'rejected', 'removed', 'housed', 'result_issued',
  'returned_unclaimed',
]

export type Outcome =
  | { readonly kind: 'queued'; readonly list: ListKey; readonly queueNumberAtRegistration: number }
  | { readonly kind: 'rejected'; readonly reason: RejectionReason }
  | { readonly kind: 'removed'; readonly ground: RemovalGround }
  | { readonly kind: 'housed' }
  | { readonly kind: 'issued'; readonly result: IssuedResult; readonly issuedOn: LocalDate; readonly validUntil?: LocalDate }

export interface ApplicationStatus {
  readonly applicationId: ApplicationId
  readonly serviceId?: ServiceId
  readonly providerId?: ProviderId
  readonly channel?: Channel
  readonly applicantIin?: IIN
  readonly requestNumber?: RequestNumber
  readonly status: Status
  /** When the current status began (valid time). */
  readonly since: Instant
  readonly outcome?: Outcome
  readonly resultViewed: boolean
  /** The new last day of the service's term, when the provider extended it (`deadline_extended`). */
  readonly deadlineExtendedUntil?: LocalDate
  /** Every fact's type and valid time, in stream order: the input of deadline and overdue calculations. */
  readonly facts: readonly Fact[]
}

const moved = (s: ApplicationStatus, status: Status, at: Instant, outcome?: Outcome): ApplicationStatus =>
  ({ ...s, status, since: at, ...(outcome === undefined ? {} : { outcome }) })

const advance = (s: ApplicationStatus, e: ApplicationEvent): ApplicationStatus => {
  switch (e.type) {
    case 'authorized':
      return { ...s, serviceId: e.serviceId, providerId: e.providerId, channel: e.channel, applicantIin: e.applicantIin }
    case 'signed':
    case 'request_signed':
      return moved(s, 'signed', e.at)
    case 'registered': return moved({ ...s, requestNumber: e.requestNumber }, 'registered', e.at)
    case 'checked': return e.check.kind === 'documents' ? moved(s, 'documents_checked', e.at) : s
    case 'rejected': return moved(s, 'rejected', e.at, { kind: 'rejected', reason: e.reason })
    case 'queued':
      return moved(s, 'queued', e.at, { kind: 'queued', list: e.list, queueNumberAtRegistration: e.queueNumberAtRegistration })
    case 'removed': return moved(s, 'removed', e.at, { kind: 'removed', ground: e.ground })
    case 'housing_allocated': return moved(s, 'housed', e.at, { kind: 'housed' })
    case 'restored': {
      const { outcome: _dropped, ...rest } = s
      return s.status === 'removed' && s.outcome?.kind === 'removed'
        ? moved(rest, 'queued', e.at, undefined)
        : moved(rest, 'documents_checked', e.at)
    }
    case 'result_issued': {
      const validUntil = e.validUntil === undefined ? {} : { validUntil: e.validUntil }
      return moved(s, 'result_issued', e.at, { kind: 'issued', result: e.result, issuedOn: e.issuedOn, ...validUntil })
    }
    case 'result_returned_unclaimed': return { ...s, status: 'returned_unclaimed', since: e.at }
    case 'result_viewed': return { ...s, resultViewed: true }
    case 'deadline_extended': return { ...s, deadlineExtendedUntil: e.until }
    case 'data_changed':
    case 'position_kept_by_family':
    case 'questionnaire_answered':
      return s
  }
}

/** Folds one event into the status of its application; `undefined` before the first event. */
export const evolveStatus = (s: ApplicationStatus | undefined, e: ApplicationEvent): ApplicationStatus => {
  const start: ApplicationStatus = s ?? {
    applicationId: e.applicationId,
    status: 'authorized',
    since: e.at,
    resultViewed: false,
    facts: [],
  }
  const fact: Fact = e.type === 'checked' ? { type: e.type, at: e.at, check: e.check.kind } : { type: e.type, at: e.at }
  return advance({ ...start, facts: [...start.facts, fact] }, e)
}

export const statusOf = (events: Iterable<ApplicationEvent>): ApplicationStatus | undefined => {
  let s: ApplicationStatus | undefined
  for (const e of events) s = evolveStatus(s, e)
  return s
}

/**
 * The deadline the status screen shows («срок оказания услуги»): the awaited step and when it falls due under the
 * service definition the provider runs, or why there is none.
 */
export const deadlineOf = (s: ApplicationStatus, definition: ServiceDefinition, calendar: WorkingCalendar): Progress =>
  s.channel === undefined ? { kind: 'finished' } : progressOf(definition, calendar, factsOf(s, s.channel))

/** UTC+5, the country's clock, for a service the catalogue does not know. */
const KAZAKHSTAN_OFFSET = 300

const factsOf = (s: ApplicationStatus, channel: Channel): ApplicationFacts => {
  const offset = (s.serviceId === undefined ? undefined : builtInRulesOf(s.serviceId))?.utcOffsetMinutes ?? KAZAKHSTAN_OFFSET
  return {
    applicationId: s.applicationId, channel, facts: s.facts,
    ...(s.deadlineExtendedUntil === undefined ? {} : { extendedTo: extendedTermEnd(s.deadlineExtendedUntil, offset) }),
  }
}

/**
 * The deadline the regulation gives the citizen for the service (`serviceDeadlineOf`): its term from the request's
 * registration, or the end of the term as the provider extended it. Undefined before registration and once decided.
 */
export const citizenDeadlineOf = (s: ApplicationStatus, definition: ServiceDefinition, calendar: WorkingCalendar): Instant | undefined =>
  s.channel === undefined ? undefined : serviceDeadlineOf(definition, calendar, factsOf(s, s.channel))
