/**
 * Personal data encrypted by default wherever kezek opens a store (the HTTP service, the CLI): the store is wrapped
 * in `protectPersonalData` with a keyring kept beside the events — a `kezek_subject_keys` table in the same PGlite
 * directory or PostgreSQL database and schema — or in an external keyring (another PostgreSQL database or PGlite
 * directory). Turning it off is an explicit choice, and it is said out loud at every start.
 */
import { mkdirSync } from 'node:fs'
import type { CheckpointPolicy } from '../store/pglite-checkpoints.js'
import type { EventStore } from '../store/port.js'
import type { SqlDriver } from '../store/sql/driver.js'
import { protectPersonalData, type ProtectedStore } from './protect.js'
import { sqlKeyring, sqlKeyringOn, type Queryable } from './sql-keyring.js'

export type PersonalDataConfig =
  | {
      readonly mode: 'encrypted'
      /** A postgres:// URL or a PGlite directory for the keys; omitted: beside the events. */
      readonly keyring?: string
      /** 32 bytes: wraps stored keys and keys the subject column's HMAC. */
      readonly masterKey?: Uint8Array
      readonly rotateAfterDays?: number
      /** A keyring in a PGlite directory of its own checkpoints itself by this policy; default as a PGlite store's. */
      readonly keyringCheckpoints?: CheckpointPolicy
    }
  | { readonly mode: 'off' }

export const PLAIN_WARNING =
  'personal data encryption is OFF: IINs, names and addresses are stored in clear and cannot be erased (set KEZEK_PERSONAL_DATA=encrypted)'

/**
 * Nothing sealed is remembered for its read-back: the service's followers (read models, notices) do not open their
 * own writes again (`needsData`), and the CLI reads or bulk-writes, never both at once (see `recentlySealed`).
 */
const FOLLOWERS_SKIP_OWN_WRITES = 0

type MaybeSql = EventStore & { readonly driver?: SqlDriver; readonly schema?: string }

const externalDb = async (locator: string, policy?: CheckpointPolicy): Promise<{ db: Queryable; close: () => Promise<void>; schema?: string }> => {
  if (/^postgres(ql)?:\/\//.test(locator)) {
    const pg = (await import('pg')).default
    const url = new URL(locator)
    const schema = url.searchParams.get('schema') ?? undefined
    url.searchParams.delete('schema')
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 })
    pool.on('error', () => undefined)
    if (schema !== undefined) await pool.query(`create schema if not exists "${schema.replace(/"/g, '')}"`)
    return { db: pool as unknown as Queryable, close: () => pool.end(), ...(schema === undefined ? {} : { schema }) }
  }
  mkdirSync(locator, { recursive: true })
  const { createPglite } = await import('../store/pglite-create.js')
  const { pgliteCheckpoints } = await import('../store/pglite-checkpoints.js')
  const db = await createPglite(locator)
  // Its own database, so its own checkpoints: PGlite has no checkpointer (see pglite-checkpoints.ts).
  const checkpoints = pgliteCheckpoints(db, policy)
  const queryable: Queryable = {
    query: async <R>(sql: string, params?: unknown[]) => {
      const result = await db.query<R>(sql, params)
      // Each statement may have written a key: told, the policy can look without its timer, which a writer that
      // waits on nothing but promises (an import creating keys) never lets fire.
      checkpoints.committed()
      return result
    },
  }
  return {
    db: queryable,
    close: async () => {
      await checkpoints.stop()
      await db.close()
    },
  }
}

/**
 * The store to use: protected (reads decrypt, appends encrypt, `erase` destroys keys), or the store itself when
 * encryption is off — after `warn` has said so.
 */
export const openPersonalDataStore = async (
  store: MaybeSql,
  config: PersonalDataConfig,
  warn: (message: string) => void,
): Promise<{ readonly store: EventStore; readonly protected?: ProtectedStore }> => {
  if (config.mode === 'off') {
    warn(PLAIN_WARNING)
    return { store }
  }
  const common = {
    ...(config.masterKey === undefined ? {} : { masterKey: config.masterKey }),
    ...(config.rotateAfterDays === undefined ? {} : { rotateAfterDays: config.rotateAfterDays }),
  }
  if (config.keyring !== undefined) {
    const external = await externalDb(config.keyring, config.keyringCheckpoints)
    const keyring = await sqlKeyring(external.db, { ...common, ...(external.schema === undefined ? {} : { schema: external.schema }) })
    const inner: MaybeSql = {
      ...(store.driver === undefined ? {} : { driver: store.driver }),
      ...(store.schema === undefined ? {} : { schema: store.schema }),
      append: (s, e, o) => store.append(s, e, o),
      readStream: (s, o) => store.readStream(s, o),
      readAll: (o) => store.readAll(o),
      subscribe: (o) => store.subscribe(o),
      headPosition: () => store.headPosition(),
      comparePositions: (a, b) => store.comparePositions(a, b),
      close: async () => { await store.close(); await external.close() },
    }
    const p = protectPersonalData(inner, keyring, { recentlySealed: FOLLOWERS_SKIP_OWN_WRITES })
    return { store: p, protected: p }
  }
  if (store.driver === undefined) {
    throw new Error('this store has no SQL database to keep the keys beside (EventStoreDB): configure an external keyring (KEZEK_KEYRING / --keyring), or turn encryption off explicitly')
  }
  const options = { ...common, ...(store.schema === undefined ? {} : { schema: store.schema }) }
  const keyring = await sqlKeyring(store.driver, options)
  // Keys beside the events: a bulk write's transaction can create them too (see ProtectedStore.sealerIn).
  const p = protectPersonalData(store, keyring, { keyringIn: (tx) => sqlKeyringOn(tx, options), recentlySealed: FOLLOWERS_SKIP_OWN_WRITES })
  return { store: p, protected: p }
}
