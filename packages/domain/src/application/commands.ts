/**
 * What actors ask of one application. Every command names the application, carries its own id (a retry reuses
 * it) and `at`, the instant it is made: the domain has no clock. Results of outside checks (signature
 * verification, ГБД ФЛ and ЕНИС look-ups) arrive here as data.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decodeWith, type DecodeError } from '../kernel/decode.js'
import { ApplicationId, CommandId, ProviderId, Reference, RequestNumber, ServiceId } from '../kernel/ids.js'
import { IIN } from '../kernel/iin.js'
import { Instant, LocalDate } from '../kernel/instant.js'
import { Channel } from './channel.js'
import { ApplicationRequest } from './events.js'
import { ListCategory } from './list-category.js'
import { Registry } from './registry.js'
import { IssuedResult, JournalEntry, Receipt } from './service-result.js'
import { ServiceRequest } from './service-request.js'
import { RemovalGround, SuccessionGround } from './removal-ground.js'
import { ExtensionGround } from './extension-ground.js'
import { SignatureVerdict } from './signature-verdict.js'

const FamilySize = t.refinement(t.Integer, (n) => n >= 1 && n <= 99, 'FamilySize')
const Answer = t.union([t.literal(1), t.literal(2), t.literal(3)], 'Answer')
const Reasons = t.refinement(
  t.readonlyArray(Reference),
  (r) => r.length > 0,
  'NonEmptyReasons',
)

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), commandId: CommandId, applicationId: ApplicationId, at: Instant, ...props }, type)

/** Step 1 of every channel: the citizen (portal) or the staff member (desk, ЦОН) logs in. */
export const Authorize = command('authorize', {
  serviceId: ServiceId,
  providerId: ProviderId,
  channel: Channel,
  applicantIin: IIN,
  outcome: t.keyof({ granted: null, refused: null }),
})

/** Walk-in channels: the ГБД ФЛ look-up of the citizen (условие 1). */
export const CheckPerson = command('check_person', {
  result: t.union([
    t.type({ found: t.literal(true), registryReference: Reference }),
    t.type({ found: t.literal(false) }),
  ]),
})

/** ЦОН only, when a representative acts under a notarised power of attorney: the ЕНИС look-up. */
export const CheckPowerOfAttorney = command('check_power_of_attorney', {
  representativeIin: IIN,
  powerOfAttorney: Reference,
  result: t.union([
    t.type({ found: t.literal(true), registryReference: Reference }),
    t.type({ found: t.literal(false) }),
  ]),
})

/**
 * The request is certified with an ЭЦП: the citizen's on the portal, the officer's or operator's at a desk. The
 * request is the housing request (unchanged) or the typed request of another service; it must be the one the
 * application was authorized for.
 */
export const Sign = command('sign', { request: t.union([ServiceRequest, ApplicationRequest]), signature: SignatureVerdict })

/** АРМ РШЭП registers the e-document and gives it its number. */
export const Register = command('register', { requestNumber: RequestNumber })

/** The provider checks the documents and the grounds (условие 3 / условие 2). */
export const CheckDocuments = command('check_documents', {
  result: t.union([
    t.type({ conforming: t.literal(true) }),
    t.type({ conforming: t.literal(false), reasons: Reasons }),
  ]),
})

/**
 * The decision to enter the applicant in a waiting list: the housing commission's, or the education department's
 * registration of a child in the Journal (which names the Journal entry). The number at registration is counted
 * by the decider from the waiting list it is given; a caller may state the number it expects, and a different one
 * is refused (`queue_number_mismatch`).
 */
const QueueFields = command('queue', {
  category: ListCategory,
  familySize: FamilySize,
  filedAt: Instant,
  commissionDecisionDate: LocalDate,
})
export const QueueNumber = t.refinement(t.Integer, (n) => n >= 1, 'QueueNumber')
export const Queue = t.intersection([QueueFields, t.partial({ queueNumberAtRegistration: QueueNumber, journal: JournalEntry })], 'queue')

