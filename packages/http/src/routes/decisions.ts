/**
 * Decisions on an existing application: the provider's look-up in an outside register, document check, queue
 * decision and result document, the later lifecycle (data changed, family keeps the place, removed, housed,
 * restored on appeal), ЦОН's return of an uncollected result, and the citizen's own acts (result viewed,
 * questionnaire). The same routes serve every service: the decider refuses what a service does not have. All take
 * `If-Match` (the ETag) and answer 412 when it is stale.
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { Router } from 'express'
import {
  ExtensionGround, IIN, Instant, IssuedResult, JournalEntry, ListCategory, LocalDate, Reference, Registry, RemovalGround, SuccessionGround,
  builtInRulesOf, plusDays, plusMonths,
  type ApplicationEvent, type CommandType, type EventType, type ServiceId,
} from '@kezek/domain'
import { canDecide } from '../auth/policy.js'
import type { Principal } from '../auth/principal.js'
import { contextOf } from '../middleware/context.js'
import { jsonBody } from '../middleware/body.js'
import { expectedRevisionOf } from '../middleware/preconditions.js'
import { isProblem, problem, type Problem } from '../problem/problem.js'
import { decodeInput } from '../http/decode.js'
import { handlerProblem, registryProblem } from '../http/errors.js'
import { postRoute } from '../http/post.js'
import { actorOf, catchUp, correlationOf, execute, type Services } from '../http/services.js'
import { statusView } from '../http/views.js'
import type { ApplicationView } from '../read-model/projections.js'
import { positionHeader } from '../resilience/read-your-writes.js'
import { resultContextOf } from '../results/context.js'
import { buildResultXml } from '../results/document.js'
import { FamilySize } from './submissions.js'
import { setEtagHeader, visibleApplication } from './shared.js'

const Answer = t.union([t.literal(1), t.literal(2), t.literal(3)])

/**
 * What a route builds from its decoded body: the command's own fields. The command type, its id, the application
 * id and the instant are the server's and cannot be named here (the helper adds them last).
 */
export type CommandFields = Readonly<Record<string, unknown>> & {
  readonly type?: never
  readonly commandId?: never
  readonly applicationId?: never
  readonly at?: never
}

export type Audience = 'provider_officer' | 'service_centre_operator' | 'citizen'

interface Decision<A> {
  readonly path: string
  /** Decoded exactly (http/exact.ts): a field it does not name is refused, never passed on. */
  readonly codec: t.Type<A, unknown, unknown>
  /** ЦОН's operator acts on results it holds for collection; the provider's officer decides; the citizen views. */
  readonly who: Audience
  /** The one command this route issues; the body cannot change it. */
  readonly command: CommandType
  /** Every event type the command may append (documented in the OpenAPI document as `x-kezek-events`). */
  readonly events: readonly EventType[]
  /** Builds the command's fields one by one from the decoded body and the application. */
  readonly build: (body: A, view: ApplicationView, at: string, commandId: string) => Promise<CommandFields | Problem>
  /**
   * Decisions that read shared state name a critical section: build and append run alone in it, across every
   * instance over the store (the number at registration counts the provider's list as it stands).
   */
  readonly exclusive?: (view: ApplicationView) => string
}

const decision = <A>(d: Decision<A>): Decision<unknown> => d as unknown as Decision<unknown>

export const DocumentCheckBody = t.union([
  t.type({ conforming: t.literal(true) }),
  t.type({ conforming: t.literal(false), reasons: t.refinement(t.readonlyArray(Reference), (r) => r.length > 0 && r.length <= 50, 'Reasons') }),
], 'DocumentCheck')

/** `category` names the list (a housing category, or `preschool_journal`); `journal` is the Journal entry. */
export const QueueBody = t.intersection([
  t.type({ commissionDecisionDate: LocalDate }),
  t.partial({ category: ListCategory, familySize: FamilySize, filedAt: Instant, journal: JournalEntry }),
], 'QueueDecision')

