/**
 * Operations: liveness, readiness, metrics, the OpenAPI document.
 *
 * `/health` is liveness only: the process answers, whatever the store does (restarting the process would not bring
 * the store back). `/ready` tells a load balancer whether to send traffic here: 503 while shutting down, while the
 * read models catch up or cannot read the store, while the store does not answer a probe, and while the read
 * models do not reach the store's current head within `readyMaxLagMs`.
 */
import { Router } from 'express'
import { openApiDocument } from '../openapi.js'
import { problem } from '../problem/problem.js'
import { ok, route } from '../http/reply.js'
import type { Services } from '../http/services.js'
import { within } from '../resilience/settle.js'
import { STORE_RETRY_AFTER_S } from '../resilience/store-guard.js'

/** How long `/ready` waits for the store's head position before calling the store unreachable. */
const PROBE_MS = 2000

export const operationRoutes = (s: Services, closing: () => boolean): Router => {
  const r = Router()
  const document = JSON.stringify(openApiDocument())
  r.get('/health', route(async () => ok({ status: 'ok' })))
  r.get('/ready', route(async () => {
    if (closing()) return { ...problem('not-ready', 'shutting down'), retryAfter: 5 }
    // Not the error text: it may name hosts and ports, and /ready is public.
    const { failing, reconnects, outageMs } = s.read.health()
    const following = { failing, reconnects, outageMs }
    if (failing)
      return { ...problem('not-ready', 'the read models cannot read the store', { following }), retryAfter: STORE_RETRY_AFTER_S }
    if (!s.read.isCaughtUp()) return { ...problem('not-ready', 'read models are catching up with the store', { stats: s.read.stats() }), retryAfter: 2 }
    const head = await within(PROBE_MS, s.store.headPosition()).catch(() => 'failed' as const)
    if (head === 'failed' || head === 'timeout')
      return { ...problem('not-ready', 'the event store does not answer'), retryAfter: STORE_RETRY_AFTER_S }
    if (head !== undefined && (await within(s.readyMaxLagMs, s.read.reached(head)).catch(() => 'timeout' as const)) === 'timeout')
      return { ...problem('not-ready', `the read models lag the store by more than ${s.readyMaxLagMs} ms`, { stats: s.read.stats() }), retryAfter: 2 }
    return ok({ status: 'ready', readModels: s.read.stats(), following })
  }))
  r.get('/metrics', route(async (req) =>
    req.accepts(['text/plain', 'application/json']) === 'application/json'
      ? ok(await s.metrics.snapshot())
      : { status: 200, raw: await s.metrics.render(), contentType: s.metrics.contentType }))
  r.get('/openapi.json', route(async () => ({ status: 200, raw: document, contentType: 'application/json; charset=utf-8' })))
  return r
}
