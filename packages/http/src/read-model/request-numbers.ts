/**
 * АРМ РШЭП gives each registered e-document a number. Ours are decimal, ten digits (never twelve, so they cannot
 * be mistaken for an IIN by a log filter).
 *
 * Over a SQL store the database hands them out in blocks (one row bumped under its lock, migration 10; a block of
 * numbers per bump, see `sqlCoordination`), so any number of service instances over one database never give a
 * number twice. Other back-ends allocate in the process, above the largest number the read models have seen: one
 * instance only. Either way the next number is above every number the read models have seen (imported histories
 * included) and above every number this instance gave. Numbers may have gaps (a retry or a refused submission
 * draws one it does not use; a restart leaves the rest of its block); they are identifiers: unique, rising within
 * an instance, and a list's last tie-break after the filing time.
 */
import type { RequestNumber } from '@kezek/domain'

export interface RequestNumbers {
  readonly next: () => Promise<RequestNumber>
}

const format = (n: number): RequestNumber => String(n).padStart(10, '0') as RequestNumber

export const requestNumbers = (seen: () => number, fromStore?: (floor: number) => Promise<number>): RequestNumbers => {
  if (fromStore !== undefined) return { next: async () => format(await fromStore(seen())) }
  let last = 0
  return {
    next: async () => {
      last = Math.max(last, seen()) + 1
      return format(last)
    },
  }
}
