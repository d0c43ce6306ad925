import type { ListKey } from '../application/events.js'
import type { ListCategory } from '../application/list-category.js'
import type { JournalEntry } from '../application/service-result.js'
import type { ApplicationId, ProviderId, RequestNumber } from '../kernel/ids.js'
import type { IIN } from '../kernel/iin.js'
import type { Instant, LocalDate } from '../kernel/instant.js'

/** One application's place in a waiting list. `filedAtMs` is `filedAt` parsed once, for fast ordering. */
export interface WaitingEntry {
  readonly applicationId: ApplicationId
  readonly list: ListKey
  readonly filedAt: Instant
  readonly filedAtMs: number
  readonly requestNumber: RequestNumber
  readonly queueNumberAtRegistration: number
  readonly commissionDecisionDate: LocalDate
  readonly familySize: number
  readonly holderIin: IIN
  /** The kindergarten Journal's number and date (absent for housing lists). */
  readonly journal?: JournalEntry
}

/** What anyone may see: no IIN, no name, no family details. */
export interface PublicEntry {
  readonly position: number
  readonly filedAt: Instant
  readonly requestNumber: RequestNumber
  readonly category: ListCategory
  readonly queueNumberAtRegistration: number
}

export const listId = (list: ListKey): string => `${list.providerId}/${list.category}`

export const parseListId = (id: string): { readonly providerId: ProviderId; readonly category: string } | undefined => {
  const at = id.lastIndexOf('/')
  return at <= 0 ? undefined : { providerId: id.slice(0, at) as ProviderId, category: id.slice(at + 1) }
}

export const publicEntry = (e: WaitingEntry, position: number): PublicEntry => ({
  position,
  filedAt: e.filedAt,
  requestNumber: e.requestNumber,
  category: e.list.category,
  queueNumberAtRegistration: e.queueNumberAtRegistration,
})
