/**
 * The facts of one application stream. Every event has a `type`, a `schema` version, the application it belongs
 * to, the command that caused it (the decider needs it to stay idempotent) and `at`, the valid time of the fact.
 * Provenance (who, on whose behalf, which rule, when recorded) lives in the envelope, not here.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decodeWith, type DecodeError } from '../kernel/decode.js'
import { ApplicationId, CommandId, ProviderId, Reference, RequestNumber, ServiceId } from '../kernel/ids.js'
import { ERASED_IIN, personal, personalText, PersonalIin } from '../kernel/personal.js'
import { Instant, LocalDate } from '../kernel/instant.js'
import { Category } from './category.js'
import { Channel } from './channel.js'
import { Contact } from './contact.js'
import { DocumentRef } from './document-ref.js'
import { ListCategory } from './list-category.js'
import { Registry } from './registry.js'
import { IssuedResult, JournalEntry, Receipt } from './service-result.js'
import { ServiceRequest } from './service-request.js'
import { RejectionReason } from './rejection.js'
import { RemovalGround, SuccessionGround } from './removal-ground.js'
import { ExtensionGround } from './extension-ground.js'
import { Signer } from './signature-verdict.js'

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

export { DocumentRef }

/** The IIN read from the signer's certificate (NCA test certificates fail the checksum, so a string). */
const SignerIin = personal(t.string, { kind: 'iin', erased: ERASED_IIN })

/** What the citizen asks for, as certified by the signature. */
export const ApplicationRequest = t.intersection(
  [
    t.type({ category: Category, familySize: FamilySize, documents: t.readonlyArray(DocumentRef) }),
    t.partial({ representativeIin: PersonalIin, contact: Contact }),
  ],
  'ApplicationRequest',
)
export type ApplicationRequest = t.TypeOf<typeof ApplicationRequest>

/**
 * A waiting list: one per provider and category. The category is a housing `Category` or the list of another queue
 * service (the kindergarten Journal): `ListCategory` is a superset, so every housing key still decodes.
 */
export const ListKey = t.type({ providerId: ProviderId, category: ListCategory }, 'ListKey')
export type ListKey = t.TypeOf<typeof ListKey>

export const Authorized = event('authorized', {
  serviceId: ServiceId,
  providerId: ProviderId,
  channel: Channel,
  applicantIin: PersonalIin,
})

export const Checked = event('checked', {
  check: t.union([
    t.type({ kind: t.literal('person_record'), registryReference: Reference }),
    t.type({
      kind: t.literal('power_of_attorney'),
      representativeIin: PersonalIin,
      powerOfAttorney: personalText('document', Reference),
      registryReference: Reference,
    }),
    t.type({ kind: t.literal('signature'), signer: Signer, algorithm: t.string, documentDigest: t.string }),
    t.type({ kind: t.literal('documents') }),
    /** An outside register confirmed the record (guardianship register, state information systems). */
    t.type({ kind: t.literal('record'), registry: Registry, registryReference: Reference }),
    /** ЦОН accepted a complete package and gave the receipt (seed 003 п.10). */
    t.type({ kind: t.literal('package'), receipt: Receipt }),
  ]),
})

export const Signed = event('signed', {
  request: ApplicationRequest,
  signerIin: SignerIin,
  documentDigest: t.string,
  signedAt: Instant,
})

/**
 * The request of a service other than the housing queue, certified by an ЭЦП. The same fact as `signed`, whose
 * payload stays the housing request so that its readers keep their types; one event type per payload shape.
 */
export const RequestSigned = event('request_signed', {
  request: ServiceRequest,
  signerIin: SignerIin,
  documentDigest: t.string,
  signedAt: Instant,
})

export const Registered = event('registered', { requestNumber: RequestNumber })

export const Rejected = event('rejected', { reason: RejectionReason })

const QueuedFields = event('queued', {
  list: ListKey,
  /** Who holds the place; repeated here so the waiting list needs no other event to name its entries. */
  applicantIin: PersonalIin,
  familySize: FamilySize,
  /** When the application was filed with all required documents: seniority runs from here (Art. 74 p.1). */
  filedAt: Instant,
  requestNumber: RequestNumber,
  commissionDecisionDate: LocalDate,
  /** «На момент постановки на учет Ваша очередность № N»: a fact, never recomputed. */
  queueNumberAtRegistration: t.Integer,
})

