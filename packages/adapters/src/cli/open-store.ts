/**
 * Opens the store a locator names, turning every way that can fail into a message a person can act on. Commands
 * that only read never create anything: a mistyped path or schema is "not found", not a new empty store.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { EventStore } from '../store/port.js'
import { openPersonalDataStore, type PersonalDataConfig } from '../privacy/open.js'
import type { ProtectedStore } from '../privacy/protect.js'
import type { CliIo } from './io.js'
import type { SqlEventStore } from '../store/sql/store.js'
import { cliError, describeCause, fail, type CliError } from './errors.js'
import { describeLocator, type StoreLocator } from './store-url.js'

export interface OpenedStore {
  /** The store to work with: personal data is decrypted on read and encrypted on append (unless turned off). */
  readonly store: EventStore
  /** What is stored, as stored (ciphertext): for the hash chain (verify) and backups (export). */
  readonly stored: EventStore
  /** Set when personal data is encrypted: erasure goes through it. */
  readonly personal?: ProtectedStore
  /** Set for PGlite and PostgreSQL: counting rows and sharing transactions need it. */
  readonly sql?: SqlEventStore
  readonly locator: StoreLocator
  readonly description: string
}

/** `read`: the store must already exist. `write`: create it (schema, tables, data directory) when absent. */
export type OpenMode = 'read' | 'write'

const unreachable = (locator: StoreLocator, cause: unknown, hint: string): CliError =>
  cliError('unreachable', `cannot open ${describeLocator(locator)}: ${describeCause(cause)}`, hint)

const withTimeout = async <T>(p: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

const openPglite = async (locator: Extract<StoreLocator, { kind: 'pglite' }>, mode: OpenMode): Promise<OpenedStore> => {
  const { dataDir } = locator
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    fail(cliError('unreachable', `${dataDir} is a file, not a PGlite data directory`, 'pass the directory PGlite keeps its files in'))
  }
  if (mode === 'read' && !existsSync(join(dataDir, 'PG_VERSION'))) {
    fail(
      cliError(
        'unreachable',
        existsSync(dataDir) ? `${dataDir} is not a PGlite data directory (no PG_VERSION file)` : `there is no PGlite data directory at ${dataDir}`,
        'check the path; `pnpm start` keeps its store in ./.data/, and `kezek import` creates a new one',
      ),
    )
  }
  const { openPgliteStore } = await import('../store/pglite.js')
  try {
    const sql = await openPgliteStore({ dataDir, schema: locator.schema })
    return { store: sql, stored: sql, sql, locator, description: describeLocator(locator) }
  } catch (e) {
    return fail(unreachable(locator, e, 'is another process (pnpm start?) using this directory, or is it damaged? stop it or work on a copy'))
  }
}

const schemaHasStore = async (connectionString: string, schema: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 })
  client.on('error', () => undefined)
  await client.connect()
  try {
    const r = await client.query<{ found: boolean }>(
      `SELECT to_regclass(format('%I.events', $1::text)) IS NOT NULL AS found`,
      [schema],
    )
    return r.rows[0]?.found === true
  } finally {
    await client.end().catch(() => undefined)
  }
}

const openPostgres = async (locator: Extract<StoreLocator, { kind: 'postgres' }>, mode: OpenMode): Promise<OpenedStore> => {
  const hint = 'is PostgreSQL running and the URL right (host, port, user, database)?'
  let exists: boolean
  try {
    exists = await schemaHasStore(locator.connectionString, locator.schema)
  } catch (e) {
    return fail(unreachable(locator, e, hint))
  }
  if (mode === 'read' && !exists) {
    fail(
      cliError(
        'unreachable',
        `${locator.display} has no kezek store in schema ${locator.schema}`,
        'check ?schema= in the URL (default kezek); `kezek import` creates a store',
      ),
    )
  }
  const { openPostgresStore } = await import('../store/postgres.js')
  try {
    const sql = await openPostgresStore({ connectionString: locator.connectionString, schema: locator.schema, maxConnections: 4 })
    return { store: sql, stored: sql, sql, locator, description: describeLocator(locator) }
  } catch (e) {
    return fail(unreachable(locator, e, hint))
  }
}

