/**
 * What several service processes over one database need to agree on besides the log: request numbers that no two
 * of them hand out twice, and mutual exclusion for decisions that read shared state (the number at registration
 * counts a whole list). PGlite runs one process, where the same calls are simply serialised.
 */
import { createHash } from 'node:crypto'
import type { SqlEventStore } from './store.js'
import { quoteIdent } from './schema.js'

export interface StoreCoordination {
  /**
   * The next request number: never handed out before by any process over this store, larger than every number
   * this process handed out before and than `floor`.
   */
  readonly nextRequestNumber: (floor: number) => Promise<number>
  /** Runs `body` alone among every process over this store for `key`; undefined where in-process is enough. */
  readonly exclusive?: <A>(key: string, body: () => Promise<A>) => Promise<A>
}

/** A signed 64-bit advisory-lock key for a named critical section, distinct per schema and from stream locks. */
const sectionLockKey = (schema: string, key: string): bigint =>
  createHash('sha256').update(`${schema}\u0000section\u0000${key}`, 'utf8').digest().readBigInt64BE(0)

/**
 * Request numbers reserved per round trip. Each process takes a block of numbers from the database row at a time
 * and hands them out in order: a submission then costs no round trip for its number (it was the largest single
 * item of a signed submission's CPU, with the numbers drawn from memory instead: 8.4–8.6 → 6.2–6.4 ms, measured
 * over every thread and PostgreSQL's backends). What it changes: numbers stay unique across processes and rise
 * within each process, but two instances' numbers interleave by block, not by filing; the lists order by filing
 * time first, so a number only breaks ties within one millisecond, which two instances' clocks cannot order
 * anyway. A restart or a crash leaves the rest of its block unused: a gap, which numbers are allowed.
 */
export const REQUEST_NUMBER_BLOCK = 32

/**
 * Hands out numbers from blocks that `reserve(floor)` takes from the database: it returns the block's last number,
 * the block being the REQUEST_NUMBER_BLOCK numbers up to it, all above `floor`. Concurrent calls share one
 * reservation; a failed one fails the calls waiting on it, and the next call tries again.
 *
 * Durability: the bump commits without waiting for its WAL flush (`synchronous_commit` off for its own
 * transaction, set in the same statement). A number is only ever used by a registration whose own, flushed commit
 * comes later in the WAL, so every number in the log is durable; a crash can only lose numbers nobody used, and
 * the next block is still above every number recorded.
 */
export const requestNumberBlocks = (reserve: (floor: number) => Promise<number>): ((floor: number) => Promise<number>) => {
  let next = 1
  let end = 0
  let reserving: Promise<void> | undefined
  return async (floor) => {
    const above = Math.max(0, Math.floor(floor))
    for (;;) {
      // Numbers at or below the floor (an import meanwhile) are skipped, never handed out.
      if (next <= above) next = above + 1
      if (next <= end) return next++
      reserving ??= reserve(above).then(
        (last) => {
          reserving = undefined
          next = last - REQUEST_NUMBER_BLOCK + 1
          end = last
        },
        (error: unknown) => {
          reserving = undefined
          throw error
        },
      )
      await reserving
    }
  }
}

export const sqlCoordination = (store: SqlEventStore): StoreCoordination => {
  const table = `${quoteIdent(store.schema)}.request_numbers`
  const exclusive = store.driver.exclusive
  return {
    nextRequestNumber: requestNumberBlocks(async (floor) => {
      const [row] = await store.driver.query<{ last: string }>(
        `UPDATE ${table} SET last = GREATEST(last, $1::bigint) + $2::bigint
           FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
          WHERE singleton RETURNING last::text AS last`,
        [floor, REQUEST_NUMBER_BLOCK],
      )
      if (row === undefined) throw new Error(`${table} has no row: the store's migration 10 did not run`)
      return Number(row.last)
    }),
    ...(exclusive === undefined
      ? {}
      : { exclusive: <A>(key: string, body: () => Promise<A>) => exclusive(sectionLockKey(store.schema, key), body) }),
  }
}

/** The coordination of a SQL store, or undefined for other back-ends (in-process allocation is theirs). */
export const coordinationOf = (store: unknown): StoreCoordination | undefined => {
  const s = store as Partial<SqlEventStore> | null
  return typeof s === 'object' && s !== null && typeof s.schema === 'string' && typeof s.driver?.query === 'function'
    ? sqlCoordination(s as SqlEventStore)
    : undefined
}
