/** Test helpers shared by the PGlite and PostgreSQL test files: raw tampering and a per-file PostgreSQL schema. */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { QueryOptions, SqlDriver } from '../../src/store/sql/driver.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import type { StoreHarness, Tamper } from './contract.js'

export const PG_URL = process.env.KEZEK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A fresh schema name per test file, so files can run side by side in the shared `test` database. */
export const uniqueSchema = (label: string): string => `t_${label}_${randomBytes(6).toString('hex')}`

export const dropSchema = async (schema: string): Promise<void> => {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}

/**
 * A database of the file's own on the test server, for the suites that read right after they write. Readers of the
 * log read below the oldest transaction still running *in their database* (store/sql/horizon.ts), and in the shared
 * `test` database the suite's other jobs run bulk imports that hold them back for seconds: readAll then returned a
 * prefix, and verifyStore verified one (a CI run, stop 45). Another database's transactions never hold them back.
 */
export const ownDatabase = async (label: string): Promise<{ readonly url: string; readonly drop: () => Promise<void> }> => {
  const name = `kezek_${label}_${randomBytes(6).toString('hex')}`
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: PG_URL })
    await client.connect()
    try { await client.query(sql) } finally { await client.end() }
  }
  await admin(`CREATE DATABASE "${name}"`)
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
}

/** Edits rows behind the store's back, as an administrator could: the append-only trigger is switched off first. */
export const sqlTamper = (store: SqlEventStore): Tamper => {
  const s = `"${store.schema}"`
  const behindTheBack = async (sql: string, params: readonly unknown[]): Promise<void> => {
    await store.driver.transaction(async (tx) => {
      await tx.query(`ALTER TABLE ${s}.events DISABLE TRIGGER USER`)
      await tx.query(sql, params)
      await tx.query(`ALTER TABLE ${s}.events ENABLE TRIGGER USER`)
      return { commit: true, value: undefined }
    })
  }
  return {
    alterData: (streamId, revision, data) =>
      behindTheBack(`UPDATE ${s}.events SET data = $3::text::jsonb WHERE stream_id = $1 AND revision = $2`, [
        streamId,
        revision,
        JSON.stringify(data),
      ]),
    remove: (streamId, revision) =>
      behindTheBack(`DELETE FROM ${s}.events WHERE stream_id = $1 AND revision = $2`, [streamId, revision]),
    // Three steps through a parking revision: the (stream_id, revision) unique constraint is checked per row.
    swapRevisions: async (streamId, a, b) => {
      const park = 2 ** 40
      const move = (from: number, to: number): string =>
        `UPDATE ${s}.events SET revision = ${to} WHERE stream_id = $1 AND revision = ${from}`
      await behindTheBack(move(a, park), [streamId])
      await behindTheBack(move(b, a), [streamId])
      await behindTheBack(move(park, b), [streamId])
    },
  }
}

export const sqlHarness = (store: SqlEventStore): StoreHarness => ({
  store,
  close: () => store.close(),
  tamper: sqlTamper(store),
})

/**
 * Is this the store's group-commit statement (one batch of appends)? `append_batch`, `append_one` for a batch of
 * one event, or the plain INSERT of a batch on known heads (known-heads.ts).
 */
export const isAppendBatch = (text: string): boolean =>
  text.includes('.append_batch(') || text.includes('.append_one(') || /^\s*(WITH e AS \()?INSERT INTO \S+\.events /.test(text)

/**
 * A driver whose append batches run inside an explicit transaction that calls `pause` after the batch statement
 * and before COMMIT: the window in which another writer or a crash can strike. (The store itself sends a batch as
 * one autocommit statement, which leaves no such window to observe from outside.)
 */
export const pauseBeforeCommit = (driver: SqlDriver, pause: (params: readonly unknown[]) => Promise<void>): SqlDriver => ({
  ...driver,
  // The batches go through `query` below, not on the driver's own connections, so that they can be paused.
  batches: undefined,
  query: (async (text: string, params?: readonly unknown[], options?: QueryOptions) =>
    isAppendBatch(text)
      ? driver.transaction(async (tx) => {
          const rows = await tx.query(text, params, options)
          await pause(params ?? [])
          return { commit: true, value: rows }
        })
      : driver.query(text, params, options)) as SqlDriver['query'],
})
