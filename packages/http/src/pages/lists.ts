/**
 * Which lists a provider keeps, and finding a place by request number. The same lists the API's
 * `/v1/providers/{id}/lists` names: the housing categories, then the lists of the provider's other queue services.
 */
import { builtInRulesOf, Category, listId, type ServiceId, type WaitingList, type Placement } from '@kezek/domain'
import type { ProviderConfig } from '../http/services.js'

export const listsOf = (p: ProviderConfig): readonly string[] => {
  const housing = Object.keys(Category.keys)
  const others = (p.services ?? []).flatMap((d) => builtInRulesOf(d.id as ServiceId)?.lists ?? []).filter((c) => !housing.includes(c))
  return [...housing, ...new Set(others)]
}

/** A request number as people type it: digits, letters, dashes and slashes, nothing else. */
export const REQUEST_NUMBER = /^[0-9A-Za-zА-Яа-яЁё\-/]{1,40}$/

/** The active entries with this request number among the provider's lists (one, unless numbers were reused). */
export const findByRequestNumber = (list: WaitingList, providerId: string, number: string): readonly Placement[] => {
  const found: Placement[] = []
  for (const [id, r] of list.records()) {
    if (r.status !== 'active' || r.entry.requestNumber !== number || r.entry.list.providerId !== providerId) continue
    const p = list.position(id)
    if (p !== undefined) found.push(p)
  }
  return found.sort((a, b) => a.listId.localeCompare(b.listId))
}

export { listId }
