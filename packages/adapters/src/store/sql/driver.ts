/**
 * The little a SQL back-end needs from its driver, so PGlite and PostgreSQL share one store implementation and one
 * schema. Both drivers speak the same dialect (PGlite is PostgreSQL compiled to WebAssembly).
 */

export interface QueryOptions {
  /**
   * This is the transaction's last statement and the body will ask to commit if it succeeds: the driver may send
   * COMMIT with it, in the same round trip. If it fails, the transaction rolls back as usual.
   */
  readonly commits?: boolean
  /**
   * Rows as arrays of column values in select-list order, not objects keyed by column name: cheaper to build for
   * the thousands of rows of a page read.
   */
  readonly arrays?: boolean
  /**
   * The statement runs on every append: the driver may keep it parsed and planned under a name (PGlite does; see
   * pglite-prepared.ts). Only with `arrays`, for a statement whose parameters are text, numbers or null (or arrays of
   * those) and whose result columns are all text.
   */
  readonly prepare?: boolean
}

export interface SqlExecutor {
  /** Runs one parameterised statement and returns its rows. */
  readonly query: <R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ) => Promise<R[]>
  /**
   * Runs `COPY … FROM STDIN` (text format) with `rows` as its whole input and returns the rows copied. Only inside
   * a transaction, and only where the driver can (PostgreSQL); the bulk writer falls back to INSERTs without it.
   */
  readonly copyFrom?: (statement: string, rows: Uint8Array) => Promise<number>
}

/** What a transaction body returns: whether to commit, and the value to hand back either way. */
export interface TransactionOutcome<T> {
  readonly commit: boolean
  readonly value: T
}

export interface SqlDriver extends SqlExecutor {
  /**
   * Runs `body` in one transaction. When `advisoryLock` is given the transaction takes that transaction-level
   * advisory lock FIRST, before any statement that could assign it a transaction id (see `store.ts` for why the
   * order matters). Commits or rolls back as the outcome says; rolls back and rethrows on an exception.
   */
  readonly transaction: <T>(
    body: (tx: SqlExecutor) => Promise<TransactionOutcome<T>>,
    advisoryLock?: bigint,
  ) => Promise<T>
  /** Runs several statements without parameters (migrations). */
  readonly exec: (text: string) => Promise<void>
  /**
   * LISTEN on a channel, for appends made by other processes. Absent when no other process can write (PGlite: the
   * data directory belongs to one process).
   */
  readonly listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>
  /** NOTIFY a channel, outside any transaction; absent where `listen` is. */
  readonly notify?: (channel: string) => Promise<void>
  /**
   * How many append batches the store may write at once (group commit), each on its own connection; absent: 1.
   * More than one lets a batch be written while the previous one waits for its durable commit.
   */
  readonly maxBatchesInFlight?: number
  /**
   * Where the group commit runs its batches, when not on the driver's own `query`: connections of their own, one per
   * batch in flight, so that a batch goes out the moment the one before it settles (PostgreSQL; see
   * postgres-dedicated.ts). Closed with the driver.
   */
  readonly batches?: SqlExecutor
  /**
   * Runs `body` while holding the session advisory lock `key`, so no other process over the same database runs a
   * body under the same key meanwhile. Absent where one process owns the database (PGlite): in-process exclusion
   * is then enough. The lock travels on a connection of its own, never one `body` may need.
   */
  readonly exclusive?: <A>(key: bigint, body: () => Promise<A>) => Promise<A>
  /**
   * Every write to the database goes through this driver, in this process, one statement at a time (PGlite: the
   * data directory belongs to one process, which has one connection). Appends on heads this process knows then take
   * no stream locks (see store/sql/known-heads.ts), and readers need no horizon.
   */
  readonly soleWriter?: boolean
  /** How often a caught-up subscription re-reads when nothing woke it; absent when every append wakes it. */
  readonly pollIntervalMs?: number
  readonly close: () => Promise<void>
}

/** A PostgreSQL error as both node-postgres and PGlite report it. */
export interface DatabaseError {
  readonly code?: string
  readonly constraint?: string
}

/** A data or integrity error (SQLSTATE class 22 or 23): it fails its statement, never the connection. */
export const isDataError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && /^2[23]/.test(String((e as DatabaseError).code ?? ''))

export const isUniqueViolation = (e: unknown, constraint: string): boolean =>
  typeof e === 'object' &&
  e !== null &&
  (e as DatabaseError).code === '23505' &&
  (e as DatabaseError).constraint === constraint
