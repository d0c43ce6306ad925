/**
 * Provenance of a stored event, kept outside the domain payload so the decider stays small and embedders may keep
 * their own metadata. The HTTP service and the CLI always write a full envelope.
 */
import * as t from 'io-ts'
import { Channel } from '../application/channel.js'
import { Instant } from '../kernel/instant.js'
import { ERASED_IIN, personal, personalText, PersonalIin } from '../kernel/personal.js'
import { Role } from './role.js'

export const Actor = t.type(
  {
    /** The person's IIN, or a staff id for staff and systems. */
    id: personal(t.string, { kind: 'iin', erased: ERASED_IIN, when: { sibling: 'role', equals: 'citizen' } }),
    role: Role,
    channel: t.union([Channel, t.literal('system')]),
  },
  'Actor',
)
export type Actor = t.TypeOf<typeof Actor>

// The power of attorney is the principal's document: sealed under their key (`iin`), so it can be sealed even
// before the stream's applicant is known (the first append of a ЦОН application carries both).
export const OnBehalfOf = t.type({ iin: PersonalIin, powerOfAttorney: personalText('document', t.string, 'iin') }, 'OnBehalfOf')
export type OnBehalfOf = t.TypeOf<typeof OnBehalfOf>

export const Envelope = t.intersection(
  [
    t.type({
      eventId: t.string,
      /** Valid time: when the fact took effect; mirrors the event's `at`. */
      occurredAt: Instant,
      /** Record time: when the store accepted it. */
      recordedAt: Instant,
      actor: Actor,
      correlationId: t.string,
      /** The command that produced the event. */
      causationId: t.string,
      /** The regulation edition and rule set the decision was made under, e.g. `housing-queue/almaty-2012@1`. */
      ruleVersion: t.string,
      schemaVersion: t.Integer,
    }),
    t.partial({ onBehalfOf: OnBehalfOf }),
  ],
  'Envelope',
)
export type Envelope = t.TypeOf<typeof Envelope>
