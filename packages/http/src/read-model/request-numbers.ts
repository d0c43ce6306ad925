/**
 * АРМ РШЭП gives each registered e-document a number. Ours are decimal, ten digits (never twelve, so they cannot
 * be mistaken for an IIN by a log filter), allocated above the largest number the read models have seen.
 *
 * One allocator per process: several service instances over one database would need a database sequence instead
 * (noted in docs/http.md).
 */
import type { RequestNumber } from '@kezek/domain'

export interface RequestNumbers {
  readonly next: () => RequestNumber
}

export const requestNumbers = (seen: () => number): RequestNumbers => {
  let last = 0
  return {
    next: () => {
      last = Math.max(last, seen()) + 1
      return String(last).padStart(10, '0') as RequestNumber
    },
  }
}
