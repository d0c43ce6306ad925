/**
 * Everything a route needs, built once per app by `createApp`: nothing here is global, so two apps in one process
 * never share state.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Request, Response } from 'express'
import type { ProviderId } from '@kezek/domain'
import type { ServiceDefinition, WorkingCalendar } from '@kezek/domain'
import type { CommandContext, CommandHandler, CommandInput, Handled } from '@kezek/adapters'
import type { EventStore } from '@kezek/adapters'
import type { Principal } from '../auth/principal.js'
import { contextOf } from '../middleware/context.js'
import type { IdempotencyCache } from '../middleware/idempotency.js'
import type { Logger } from '../observability/logger.js'
import type { Metrics } from '../observability/metrics.js'
import { problem, type Problem } from '../problem/problem.js'
import { viewOfStream, type ApplicationView, type ReadModels } from '../read-model/projections.js'
import type { RequestNumbers } from '../read-model/request-numbers.js'
import type { Registries } from '../registries/port.js'
import type { ResultSigner, SignatureVerifier } from '../signature/port.js'
import type { BodyLimits } from '../middleware/body.js'
import { handlerProblem } from './errors.js'
import { unstorableText } from './text.js'
import { within } from '../resilience/settle.js'
import type { StoreHealth } from '../resilience/store-guard.js'

/**
 * A provider (an akimat department) this service serves, with the regulation edition of each service it offers:
 * `definition` (the housing queue, for the deployments that predate the other services) and `services`, any number
 * of further definitions (at most one per service id).
 */
export interface ProviderConfig {
  readonly id: ProviderId
  readonly name: string
  /** The head of office, printed on the result documents' «Начальник ___ (ФИО)» line. */
  readonly head?: string
  readonly definition: ServiceDefinition
  readonly services?: readonly ServiceDefinition[]
  readonly calendar: WorkingCalendar
}

/** The edition of `serviceId` the provider works under, or undefined when it does not offer the service. */
export const definitionOf = (p: ProviderConfig, serviceId: string): ServiceDefinition | undefined =>
  p.definition.id === serviceId ? p.definition : p.services?.find((d) => d.id === serviceId)

export interface Services {
  readonly store: EventStore
  readonly handler: CommandHandler
  readonly read: ReadModels
  readonly numbers: RequestNumbers
  readonly providers: ReadonlyMap<string, ProviderConfig>
  readonly registries: Registries
  readonly verifier: SignatureVerifier
  readonly resultSigner: ResultSigner
  readonly clock: () => Date
  readonly newId: () => string
  readonly logger: Logger
  readonly metrics: Metrics
  readonly idempotency: IdempotencyCache
  readonly limits: BodyLimits
  /** How long a write waits for the read models to see it before answering anyway. */
  readonly readYourWritesMs: number
  /** The store's outage record (the routes' store is guarded: its failures are 503 problems). */
  readonly storeHealth: StoreHealth
  /** `/ready` answers 503 when the read models do not reach the store's head within this bound. */
  readonly readyMaxLagMs: number
  /**
   * Runs `body` alone among every instance over the same store for `key` (the queue decision of one provider's
   * lists: the number at registration counts the list as it stands, so two decisions must not count it at once).
   */
  readonly exclusive: <A>(key: string, body: () => Promise<A>) => Promise<A>
}

export const actorOf = (p: Principal, channel: CommandContext['actor']['channel']): CommandContext['actor'] => ({
  id: p.role === 'citizen' ? p.iin : p.subject,
  role: p.role,
  channel,
})

/**
 * Runs commands through the application service and makes sure the read models have the result, so the client's
 * next GET on this instance sees its own write. A write that moves no waiting list is applied to its
 * application's view and indexes at once (`ReadModels.wrote`); otherwise — or when the read models have not seen
 * the stream up to it — the answer waits until they have followed the log to the write's position. Once the store
 * has committed, the answer never fails: when the read models lag (or cannot read the store just now) it is built
 * from the stream the handler holds, which is exact, and `lagging` says so; the write's position lets the client
 * wait for it on any instance (`Kezek-Min-Position`).
 */
export const execute = async (
  s: Services,
  applicationId: string,
  commands: CommandInput,
  context: CommandContext,
): Promise<E.Either<Problem, Executed>> => {
  // The last boundary before the store: text no store can hold (from a signed XML's character references too) is
  // the caller's error, not an outage.
  const unstorable = unstorableText({ applicationId, commands, context }).slice(0, 20)
  if (unstorable.length > 0)
    return E.left(problem('validation-failed', 'the request holds a NUL or a lone surrogate', { errors: unstorable.map((f) => `${f}: NUL or lone surrogate`) }))
  const r = await s.handler.handle(applicationId, commands, context)
  if (E.isLeft(r)) return E.left(handlerProblem(r.left))
  const shown = r.right.appended.length > 0 && s.read.wrote({
    events: r.right.history.slice(-r.right.appended.length),
    stored: r.right.appended,
  })
  if (!shown && r.right.position !== undefined) {
    const seen = await within(s.readYourWritesMs, s.read.reached(r.right.position)).catch(() => 'timeout' as const)
    if (seen === 'timeout') {
      s.logger.log('warn', 'read models lag behind a write', { applicationId, correlationId: context.correlationId })
      return E.right({ handled: r.right, view: viewOfStream(r.right.history), lagging: true })
    }
  }
  return E.right({ handled: r.right, view: viewAt(s.read, applicationId, r.right.history), lagging: false })
}

/**
 * The application as the write left it: the read models' view when it stands at the write's revision (`wrote` has
 * just built it from the same events), else built from the stream the handler holds, which is exact even when the
 * read models lag or have moved past the write.
 */
export const viewAt = (read: Pick<ReadModels, 'application'>, applicationId: string, history: Handled['history']): ApplicationView | undefined => {
  const held = read.application(applicationId)
  return held !== undefined && held.revision === history.at(-1)?.revision ? held : viewOfStream(history)
}

export interface Executed {
  readonly handled: Handled
  readonly view: ApplicationView | undefined
  /** The read models had not applied the write when the answer was built. */
  readonly lagging: boolean
}

/** Waits until the read models have every event the store holds now; `false` when they lag beyond `ms`. */
export const catchUp = async (s: Services, ms: number): Promise<boolean> => {
  const head = await s.store.headPosition()
  return head === undefined || (await within(ms, s.read.reached(head)).catch(() => 'timeout' as const)) !== 'timeout'
}

export const nowInstant = (s: Services): string => s.clock().toISOString()

export const correlationOf = (res: Response): string => contextOf(res).correlationId

export const idempotencyKeyOf = (req: Request): string | undefined => req.get('idempotency-key')
