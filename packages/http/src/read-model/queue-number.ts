/**
 * «На момент постановки на учет Ваша очередность № N»: the place the entry takes in its list at the moment of the
 * queue decision, counted with the list's own ordering policy. Found by binary search over the ranked list
 * (O(log² n)), so it stays cheap on lists of millions.
 */
import { listId, type ListKey, type WaitingEntry, type WaitingList } from '@kezek/domain'

export const queueNumberFor = (list: WaitingList, candidate: WaitingEntry): number => {
  const id = listId(candidate.list as ListKey)
  let lo = 0
  let hi = list.size(id)
  // Invariant: entries [0, lo) come before the candidate, entries [hi, size) after it.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const at = list.page(id, mid, 1)[0]
    if (at !== undefined && list.policy.compare(at.entry, candidate) < 0) lo = mid + 1
    else hi = mid
  }
  return lo + 1
}
