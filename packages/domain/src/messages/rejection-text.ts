/**
 * The full text of a refusal as a citizen reads it: the regulation's message, then what makes it specific — the
 * signature failure's cause, or the officer's reasons and the appeal clause of a motivated refusal.
 */
import type { RejectionReason } from '../application/rejection.js'
import type { Language } from './localized.js'
import { message } from './message.js'

export const describeRejection = (reason: RejectionReason, lang: Language): string => {
  const head = message(`rejection.${reason.code}`, lang)
  switch (reason.code) {
    case 'signature_not_confirmed':
      return `${head}: ${message(`signature.${reason.failure}`, lang)}`
    case 'documents_nonconforming':
    {
      const refused = message('result.refused', lang, { reason: reason.reasons.length > 0 ? reason.reasons.join('; ') : head })
      return `${refused}${/[.!?]$/.test(refused) ? '' : '.'} ${message('result.appeal', lang)}`
    }
    case 'record_not_found':
      return `${head}: ${message(`registry.${reason.registry}`, lang)}`
    case 'package_incomplete':
      return reason.missing.length > 0 ? `${head}: ${reason.missing.join('; ')}` : head
    case 'child_over_age':
      return `${head} (${reason.birthDate})`
    default:
      return head
  }
}