export const Queued = t.intersection(
  [
    QueuedFields,
    /** The kindergarten queue's Journal number and date: the number the notification prints. */
    t.partial({ journal: JournalEntry }),
  ],
  'queued',
)

export const DataChanged = event('data_changed', {
  familySize: FamilySize,
  note: personalText('free_text', Reference),
})

export const PositionKeptByFamily = event('position_kept_by_family', {
  ground: SuccessionGround,
  successorIin: PersonalIin,
})

export const Removed = event('removed', { ground: RemovalGround, decisionRef: Reference, decidedOn: LocalDate })

export const HousingAllocated = event('housing_allocated', {
  /** Names the dwelling the family moves into: its address. */
  dwellingRef: personalText('address', Reference),
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

/** A certificate-type service issued its result document. */
export const ResultIssued = t.intersection(
  [
    event('result_issued', {
      result: IssuedResult,
      /** The date printed on the document: validity counts from it. */
      issuedOn: LocalDate,
      /** SHA-256 (hex) of the signed result document: binds the fact to the exact bytes handed over. */
      documentDigest: t.string,
    }),
    t.partial({ validUntil: LocalDate }),
  ],
  'result_issued',
)

/** ЦОН kept an uncollected result a month and handed it back to the provider under a registry (seed 003 п.12). */
export const ResultReturnedUnclaimed = event('result_returned_unclaimed', { returnedOn: LocalDate, registryRef: Reference })

/**
 * The provider extended the service's term to `until` (the new last day, local date) before deciding: the citizen
 * is notified (002 §2, §4–6 Прил.3) and the status screen shows the new deadline.
 */
export const DeadlineExtended = event('deadline_extended', { until: LocalDate, ground: ExtensionGround, decisionRef: Reference })

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

/**
 * The facts the other services add: their signed request, their result document, ЦОН's return of an uncollected
 * result, the extension of a service's term. Kept apart from `eventCodecs` so `eventTypes` still names the original vocabulary (the six core facts and
 * the housing list's lifecycle); `allEventCodecs` / `allEventTypes` hold both.
 */
export const serviceEventCodecs = {
  request_signed: RequestSigned,
  result_issued: ResultIssued,
  result_returned_unclaimed: ResultReturnedUnclaimed,
  deadline_extended: DeadlineExtended,
} as const

export const allEventCodecs = { ...eventCodecs, ...serviceEventCodecs } as const

export type EventType = keyof typeof allEventCodecs
export type ApplicationEvent = { [K in EventType]: t.TypeOf<(typeof allEventCodecs)[K]> }[EventType]
export type EventOf<K extends EventType> = Extract<ApplicationEvent, { type: K }>
/** The original event types (housing queue); see `allEventTypes` for every type. */
export const eventTypes = Object.keys(eventCodecs) as EventType[]
export const serviceEventTypes = Object.keys(serviceEventCodecs) as EventType[]
export const allEventTypes = Object.keys(allEventCodecs) as EventType[]

export const ApplicationEvent: t.Type<ApplicationEvent, unknown, unknown> = t.union(
  Object.values(allEventCodecs) as unknown as [t.Mixed, t.Mixed, ...t.Mixed[]],
  'ApplicationEvent',
) as unknown as t.Type<ApplicationEvent, unknown, unknown>

export interface UnknownEventType {
  readonly kind: 'unknown_event_type'
  readonly type: string
}

const isEventType = (s: unknown): s is EventType => typeof s === 'string' && Object.hasOwn(allEventCodecs, s)

/**
 * Decodes stored or received data into an event; unknown types and malformed payloads are typed errors.
 *
 * An event codec decodes a value to itself: no codec under `allEventCodecs` transforms or strips (codecs.test.ts
 * walks them all and fails on any kind that could). For such codecs io-ts requires the guard `is` to accept exactly
 * what `decode` accepts, so a value the guard accepts is its own decoding, and only a refused one goes through
 * `decode` for the errors. The guard builds no context array and no `Either` per field, which were most of
 * decoding's cost when a store is replayed (--cpu-prof of a rebuild, issue 19).
 */
export const decodeEvent = (input: unknown): E.Either<DecodeError | UnknownEventType, ApplicationEvent> => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined
  if (!isEventType(type)) return E.left({ kind: 'unknown_event_type', type: String(type) })
  const codec = allEventCodecs[type] as unknown as t.Type<ApplicationEvent, unknown, unknown>
  return codec.is(input) ? E.right(input) : decodeWith(codec)(input)
}
