/**
 * Mutual exclusion by key. In one process a chain of promises per key is enough; over PostgreSQL the store's
 * driver adds a session advisory lock so instances exclude each other too (see `sqlExclusive`).
 */
export type Exclusive = <A>(key: string, body: () => Promise<A>) => Promise<A>

export const inProcessExclusive = (): Exclusive => {
  const tails = new Map<string, Promise<unknown>>()
  return async <A>(key: string, body: () => Promise<A>): Promise<A> => {
    const before = tails.get(key) ?? Promise.resolve()
    const run = before.then(body, body)
    const tail = run.catch(() => undefined)
    tails.set(key, tail)
    try {
      return await run
    } finally {
      if (tails.get(key) === tail) tails.delete(key)
    }
  }
}

/**
 * In-process first, then across processes: at most one body per key in this process ever waits for (and holds a
 * connection for) the database lock.
 */
export const layeredExclusive = (local: Exclusive, shared: Exclusive | undefined): Exclusive =>
  shared === undefined ? local : <A>(key: string, body: () => Promise<A>) => local(key, () => shared(key, body))
