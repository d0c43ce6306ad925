/**
 * The text of a refusal. `rejectionReason` is the reason alone, as a form's «Причина отказа: ___» takes it (no
 * heading, no closing full stop: the form adds its own); `describeRejection` is what the status screen shows — the
 * regulation's message with what makes it specific, and for a motivated refusal the appeal clause.
 */
import type { RejectionReason } from '../application/rejection.js'
import type { Language } from './localized.js'
import { message } from './message.js'

/** A reason's text without the full stop at its end, so the sentence around it ends it once. */
const bare = (text: string): string => text.trim().replace(/[.。]+$/u, '')

export const rejectionReason = (reason: RejectionReason, lang: Language): string => {
  const head = message(`rejection.${reason.code}`, lang)
  switch (reason.code) {
    case 'signature_not_confirmed':
      return bare(`${head}: ${message(`signature.${reason.failure}`, lang)}`)
    case 'documents_nonconforming':
      return reason.reasons.length > 0 ? reason.reasons.map(bare).join('; ') : bare(head)
    case 'record_not_found':
      return bare(`${head}: ${message(`registry.${reason.registry}`, lang)}`)
    case 'package_incomplete':
      return reason.missing.length > 0 ? `${head}: ${reason.missing.map(bare).join('; ')}` : bare(head)
    case 'child_over_age':
      return `${head} (${reason.birthDate.split('-').reverse().join('.')})`
    default:
      return bare(head)
  }
}

export const describeRejection = (reason: RejectionReason, lang: Language): string =>
  reason.code === 'documents_nonconforming'
    ? `${message('result.refused', lang, { reason: rejectionReason(reason, lang) })} ${message('result.appeal', lang)}`
    : rejectionReason(reason, lang)
