/**
 * Ports for the two state registries the walk-in channels consult server-side:
 * - ГБД ФЛ (государственная база данных «Физические лица»): is this IIN a known person?
 * - ЕНИС (единая нотариальная информационная система): is this power of attorney registered for this pair?
 *
 * "Not found" is an answer (the domain turns it into a refusal). A registry that fails or times out is a
 * `RegistryUnavailable`: retryable, and never mistaken for "found" or "not found".
 */
import type * as E from 'fp-ts/Either'
import type { IIN } from '@kezek/domain'

export interface RegistryUnavailable {
  readonly kind: 'registry_unavailable'
  readonly registry: 'gbdfl' | 'enis'
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

export interface Registries {
  readonly persons: PersonRegistry
  readonly powersOfAttorney: PowerOfAttorneyRegistry
}
