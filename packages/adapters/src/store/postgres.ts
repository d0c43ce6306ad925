/**
 * The PostgreSQL store (node-postgres `Pool`; the group commit on connections of its own, postgres-dedicated.ts).
 * Many processes may append to the same schema at once; global order stays safe for readers (see `sql/store.ts`).
 * Subscriptions follow through LISTEN/NOTIFY on a dedicated connection, with a fallback poll for what no
 * notification announces (an event held back by a transaction that then rolled back, or by another application's
 * transaction).
 */
import { createHash } from 'node:crypto'
import pg from 'pg'
import { from as copyFromStdin } from 'pg-copy-streams'
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- pg/lib/utils has no type declarations; prepareValue is how pg itself serialises parameters.
import { prepareValue } from 'pg/lib/utils.js'
import type { QueryOptions, SqlDriver, SqlExecutor } from './sql/driver.js'
import { openSqlStore, type SqlEventStore } from './sql/store.js'
import { dedicatedConnections } from './postgres-dedicated.js'
import type { CommitBatch } from './sql/group-commit.js'
import { quoteIdent } from './sql/schema.js'

export interface PostgresStoreOptions {
  readonly connectionString: string
  /** Schema holding the store's tables; default `kezek`. Tests use one schema each to stay isolated. */
  readonly schema?: string
  /**
   * Pool size (reads, subscriptions' pages, transactions, the bulk writer); default 10. Appends do not queue in it:
   * the group commit writes its batches on one connection of its own (one per batch in flight). With the LISTEN
   * and NOTIFY connections and up to four for session locks, a store opens at most `maxConnections` + 7.
   */
  readonly maxConnections?: number
  /** Fallback re-read interval of caught-up subscriptions; default 1000 ms. */
  readonly pollIntervalMs?: number
  readonly batchSize?: number
  /**
   * How long to wait for a new connection before the call fails (default 5000 ms): while PostgreSQL is down or
   * unreachable, callers get an error they can answer 503 with, never a hang.
   */
  readonly connectTimeoutMs?: number
  /** Told of every group-commit batch once it is settled (metrics; see `CommitBatch`). */
  readonly onCommitBatch?: (batch: CommitBatch) => void
  /** How long caught-up subscriptions let commits gather before reading them (default 20 ms); see `SqlStoreOptions`. */
  readonly followGatherMs?: number
}

/** First and largest wait between attempts to re-open the LISTEN connection. */
const RELISTEN_INITIAL_MS = 100
const RELISTEN_MAX_MS = 5000

// Parameterised statements are prepared once per connection (named by a hash of their text): the append and
// page-read statements are large CTEs, and re-planning them on every call costs more than the I/O they do.
// The names are remembered: hashing the statement's text on every query showed in the append profile.
const statementNames = new Map<string, string>()
const statementName = (text: string): string => {
  let name = statementNames.get(text)
  if (name === undefined) {
    name = `kezek_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`
    // Texts are a fixed set per schema; the bound only guards against a caller building texts dynamically.
    if (statementNames.size >= 1000) statementNames.clear()
    statementNames.set(text, name)
  }
  return name
}

/** A statement with its `$n` parameters replaced by escaped literals, for the simple query protocol. */
const inlineParams = (text: string, params: readonly unknown[]): string =>
  text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1]
    return v === null || v === undefined ? 'NULL' : pg.escapeLiteral(String(prepareValue(v)))
  })

const run = async <R>(client: pg.ClientBase | pg.Pool, text: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]> =>
  (params === undefined && options?.arrays !== true
    ? await client.query(text)
    : await client.query({
        name: statementName(text),
        text,
        values: [...(params ?? [])],
        ...(options?.arrays === true ? { rowMode: 'array' as const } : {}),
      })
  ).rows as R[]

const executor = (client: pg.ClientBase | pg.Pool): SqlExecutor => ({
  query: (text, params, options) => run(client, text, params, options),
})

