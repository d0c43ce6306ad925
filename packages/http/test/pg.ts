/** A PostgreSQL store in a schema of its own, dropped afterwards, so test files can share the `test` database. */
import { randomBytes } from 'node:crypto'
import { openPostgresStore, postgresDriver } from '@kezek/adapters'

export const PG_URL = process.env['KEZEK_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

export const openIsolatedPostgres = async (label: string) => {
  const schema = `t_http_${label}_${randomBytes(6).toString('hex')}`
  const store = await openPostgresStore({ connectionString: PG_URL, schema, pollIntervalMs: 200 })
  return {
    store,
    dispose: async () => {
      const driver = postgresDriver({ connectionString: PG_URL, maxConnections: 1 })
      try { await driver.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) } finally { await driver.close() }
    },
  }
}
