/**
 * What several service processes over one database need to agree on besides the log: request numbers that no two
 * of them hand out twice, and mutual exclusion for decisions that read shared state (the number at registration
 * counts a whole list). PGlite runs one process, where the same calls are simply serialised.
 */
import { createHash } from 'node:crypto'
import type { SqlEventStore } from './store.js'
import { quoteIdent } from './schema.js'

export interface StoreCoordination {
  /** The next request number, larger than every number handed out before and than `floor`. */
  readonly nextRequestNumber: (floor: number) => Promise<number>
  /** Runs `body` alone among every process over this store for `key`; undefined where in-process is enough. */
  readonly exclusive?: <A>(key: string, body: () => Promise<A>) => Promise<A>
}

/** A signed 64-bit advisory-lock key for a named critical section, distinct per schema and from stream locks. */
const sectionLockKey = (schema: string, key: string): bigint =>
  createHash('sha256').update(`${schema}\u0000section\u0000${key}`, 'utf8').digest().readBigInt64BE(0)

export const sqlCoordination = (store: SqlEventStore): StoreCoordination => {
  const table = `${quoteIdent(store.schema)}.request_numbers`
  const exclusive = store.driver.exclusive
  return {
    // The bump commits without waiting for its WAL flush: a number is only ever used by a registration whose own
    // (flushed) commit comes later in the WAL, so every number in the log is durable; a crash can only lose
    // numbers nobody used, and the next one is still above every number recorded. One statement, one round trip:
    // set_config(…, true) lowers synchronous_commit for this statement's own transaction, which is what
    // `SET LOCAL` in a transaction block did in two.
    nextRequestNumber: async (floor) => {
      const [row] = await store.driver.query<{ last: string }>(
        `UPDATE ${table} SET last = GREATEST(last, $1::bigint) + 1
           FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
          WHERE singleton RETURNING last::text AS last`,
        [Math.max(0, Math.floor(floor))],
      )
      if (row === undefined) throw new Error(`${table} has no row: the store's migration 10 did not run`)
      return Number(row.last)
    },
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
