/**
 * «На момент постановки на учет Ваша очередность № N»: the place an application takes in its list at the moment of
 * the queue decision, counted with the list's own ordering policy. It is stated in the notification and recorded in
 * `queued`, and never changes afterwards; the current position is computed from the active entries instead.
 *
 * The number is the domain's to give, not the caller's: the decider computes it from the list it is handed (see
 * `DecisionContext`) and refuses a `queue` command whose number disagrees.
 */
import type { OrderingPolicy } from './ordering-policy.js'
import { listId, type WaitingEntry } from './waiting-entry.js'

/**
 * What the decider needs of the waiting list an application joins: the list as it stands when the decision is made.
 * `WaitingList` (and its past views) is one; an embedder keeping lists in its own storage writes another.
 */
export interface ListSnapshot {
  readonly policy: OrderingPolicy
  /**
   * How many active entries of the list `listId` come strictly before `candidate` under `policy`. The candidate
   * need not be in the list.
   */
  readonly countBefore: (listId: string, candidate: WaitingEntry) => number
}

/** The number at registration of `candidate` in `list`: 1 + the active entries that come before it. */
export const numberAtRegistration = (list: ListSnapshot, candidate: WaitingEntry): number =>
  list.countBefore(listId(candidate.list), candidate) + 1