export const IssueBody = t.type({ result: IssuedResult, issuedOn: LocalDate }, 'IssueResult')
export const RecordCheckBody = t.type({ registry: Registry }, 'RecordCheck')
export const UnclaimedBody = t.type({ returnedOn: LocalDate, registryRef: Reference }, 'UnclaimedReturn')
export const DataChangeBody = t.type({ familySize: FamilySize, note: Reference }, 'DataChange')
export const FamilySuccessionBody = t.type({ ground: SuccessionGround, successorIin: IIN }, 'FamilySuccession')
export const RemovalBody = t.type({ ground: RemovalGround, decisionRef: Reference, decidedOn: LocalDate }, 'Removal')
export const HousingAllocationBody = t.type({ dwellingRef: Reference, decisionRef: Reference, decidedOn: LocalDate }, 'HousingAllocation')
export const RestorationBody = t.type({ appealRef: Reference, decidedOn: LocalDate }, 'Restoration')
export const DeadlineExtensionBody = t.type({ until: LocalDate, ground: ExtensionGround, decisionRef: Reference }, 'DeadlineExtension')
export const ResultViewBody = t.type({}, 'ResultView')
export const QuestionnaireBody = t.type({ quality: Answer, information: Answer }, 'Questionnaire')


const queueCommand = (s: Services) => async (b: t.TypeOf<typeof QueueBody>, view: ApplicationView, at: string): Promise<CommandFields | Problem> => {
  const { status, request } = view
  if (status.requestNumber === undefined || status.providerId === undefined || request === undefined)
    return problem('command-refused', 'the application is not registered yet', { code: 'step_skipped' })
  const housing = 'category' in request ? request : undefined
  // Another service's request names no list: its only list is the default (the kindergarten Journal).
  const offered = builtInRulesOf((status.serviceId ?? 'housing-queue') as ServiceId)?.lists ?? []
  const category = b.category ?? housing?.category ?? (offered.length === 1 ? offered[0] : undefined)
  if (category === undefined) return problem('validation-failed', 'name the list: `category`', { errors: ['category'] })
  // A request without a family (a child for the kindergarten) counts one.
  const familySize = b.familySize ?? housing?.familySize ?? 1
  // Seniority runs from filing with all documents (Art. 74 p.1): by default the moment the request was signed.
  const filedAt = b.filedAt ?? view.signedAt ?? status.since
  // The number is a fact once recorded: the decider counts it from the waiting list (handed to it below), which
  // must first have every event the store holds.
  if (!(await catchUp(s, 5000)))
    return { ...problem('not-ready', 'the waiting list lags behind the store; the queue number cannot be computed now'), retryAfter: 5 }
  return {
    category, familySize, filedAt, commissionDecisionDate: b.commissionDecisionDate,
    ...(b.journal === undefined ? {} : { journal: b.journal }),
  }
}

/** The validity the decider will record, so the document prints the same date the fact holds. */
const validUntilOf = (serviceId: string, b: t.TypeOf<typeof IssueBody>): string | undefined => {
  const v = builtInRulesOf(serviceId as ServiceId)?.results.find((r) => r.kind === b.result.kind)?.validFor
  return v === undefined ? undefined : v.unit === 'days' ? plusDays(b.issuedOn, v.amount) : plusMonths(b.issuedOn, v.amount)
}

/**
 * The result document is built and signed now, from the history and the fact about to be recorded; the fact holds
 * the SHA-256 of the signed bytes. The document depends on nothing recorded later, so a download re-signs the same
 * bytes (RSA PKCS#1 v1.5 is deterministic) and the digest keeps naming what the citizen receives.
 */
