/**
 * One application as the simulation follows it: who files where, through which channel, for which list, how its
 * checks are going to turn out (drawn once, when the citizen arrives), and the decider state of its stream so far.
 */
import type { Actor, ApplicationId, ApplicationState, Category, Channel, IIN, OnBehalfOf, SignatureFailure } from '@kezek/domain'
import type { ProviderProfile } from './profile.js'

/** The step at which the application will be refused, if any. */
export type Fate =
  | { readonly refusedAt: 'none' }
  | { readonly refusedAt: 'authorization' | 'person_record' | 'power_of_attorney' }
  | { readonly refusedAt: 'signature'; readonly failure: SignatureFailure }
  | { readonly refusedAt: 'documents'; readonly appealUpheld: boolean }

export interface ApplicationFile {
  readonly applicationId: ApplicationId
  readonly streamId: string
  readonly provider: ProviderProfile
  readonly channel: Channel
  readonly applicantIin: IIN
  readonly category: Category
  readonly familySize: number
  readonly representative?: OnBehalfOf & { readonly representativeIin: IIN }
  readonly fate: Fate
  /** Who serves the citizen at intake: the citizen on the portal, an officer or a ЦОН operator otherwise. */
  readonly intakeActor: Actor
  /** The officer who decides on the provider's side (checks, queue, later decisions). */
  readonly officer: Actor
  /** The IIN in the certificate that signs the request (the citizen's, or the staff member's at a desk). */
  readonly signerIin: IIN
  readonly correlationId: string
  state: ApplicationState
  /** Revision of the stream's last event; -1 before the first append. */
  revision: number
  /** Set once the application is registered: seniority runs from here. */
  filedAtMs: number | undefined
  /** The current family size on the list (changes with data_changed). */
  currentFamilySize: number
}
