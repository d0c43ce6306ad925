/**
 * `createApp`: the reference HTTP service as an express 5 application. Everything it uses comes in through the
 * options (store, signature verifier, registries, clock, ids, authenticator), so an akimat mounts it in its own
 * server, and tests run two apps side by side.
 *
 * The returned app also carries `ready` (read models caught up) and `close()` (stop following the store; the
 * caller closes the store and the HTTP server it created).
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import { coordinationOf, createCommandHandler } from '@kezek/adapters'
import type { EventStore, ProtectedStore, StoreCoordination } from '@kezek/adapters'
import type { OrderingPolicy } from '@kezek/domain'
import type { Authenticator } from './auth/principal.js'
import { defaultLimits, bodyErrors, type BodyLimits } from './middleware/body.js'
import { contextMiddleware, contextOf } from './middleware/context.js'
import { hostileInput } from './middleware/hostile.js'
import { answerClientErrors } from './http/client-error.js'
import { createIdempotencyCache } from './middleware/idempotency.js'
import { jsonLogger, type Logger } from './observability/logger.js'
import { createMetrics, type Metrics } from './observability/metrics.js'
import { declareServiceMetrics } from './observability/service-metrics.js'
import { isProblem, problem, sendProblem } from './problem/problem.js'
import { startReadModels, type ReadModels } from './read-model/projections.js'
import { requestNumbers } from './read-model/request-numbers.js'
import { withTimeout } from './registries/timeout.js'
import { readYourWrites } from './resilience/read-your-writes.js'
import { inProcessExclusive, layeredExclusive } from './resilience/exclusive.js'
import { guardCall, guardStore, storeHealth } from './resilience/store-guard.js'
import type { Registries } from './registries/port.js'
import type { ResultSigner, SignatureVerifier } from './signature/port.js'
import { definitionOf, type ProviderConfig, type Services } from './http/services.js'
import { auditRoutes } from './routes/audit.js'
import { decisionRoutes } from './routes/decisions.js'
import { operationRoutes } from './routes/operations.js'
import { resultRoutes } from './routes/results.js'
import { noticeRoutes } from './routes/notices.js'
import { questionnaireRoutes } from './routes/questionnaire.js'
import { startNoticeDispatch } from './notices/dispatch.js'
import type { NoticeChannel } from './notices/port.js'
import { statusRoutes } from './routes/status.js'
import { submissionRoutes } from './routes/submissions.js'
import { waitingListRoutes } from './routes/waiting-list.js'
import { personalDataRoutes } from './routes/personal-data.js'
import { pageRoutes, type DemoUser } from './pages/index.js'

export interface AppOptions {
  readonly store: EventStore
  readonly verifier: SignatureVerifier
  readonly resultSigner: ResultSigner
  readonly registries: Registries
  readonly providers: readonly ProviderConfig[]
  readonly auth: Authenticator
  readonly clock: () => Date
  readonly ids: { readonly next: () => string }
  readonly logger?: Logger
  readonly limits?: Partial<BodyLimits>
  /** Each ГБД ФЛ / ЕНИС call is bounded by this (default 5 s). */
  readonly registryTimeoutMs?: number
  /** How long a write waits for the read models to show it before answering anyway (default 2 s). */
  readonly readYourWritesMs?: number
  /**
   * Request numbers and critical sections shared with every other instance over the same store. Default: the
   * store's own when it is a SQL store (give it explicitly when `store` wraps one), else in-process (one instance).
   */
  readonly coordination?: StoreCoordination
  /** `/ready` is 503 when the read models do not reach the store's head within this bound (default 2 s). */
  readonly readyMaxLagMs?: number
  /**
   * The housing lists' ordering policy (default: filing order, Art. 74 p.1). Kindergarten Journal lists always
   * follow the Journal (`journalOrder`).
   */
  readonly policy?: OrderingPolicy
  /**
   * The store's personal-data protection (`openPersonalDataStore`), when `store` is it: enables the erasure route
   * for the data-protection officer. Absent: erasure answers that encryption is off.
   */
  readonly personalData?: ProtectedStore
  /** The HTML pages (public lists, citizen and staff screens): on unless `false`; demo users only in demo mode. */
  readonly pages?: false | { readonly demoUsers?: () => readonly DemoUser[] }
  /** Where notices go beyond the portal's feed (SMS, e-mail, push); none by default. */
  readonly noticeChannels?: readonly NoticeChannel[]
}

export interface KezekExtras {
  /** Resolves when the read models have caught up with the store (also what GET /ready reports). */
  readonly ready: Promise<void>
  /** Stops following the store. Does not close the store: its owner does. */
  readonly close: () => Promise<void>
  readonly readModels: ReadModels
  readonly metrics: Metrics
}

export type KezekApp = Express & KezekExtras

