/**
 * A PostgreSQL database per test job, on the server `KEZEK_TEST_DATABASE_URL` names (default the local `test`).
 *
 * Why: readers of the log read only below the oldest transaction still running in their database (the horizon,
 * packages/adapters/src/store/sql/horizon.ts), so that no event is skipped. In one shared database another job's
 * bulk import held every other job's readers back for seconds: `readAll` returned a prefix and `verifyStore`
 * verified one, and a CI run failed on it (stop 45). Another database's transactions never hold a reader back, and
 * within a job the files run one after another. Schemas per file still keep the files of a job apart.
 *
 * Without a server to make them on, the jobs are given the URL as it is, and the PostgreSQL tests fail as they
 * would have: the suite does not decide for them.
 */
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'

type Client = { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> }
// The root package has no dependencies of its own; the adapters' driver is the one the tests use.
const pg = createRequire(new URL('../../packages/adapters/package.json', import.meta.url))('pg') as {
  Client: new (o: { connectionString: string; connectionTimeoutMillis: number }) => Client
}

export const SERVER_URL = process.env['KEZEK_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface JobDatabase {
  readonly url: string
  readonly drop: () => Promise<void>
}

export interface JobDatabases {
  /** A new database, or undefined when none can be made (the job then gets the URL as it is). */
  readonly open: () => Promise<JobDatabase | undefined>
  /** One line for the run's log: where the jobs' databases are. */
  readonly note: string
}

const admin = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query(sql)
  } finally {
    await client.end().catch(() => undefined)
  }
}

const urlOf = (name: string): string => {
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * A run's databases are named `kezek_test_<started, seconds since 1970 in base 36>_<random>_<job>`, so that a later
 * run can tell a killed run's leftovers (a run drops its own as each job ends, but not when it is killed) by age.
 */
const PREFIX = 'kezek_test_'
/** Older than any run: the suite takes minutes. */
const LEFTOVER_SECONDS = 6 * 3600

const runName = (startedSeconds: number, random: string): string => `${PREFIX}${startedSeconds.toString(36)}_${random}`

/** When the run that made this database started, in seconds since 1970; undefined for a name not of this scheme. */
const startedOf = (name: string): number | undefined => {
  const m = /^kezek_test_([0-9a-z]{6,8})_[0-9a-f]{8}_\d+$/.exec(name)
  return m === null ? undefined : Number.parseInt(m[1] as string, 36)
}

/**
 * Drops the databases killed runs left: of this scheme and older than LEFTOVER_SECONDS. Plain DROP, not FORCE: a
 * database somebody is still connected to is left alone. Failures are ignored (another run may sweep at once).
 */
const sweepLeftovers = async (nowSeconds: number): Promise<void> => {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    const found = (await client.query(`SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`)) as { rows: { datname: string }[] }
    for (const { datname } of found.rows) {
      const started = startedOf(datname)
      if (started !== undefined && nowSeconds - started > LEFTOVER_SECONDS) await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined)
    }
  } catch {
    // Sweeping is housekeeping: the run goes on without it.
  } finally {
    await client.end().catch(() => undefined)
  }
}

export const jobDatabases = async (): Promise<JobDatabases> => {
  const now = Math.floor(Date.now() / 1000)
  const run = runName(now, randomBytes(4).toString('hex'))
  const server = new URL(SERVER_URL).host
  try {
    await admin('SELECT 1')
  } catch (e) {
    return { open: async () => undefined, note: `PostgreSQL at ${server} unreachable (${e instanceof Error ? e.message : String(e)}): its tests will fail` }
  }
  await sweepLeftovers(now)
  let n = 0
  // One at a time: CREATE DATABASE copies template1, and refuses while another session is connected to it.
  let creating = Promise.resolve()
  const open = async (): Promise<JobDatabase | undefined> => {
    const name = `${run}_${++n}`
    const made = creating.then(() => admin(`CREATE DATABASE "${name}"`))
    creating = made.catch(() => undefined)
    try {
      await made
    } catch {
      return undefined
    }
    return { url: urlOf(name), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined) }
  }
  return { open, note: `each job in a database of its own on ${server} (${run}_N)` }
}
