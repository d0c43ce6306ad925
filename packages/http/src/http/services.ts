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
import type { Problem } from '../problem/problem.js'
import { viewOfStream, type ApplicationView, type ReadModels } from '../read-model/projections.js'
import type { RequestNumbers } from '../read-model/request-numbers.js'
import type { Registries } from '../registries/port.js'
import type { ResultSigner, SignatureVerifier } from '../signature/port.js'
import type { BodyLimits } from '../middleware/body.js'
import { handlerProblem } from './errors.js'

/**
 * A provider (an akimat department) this service serves, with the regulation edition of each service it offers:
 * `definition` (the housing queue, for the deployments that predate the other services) and `services`, any number
 * of further definitions (at most one per service id).
 */
export interface ProviderConfig {
  readonly id: ProviderId
  readonly name: string
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
}

export const actorOf = (p: Principal, channel: CommandContext['actor']['channel']): CommandContext['actor'] => ({
  id: p.role === 'citizen' ? p.iin : p.subject,
  role: p.role,
  channel,
})

const within = <A>(ms: number, p: Promise<A>): Promise<A | 'timeout'> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve('timeout'), ms)
    p.then((v) => { clearTimeout(t); resolve(v) }, (e: unknown) => { clearTimeout(t); reject(e) })
  })

/**
 * Runs commands through the application service and waits until the read models have the result, so the
 * client's next GET sees its own write.
 */
export const execute = async (
  s: Services,
  applicationId: string,
  commands: CommandInput,
  context: CommandContext,
): Promise<E.Either<Problem, Executed>> => {
  const r = await s.handler.handle(applicationId, commands, context)
  if (E.isLeft(r)) return E.left(handlerProblem(r.left))
  if (r.right.position !== undefined) {
    const seen = await within(s.readYourWritesMs, s.read.reached(r.right.position))
    if (seen === 'timeout') s.logger.log('warn', 'read models lag behind a write', { applicationId, correlationId: context.correlationId })
  }
  // The answer is built from the stream itself, so it is exact even when the read models lag.
  return E.right({ handled: r.right, view: viewOfStream(r.right.history) })
}

export interface Executed {
  readonly handled: Handled
  readonly view: ApplicationView | undefined
}

/** Waits until the read models have every event the store holds now; `false` when they lag beyond `ms`. */
export const catchUp = async (s: Services, ms: number): Promise<boolean> => {
  const head = await s.store.headPosition()
  return head === undefined || (await within(ms, s.read.reached(head))) !== 'timeout'
}

export const nowInstant = (s: Services): string => s.clock().toISOString()

export const correlationOf = (res: Response): string => contextOf(res).correlationId

export const idempotencyKeyOf = (req: Request): string | undefined => req.get('idempotency-key')
