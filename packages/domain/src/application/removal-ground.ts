import * as t from 'io-ts'

/**
 * Grounds for removal from the waiting list, classic Art. 73 p.1 of the Law «О жилищных отношениях»
 * (editions of 2004 and later; reference/domain-kz.md §2.5). Receiving housing is its own event, not a removal.
 */
export const RemovalGround = t.keyof(
  {
    /** 1) the grounds for providing housing ceased to exist. */
    grounds_ceased: null,
    /** 2) moved to permanent residence elsewhere, or left employment in the state enterprise/institution. */
    moved_away_or_left_state_employment: null,
    /** 3) untrue information about the need, or unlawful acts of officials at registration. */
    untrue_information: null,
    /** 4) built on an allotted land plot or acquired housing. */
    acquired_housing: null,
  },
  'RemovalGround',
)
export type RemovalGround = t.TypeOf<typeof RemovalGround>

/** Art. 73 p.2: when the registered citizen dies or moves away, the family keeps the place. */
export const SuccessionGround = t.keyof({ applicant_died: null, applicant_moved_away: null }, 'SuccessionGround')
export type SuccessionGround = t.TypeOf<typeof SuccessionGround>
