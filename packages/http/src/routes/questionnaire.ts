/**
 * The questionnaire over HTTP: GET /v1/services/{serviceId}/questionnaire serves its questions and answers in the
 * request's language (public: it is the regulation's appendix), 404 for a service without one (seed 003); GET
 * /v1/providers/{providerId}/questionnaire-results?serviceId=&from=&to= counts the answers for the provider's staff.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { Router } from 'express'
import { LocalDate } from '@kezek/domain'
import { isStaff } from '../auth/principal.js'
import { contextOf, requirePrincipal } from '../middleware/context.js'
import { isProblem, problem } from '../problem/problem.js'
import { decodeInput } from '../http/decode.js'
import { ok, route } from '../http/reply.js'
import type { Services } from '../http/services.js'
import { questionnaireForm, tallyQuestionnaire } from '../questionnaire/questionnaire.js'

const TallyQuery = t.exact(t.partial({ serviceId: t.string, from: LocalDate, to: LocalDate }), 'QuestionnaireResultsQuery')

export const questionnaireRoutes = (s: Services): Router => {
  const r = Router()
  r.get('/v1/services/:serviceId/questionnaire', route(async (req, res) => {
    const form = questionnaireForm(String(req.params['serviceId']), contextOf(res).lang)
    return form === undefined ? problem('not-found', 'this service’s regulation has no questionnaire') : ok(form)
  }))
  r.get('/v1/providers/:providerId/questionnaire-results', route(async (req, res) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    const providerId = String(req.params['providerId'])
    if (!(p.role === 'auditor' || p.role === 'administrator' || (isStaff(p) && p.providerId === providerId)))
      return problem('forbidden', 'staff see their own provider’s questionnaire results')
    const q = decodeInput(TallyQuery, req.query, 'query')
    if (E.isLeft(q)) return q.left
    return ok(await tallyQuestionnaire(s, { providerId, ...q.right }))
  }))
  return r
}
