/**
 * What a change of ordering policy does to people's places: every active entry whose position differs between two
 * policies over the same events. Computed with the domain's own in-memory waiting list (`withPolicy` reorders the
 * same records), so the report does not depend on the SQL ordering it is meant to check.
 */
import type { OrderingPolicy, WaitingList } from '@kezek/domain'

export interface PositionChange {
  readonly applicationId: string
  readonly listId: string
  readonly before: number
  readonly after: number
}

export const positionChanges = (list: WaitingList, next: OrderingPolicy): readonly PositionChange[] => {
  const reordered = list.withPolicy(next)
  const changes: PositionChange[] = []
  for (const id of list.listIds()) {
    let before = 0
    for (const entry of list.entries(id)) {
      before += 1
      const after = reordered.position(entry.applicationId)?.position
      if (after !== undefined && after !== before) {
        changes.push({ applicationId: entry.applicationId, listId: id, before, after })
      }
    }
  }
  return changes
}
