/**
 * Operations: liveness, readiness (the read models have caught up with the store), metrics, the OpenAPI document.
 */
import { Router } from 'express'
import { openApiDocument } from '../openapi.js'
import { problem } from '../problem/problem.js'
import { ok, route } from '../http/reply.js'
import type { Services } from '../http/services.js'

export const operationRoutes = (s: Services, closing: () => boolean): Router => {
  const r = Router()
  const document = JSON.stringify(openApiDocument())
  r.get('/health', route(async () => ok({ status: 'ok' })))
  r.get('/ready', route(async () => {
    if (closing()) return { ...problem('not-ready', 'shutting down'), retryAfter: 5 }
    if (!s.read.isCaughtUp()) return { ...problem('not-ready', 'read models are catching up with the store', { stats: s.read.stats() }), retryAfter: 2 }
    return ok({ status: 'ready', readModels: s.read.stats() })
  }))
  r.get('/metrics', route(async (req) =>
    req.accepts(['text/plain', 'application/json']) === 'application/json'
      ? ok(s.metrics.snapshot())
      : { status: 200, raw: s.metrics.render(), contentType: 'text/plain; version=0.0.4; charset=utf-8' }))
  r.get('/openapi.json', route(async () => ({ status: 200, raw: document, contentType: 'application/json; charset=utf-8' })))
  return r
}
