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

/** Events after a position ($1 its transaction id as text, $2 its global position) in the global order, at most $3. */
const pageAfter = (schemaSql: string, columns: string, condition: string): string =>
  `SELECT ${columns} FROM ${schemaSql}.events
    WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) ${condition}
    ORDER BY transaction_id, global_position
    LIMIT $3`

/**
 * A page of the global order below the horizon (none for a sole writer), without the held flag: `readAll`'s. With
 * `ofTypes`, only events whose type is in the text array $4: the page still walks the primary key in order, and
 * leaves the other rows' documents unread and unsent.
 */
export const page = (schemaSql: string, columns: string, soleWriter: boolean, ofTypes = false): string =>
  pageAfter(schemaSql, columns, `${belowHorizon(soleWriter)}${ofTypes ? ' AND type = ANY($4::text[])' : ''}`)

/**
 * A subscription's page: the events after a position and below the horizon, in the global order, each row with
 * `held` at its end (the row is `columns` then `held`). `held` says committed events wait above the horizon, so a
 * subscription that caught up reads again soon instead of waiting for the next notification. When the page is
 * empty the statement still answers one row, all NULL but `held`. Parameters: the position's transaction id (text)
 * and global position, and the page size.
 *
 * One statement and one snapshot for both: it was two round trips per read, and a subscription reads after every
 * commit it is woken for (about one read per group-commit batch under load). The horizon is worked out once
 * (MATERIALIZED: inlined, the planner evaluated it for each of its two uses).
 *
 * Held means the newest transaction id in the log is at or above the horizon: one step down the primary key from
 * its end. Not `EXISTS (… WHERE transaction_id >= horizon)`: the horizon is unknown when the statement is planned,
 * and the generic plan of that was a sequential scan of the whole table. Under load those scans took most of the
 * database's CPU: EXPLAIN ANALYZE gave 2.8–6.2 ms a call at 20,000 events and 89–144 ms at a million, against
 * 0.17 and 0.03–0.10 ms this way (docs/storage.md, "Sixth pass").
 */
export const pageWithHeld = (schemaSql: string, columns: string): string => `
  WITH horizon AS MATERIALIZED (SELECT ${HORIZON} AS xid)
  SELECT page.*, held.held
    FROM horizon
   CROSS JOIN LATERAL (
         SELECT COALESCE((SELECT transaction_id FROM ${schemaSql}.events ORDER BY transaction_id DESC LIMIT 1) >= horizon.xid,
                         false) AS held) AS held
    LEFT JOIN LATERAL (${pageAfter(schemaSql, columns, 'AND transaction_id < horizon.xid')}) AS page ON true`
