/**
 * One waiting-list projection holds the housing lists and the kindergarten Journals. The Journal's order is the
 * regulation's own (`journalOrder`: registration date, then number), whatever policy the akimat chose for its
 * housing lists; entries of one list are all Journal entries or none, so the two never meet in a comparison.
 */
import { filingOrder, journalOrder, type OrderingPolicy } from '@kezek/domain'

export const withJournalOrder = (housing: OrderingPolicy): OrderingPolicy => {
  // journalOrder falls back to filing order for entries without a Journal: the same policy, under its own name.
  if (housing === filingOrder || housing === journalOrder) return journalOrder
  return {
    name: `${housing.name}+journal-order`,
    version: housing.version,
    basis: `${housing.basis}; Journal lists: ${journalOrder.basis}`,
    // Journal entries first (as journalOrder puts them), then the housing policy among the others: a total order.
    compare: (a, b) => (a.journal === undefined && b.journal === undefined ? housing.compare(a, b) : journalOrder.compare(a, b)),
  }
}
