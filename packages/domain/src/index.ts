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
export * from './kernel/iin.js'
export * from './kernel/personal.js'
export * from './kernel/instant.js'
export * from './kernel/ids.js'
export * from './kernel/decode.js'

export * from './application/channel.js'
export * from './application/category.js'
export * from './application/list-category.js'
export * from './application/registry.js'
export * from './application/document-ref.js'
export * from './application/contact.js'
export * from './application/service-key.js'
export * from './application/service-request.js'
export * from './application/service-result.js'
export * from './application/service-rules.js'
export * from './application/age.js'
export * from './application/rejection.js'
export * from './application/removal-ground.js'
export * from './application/extension-ground.js'
export * from './application/signature-verdict.js'
export * from './application/events.js'
export * from './application/commands.js'
export * from './application/state.js'
export * from './application/errors.js'
export { decide, decideWith, type DecisionContext, type RulesOf } from './application/decide.js'
export { evolve } from './application/evolve.js'
export {
  applicationDecider, createApplicationDecider, strictApplicationDecider, replay, type ApplicationDecider, type Decider,
} from './application/decider.js'

export * from './envelope/role.js'
export * from './envelope/envelope.js'

export * from './queue/waiting-entry.js'
export * from './queue/ordering-policy.js'
export * from './queue/waiting-list.js'
export * from './queue/number-at-registration.js'
export { RankedSet } from './queue/ranked-set.js'

export * from './status/application-status.js'

export * from './service/index.js'
export * from './messages/index.js'