/** A provider's look-up in an outside register (guardianship register, state information systems). */
export const CheckRecord = command('check_record', {
  registry: Registry,
  result: t.union([
    t.type({ found: t.literal(true), registryReference: Reference }),
    t.type({ found: t.literal(false) }),
  ]),
})

/**
 * ЦОН intake of a paper package against the Standard's list: complete → the receipt (расписка); incomplete → the
 * operator refuses to accept it, naming what is missing.
 */
export const CheckPackage = command('check_package', {
  result: t.union([
    t.type({ complete: t.literal(true), receipt: Receipt }),
    t.type({ complete: t.literal(false), missing: Reasons }),
  ]),
})

/** A certificate-type service issues its result document (signed outside the domain; its digest comes here). */
export const IssueResult = command('issue_result', {
  result: IssuedResult,
  issuedOn: LocalDate,
  documentDigest: t.string,
})

/** ЦОН hands a result nobody collected within a month back to the provider, under a registry. */
export const ReturnUnclaimed = command('return_unclaimed', { returnedOn: LocalDate, registryRef: Reference })

export const ChangeData = command('change_data', { familySize: FamilySize, note: Reference })

export const KeepPositionForFamily = command('keep_position_for_family', {
  ground: SuccessionGround,
  successorIin: IIN,
})

export const Remove = command('remove', { ground: RemovalGround, decisionRef: Reference, decidedOn: LocalDate })

export const AllocateHousing = command('allocate_housing', {
  dwellingRef: Reference,
  decisionRef: Reference,
  decidedOn: LocalDate,
})

/** A successful appeal against a removal or a motivated refusal. */
export const Restore = command('restore', { appealRef: Reference, decidedOn: LocalDate })

/**
 * An officer of the provider extends the term of a service whose regulation notifies such an extension, before the
 * decision: `until` is the new last day, later than the day of the command and than any earlier extension.
 */
export const ExtendDeadline = command('extend_deadline', { until: LocalDate, ground: ExtensionGround, decisionRef: Reference })

export const ViewResult = command('view_result', {})

export const AnswerQuestionnaire = command('answer_questionnaire', { quality: Answer, information: Answer })

export const commandCodecs = {
  authorize: Authorize,
  check_person: CheckPerson,
  check_power_of_attorney: CheckPowerOfAttorney,
  sign: Sign,
  register: Register,
  check_documents: CheckDocuments,
  queue: Queue,
  change_data: ChangeData,
  keep_position_for_family: KeepPositionForFamily,
  remove: Remove,
  allocate_housing: AllocateHousing,
  restore: Restore,
  view_result: ViewResult,
  answer_questionnaire: AnswerQuestionnaire,
  check_record: CheckRecord,
  check_package: CheckPackage,
  issue_result: IssueResult,
  return_unclaimed: ReturnUnclaimed,
  extend_deadline: ExtendDeadline,
} as const

export type CommandType = keyof typeof commandCodecs
export type ApplicationCommand = { [K in CommandType]: t.TypeOf<(typeof commandCodecs)[K]> }[CommandType]
export type CommandOf<K extends CommandType> = Extract<ApplicationCommand, { type: K }>
export const commandTypes = Object.keys(commandCodecs) as CommandType[]

export interface UnknownCommandType {
  readonly kind: 'unknown_command_type'
  readonly type: string
}

const isCommandType = (s: unknown): s is CommandType => typeof s === 'string' && Object.hasOwn(commandCodecs, s)

/** Decodes untrusted input into a command; unknown types and malformed fields are typed errors. */
export const decodeCommand = (input: unknown): E.Either<DecodeError | UnknownCommandType, ApplicationCommand> => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined
  if (!isCommandType(type)) return E.left({ kind: 'unknown_command_type', type: String(type) })
  return decodeWith(commandCodecs[type] as unknown as t.Type<ApplicationCommand, unknown, unknown>)(input)
}
