/** The citizen's «Уведомления»: GET /v1/me/notices, newest first, in the request's language. */
import { Router } from 'express'
import { contextOf, requirePrincipal } from '../middleware/context.js'
import { isProblem, problem } from '../problem/problem.js'
import { ok, route } from '../http/reply.js'
import type { Services } from '../http/services.js'
import { noticeFeed } from '../notices/feed.js'

export const noticeRoutes = (s: Services): Router => {
  const r = Router()
  r.get('/v1/me/notices', route(async (_req, res) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    if (p.role !== 'citizen') return problem('forbidden', 'notices are the citizen’s own')
    const lang = contextOf(res).lang
    const items = (await noticeFeed(s, p.iin)).map((n) => ({
      id: n.id, kind: n.kind, applicationId: n.applicationId, status: n.status, at: n.at, text: n.text[lang],
    }))
    return ok({ items })
  }))
  return r
}
