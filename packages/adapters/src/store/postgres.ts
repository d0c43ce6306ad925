/**
 * The PostgreSQL store (node-postgres `Pool`). Many processes may append to the same schema at once; global order
 * stays safe for readers (see `sql/store.ts`). Subscriptions follow through LISTEN/NOTIFY on a dedicated
 * connection, with a fallback poll for what no notification announces (an event held back by a transaction that
 * then rolled back, or by another application's transaction).
 */
import { createHash } from 'node:crypto'
import pg from 'pg'
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- pg/lib/utils has no type declarations; prepareValue is how pg itself serialises parameters.
import { prepareValue } from 'pg/lib/utils.js'
import type { SqlDriver, SqlExecutor } from './sql/driver.js'
import { openSqlStore, type SqlEventStore } from './sql/store.js'
import { quoteIdent } from './sql/schema.js'

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

// Parameterised statements are prepared once per connection (named by a hash of their text): the append and
// page-read statements are large CTEs, and re-planning them on every call costs more than the I/O they do.
const statementName = (text: string): string => `kezek_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`

/** A statement with its `$n` parameters replaced by escaped literals, for the simple query protocol. */
const inlineParams = (text: string, params: readonly unknown[]): string =>
  text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1]
    return v === null || v === undefined ? 'NULL' : pg.escapeLiteral(String(prepareValue(v)))
  })

const executor = (client: pg.ClientBase | pg.Pool): SqlExecutor => ({
  query: async <R>(text: string, params?: readonly unknown[]) =>
    (params === undefined
      ? await client.query(text)
      : await client.query({ name: statementName(text), text, values: [...params] })
    ).rows as R[],
})

export const postgresDriver = (options: PostgresStoreOptions): SqlDriver => {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 })
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would kill the process.
  // The pool drops that client and the next query opens a new one.
  pool.on('error', () => undefined)
  const listeners = new Set<pg.Client>()
  let notifier: Promise<pg.Client> | undefined

  return {
    ...executor(pool),
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
      let begun = false
      let committed = false
      const opening = advisoryLock === undefined ? ['BEGIN'] : ['BEGIN', `SELECT pg_advisory_xact_lock(${advisoryLock})`]
      const tx: SqlExecutor = {
        query: async <R>(text: string, params?: readonly unknown[], options?: { commits?: boolean }) => {
          const commits = options?.commits === true
          if (begun && !commits) return executor(client).query<R>(text, params)
          const script = [...(begun ? [] : opening), inlineParams(text, params ?? []), ...(commits ? ['COMMIT'] : [])]
          begun = true
          const results = (await client.query(script.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[]
          const all = Array.isArray(results) ? results : [results]
          if (commits) committed = true
          return (all[all.length - (commits ? 2 : 1)]?.rows ?? []) as R[]
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
        client.release(broken)
      }
    },
    // On its own connection, so appends never queue behind a NOTIFY for a pooled connection.
    notify: async (channel) => {
      notifier ??= (async () => {
        const client = new pg.Client({ connectionString: options.connectionString })
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
      const n = notifier
      notifier = undefined
      await n?.then((c) => c.end()).catch(() => undefined)
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
