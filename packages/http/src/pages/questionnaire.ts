/**
 * The quality questionnaire on the citizen's status screen: the regulation's two questions and three answers (the
 * same form `GET /v1/services/{id}/questionnaire` serves), as a plain HTML form with the CSRF token. The answers go
 * through the same domain command as `POST /v1/applications/{id}/questionnaire` (`answer_questionnaire`, channel
 * portal), so the decider's rules hold here too: once a result exists, once per application, not for a service
 * whose regulation has no questionnaire (seed 003).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { Router } from 'express'
import { canRead, partiesOf } from '../auth/policy.js'
import { decodeInput } from '../http/decode.js'
import { actorOf, correlationOf, execute, type Services } from '../http/services.js'
import { hasResultDocument } from '../http/views.js'
import { problemBody, statusOfProblem, type Problem } from '../problem/problem.js'
import { questionnaireForm } from '../questionnaire/questionnaire.js'
import type { ApplicationView } from '../read-model/projections.js'
import { citizenOnly } from './citizen-only.js'
import type { PageContext } from './context.js'
import { html, type Html } from './html.js'
import { checkedForm, failure, page, show, type PageDeps } from './page.js'
import { tr } from './texts.js'

const enc = encodeURIComponent

/** The posted form, exactly: the token and one answer (1–3) to each question; any other field is refused. */
export const QuestionnaireFormBody = t.type({
  csrf: t.string,
  quality: t.keyof({ '1': null, '2': null, '3': null }),
  information: t.keyof({ '1': null, '2': null, '3': null }),
}, 'QuestionnaireForm')

const answered = (view: ApplicationView): boolean => view.facts.some((f) => f.type === 'questionnaire_answered')

/** The status screen's questionnaire section: nothing for a service without one. */
export const questionnaireSection = (c: PageContext, id: string, view: ApplicationView): Html => {
  const serviceId = view.status.serviceId
  const form = serviceId === undefined ? undefined : questionnaireForm(serviceId, c.lang)
  if (form === undefined) return html``
  const heading = html`<h2 id="questionnaire">${form.title}</h2>`
  if (answered(view)) return html`${heading}<p class="note" role="status">${tr('questionnaireThanks', c.lang)}</p>`
  if (!hasResultDocument(view.status)) return html`${heading}<p>${tr('questionnaireAfterResult', c.lang)}</p>`
  return html`${heading}
<form method="post" action="/me/applications/${enc(id)}/questionnaire" class="questionnaire">
  <input type="hidden" name="csrf" value="${c.csrf()}">
  ${form.questions.map((q) => html`<fieldset>
    <legend>${q.text}</legend>
    ${form.answers.map((a, i) => html`<div class="choice"><input type="radio" id="q-${q.id}-${a.value}" name="${q.id}" value="${a.value}"${i === 0 ? html` required` : ''}>
    <label for="q-${q.id}-${a.value}">${a.text}</label></div>`)}
  </fieldset>`)}
  <p><button type="submit">${tr('questionnaireSend', c.lang)}</button></p>
</form>`
}

/** A form field given twice cannot be told from a tampered one: such a form is refused, not read as its last value. */
const fieldsOf = (form: URLSearchParams): Record<string, string> | undefined => {
  const out: Record<string, string> = {}
  for (const [k, v] of form) {
    if (Object.hasOwn(out, k)) return undefined
    out[k] = v
  }
  return out
}

const refused = (c: PageContext, id: string, p: Problem) => {
  const body = problemBody(p, c.lang)
  return show(String(body['title']), html`<p class="error" role="alert">${String(body['detail'] ?? body['title'])}</p>
<p><a href="/me/applications/${enc(id)}">${tr('backToApplication', c.lang)}</a></p>`, undefined, statusOfProblem(p))
}

export const questionnairePages = (s: Services, deps: PageDeps): Router => {
  const r = Router()
  r.post('/me/applications/:id/questionnaire', page(deps, async (req, res, c) => {
    const p = citizenOnly(c)
    if ('kind' in p) return p
    const form = await checkedForm(req, c)
    if (!(form instanceof URLSearchParams)) return form
    const id = String(req.params['id'])
    const view = s.read.application(id)
    // Someone else's application reads as a missing one, as on the status screen.
    if (view === undefined || !canRead(p, partiesOf(view.status, view.successors))) return failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang))
    const fields = fieldsOf(form)
    if (fields === undefined) return failure(c, 400, 'badRequest', tr('badRequest', c.lang))
    const body = decodeInput(QuestionnaireFormBody, fields)
    if (E.isLeft(body)) return refused(c, id, { ...body.left, detail: tr('questionnaireIncomplete', c.lang) })
    const command = {
      type: 'answer_questionnaire', commandId: s.newId(), applicationId: id, at: s.clock().toISOString(),
      quality: Number(body.right.quality), information: Number(body.right.information),
    }
    const done = await execute(s, id, [command], { actor: actorOf(p, 'portal'), correlationId: correlationOf(res) })
    if (E.isLeft(done)) return refused(c, id, done.left)
    // Post/redirect/get: a reload shows the screen, it does not post the answers again.
    return { kind: 'redirect', to: `/me/applications/${enc(id)}#questionnaire` }
  }))
  return r
}
