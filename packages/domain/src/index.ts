/**
 * @kezek/domain — the pure domain of the housing waiting-list e-service and the seven other e-services of the
 * seeds, all run by one decider over service definitions.
 *
 * - kernel: IIN/BIN, instants, ids, decoding at the boundary
 * - application: the application stream's vocabulary, events, commands and decider
 * - envelope: provenance kept outside the payload
 * - queue: the waiting-list projection and its ordering policies
 * - status: the portal's status screen
 * - service: service definitions as data, deadlines, overdue steps
 * - messages: ru / kk / en texts
 */
export * from './kernel/iin'
export * from './kernel/instant'
export * from './kernel/ids'
export * from './kernel/decode'

export * from './application/channel'
export * from './application/category'
export * from './application/list-category'
export * from './application/registry'
export * from './application/document-ref'
export * from './application/service-key'
export * from './application/service-request'
export * from './application/service-result'
export * from './application/service-rules'
export * from './application/age'
export * from './application/rejection'
export * from './application/removal-ground'
export * from './application/signature-verdict'
export * from './application/events'
export * from './application/commands'
export * from './application/state'
export * from './application/errors'
export { decide, decideWith, type RulesOf } from './application/decide'
export { evolve } from './application/evolve'
export {
  applicationDecider, createApplicationDecider, strictApplicationDecider, replay, type ApplicationDecider, type Decider,
} from './application/decider'

export * from './envelope/role'
export * from './envelope/envelope'

export * from './queue/waiting-entry'
export * from './queue/ordering-policy'
export * from './queue/waiting-list'
export { RankedSet } from './queue/ranked-set'

export * from './status/application-status'

export * from './service'
export * from './messages'
