/**
 * Ports for the state registries consulted server-side:
 * - ГБД ФЛ (государственная база данных «Физические лица»): is this IIN a known person?
 * - ЕНИС (единая нотариальная информационная система): is this power of attorney registered for this pair?
 * - the registers a provider reads before deciding (`Registry` in the domain): the electronic guardianship register,
 *   and the state information systems the housing-assistance portal channel reads.
 *
 * "Not found" is an answer (the domain turns it into a refusal). A registry that fails or times out is a
 * `RegistryUnavailable`: retryable, and never mistaken for "found" or "not found".
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { IIN, Registry } from '@kezek/domain'

export interface RegistryUnavailable {
  readonly kind: 'registry_unavailable'
  readonly registry: 'gbdfl' | 'enis' | Registry
  readonly detail: string
  readonly retryable: true
}

export type Lookup<A> = E.Either<RegistryUnavailable, A>

export interface PersonRecord {
  /** The registry's reply id, recorded in the `checked` event as evidence. */
  readonly registryReference: string
}

export interface PowerOfAttorneyRecord {
  readonly registryReference: string
}

export interface PersonRegistry {
  readonly findPerson: (iin: IIN) => Promise<Lookup<PersonRecord | undefined>>
}

export interface PowerOfAttorneyRegistry {
  readonly findPowerOfAttorney: (q: {
    readonly number: string
    readonly principalIin: IIN
    readonly representativeIin: IIN
    /** The instant the look-up is made: a power of attorney may have expired. */
    readonly at: string
  }) => Promise<Lookup<PowerOfAttorneyRecord | undefined>>
}

export interface RecordQuery {
  readonly registry: Registry
  /** Whose record: the applicant (the guardian, the family). */
  readonly applicantIin: IIN
  /** Whom the record concerns, when it is someone else (the ward of a guardianship certificate). */
  readonly subjectIin?: IIN
}

export interface OutsideRecord {
  readonly registryReference: string
}

export interface RecordRegistry {
  readonly findRecord: (q: RecordQuery) => Promise<Lookup<OutsideRecord | undefined>>
}

export interface Registries {
  readonly persons: PersonRegistry
  readonly powersOfAttorney: PowerOfAttorneyRegistry
  /** Absent: the deployment reads no such register, and every look-up answers 503 (never "not found"). */
  readonly records?: RecordRegistry
}