const issueCommand = (s: Services) => async (b: t.TypeOf<typeof IssueBody>, view: ApplicationView, at: string, commandId: string): Promise<CommandFields | Problem> => {
  const id = view.status.applicationId
  const loaded = await s.handler.load(id)
  if (E.isLeft(loaded)) return handlerProblem(loaded.left)
  const validUntil = validUntilOf(view.status.serviceId ?? '', b)
  const fact = {
    type: 'result_issued', schema: 1, applicationId: id, commandId, at, result: b.result, issuedOn: b.issuedOn, documentDigest: '',
    ...(validUntil === undefined ? {} : { validUntil }),
  } as ApplicationEvent
  const providerId = view.status.providerId ?? ''
  const xml = buildResultXml([...loaded.right.events.map((e) => e.event), fact], at, resultContextOf(s.providers, providerId))
  if (xml === undefined) return problem('command-refused', 'the application has no result to issue yet', { code: 'step_skipped' })
  const signed = await s.resultSigner.signResult(providerId, xml)
  return { result: b.result, issuedOn: b.issuedOn, documentDigest: createHash('sha256').update(signed, 'utf8').digest('hex') }
}

/** Whom a register's record is about: the ward for a guardianship certificate, else the applicant. */
const recordCommand = (s: Services) => async (b: t.TypeOf<typeof RecordCheckBody>, view: ApplicationView): Promise<CommandFields | Problem> => {
  const applicantIin = view.status.applicantIin
  if (applicantIin === undefined) return problem('command-refused', 'the application is not registered yet', { code: 'step_skipped' })
  const request = view.request
  const subjectIin = request !== undefined && 'ward' in request ? request.ward.iin : undefined
  const found = await s.registries.records?.findRecord({ registry: b.registry, applicantIin, ...(subjectIin === undefined ? {} : { subjectIin }) })
  if (found === undefined) return registryProblem({ kind: 'registry_unavailable', registry: b.registry, detail: 'no connection configured', retryable: true })
  if (E.isLeft(found)) {
    s.logger.log('warn', 'registry unavailable', { registry: found.left.registry, detail: found.left.detail })
    return registryProblem(found.left)
  }
  return {
    registry: b.registry,
    result: found.right === undefined ? { found: false } : { found: true, registryReference: found.right.registryReference },
  }
}

const decisions = (s: Services): readonly Decision<unknown>[] => [
  decision({
    path: 'document-check', codec: DocumentCheckBody, who: 'provider_officer', command: 'check_documents', events: ['checked', 'rejected'],
    build: async (b) => ({ result: b.conforming ? { conforming: true } : { conforming: false, reasons: b.reasons } }),
  }),
  decision({
    path: 'checks/record', codec: RecordCheckBody, who: 'provider_officer', command: 'check_record', events: ['checked', 'rejected'],
    build: recordCommand(s),
  }),
  decision({ path: 'queue-decision', codec: QueueBody, who: 'provider_officer', command: 'queue', events: ['queued'], build: queueCommand(s),
    exclusive: (view) => `queue-lists:${view.status.providerId ?? ''}` }),
  decision({ path: 'result', codec: IssueBody, who: 'provider_officer', command: 'issue_result', events: ['result_issued'], build: issueCommand(s) }),
  decision({
    path: 'unclaimed', codec: UnclaimedBody, who: 'service_centre_operator', command: 'return_unclaimed', events: ['result_returned_unclaimed'],
    build: async (b) => ({ returnedOn: b.returnedOn, registryRef: b.registryRef }),
  }),
  decision({
    path: 'data-change', codec: DataChangeBody, who: 'provider_officer', command: 'change_data', events: ['data_changed'],
    build: async (b) => ({ familySize: b.familySize, note: b.note }),
  }),
  decision({
    path: 'family-succession', codec: FamilySuccessionBody, who: 'provider_officer', command: 'keep_position_for_family', events: ['position_kept_by_family'],
    build: async (b) => ({ ground: b.ground, successorIin: b.successorIin }),
  }),
  decision({
    path: 'removal', codec: RemovalBody, who: 'provider_officer', command: 'remove', events: ['removed'],
    build: async (b) => ({ ground: b.ground, decisionRef: b.decisionRef, decidedOn: b.decidedOn }),
  }),
  decision({
    path: 'housing-allocation', codec: HousingAllocationBody, who: 'provider_officer', command: 'allocate_housing', events: ['housing_allocated'],
    build: async (b) => ({ dwellingRef: b.dwellingRef, decisionRef: b.decisionRef, decidedOn: b.decidedOn }),
  }),
  decision({
    path: 'restoration', codec: RestorationBody, who: 'provider_officer', command: 'restore', events: ['restored'],
    build: async (b) => ({ appealRef: b.appealRef, decidedOn: b.decidedOn }),
  }),
  decision({
    path: 'deadline-extension', codec: DeadlineExtensionBody, who: 'provider_officer', command: 'extend_deadline', events: ['deadline_extended'],
    build: async (b) => ({ until: b.until, ground: b.ground, decisionRef: b.decisionRef }),
  }),
  decision({
    path: 'result-view', codec: ResultViewBody, who: 'citizen', command: 'view_result', events: ['result_viewed'],
    build: async () => ({}),
  }),
  decision({
    path: 'questionnaire', codec: QuestionnaireBody, who: 'citizen', command: 'answer_questionnaire', events: ['questionnaire_answered'],
    build: async (b) => ({ quality: b.quality, information: b.information }),
  }),
]

