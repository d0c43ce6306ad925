/**
 * The receipt given at intake (расписка), signed by the provider like a result document: GET
 * /v1/applications/{id}/receipt. Only those who may read the application get it; an application whose regulation
 * gives no receipt (or has not reached it) answers 404.
 *
 * PDF copies: GET /v1/applications/{id}/result.pdf and /receipt.pdf (`?lang=kk|ru`, else the request's language when
 * it is one of the two, else Russian) — the same document's text in one language, for printing; the signed XML stays
 * the legal original, and the PDF says so. Separate paths rather than `Accept: application/pdf`, so that a plain
 * link on a page downloads it.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { Router, type Response } from 'express'
import { isProblem, problem, type Problem } from '../problem/problem.js'
import { decodeInput } from '../http/decode.js'
import { handlerProblem } from '../http/errors.js'
import { route, type Outcome } from '../http/reply.js'
import type { Services } from '../http/services.js'
import { hasResultDocument } from '../http/views.js'
import { contextOf } from '../middleware/context.js'
import { resultContextOf } from '../results/context.js'
import { resultDocument, resultXml, type ResultDocument } from '../results/document.js'
import type { DocLang } from '../results/form.js'
import { renderPdf } from '../results/pdf.js'
import { receiptDocument } from '../results/receipt.js'
import { setEtagHeader, visibleApplication } from './shared.js'

const PdfQuery = t.partial({ lang: t.keyof({ kk: null, ru: null }) }, 'PdfQuery')

/** The document the route names, or the problem: not visible, not loadable, or not there yet. */
type Found = { readonly doc: ResultDocument; readonly revision: number | undefined } | Problem

const pdfReply = async (found: Found, query: unknown, res: Response, name: string): Promise<Outcome> => {
  if (isProblem(found)) return found
  const q = decodeInput(PdfQuery, query, 'query')
  if (E.isLeft(q)) return q.left
  const requested = contextOf(res).lang
  const lang: DocLang = q.right.lang ?? (requested === 'kk' ? 'kk' : 'ru')
  return {
    status: 200,
    raw: await renderPdf(found.doc, lang),
    contentType: 'application/pdf',
    headers: { ...setEtagHeader(found.revision), 'Content-Language': lang, 'Content-Disposition': `attachment; filename="${name}-${found.doc.requestNumber ?? found.doc.applicationId}.${lang}.pdf"` },
  }
}

export const resultRoutes = (s: Services): Router => {
  const r = Router()

  const receiptOf = async (res: Response, id: string): Promise<Found> => {
    const found = await visibleApplication(s, res, id, { fresh: true })
    if (isProblem(found)) return found
    const loaded = await s.handler.load(id)
    if (E.isLeft(loaded)) return handlerProblem(loaded.left)
    const doc = receiptDocument(loaded.right.events.map((e) => e.event))
    if (doc === undefined) return problem('not-found', 'the regulation gives no receipt for this application, or it has not been given yet')
    return { doc, revision: found.view.revision }
  }

  /** The same document `GET …/result` signs: the history, dated by its last event, with the provider's details. */
  const resultOf = async (res: Response, id: string): Promise<Found> => {
    const found = await visibleApplication(s, res, id, { fresh: true })
    if (isProblem(found)) return found
    if (!hasResultDocument(found.view.status)) return problem('not-found', 'the service result has not been issued yet')
    const loaded = await s.handler.load(id)
    if (E.isLeft(loaded)) return handlerProblem(loaded.left)
    const providerId = found.view.status.providerId ?? ''
    const doc = resultDocument(loaded.right.events.map((e) => e.event), loaded.right.events.at(-1)?.envelope.recordedAt ?? s.clock().toISOString(),
      resultContextOf(s.providers, providerId))
    if (doc === undefined) return problem('not-found', 'the service result has not been issued yet')
    return { doc, revision: found.view.revision }
  }

  r.get('/v1/applications/:id/receipt', route(async (req, res) => {
    const id = String(req.params['id'])
    const found = await receiptOf(res, id)
    if (isProblem(found)) return found
    const signed = await s.resultSigner.signResult(found.doc.providerId, resultXml(found.doc))
    return {
      status: 200,
      raw: signed,
      contentType: 'application/xml; charset=utf-8',
      headers: { ...setEtagHeader(found.revision), 'Content-Disposition': `attachment; filename="receipt-${found.doc.requestNumber ?? id}.xml"` },
    }
  }))
  r.get('/v1/applications/:id/receipt.pdf', route(async (req, res) => pdfReply(await receiptOf(res, String(req.params['id'])), req.query, res, 'receipt')))
  r.get('/v1/applications/:id/result.pdf', route(async (req, res) => pdfReply(await resultOf(res, String(req.params['id'])), req.query, res, 'result')))
  return r
}
