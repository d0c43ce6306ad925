/**
 * The receipt given at intake (расписка), signed by the provider like a result document: GET
 * /v1/applications/{id}/receipt. Only those who may read the application get it; an application whose regulation
 * gives no receipt (or has not reached it) answers 404.
 */
import * as E from 'fp-ts/lib/Either.js'
import { Router } from 'express'
import { isProblem, problem } from '../problem/problem.js'
import { handlerProblem } from '../http/errors.js'
import { route } from '../http/reply.js'
import type { Services } from '../http/services.js'
import { resultXml } from '../results/document.js'
import { receiptDocument } from '../results/receipt.js'
import { setEtagHeader, visibleApplication } from './shared.js'

export const resultRoutes = (s: Services): Router => {
  const r = Router()
  r.get('/v1/applications/:id/receipt', route(async (req, res) => {
    const id = String(req.params['id'])
    const found = await visibleApplication(s, res, id, { fresh: true })
    if (isProblem(found)) return found
    const loaded = await s.handler.load(id)
    if (E.isLeft(loaded)) return handlerProblem(loaded.left)
    const doc = receiptDocument(loaded.right.events.map((e) => e.event))
    if (doc === undefined) return problem('not-found', 'the regulation gives no receipt for this application, or it has not been given yet')
    const signed = await s.resultSigner.signResult(doc.providerId, resultXml(doc))
    return {
      status: 200,
      raw: signed,
      contentType: 'application/xml; charset=utf-8',
      headers: { ...setEtagHeader(found.view.revision), 'Content-Disposition': `attachment; filename="receipt-${doc.requestNumber ?? id}.xml"` },
    }
  }))
  return r
}
