/**
 * The PostgreSQL store (node-postgres `Pool`). Many processes may append to the same schema at once; global order
 * stays safe for readers (see `sql/store.ts`). Subscriptions follow through LISTEN/NOTIFY on a dedicated
 * connection, with a fallback poll for what no notification announces (an event held back by a transaction that
 * then rolled back, or by another application's transaction).
 */
import pg from 'pg'
import type { SqlDriver, SqlExecutor } from './sql/driver'
import { openSqlStore, type SqlEventStore } from './sql/store'
import { quoteIdent } from './sql/schema'

export interface PostgresStoreOptions {
  readonly connectionString: string
  /** Schema holding the store's tables; default `kezek`. Tests use one schema each to stay isolated. */
  readonly schema?: string
  /** Pool size; default 10. Concurrent appends beyond it queue in the pool. */
  readonly maxConnections?: number
  /** Fallback re-read interval of caught-up subscriptions; default 1000 ms. */
  readonly pollIntervalMs?: number
  readonly batchSize?: number
}

const executor = (client: pg.ClientBase | pg.Pool): SqlExecutor => ({
  query: async <R>(text: string, params?: readonly unknown[]) =>
    (await client.query(text, params === undefined ? undefined : [...params])).rows as R[],
})

export const postgresDriver = (options: PostgresStoreOptions): SqlDriver => {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 })
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would kill the process.
  // The pool drops that client and the next query opens a new one.
  pool.on('error', () => undefined)
  const listeners = new Set<pg.Client>()

  return {
    ...executor(pool),
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    exec: async (text) => {
      await pool.query(text)
    },
    transaction: async (body, advisoryLock) => {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        // One round trip, and the lock is taken before any statement can assign a transaction id.
        await client.query(advisoryLock === undefined ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${advisoryLock})`)
        try {
          const outcome = await body(executor(client))
          await client.query(outcome.commit ? 'COMMIT' : 'ROLLBACK')
          return outcome.value
        } catch (error) {
          await client.query('ROLLBACK').catch((e: unknown) => {
            broken = e instanceof Error ? e : new Error(String(e))
          })
          throw error
        }
      } finally {
        client.release(broken)
      }
    },
    notify: async (channel) => {
      await pool.query(`SELECT pg_notify($1, '')`, [channel])
    },
    listen: async (channel, onNotify) => {
      const client = new pg.Client({ connectionString: options.connectionString })
      client.on('error', () => undefined)
      await client.connect()
      listeners.add(client)
      client.on('notification', (n) => {
        if (n.channel === channel) onNotify()
      })
      await client.query(`LISTEN ${quoteIdent(channel)}`)
      return async () => {
        listeners.delete(client)
        await client.end().catch(() => undefined)
      }
    },
    close: async () => {
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)))
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
    })
  } catch (error) {
    await driver.close()
    throw error
  }
}