export const createApp = (o: AppOptions): KezekApp => {
  const logger = o.logger ?? jsonLogger({ now: o.clock })
  const metrics = createMetrics()
  // Routes and the handler see the store through a guard: a store failure is a 503 problem, and is recorded.
  const health = storeHealth()
  const store = guardStore(o.store, health)
  // Request numbers and critical sections shared by every instance over the same SQL store.
  const coordination = o.coordination ?? coordinationOf(o.store)
  const guarded = guardCall(health)
  const idempotency = createIdempotencyCache()
  const read = startReadModels(o.store, {
    logger, now: o.clock, ...(o.policy === undefined ? {} : { policy: o.policy }),
    // A kept answer may name an erased person: drop them all (the key's derived command ids keep retries safe).
    onErasure: () => idempotency.forgetAll(),
  })
  const providers = new Map(o.providers.map((p) => [p.id as string, p]))
  const handler = createCommandHandler({
    store,
    clock: o.clock,
    newId: o.ids.next,
    ruleVersion: (command, state) => {
      const intake = command.type === 'authorize' ? command : state.application.stage === 'new' ? undefined : state.application.intake
      const provider = intake === undefined ? undefined : providers.get(intake.providerId)
      const definition = provider === undefined || intake === undefined ? undefined : definitionOf(provider, intake.serviceId)
      return definition?.ruleVersion ?? `${intake?.serviceId ?? 'housing-queue'}/unknown@0`
    },
  })
  const s: Services = {
    store,
    handler,
    read,
    numbers: requestNumbers(read.maxRequestNumber, coordination === undefined ? undefined : (floor) => guarded(() => coordination.nextRequestNumber(floor))),
    providers,
    registries: withTimeout(o.registries, o.registryTimeoutMs ?? 5000),
    verifier: o.verifier,
    resultSigner: o.resultSigner,
    clock: o.clock,
    newId: o.ids.next,
    logger,
    metrics,
    idempotency,
    limits: { ...defaultLimits, ...o.limits },
    readYourWritesMs: o.readYourWritesMs ?? 2000,
    storeHealth: health,
    readyMaxLagMs: o.readyMaxLagMs ?? 2000,
    exclusive: layeredExclusive(inProcessExclusive(), coordination?.exclusive === undefined ? undefined
      : (key, body) => guarded(() => coordination.exclusive!(key, body))),
  }
  declareServiceMetrics(metrics, { read, store: health })

  let closing = false
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false) // ETags are stream revisions, never body hashes
  app.set('query parser', 'simple')
  app.use(contextMiddleware(o.auth, o.ids.next))
  app.use(hostileInput)
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      const c = contextOf(res)
      const ms = performance.now() - c.startedAt
      const routePath = (req.route as { path?: string } | undefined)?.path ?? 'unmatched'
      metrics.observeRequest(req.method, routePath, res.statusCode, ms)
      logger.log(res.statusCode >= 500 ? 'error' : 'info', 'request', {
        correlationId: c.correlationId, method: req.method, path: req.originalUrl.slice(0, 200), status: res.statusCode,
        ms: Math.round(ms * 10) / 10, role: c.principal?.role,
        // A citizen is logged by IIN, which the logger masks: lines of one person correlate, the number stays hidden.
        actor: c.principal?.role === 'citizen' ? c.principal.iin : c.principal?.subject,
      })
    })
    next()
  })
  // Before the API: a page may hand a request on to an API route (the result download) with the session's principal.
  if (o.pages !== false) {
    const pages = pageRoutes(s, { auth: o.auth, ...(o.pages?.demoUsers === undefined ? {} : { demoUsers: o.pages.demoUsers }) })
    // No page lives under /v1/: API requests skip the pages' routes instead of being matched against each of them.
    app.use((req: Request, res: Response, next: NextFunction) => { if (req.path.startsWith('/v1/')) next(); else pages(req, res, next) })
  }
  app.use(operationRoutes(s, () => closing))
  app.use(readYourWrites(read, o.store.comparePositions, s.readYourWritesMs))
  app.use(submissionRoutes(s))
  app.use(decisionRoutes(s))
  app.use(statusRoutes(s))
  app.use(resultRoutes(s))
  app.use(noticeRoutes(s))
  app.use(questionnaireRoutes(s))
  app.use(waitingListRoutes(s))
  app.use(auditRoutes(s))
  app.use(personalDataRoutes(s, o.personalData))
  app.use((req: Request, res: Response) => {
    sendProblem(res, problem('not-found', `no route ${req.method} ${req.path}`), contextOf(res).lang, req.originalUrl)
  })
  app.use(bodyErrors)
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const c = contextOf(res)
    const carried = (err as { problem?: unknown } | undefined)?.problem
    if (isProblem(carried)) { sendProblem(res, carried, c?.lang ?? 'ru', req.originalUrl); return }
    // Errors express or a parser raised for the request itself (http-errors with a 4xx status): the client's, not ours.
    const status = (err as { status?: unknown } | undefined)?.status
    if (typeof status === 'number' && status >= 400 && status < 500 && !res.headersSent) {
      sendProblem(res, problem('bad-request', err instanceof Error ? err.message.slice(0, 200) : undefined), c?.lang ?? 'ru')
      return
    }
    logger.log('error', 'unhandled error', { correlationId: c?.correlationId, error: err instanceof Error ? err : String(err) })
    if (res.headersSent) return
    sendProblem(res, problem('internal', `see the logs under correlation id ${c?.correlationId ?? ''}`), c?.lang ?? 'ru', req.originalUrl)
  })

  const notices = (o.noticeChannels ?? []).length === 0 ? undefined : startNoticeDispatch(o.store, handler, o.noticeChannels ?? [], logger)
  const extras: KezekExtras = {
    ready: notices === undefined ? read.caughtUp : Promise.all([read.caughtUp, notices.started]).then(() => undefined),
    close: async () => { closing = true; await notices?.stop(); await read.stop() },
    readModels: read,
    metrics,
  }
  // Node's own 400/431/408 answers become problems too, on every server this app listens with.
  const listen = app.listen.bind(app) as (...args: unknown[]) => import('node:http').Server
  const listening = (...args: unknown[]) => answerClientErrors(listen(...args))
  return Object.assign(app, extras, { listen: listening as unknown as Express['listen'] })
}
