/**
 * Connections of the group commit's own, outside the pool: one per batch in flight, connected on first use and kept.
 *
 * Why not the pool: `pg.Pool` hands an idle connection over on a later `process.nextTick`, and Node runs the ticks
 * only once every promise callback waiting has run. When a batch commits, its appends' callers (the decisions,
 * the read models, the HTTP answers) run first, and the next batch left for the database only after all of them:
 * a batch took 5.3 ms on the pool and 3.8 ms here at sixteen signed submissions in flight (docs/benchmarks-history.md,
 * stop 26). On a connection of its own the statement is written at once, and never queues behind the pool's reads.
 * The pool's timer per checkout goes too.
 *
 * A connection is trusted only while it behaves: one that reports an error, ends, or fails a statement for any
 * reason but the statement's own data is closed and forgotten, and the next batch opens a new one. The batch that
 * saw the failure fails (its appends were not acknowledged), as it would on a pooled connection.
 */
import pg from 'pg'
import { isDataError, type QueryOptions, type SqlExecutor } from './sql/driver.js'

export interface DedicatedConnections {
  readonly executor: SqlExecutor
  /** Ends every connection; a statement started afterwards fails. */
  readonly close: () => Promise<void>
}

export interface DedicatedOptions {
  /** A new, unconnected client, configured as the driver's others. */
  readonly client: () => pg.Client
  /** Runs one statement on a connection: the driver's own, so statements are prepared and shaped alike. */
  readonly run: <R>(client: pg.ClientBase, text: string, params?: readonly unknown[], options?: QueryOptions) => Promise<R[]>
}

export const dedicatedConnections = (options: DedicatedOptions): DedicatedConnections => {
  const idle: pg.Client[] = []
  const open = new Set<pg.Client>()
  let closed = false

  const forget = (client: pg.Client): void => {
    if (!open.delete(client)) return
    const i = idle.indexOf(client)
    if (i >= 0) idle.splice(i, 1)
    client.end().catch(() => undefined)
  }

  const connect = async (): Promise<pg.Client> => {
    const client = options.client()
    // Unhandled, an idle connection's error (the server restarted) would kill the process.
    client.on('error', () => forget(client))
    client.on('end', () => forget(client))
    open.add(client)
    try {
      await client.connect()
    } catch (error) {
      forget(client)
      throw error
    }
    if (closed) {
      forget(client)
      throw new Error('the store is closed')
    }
    return client
  }

  const executor: SqlExecutor = {
    query: async <R>(text: string, params?: readonly unknown[], queryOptions?: QueryOptions): Promise<R[]> => {
      if (closed) throw new Error('the store is closed')
      const client = idle.pop() ?? (await connect())
      try {
        const rows = await options.run<R>(client, text, params, queryOptions)
        if (open.has(client)) idle.push(client)
        return rows
      } catch (error) {
        if (isDataError(error) && open.has(client)) idle.push(client)
        else forget(client)
        throw error
      }
    },
  }

  return {
    executor,
    close: async () => {
      closed = true
      const all = [...open]
      open.clear()
      idle.length = 0
      await Promise.all(all.map((c) => c.end().catch(() => undefined)))
    },
  }
}
