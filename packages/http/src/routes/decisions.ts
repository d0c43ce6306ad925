/**
 * Decisions on an existing application: the provider's document check and queue decision, the later lifecycle
 * (data changed, family keeps the place, removed, housed, restored on appeal), and the citizen's own acts
 * (result viewed, questionnaire). All take `If-Match` (the ETag) and answer 412 when it is stale.
 */
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { Router } from 'express'
import {
  Category, IIN, Instant, LocalDate, Reference, RemovalGround, SuccessionGround,
  type ListKey, type ProviderId, type RequestNumber,
} from '@kezek/domain'
import { canDecide } from '../auth/policy'
import type { Principal } from '../auth/principal'
import { contextOf } from '../middleware/context'
import { jsonBody } from '../middleware/body'
import { expectedRevisionOf } from '../middleware/preconditions'
import { isProblem, problem, type Problem } from '../problem/problem'
import { decodeInput } from '../http/decode'
import { postRoute } from '../http/post'
import { actorOf, catchUp, correlationOf, execute, type Services } from '../http/services'
import { statusView } from '../http/views'
import type { ApplicationView } from '../read-model/projections'
import { queueNumberFor } from '../read-model/queue-number'
import { FamilySize } from './submissions'
import { setEtagHeader, visibleApplication } from './shared'

const Answer = t.union([t.literal(1), t.literal(2), t.literal(3)])

type Fields = Readonly<Record<string, unknown>> & { readonly type: string }

interface Decision<A> {
  readonly path: string
  readonly codec: t.Type<A, unknown, unknown>
  readonly who: 'provider_officer' | 'citizen'
  readonly command: (body: A, view: ApplicationView, at: string) => Promise<Fields | Problem>
}

const decision = <A>(d: Decision<A>): Decision<unknown> => d as unknown as Decision<unknown>

export const DocumentCheckBody = t.union([
  t.type({ conforming: t.literal(true) }),
  t.type({ conforming: t.literal(false), reasons: t.refinement(t.readonlyArray(Reference), (r) => r.length > 0 && r.length <= 50, 'Reasons') }),
], 'DocumentCheck')

export const QueueBody = t.intersection([
  t.type({ commissionDecisionDate: LocalDate }),
  t.partial({ category: Category, familySize: FamilySize, filedAt: Instant }),
], 'QueueDecision')


const queueCommand = (s: Services) => async (b: t.TypeOf<typeof QueueBody>, view: ApplicationView, at: string): Promise<Fields | Problem> => {
  const { status, request } = view
  if (status.requestNumber === undefined || status.providerId === undefined || request === undefined)
    return problem('command-refused', 'the application is not registered yet', { code: 'step_skipped' })
  const category = b.category ?? request.category
  // Seniority runs from filing with all documents (Art. 74 p.1): by default the moment the request was signed.
  const filedAt = b.filedAt ?? view.signedAt ?? status.since
  // The number is a fact once recorded: compute it only from a list that has every event the store holds.
  if (!(await catchUp(s, 5000)))
    return { ...problem('not-ready', 'the waiting list lags behind the store; the queue number cannot be computed now'), retryAfter: 5 }
  const list: ListKey = { providerId: status.providerId as ProviderId, category }
  const n = queueNumberFor(s.read.waitingList, {
    applicationId: status.applicationId,
    list,
    filedAt: filedAt as Instant,
    filedAtMs: Date.parse(filedAt),
    requestNumber: status.requestNumber as RequestNumber,
    queueNumberAtRegistration: 0,
    commissionDecisionDate: b.commissionDecisionDate,
    familySize: b.familySize ?? request.familySize,
    holderIin: (status.applicantIin ?? '') as IIN,
  })
  return {
    type: 'queue', category, familySize: b.familySize ?? request.familySize, filedAt,
    commissionDecisionDate: b.commissionDecisionDate, queueNumberAtRegistration: n,
  }
}

