/**
 * Reading applications: the status screen («История получения услуг») — a citizen's own list, one application
 * with its ETag, the signed result document, and the current place in the waiting list. Staff see their
 * provider's applications.
 */
import * as E from 'fp-ts/lib/Either.js'
import { Router } from 'express'
import { isStaff } from '../auth/principal.js'
import { contextOf, requirePrincipal } from '../middleware/context.js'
import { isProblem, problem } from '../problem/problem.js'
import { decodeInput } from '../http/decode.js'
import { handlerProblem } from '../http/errors.js'
import { CursorPaging, decodeCursor, encodeCursor, Paging } from '../http/query.js'
import { ok, route } from '../http/reply.js'
import { catchUp, type Services } from '../http/services.js'
import { hasResultDocument, statusView } from '../http/views.js'
import { resultContextOf } from '../results/context.js'
import { buildResultXml } from '../results/document.js'
import { setEtagHeader, visibleApplication } from './shared.js'

export const statusRoutes = (s: Services): Router => {
  const r = Router()
  const providerOf = (id: string | undefined) => (id === undefined ? undefined : s.providers.get(id))
  // Result documents are signed once per revision: downloads of the same result are byte-identical.
  const signedResults = new Map<string, Promise<string | undefined>>()

  r.get('/v1/me/applications', route(async (req, res) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    if (p.role !== 'citizen') return problem('forbidden', 'this is the citizen’s own history; staff use /v1/providers/{providerId}/applications')
    const q = decodeInput(CursorPaging, req.query, 'query')
    if (E.isLeft(q)) return q.left
    const limit = q.right.limit ?? 20
    const ids = s.read.applicationsOf(p.iin)
    // The cursor names the last application of the previous page; one that is not the caller's is refused.
    let start = 0
    if (q.right.cursor !== undefined) {
      const after = ids.indexOf(decodeCursor(q.right.cursor))
      if (after < 0) return problem('validation-failed', 'the cursor does not name a page of this list', { errors: ['cursor'] })
      start = after + 1
    }
    const page = ids.slice(start, start + limit)
    const lang = contextOf(res).lang
    const items = page.flatMap((id) => {
      const v = s.read.application(id)
      return v === undefined ? [] : [statusView(v, providerOf(v.status.providerId), lang)]
    })
    const last = page.at(-1)
    const nextCursor = last !== undefined && start + limit < ids.length ? encodeCursor(last) : null
    return ok({ items, limit, nextCursor })
  }))

  r.get('/v1/providers/:providerId/applications', route(async (req, res) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    const providerId = String(req.params['providerId'])
    if (!(p.role === 'auditor' || p.role === 'administrator' || (isStaff(p) && p.providerId === providerId)))
      return problem('forbidden', 'staff see their own provider’s applications')
    const q = decodeInput(Paging, req.query, 'query')
    if (E.isLeft(q)) return q.left
    const offset = q.right.offset ?? 0
    const limit = q.right.limit ?? 50
    const ids = s.read.applicationsOfProvider(providerId)
    const lang = contextOf(res).lang
    const items = ids.slice(offset, offset + limit).flatMap((id) => {
      const v = s.read.application(id)
      return v === undefined ? [] : [statusView(v, providerOf(providerId), lang)]
    })
    return ok({ total: ids.length, offset, limit, items })
  }))

  r.get('/v1/applications/:id', route(async (req, res) => {
    const found = await visibleApplication(s, res, String(req.params['id']))
    if (isProblem(found)) return found
    const { view } = found
    return ok(statusView(view, providerOf(view.status.providerId), contextOf(res).lang), setEtagHeader(view.revision))
  }))

  r.get('/v1/applications/:id/result', route(async (req, res) => {
    const id = String(req.params['id'])
    const found = await visibleApplication(s, res, id, { fresh: true })
    if (isProblem(found)) return found
    const { view } = found
    if (!hasResultDocument(view.status)) return problem('not-found', 'the service result has not been issued yet')
    const key = `${id}@${view.revision}`
    let signed = signedResults.get(key)
    if (signed === undefined) {
      signed = (async () => {
        const loaded = await s.handler.load(id)
        if (E.isLeft(loaded)) throw Object.assign(new Error('load failed'), { problem: handlerProblem(loaded.left) })
        const providerId = view.status.providerId ?? ''
        const xml = buildResultXml(loaded.right.events.map((e) => e.event), loaded.right.events.at(-1)?.envelope.recordedAt ?? s.clock().toISOString(),
          resultContextOf(s.providers, providerId))
        return xml === undefined ? undefined : s.resultSigner.signResult(view.status.providerId ?? '', xml)
      })()
      signedResults.set(key, signed)
      signed.catch(() => signedResults.delete(key))
    }
    const xml = await signed
    if (xml === undefined) return problem('not-found', 'the service result has not been issued yet')
    return {
      status: 200,
      raw: xml,
      contentType: 'application/xml; charset=utf-8',
      headers: { ...setEtagHeader(view.revision), 'Content-Disposition': `attachment; filename="result-${view.status.requestNumber ?? id}.xml"` },
    }
  }))

  r.get('/v1/applications/:id/position', route(async (req, res) => {
    const id = String(req.params['id'])
    const found = await visibleApplication(s, res, id)
    if (isProblem(found)) return found
    let placement = s.read.waitingList.position(id)
    if (placement === undefined) {
      // Not in the list: either it is not queued, or the read models have not caught up with its queue decision.
      if (!(await catchUp(s, s.readYourWritesMs))) return { ...problem('not-ready', 'the waiting list lags behind the store'), retryAfter: 2 }
      placement = s.read.waitingList.position(id)
    }
    if (placement === undefined) return problem('not-found', 'the application is not an active entry of a waiting list')
    return ok({
      applicationId: id,
      list: placement.list,
      position: placement.position,
      of: placement.of,
      filedAt: placement.entry.filedAt,
      requestNumber: placement.entry.requestNumber,
      queueNumberAtRegistration: placement.entry.queueNumberAtRegistration,
    }, setEtagHeader(found.view.revision))
  }))
  return r
}
