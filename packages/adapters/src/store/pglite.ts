/**
 * The embedded default: PGlite (PostgreSQL 17+ compiled to WebAssembly, in-process), with the same schema and the
 * same SQL as the PostgreSQL store. Durable in a data directory; in memory when none is given.
 *
 * One process owns the data directory and PGlite runs one connection, so every append happens in this process:
 * subscriptions are woken directly after each commit and never need LISTEN or polling.
 *
 * The data directory is locked (`<dataDir>.lock`, see `directory-lock.ts`): a second process opening it is refused.
 *
 * PGlite has no checkpointer of its own (single-user mode): the store checkpoints the database it writes to, so its
 * write-ahead log stays bounded and a restart after a crash replays only the tail (`pglite-checkpoints.ts`).
 *
 * Durability: PGlite writes through to the data directory's files on every commit, so a crashed or killed process
 * loses nothing it committed (the crash tests kill a writer mid-transaction and reopen). PGlite does not fsync
 * those files, though: an operating-system crash or power loss may lose the last commits. Use PostgreSQL where
 * that matters.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { QueryOptions, SqlDriver, SqlExecutor } from './sql/driver.js'
import { openSqlStore, type SqlEventStore } from './sql/store.js'
import type { CommitBatch } from './sql/group-commit.js'
import { lockDataDirectory } from './directory-lock.js'
import { preparable, queryPrepared } from './pglite-prepared.js'
import { createPglite } from './pglite-create.js'
import { pgliteCheckpoints, type CheckpointPolicy } from './pglite-checkpoints.js'

export interface PgliteStoreOptions {
  /** Directory for the database files; omit for an in-memory database. */
  readonly dataDir?: string
  /** An already open PGlite to use instead (the store then does not close it). */
  readonly db?: PGlite
  readonly schema?: string
  readonly batchSize?: number
  /** Told of every group-commit batch once it is settled (metrics; see `CommitBatch`). */
  readonly onCommitBatch?: (batch: CommitBatch) => void
  /** How long caught-up subscriptions let commits gather before reading them (default 20 ms); see `SqlStoreOptions`. */
  readonly followGatherMs?: number
  /** When the store checkpoints the database (`pglite-checkpoints.ts`); also for a `db` given here. */
  readonly checkpoints?: CheckpointPolicy
}

const executor = (db: PGlite | Transaction): SqlExecutor => ({
  query: async <R>(text: string, params: readonly unknown[] = [], options?: QueryOptions) =>
    // Inside a transaction the statement goes through the transaction's `query`, which holds its turn.
    options?.prepare === true && options.arrays === true && db instanceof PGlite && preparable(params)
      ? queryPrepared<R>(db, text, params)
      : (await db.query<R>(text, [...params], options?.arrays === true ? { rowMode: 'array' } : undefined)).rows,
})

/** Rollback without throwing: PGlite's `transaction` commits whatever the callback returns. */
class Rollback<T> {
  constructor(readonly value: T) {}
}

export const pgliteDriver = (db: PGlite, owned: boolean): SqlDriver => ({
  ...executor(db),
  soleWriter: true,
  exec: async (text) => {
    await db.exec(text)
  },
  // The advisory lock is not taken: PGlite runs one transaction at a time (its `transaction` holds the only
  // connection), which already gives what the lock is for, and one statement less per append.
  transaction: async (body) => {
    try {
      return await db.transaction(async (tx) => {
        const outcome = await body(executor(tx))
        if (!outcome.commit) throw new Rollback(outcome.value)
        return outcome.value
      })
    } catch (error) {
      if (error instanceof Rollback) return error.value as never
      throw error
    }
  },
  close: async () => {
    if (owned && !db.closed) await db.close()
  },
})

export const openPgliteStore = async (options: PgliteStoreOptions = {}): Promise<SqlEventStore> => {
  // The directory is locked before PGlite touches it, and unlocked after PGlite has closed it.
  const lock = options.db === undefined && options.dataDir !== undefined ? lockDataDirectory(options.dataDir) : undefined
  let db: PGlite
  try {
    db = options.db ?? (await createPglite(options.dataDir))
  } catch (error) {
    lock?.release()
    throw error
  }
  const inner = pgliteDriver(db, options.db === undefined)
  const checkpoints = pgliteCheckpoints(db, options.checkpoints)
  const { onCommitBatch } = options
  const driver: SqlDriver = {
    ...inner,
    close: async () => {
      try {
        await checkpoints.stop()
        await inner.close()
      } finally {
        lock?.release()
      }
    },
  }
  try {
    return await openSqlStore(driver, {
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.followGatherMs === undefined ? {} : { followGatherMs: options.followGatherMs }),
      onCommitBatch: (batch) => {
        checkpoints.committed()
        onCommitBatch?.(batch)
      },
    })
  } catch (error) {
    await driver.close()
    throw error
  }
}
