/**
 * `Idempotency-Key` for POSTs: the first answer is kept and returned to every retry with the same key and the
 * same body; a different body under a used key is refused. Concurrent retries wait for the first to finish.
 *
 * The cache is per process and bounded. It is the fast path only: the key also seeds the command ids and the
 * new application's id (see `commandIds`), so a retry after a restart still writes nothing new.
 */
import { createHash } from 'node:crypto'

export interface StoredReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** Text, or the bytes of a binary download (a PDF). */
  readonly body: string | Buffer
}

interface Entry {
  readonly bodyHash: string
  readonly reply: Promise<StoredReply>
}

export interface IdempotencyCache {
  readonly lookup: (scope: string, key: string, bodyHash: string) => { readonly hit: Promise<StoredReply> } | 'mismatch' | undefined
  readonly remember: (scope: string, key: string, bodyHash: string, reply: Promise<StoredReply>) => void
  readonly forget: (scope: string, key: string) => void
  /** Drops every kept answer: after an erasure, no replay may still name the person (the key's ids stay safe). */
  readonly forgetAll: () => void
}

export const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/

export const hashBody = (body: unknown): string =>
  createHash('sha256').update(typeof body === 'string' ? body : JSON.stringify(body ?? null)).digest('hex')

export const createIdempotencyCache = (capacity = 10_000): IdempotencyCache => {
  const entries = new Map<string, Entry>()
  const id = (scope: string, key: string) => `${scope}\u0000${key}`
  return {
    lookup: (scope, key, bodyHash) => {
      const e = entries.get(id(scope, key))
      if (e === undefined) return undefined
      return e.bodyHash === bodyHash ? { hit: e.reply } : 'mismatch'
    },
    remember: (scope, key, bodyHash, reply) => {
      entries.set(id(scope, key), { bodyHash, reply })
      if (entries.size > capacity) {
        const oldest = entries.keys().next().value
        if (oldest !== undefined) entries.delete(oldest)
      }
    },
    forget: (scope, key) => { entries.delete(id(scope, key)) },
    forgetAll: () => { entries.clear() },
  }
}

/**
 * Command ids for one request. With an idempotency key they are derived from it (and from who sent it), so the
 * same retry always carries the same ids and the decider recognises it even with an empty cache.
 */
export const commandIds = (scope: string, key: string | undefined, newId: () => string) => {
  const base = key === undefined ? newId() : createHash('sha256').update(`${scope}\u0000${key}`).digest('hex').slice(0, 32)
  return {
    base,
    of: (type: string) => `${base}.${type}`,
  }
}
