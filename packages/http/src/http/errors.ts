/**
 * The application service's typed errors, in HTTP's vocabulary.
 */
import type { DomainError } from '@kezek/domain'
import type { HandlerError } from '@kezek/adapters'
import { catalogue, localize, message, type MessageKey } from '@kezek/domain'
import type { Language } from '@kezek/domain'
import { problem, type Problem } from '../problem/problem.js'
import type { RegistryUnavailable } from '../registries/port.js'

// The catalogue may trail a new domain detail by a commit: fall back to the code rather than fail.
const textOf = (key: string, lang: Language, fallback: string): string =>
  Object.hasOwn(catalogue, key) ? localize(catalogue[key as MessageKey], lang) : fallback

export const describeDomainError = (e: DomainError, lang: Language): string => {
  const code: string = e.code
  switch (e.code) {
    case 'not_allowed': return message('error.not_allowed', lang, { command: e.command, stage: e.stage })
    case 'step_skipped': return message('error.step_skipped', lang, { command: e.command, missing: e.missing })
    case 'wrong_channel': return message('error.wrong_channel', lang, { command: e.command, channel: e.channel })
    case 'application_mismatch': return message('error.application_mismatch', lang, { actual: e.actual, expected: e.expected })
    case 'queue_number_mismatch': return message('error.queue_number_mismatch', lang, { expected: e.expected, given: e.given })
    case 'inconsistent':
      return message('error.inconsistent', lang, { command: e.command, detail: textOf(`inconsistency.${e.detail}`, lang, e.detail) })
    default:
      return textOf(`error.${code}`, lang, code)
  }
}

export const handlerProblem = (e: HandlerError): Problem => {
  switch (e.kind) {
    case 'invalid_command':
      return problem('validation-failed', 'the command built from the request does not decode',
        { errors: e.error.kind === 'decode_error' ? e.error.errors : [`unknown command ${e.error.type}`] })
    case 'domain_refused':
      return problem('command-refused', (lang) => describeDomainError(e.error, lang), { code: e.error.code, refusal: e.error })
    case 'stale_revision':
      return problem('precondition-failed', `expected revision ${String(e.expected)}, the application is at ${String(e.actual ?? 'none')}`,
        { currentRevision: e.actual ?? null })
    case 'corrupt_history':
      return problem('corrupt-history', `event at revision ${e.revision} does not decode`, { revision: e.revision })
    case 'events_refused':
      // Not an outage: a 503 would have the client retry something that can never succeed.
      return problem('command-refused', `the store refused the decided events: ${e.detail}`, { code: 'events_refused' })
    case 'store_unavailable':
      return { ...problem('store-unavailable', 'the event store did not answer'), retryAfter: 5 }
  }
}

const registryName = (r: RegistryUnavailable['registry']): string =>
  r === 'gbdfl' ? 'ГБД ФЛ' : r === 'enis' ? 'ЕНИС' : message(`registry.${r}`, 'ru')

export const registryProblem = (e: RegistryUnavailable): Problem =>
  ({ ...problem('registry-unavailable', `${registryName(e.registry)}: ${e.detail}`, { registry: e.registry, retryable: true }), retryAfter: 10 })
