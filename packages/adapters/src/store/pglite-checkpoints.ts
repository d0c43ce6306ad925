/**
 * Checkpoints for PGlite, which would otherwise have none until it is closed.
 *
 * PGlite runs PostgreSQL in single-user mode: no checkpointer process runs, and the backend only asks for a
 * checkpoint when a postmaster is there to hear it. So while the database is open its write-ahead log only grows —
 * 7 segments (112 MB) after 60,000 events of the generator's histories, about 1.9 KB an event — in `pg_wal`, or in
 * memory for an in-memory database, and after a crash every byte of it is replayed before the store opens.
 *
 * This does the checkpointer's work: a `CHECKPOINT` once the log has grown by `maxWalBytes` since the last one
 * (PostgreSQL's `max_wal_size`), or `timeoutMs` after it when something was written (`checkpoint_timeout`). The
 * distance is read from `pg_control_checkpoint()`, one small statement, at most every `checkEveryMs`: at a commit
 * (`committed`) or, when no commit comes, by a timer. A checkpoint holds the one connection while it writes the
 * dirty pages (PGlite does not fsync them): 22–28 ms at 10,000 events apart, 50–66 ms at the default 64 MiB.
 */
import type { PGlite } from '@electric-sql/pglite'

/** When to checkpoint: PostgreSQL's `max_wal_size` and `checkpoint_timeout`, for a database that has no checkpointer. */
export interface CheckpointPolicy {
  /** Checkpoint once this much WAL was written since the last checkpoint; default 64 MiB. */
  readonly maxWalBytes?: number
  /** Checkpoint this long after the last one when anything was written since; default 5 minutes. */
  readonly timeoutMs?: number
  /**
   * How often the distance is looked at; default 10 s (a bulk import writes some 20 MB of WAL a second), or
   * `timeoutMs` when that is shorter, so a short timeout is kept to.
   */
  readonly checkEveryMs?: number
  /** Told after each checkpoint, with how much WAL had been written since the one before (logs, metrics). */
  readonly onCheckpoint?: (walBytes: number) => void
}

/** A running checkpoint timer. */
export interface Checkpoints {
  /** Checkpoints now if the policy says it is due (the timer calls this); true when it did. */
  readonly checkIfDue: () => Promise<boolean>
  /**
   * Tell it a commit happened: it looks, without waiting, when the last look is `checkEveryMs` old. The timer alone
   * is not enough: a writer that never waits on anything but PGlite (an import from memory) runs on promises only,
   * and timers do not fire until it stops — 150,000 appends went by without one check.
   */
  readonly committed: () => void
  /** Stops the timer and waits for a check or checkpoint in progress, so the database can be closed. */
  readonly stop: () => Promise<void>
}

/**
 * A checkpoint record is about a hundred bytes: more WAL than this after it means something was written since.
 * Without the margin an idle database would checkpoint at every look, each time for the record of the last one.
 */
const CHECKPOINT_RECORD_MARGIN = 1024

const DISTANCE = `SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 AS since_redo,
                         pg_wal_lsn_diff(pg_current_wal_insert_lsn(), checkpoint_lsn)::float8 AS since_record,
                         (extract(epoch FROM now() - checkpoint_time) * 1000)::float8 AS age_ms
                    FROM pg_control_checkpoint()`

interface Distance {
  readonly since_redo: number
  readonly since_record: number
  readonly age_ms: number
}

/** Checkpoints a PGlite database as PostgreSQL's checkpointer would; `openPgliteStore` starts one for its own. */
export const pgliteCheckpoints = (db: PGlite, policy: CheckpointPolicy = {}): Checkpoints => {
  const maxWalBytes = policy.maxWalBytes ?? 64 * 1024 * 1024
  const timeoutMs = policy.timeoutMs ?? 5 * 60_000
  const every = policy.checkEveryMs ?? Math.min(10_000, timeoutMs)
  let running: Promise<boolean> | undefined
  let stopped = false
  let lastLook = performance.now()

  const check = async (): Promise<boolean> => {
    const d = (await db.query<Distance>(DISTANCE)).rows[0]
    if (d === undefined || stopped) return false
    const written = d.since_record > CHECKPOINT_RECORD_MARGIN
    if (!written || (d.since_redo < maxWalBytes && d.age_ms < timeoutMs)) return false
    await db.exec('CHECKPOINT')
    policy.onCheckpoint?.(d.since_redo)
    return true
  }

  const checkIfDue = (): Promise<boolean> => {
    if (stopped || db.closed) return Promise.resolve(false)
    lastLook = performance.now()
    running ??= check().finally(() => {
      running = undefined
    })
    return running
  }

  // A failed check or checkpoint (the disk full, say) loses nothing: the WAL stays until the next one succeeds.
  const look = (): void => void checkIfDue().catch(() => undefined)
  const timer = setInterval(look, every)
  timer.unref()

  return {
    checkIfDue,
    committed: () => {
      if (performance.now() - lastLook >= every) look()
    },
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await running?.catch(() => undefined)
    },
  }
}
