/**
 * The facts of one application stream. Every event has a `type`, a `schema` version, the application it belongs
 * to, the command that caused it (the decider needs it to stay idempotent) and `at`, the valid time of the fact.
 * Provenance (who, on whose behalf, which rule, when recorded) lives in the envelope, not here.
 */
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { decodeWith, type DecodeError } from '../kernel/decode'
import { ApplicationId, CommandId, ProviderId, Reference, RequestNumber, ServiceId } from '../kernel/ids'
import { IIN } from '../kernel/iin'
import { Instant, LocalDate } from '../kernel/instant'
import { Category } from './category'
import { Channel } from './channel'
import { RejectionReason } from './rejection'
import { RemovalGround, SuccessionGround } from './removal-ground'
import { Signer } from './signature-verdict'

const FamilySize = t.refinement(t.Integer, (n) => n >= 1 && n <= 99, 'FamilySize')
const Answer = t.union([t.literal(1), t.literal(2), t.literal(3)], 'Answer')

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type(
    {
      type: t.literal(type),
      schema: t.literal(1),
      applicationId: ApplicationId,
      commandId: CommandId,
      at: Instant,
      ...props,
    },
    type,
  )

/** A scanned or attached document, by kind and content digest (the bytes live outside the stream). */
export const DocumentRef = t.type({ kind: t.string, digest: t.string }, 'DocumentRef')
export type DocumentRef = t.TypeOf<typeof DocumentRef>

/** What the citizen asks for, as certified by the signature. */
export const ApplicationRequest = t.intersection(
  [
    t.type({ category: Category, familySize: FamilySize, documents: t.readonlyArray(DocumentRef) }),
    t.partial({ representativeIin: IIN }),
  ],
  'ApplicationRequest',
)
export type ApplicationRequest = t.TypeOf<typeof ApplicationRequest>

/** A waiting list: one per provider and category. */
export const ListKey = t.type({ providerId: ProviderId, category: Category }, 'ListKey')
export type ListKey = t.TypeOf<typeof ListKey>

export const Authorized = event('authorized', {
  serviceId: ServiceId,
  providerId: ProviderId,
  channel: Channel,
  applicantIin: IIN,
})

export const Checked = event('checked', {
  check: t.union([
    t.type({ kind: t.literal('person_record'), registryReference: Reference }),
    t.type({
      kind: t.literal('power_of_attorney'),
      representativeIin: IIN,
      powerOfAttorney: Reference,
      registryReference: Reference,
    }),
    t.type({ kind: t.literal('signature'), signer: Signer, algorithm: t.string, documentDigest: t.string }),
    t.type({ kind: t.literal('documents') }),
  ]),
})

export const Signed = event('signed', {
  request: ApplicationRequest,
  signerIin: t.string,
  documentDigest: t.string,
  signedAt: Instant,
})

export const Registered = event('registered', { requestNumber: RequestNumber })

export const Rejected = event('rejected', { reason: RejectionReason })

export const Queued = event('queued', {
  list: ListKey,
  /** Who holds the place; repeated here so the waiting list needs no other event to name its entries. */
  applicantIin: IIN,
  familySize: FamilySize,
  /** When the application was filed with all required documents: seniority runs from here (Art. 74 p.1). */
  filedAt: Instant,
  requestNumber: RequestNumber,
  commissionDecisionDate: LocalDate,
  /** «На момент постановки на учет Ваша очередность № N»: a fact, never recomputed. */
  queueNumberAtRegistration: t.Integer,
})

export const DataChanged = event('data_changed', {
  familySize: FamilySize,
  note: Reference,
})

export const PositionKeptByFamily = event('position_kept_by_family', {
  ground: SuccessionGround,
  successorIin: IIN,
})

export const Removed = event('removed', { ground: RemovalGround, decisionRef: Reference, decidedOn: LocalDate })

export const HousingAllocated = event('housing_allocated', {
  dwellingRef: Reference,
  decisionRef: Reference,
  decidedOn: LocalDate,
})

export const Restored = event('restored', { appealRef: Reference, decidedOn: LocalDate })

export const ResultViewed = event('result_viewed', {})

export const QuestionnaireAnswered = event('questionnaire_answered', {
  /** «Удовлетворены ли Вы качеством процесса и результатом…»: 1 not, 2 partly, 3 satisfied. */
  quality: Answer,
  /** «Удовлетворены ли Вы качеством информации о порядке оказания…». */
  information: Answer,
})

export const eventCodecs = {
  authorized: Authorized,
  checked: Checked,
  signed: Signed,
  registered: Registered,
  rejected: Rejected,
  queued: Queued,
  data_changed: DataChanged,
  position_kept_by_family: PositionKeptByFamily,
  removed: Removed,
  housing_allocated: HousingAllocated,
  restored: Restored,
  result_viewed: ResultViewed,
  questionnaire_answered: QuestionnaireAnswered,
} as const

export type EventType = keyof typeof eventCodecs
export type ApplicationEvent = { [K in EventType]: t.TypeOf<(typeof eventCodecs)[K]> }[EventType]
export type EventOf<K extends EventType> = Extract<ApplicationEvent, { type: K }>
export const eventTypes = Object.keys(eventCodecs) as EventType[]

export const ApplicationEvent: t.Type<ApplicationEvent, unknown, unknown> = t.union(
  Object.values(eventCodecs) as unknown as [t.Mixed, t.Mixed, ...t.Mixed[]],
  'ApplicationEvent',
) as unknown as t.Type<ApplicationEvent, unknown, unknown>

export interface UnknownEventType {
  readonly kind: 'unknown_event_type'
  readonly type: string
}

const isEventType = (s: unknown): s is EventType => typeof s === 'string' && Object.hasOwn(eventCodecs, s)

/** Decodes stored or received data into an event; unknown types and malformed payloads are typed errors. */
export const decodeEvent = (input: unknown): E.Either<DecodeError | UnknownEventType, ApplicationEvent> => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined
  if (!isEventType(type)) return E.left({ kind: 'unknown_event_type', type: String(type) })
  return decodeWith(eventCodecs[type] as unknown as t.Type<ApplicationEvent, unknown, unknown>)(input)
}