/** Who may call each decision route and what it appends: the source of the OpenAPI `x-kezek-*` fields and docs/security.md. */
export const decisionPaths = (): readonly { readonly path: string; readonly who: Audience; readonly command: CommandType; readonly body: string; readonly events: readonly EventType[] }[] =>
  decisions({} as Services).map((d) => ({ path: d.path, who: d.who, command: d.command, body: d.codec.name, events: d.events }))

const allowed = (p: Principal, d: Decision<unknown>, view: ApplicationView): boolean =>
  d.who === 'citizen' ? p.role === 'citizen'
    : d.who === 'service_centre_operator'
      ? p.role === 'service_centre_operator' && view.status.providerId !== undefined && p.providerId === view.status.providerId
      : canDecide(p, view.status.providerId)

const refusedWho = (who: Decision<unknown>['who']): string =>
  who === 'citizen' ? 'only the applicant does this'
    : who === 'service_centre_operator' ? 'only an operator of the service centre holding the result does this'
      : 'only an officer of the application’s provider decides'

const channelOf = (who: Decision<unknown>['who']) =>
  who === 'citizen' ? 'portal' : who === 'service_centre_operator' ? 'service_centre' : 'provider_desk'

export const decisionRoutes = (s: Services): Router => {
  const r = Router()
  for (const d of decisions(s)) {
    r.post(`/v1/applications/:id/${d.path}`, ...jsonBody(s.limits), postRoute(s, async (req, res, ids) => {
      const id = String(req.params['id'])
      const found = await visibleApplication(s, res, id, { fresh: true })
      if (isProblem(found)) return found
      const { principal, view } = found
      if (!allowed(principal, d, view)) return problem('forbidden', refusedWho(d.who))
      const expected = expectedRevisionOf(req.get('if-match'))
      if (isProblem(expected)) return expected
      const body = decodeInput(d.codec, req.body)
      if (E.isLeft(body)) return body.left
      const at = s.clock().toISOString()
      const commandId = ids.of(d.command)
      const decide = async () => {
        const fields = await d.build(body.right, view, at, commandId)
        if (isProblem(fields)) return fields
        // The server's fields come last: whatever a builder returned, they name this route's command.
        const command = { ...fields, type: d.command, commandId, applicationId: id, at }
        return execute(s, id, [command], {
          actor: actorOf(principal, channelOf(d.who)),
          correlationId: correlationOf(res),
          ...(expected === undefined ? {} : { expectedRevision: expected }),
          // A queue decision's number at registration is counted by the decider from the list as it stands now.
          ...(d.command === 'queue' ? { waitingList: s.read.waitingList } : {}),
        })
      }
      const result = d.exclusive === undefined ? await decide() : await s.exclusive(d.exclusive(view), decide)
      if (isProblem(result)) return result
      if (E.isLeft(result)) return result.left
      const after = result.right.view ?? view
      const provider = after.status.providerId === undefined ? undefined : s.providers.get(after.status.providerId)
      return { status: 200, body: statusView(after, provider, contextOf(res).lang), headers: { ...setEtagHeader(result.right.handled.revision), ...positionHeader(result.right.handled.position) } }
    }))
  }
  return r
}