export const postgresDriver = (options: PostgresStoreOptions): SqlDriver => {
  const connectionTimeoutMillis = options.connectTimeoutMs ?? 5000
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis,
    keepAlive: true,
  })
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would kill the process.
  // The pool drops that client and the next query opens a new one.
  pool.on('error', () => undefined)
  // Connections that only hold session advisory locks (`exclusive`): a holder's body runs on `pool`, so holders
  // waiting here can never starve it of the connections it needs.
  const lockPool = new pg.Pool({ connectionString: options.connectionString, max: 4, connectionTimeoutMillis, keepAlive: true })
  lockPool.on('error', () => undefined)
  const listeners = new Set<pg.Client>()
  let notifier: Promise<pg.Client> | undefined
  const newClient = (): pg.Client => new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis, keepAlive: true })
  const batches = dedicatedConnections({ client: newClient, run })

  return {
    ...executor(pool),
    batches: batches.executor,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    exec: async (text) => {
      await pool.query(text)
    },
    // Two round trips per append instead of four: BEGIN and the advisory lock travel with the transaction's first
    // statement, and COMMIT with its last (`commits`), as one simple-protocol query each, parameters inlined as
    // escaped literals. The lock is still taken before any statement that could assign a transaction id.
    transaction: async (body, advisoryLock) => {
      const client = await pool.connect()
      let broken: Error | undefined
      // pg-pool removes its own 'error' listener from a client it hands out: a connection lost while the
      // transaction runs (the server killed between two statements) would emit an unhandled 'error' and kill the
      // process. The pending or next query fails instead, and the client is destroyed on release.
      const onError = (e: Error): void => {
        broken = e
      }
      client.on('error', onError)
      let begun = false
      let committed = false
      const opening = advisoryLock === undefined ? ['BEGIN'] : ['BEGIN', `SELECT pg_advisory_xact_lock(${advisoryLock})`]
      const tx: SqlExecutor = {
        query: async <R>(text: string, params?: readonly unknown[], options?: QueryOptions) => {
          const commits = options?.commits === true
          if (begun && !commits) return executor(client).query<R>(text, params, options)
          const script = [...(begun ? [] : opening), inlineParams(text, params ?? []), ...(commits ? ['COMMIT'] : [])]
          begun = true
          const results = (await client.query({
            text: script.join(';\n'),
            ...(options?.arrays === true ? { rowMode: 'array' as const } : {}),
          })) as unknown as pg.QueryResult | pg.QueryResult[]
          const all = Array.isArray(results) ? results : [results]
          if (commits) committed = true
          return (all[all.length - (commits ? 2 : 1)]?.rows ?? []) as R[]
        },
        // The bulk writer's rows (store/sql/bulk.ts): COPY skips what an INSERT of thousands of rows costs on both
        // sides (array literals escaped and parsed, unnest, a sort to keep their order).
        copyFrom: async (statement, rows) => {
          if (!begun) {
            await client.query(opening.join(';\n'))
            begun = true
          }
          const copy = client.query(copyFromStdin(statement))
          await new Promise<void>((resolve, reject) => {
            copy.on('error', reject)
            copy.on('finish', resolve)
            copy.end(rows)
          })
          return copy.rowCount
        },
      }
      try {
        try {
          const outcome = await body(tx)
          if (begun && !committed) await client.query(outcome.commit ? 'COMMIT' : 'ROLLBACK')
          return outcome.value
        } catch (error) {
          if (begun && !committed) {
            await client.query('ROLLBACK').catch((e: unknown) => {
              broken = e instanceof Error ? e : new Error(String(e))
            })
          }
          throw error
        }
      } finally {
        client.removeListener('error', onError)
        client.release(broken)
      }
    },
    exclusive: async (key, body) => {
      const client = await lockPool.connect()
      let broken: Error | undefined
      const onError = (e: Error): void => {
        broken = e
      }
      client.on('error', onError)
      try {
        await client.query('SELECT pg_advisory_lock($1::bigint)', [key.toString()])
        try {
          return await body()
        } finally {
          // A lost connection has released the lock with the session.
          if (broken === undefined) {
            await client.query('SELECT pg_advisory_unlock($1::bigint)', [key.toString()]).catch((e: unknown) => {
              broken = e instanceof Error ? e : new Error(String(e))
            })
          }
        }
      } catch (error) {
        broken ??= error instanceof Error ? error : new Error(String(error))
        throw error
      } finally {
        client.removeListener('error', onError)
        client.release(broken)
      }
    },
    // On its own connection, so appends never queue behind a NOTIFY for a pooled connection.
    notify: async (channel) => {
      notifier ??= (async () => {
        const client = newClient()
        client.on('error', () => {
          notifier = undefined
        })
        await client.connect()
        return client
      })()
      const current = notifier
      try {
        await (await current).query(`SELECT pg_notify($1, '')`, [channel])
      } catch (error) {
        if (notifier === current) notifier = undefined
        await current.then((c) => c.end()).catch(() => undefined)
        throw error
      }
    },
    // A LISTEN connection that dies (the server restarted) is opened again with capped, jittered backoff; after
    // each re-open the subscriber is woken once, since notifications sent while it was away are lost. Until then
    // subscribers still follow through the fallback poll.
    listen: async (channel, onNotify) => {
      let stopped = false
      let current: pg.Client | undefined
      let attempt = 0
      let retry: NodeJS.Timeout | undefined
      const open = async (): Promise<void> => {
        const client = newClient()
        let lost = false
        const onLost = (): void => {
          if (lost) return
          lost = true
          listeners.delete(client)
          if (current === client) current = undefined
          void client.end().catch(() => undefined)
          if (!stopped) schedule()
        }
        client.on('error', onLost)
        client.on('end', onLost)
        client.on('notification', (n) => {
          if (n.channel === channel) onNotify()
        })
        try {
          await client.connect()
          listeners.add(client)
          current = client
          await client.query(`LISTEN ${quoteIdent(channel)}`)
        } catch (error) {
          onLost()
          throw error
        }
        if (stopped) await client.end().catch(() => undefined)
      }
      const schedule = (): void => {
        const wait = Math.max(1, Math.round(Math.random() * Math.min(RELISTEN_MAX_MS, RELISTEN_INITIAL_MS * 2 ** Math.min(attempt, 30))))
        attempt += 1
        retry = setTimeout(() => {
          retry = undefined
          open().then(
            () => {
              attempt = 0
              onNotify()
            },
            () => undefined, // the failed client's 'error'/'end' has scheduled the next attempt
          )
        }, wait)
        retry.unref()
      }
      try {
        await open()
      } catch (error) {
        stopped = true // the caller falls back to polling; no retries behind its back
        if (retry !== undefined) clearTimeout(retry)
        throw error
      }
      return async () => {
        stopped = true
        if (retry !== undefined) clearTimeout(retry)
        const c = current
        current = undefined
        if (c !== undefined) {
          listeners.delete(c)
          await c.end().catch(() => undefined)
        }
      }
    },
    close: async () => {
      const n = notifier
      notifier = undefined
      await n?.then((c) => c.end()).catch(() => undefined)
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)))
      await batches.close()
      await lockPool.end()
      await pool.end()
    },
  }
}

export const openPostgresStore = async (options: PostgresStoreOptions): Promise<SqlEventStore> => {
  const driver = postgresDriver(options)
  try {
    return await openSqlStore(driver, {
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.followGatherMs === undefined ? {} : { followGatherMs: options.followGatherMs }),
      ...(options.onCommitBatch === undefined ? {} : { onCommitBatch: options.onCommitBatch }),
    })
  } catch (error) {
    await driver.close()
    throw error
  }
}