const openEsdb = async (locator: Extract<StoreLocator, { kind: 'esdb' }>, timeoutMs: number): Promise<OpenedStore> => {
  let connect: typeof import('../store/eventstoredb/index.js').connectEventStoreDb
  try {
    ;({ connectEventStoreDb: connect } = await import('../store/eventstoredb/index.js'))
  } catch (e) {
    return fail(
      cliError('not_available', `the EventStoreDB client is not installed: ${describeCause(e)}`, 'npm install @eventstore/db-client (an optional peer dependency of @kezek/adapters), or use a PGlite directory or a postgres:// URL'),
    )
  }
  let store: EventStore
  try {
    store = connect(locator.connectionString, locator.namespace === '' ? {} : { namespace: locator.namespace })
  } catch (e) {
    return fail(cliError('usage', `EventStoreDB refused the connection string: ${describeCause(e)}`, 'write esdb://host:2113?tls=false'))
  }
  // The client connects lazily: ask for the head once, so "server down" is reported here and not mid-command.
  try {
    await withTimeout(store.headPosition(), timeoutMs, `EventStoreDB at ${locator.display}`)
  } catch (e) {
    await store.close().catch(() => undefined)
    return fail(unreachable(locator, e, 'is the EventStoreDB / KurrentDB server running, and is tls= right for it?'))
  }
  return { store, stored: store, locator, description: describeLocator(locator) }
}

const openPlain = async (locator: StoreLocator, mode: OpenMode, timeoutMs: number): Promise<OpenedStore> => {
  switch (locator.kind) {
    case 'pglite':
      return openPglite(locator, mode)
    case 'postgres':
      return openPostgres(locator, mode)
    case 'esdb':
      return openEsdb(locator, timeoutMs)
  }
}

/** KEZEK_PERSONAL_DATA (encrypted | off), KEZEK_KEYRING, KEZEK_KEYRING_MASTER_KEY, KEZEK_KEY_ROTATE_DAYS: the same settings as the server. */
export const personalDataConfig = (env: CliIo['env'], cwd: string): PersonalDataConfig => {
  const mode = env['KEZEK_PERSONAL_DATA'] ?? 'encrypted'
  if (mode === 'off') return { mode: 'off' }
  if (mode !== 'encrypted') fail(cliError('usage', `KEZEK_PERSONAL_DATA=${mode} is neither encrypted nor off`, 'leave it unset: personal data is encrypted by default'))
  const keyring = env['KEZEK_KEYRING']
  const master = env['KEZEK_KEYRING_MASTER_KEY']
  const masterKey = master === undefined ? undefined : new Uint8Array(Buffer.from(master, 'base64'))
  if (masterKey !== undefined && masterKey.length !== 32) fail(cliError('usage', 'KEZEK_KEYRING_MASTER_KEY must be 32 bytes in base64'))
  const rotate = env['KEZEK_KEY_ROTATE_DAYS']
  if (rotate !== undefined && rotate !== '' && !/^[1-9]\d{0,4}$/.test(rotate)) fail(cliError('usage', 'KEZEK_KEY_ROTATE_DAYS must be a whole number of days'))
  return {
    mode: 'encrypted',
    ...(rotate === undefined || rotate === '' ? {} : { rotateAfterDays: Number(rotate) }),
    ...(keyring === undefined || keyring === '' ? {} : { keyring: /^postgres(ql)?:\/\//.test(keyring) ? keyring : join(cwd, keyring) }),
    ...(masterKey === undefined ? {} : { masterKey }),
  }
}

/**
 * Opens the store with personal data encrypted by default (keys beside the events, or KEZEK_KEYRING); with
 * KEZEK_PERSONAL_DATA=off a warning goes to stderr and the store is used as it is.
 */
export const openStore = async (locator: StoreLocator, mode: OpenMode, timeoutMs = 15_000, io?: CliIo): Promise<OpenedStore> => {
  const opened = await openPlain(locator, mode, timeoutMs)
  const config = io === undefined ? { mode: 'encrypted' as const } : personalDataConfig(io.env, io.cwd)
  try {
    const wrapped = await openPersonalDataStore(opened.sql ?? opened.store, config, (m) => io?.err.write(`kezek: warning: ${m}\n`))
    return { ...opened, store: wrapped.store, ...(wrapped.protected === undefined ? {} : { personal: wrapped.protected }) }
  } catch (e) {
    await opened.store.close().catch(() => undefined)
    return fail(cliError('usage', `cannot open the keyring: ${describeCause(e)}`, 'set KEZEK_KEYRING to a postgres:// URL or a directory, or KEZEK_PERSONAL_DATA=off to work in clear'))
  }
}

/** Opens, runs, and always closes: a failing command must not leave a pool or a PGlite handle open. */
export const withStore = async <T>(
  locator: StoreLocator,
  mode: OpenMode,
  body: (opened: OpenedStore) => Promise<T>,
  io?: CliIo,
): Promise<T> => {
  const opened = await openStore(locator, mode, 15_000, io)
  try {
    return await body(opened)
  } finally {
    await opened.store.close().catch(() => undefined)
  }
}