const decisions = (s: Services): readonly Decision<unknown>[] => [
  decision({
    path: 'document-check', codec: DocumentCheckBody, who: 'provider_officer',
    command: async (b) => ({ type: 'check_documents', result: b }),
  }),
  decision({ path: 'queue-decision', codec: QueueBody, who: 'provider_officer', command: queueCommand(s) }),
  decision({
    path: 'data-change', codec: t.type({ familySize: FamilySize, note: Reference }, 'DataChange'), who: 'provider_officer',
    command: async (b) => ({ type: 'change_data', ...b }),
  }),
  decision({
    path: 'family-succession', codec: t.type({ ground: SuccessionGround, successorIin: IIN }, 'FamilySuccession'), who: 'provider_officer',
    command: async (b) => ({ type: 'keep_position_for_family', ...b }),
  }),
  decision({
    path: 'removal', codec: t.type({ ground: RemovalGround, decisionRef: Reference, decidedOn: LocalDate }, 'Removal'), who: 'provider_officer',
    command: async (b) => ({ type: 'remove', ...b }),
  }),
  decision({
    path: 'housing-allocation', codec: t.type({ dwellingRef: Reference, decisionRef: Reference, decidedOn: LocalDate }, 'HousingAllocation'), who: 'provider_officer',
    command: async (b) => ({ type: 'allocate_housing', ...b }),
  }),
  decision({
    path: 'restoration', codec: t.type({ appealRef: Reference, decidedOn: LocalDate }, 'Restoration'), who: 'provider_officer',
    command: async (b) => ({ type: 'restore', ...b }),
  }),
  decision({
    path: 'result-view', codec: t.type({}, 'ResultView'), who: 'citizen',
    command: async () => ({ type: 'view_result' }),
  }),
  decision({
    path: 'questionnaire', codec: t.type({ quality: Answer, information: Answer }, 'Questionnaire'), who: 'citizen',
    command: async (b) => ({ type: 'answer_questionnaire', ...b }),
  }),
]

export const decisionPaths = (): readonly { readonly path: string; readonly who: string }[] =>
  decisions({} as Services).map((d) => ({ path: d.path, who: d.who }))

const allowed = (p: Principal, d: Decision<unknown>, view: ApplicationView): boolean =>
  d.who === 'citizen' ? p.role === 'citizen' : canDecide(p, view.status.providerId)

export const decisionRoutes = (s: Services): Router => {
  const r = Router()
  for (const d of decisions(s)) {
    r.post(`/v1/applications/:id/${d.path}`, ...jsonBody(s.limits), postRoute(s, async (req, res, ids) => {
      const id = String(req.params['id'])
      const found = await visibleApplication(s, res, id, { fresh: true })
      if (isProblem(found)) return found
      const { principal, view } = found
      if (!allowed(principal, d, view)) return problem('forbidden', d.who === 'citizen' ? 'only the applicant does this' : 'only an officer of the application’s provider decides')
      const expected = expectedRevisionOf(req.get('if-match'))
      if (isProblem(expected)) return expected
      const body = decodeInput(d.codec, req.body)
      if (E.isLeft(body)) return body.left
      const at = s.clock().toISOString()
      const fields = await d.command(body.right, view, at)
      if (isProblem(fields)) return fields
      const result = await execute(s, id, [{ ...fields, commandId: ids.of(fields.type), applicationId: id, at }], {
        actor: actorOf(principal, d.who === 'citizen' ? 'portal' : 'provider_desk'),
        correlationId: correlationOf(res),
        ...(expected === undefined ? {} : { expectedRevision: expected }),
      })
      if (E.isLeft(result)) return result.left
      const after = result.right.view ?? view
      const provider = after.status.providerId === undefined ? undefined : s.providers.get(after.status.providerId)
      return { status: 200, body: statusView(after, provider, contextOf(res).lang), headers: setEtagHeader(result.right.handled.revision) }
    }))
  }
  return r
}
