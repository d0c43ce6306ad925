/**
 * The state of one application, rebuilt by folding its events. Each stage carries exactly the data that exists
 * at that stage, so "queued without a request number" cannot be written down.
 */
import type { ApplicationId, CommandId, ProviderId, RequestNumber, ServiceId } from '../kernel/ids.js'
import type { IIN } from '../kernel/iin.js'
import type { Instant, LocalDate } from '../kernel/instant.js'
import type { Channel } from './channel.js'
import type { ApplicationRequest, ListKey } from './events.js'
import type { RejectionReason } from './rejection.js'
import type { Registry } from './registry.js'
import type { RemovalGround } from './removal-ground.js'
import type { IssuedResult, JournalEntry, Receipt } from './service-result.js'
import type { ServiceRequest } from './service-request.js'

export interface Intake {
  readonly applicationId: ApplicationId
  readonly serviceId: ServiceId
  readonly providerId: ProviderId
  readonly channel: Channel
  readonly applicantIin: IIN
}

export interface AuthorizedData {
  readonly intake: Intake
  /** ГБД ФЛ reply reference, once the citizen was found (walk-in channels). */
  readonly personRecord?: string
  /** The representative and the power of attorney ЕНИС confirmed (ЦОН). */
  readonly powerOfAttorney?: { readonly representativeIin: IIN; readonly reference: string }
  /** The ЦОН receipt for a complete package, where the service checks the package at intake. */
  readonly packageReceipt?: Receipt
}

export interface SignedData extends AuthorizedData {
  /** The housing request, or the typed request of another service (it has a `service` field). */
  readonly request: ApplicationRequest | ServiceRequest
  readonly signerIin: string
  readonly signedAt: Instant
}

export interface RegisteredData extends SignedData {
  readonly requestNumber: RequestNumber
  readonly registeredAt: Instant
  /** Outside registers that confirmed their record after registration. */
  readonly records?: readonly Registry[]
}

export interface ListEntry {
  readonly list: ListKey
  readonly familySize: number
  readonly filedAt: Instant
  readonly commissionDecisionDate: LocalDate
  readonly queueNumberAtRegistration: number
  /** Who holds the place now: the applicant, or a family member after Art. 73 p.2. */
  readonly holderIin: IIN
  /** The kindergarten Journal entry. */
  readonly journal?: JournalEntry
}

export interface InListData extends RegisteredData {
  readonly entry: ListEntry
}

export type Application =
  | { readonly stage: 'new' }
  | (AuthorizedData & { readonly stage: 'authorized' })
  | (SignedData & { readonly stage: 'signed' })
  | (RegisteredData & { readonly stage: 'registered' | 'documents_checked' })
  | (InListData & { readonly stage: 'queued' | 'housed' })
  | (InListData & { readonly stage: 'removed'; readonly ground: RemovalGround })
  | (RegisteredData & {
      readonly stage: 'result_issued'
      readonly issued: IssuedSummary
      /** Kept when the result was issued to someone waiting in a list (a kindergarten referral). */
      readonly entry?: ListEntry
      /** Set when ЦОН returned the uncollected result to the provider. */
      readonly returnedOn?: LocalDate
    })
  | {
      readonly stage: 'rejected'
      readonly reason: RejectionReason
      readonly intake?: Intake
      /** Kept when the refusal came after registration, so a successful appeal can resume from it. */
      readonly registered?: RegisteredData
    }

/** What the application state keeps of an issued result. */
export interface IssuedSummary {
  readonly result: IssuedResult
  readonly issuedOn: LocalDate
  readonly validUntil?: LocalDate
  readonly at: Instant
}

export type Stage = Application['stage']

export interface ApplicationState {
  readonly application: Application
  /** Ids of the commands already decided: a retry produces nothing. */
  readonly handled: ReadonlySet<CommandId>
  readonly resultViewed: boolean
  readonly questionnaireAnswered: boolean
  /** The last day of the service's term as the provider last extended it, if it did. */
  readonly deadlineExtendedUntil?: LocalDate
}

export const initialState: ApplicationState = {
  application: { stage: 'new' },
  handled: new Set(),
  resultViewed: false,
  questionnaireAnswered: false,
}

/** Stages that end with a result document the citizen can view. */
export const hasResult = (a: Application): boolean =>
  a.stage === 'rejected' || a.stage === 'queued' || a.stage === 'removed' || a.stage === 'housed' || a.stage === 'result_issued'

/** Whether a signed request is the housing request or another service's (which names its service). */
export const isServiceRequest = (r: ApplicationRequest | ServiceRequest): r is ServiceRequest =>
  typeof (r as { service?: unknown }).service === 'string'
