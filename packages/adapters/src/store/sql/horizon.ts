/**
 * The visibility horizon of the global order (see store.ts): readers only read rows of transactions below it, so
 * that none committing later can land behind a checkpoint.
 */

/**
 * The oldest transaction still running *in this database* when the statement's snapshot was taken, or the
 * snapshot's xmax when none is. `pg_snapshot_xmin` alone would do, but it counts transactions of every database of
 * the cluster, so another application's long transaction would hold our readers back. A transaction is left out
 * only when it is seen, after the snapshot, still running in another database: it cannot write to our tables.
 * Anything not seen that way (it ended meanwhile, or pg_stat_activity hides it from this role) stays in, which can
 * only hold readers back, never let them skip.
 */
const HORIZON = `(SELECT COALESCE(min(x.xid), pg_snapshot_xmax(pg_current_snapshot()))
    FROM pg_snapshot_xip(pg_current_snapshot()) AS x(xid)
   WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                      WHERE a.backend_xid = x.xid::xid
                        AND a.datname IS NOT NULL AND a.datname <> current_database()))`

/**
 * The condition that keeps a read below the horizon, or none for a sole writer (PGlite): there a read waits for any
 * open transaction to end (one connection, and PGlite queues statements behind a transaction), so every row it can
 * see is committed and no transaction is in flight to commit below it later. Working out the horizon cost PGlite a
 * scan of pg_stat_activity per page.
 */
export const belowHorizon = (soleWriter: boolean): string => (soleWriter ? '' : `AND transaction_id < ${HORIZON}`)

/**
 * Whether committed events wait above the horizon (`held`): a subscription that caught up then reads again soon
 * instead of waiting for the next notification. One column, `held`.
 *
 * Held means the newest transaction id in the log is at or above the horizon: one step down the primary key from its
 * end. Not `EXISTS (… WHERE transaction_id >= horizon)`: the horizon is unknown when the statement is planned, and
 * the generic plan of that was a sequential scan of the whole table. A subscription asks after every commit it
 * reads, so under load those scans took most of the database's CPU: at 20,000 events EXPLAIN ANALYZE gave 2.8–6.2
 * ms a call, against 0.17 ms this way, and signed submissions went from 589–650 to 716 a second (issue 19).
 */
export const heldAfterHorizon = (schemaSql: string): string =>
  `SELECT COALESCE((SELECT transaction_id FROM ${schemaSql}.events ORDER BY transaction_id DESC LIMIT 1) >= ${HORIZON}, false) AS held`
