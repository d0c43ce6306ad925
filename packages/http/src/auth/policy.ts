/**
 * Who may do what. One function per capability, so a route reads as "may this principal …" and the rules can be
 * reviewed on one screen.
 */
import type { ApplicationStatus, IIN, ProviderId } from '@kezek/domain'
import { isStaff, type Principal } from './principal.js'

/** The application's own people: the applicant and whoever holds the place after an Art. 73 p.2 succession. */
export interface Parties {
  readonly providerId: ProviderId | undefined
  readonly iins: readonly IIN[]
}

export const partiesOf = (s: ApplicationStatus, successors: readonly IIN[]): Parties => ({
  providerId: s.providerId,
  iins: [...(s.applicantIin === undefined ? [] : [s.applicantIin]), ...successors],
})

export const canRead = (p: Principal, parties: Parties): boolean => {
  if (p.role === 'citizen') return parties.iins.includes(p.iin)
  if (isStaff(p)) return parties.providerId === p.providerId
  if (p.role === 'data_protection_officer') return false // erases people; has no need to read their applications
  return true // auditors and administrators read everything (they cannot write)
}

/** Provider decisions (document check, queue, lifecycle): officers of the application's own provider. */
export const canDecide = (p: Principal, providerId: ProviderId | undefined): boolean =>
  p.role === 'provider_officer' && providerId !== undefined && p.providerId === providerId

export const canReadAudit = (p: Principal, providerId: ProviderId | undefined): boolean =>
  p.role === 'auditor' || p.role === 'administrator' || (isStaff(p) && p.providerId === providerId)

export const canReadFullList = (p: Principal, providerId: string): boolean =>
  p.role === 'auditor' || p.role === 'administrator' || (isStaff(p) && p.providerId === providerId)
