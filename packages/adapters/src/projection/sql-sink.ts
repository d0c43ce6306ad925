/**
 * Projections whose state lives in the same PostgreSQL / PGlite database as the events: each batch's rows and the
 * checkpoint are written in one transaction, so a crash or an exception mid-batch leaves both as before the batch
 * (the "exactly once" of Emmett's PostgreSQL projections, without a distributed transaction).
 */
import type { EventHeader, RecordedEvent } from '../store/port.js'
import type { SqlDriver, SqlExecutor } from '../store/sql/driver.js'
import { checkSchemaName, quoteIdent } from '../store/sql/schema.js'
import type { Json } from '../store/port.js'
import { ensureCatalog, registerVersion, saveCheckpoint, versionRow } from './sql-catalog.js'
import type { ProjectionSink } from './sink.js'

/** Names of one version's tables: the base name with a `_v<N>` suffix, quoted and schema-qualified. */
export interface VersionTables {
  readonly schema: string
  readonly version: number
  readonly table: (base: string) => string
}

export const versionTables = (schema: string, version: number): VersionTables => ({
  schema,
  version,
  table: (base) => {
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(base)) throw new RangeError(`table base name ${JSON.stringify(base)}`)
    return `${quoteIdent(checkSchemaName(schema))}.${quoteIdent(`${base}_v${version}`)}`
  },
})

export interface SqlProjection {
  readonly name: string
  /** Creates one version's tables if they are missing. */
  readonly setup: (tx: SqlExecutor, tables: VersionTables) => Promise<void>
  /** Drops one version's tables (a retired version). */
  readonly drop: (tx: SqlExecutor, tables: VersionTables) => Promise<void>
  /** Applies a batch inside the transaction that then records the checkpoint. */
  readonly apply: (tx: SqlExecutor, events: readonly RecordedEvent[], tables: VersionTables) => Promise<void>
  /**
   * The events whose `data` and `metadata` `apply` reads (`ReadAllOptions.needsData`); the others reach it as stored,
   * with personal fields still sealed over a personal-data store. Default: every event.
   */
  readonly needsData?: (event: EventHeader) => boolean
  /**
   * The event types `apply` reads, when it reads a few (`RunOptions.types`): a rebuild then asks the store for these
   * only, and the others never reach `apply`. Default: every event.
   */
  readonly types?: readonly string[]
}

/** Registers the version (with its configuration) and creates its tables; returns the sink that feeds it. */
export const sqlSink = async (
  driver: SqlDriver,
  schema: string,
  projection: SqlProjection,
  version: number,
  config: Json = {},
): Promise<ProjectionSink> => {
  const tables = versionTables(schema, version)
  await ensureCatalog(driver, schema)
  await driver.transaction(async (tx) => {
    await registerVersion(tx, schema, projection.name, version, config)
    await projection.setup(tx, tables)
    return { commit: true, value: undefined }
  })
  /** The checkpoint this sink last read or wrote: a commit from anywhere else in between is a second runner. */
  let known: { readonly position: string | undefined } | undefined
  /** Runs `body` and records `position` (after `applied` more events) in one transaction, under the version's row lock. */
  const record = async (position: string, applied: number, body: (tx: SqlExecutor) => Promise<void>): Promise<void> => {
    await driver.transaction(async (tx) => {
      const [row] = await tx.query<{ position: string | null }>(
        `SELECT position FROM ${quoteIdent(checkSchemaName(schema))}.kezek_projection_versions
          WHERE projection = $1 AND version = $2 FOR UPDATE`,
        [projection.name, version],
      )
      const stored = row?.position ?? undefined
      if (known !== undefined && stored !== known.position) {
        throw new Error(
          `projection ${projection.name} v${version}: the checkpoint moved from ${String(known.position)} to ` +
            `${String(stored)} under this runner; is another runner feeding the same version?`,
        )
      }
      await body(tx)
      await saveCheckpoint(tx, schema, projection.name, version, position, applied)
      return { commit: true, value: undefined }
    })
    known = { position }
  }
  return {
    name: projection.name,
    version,
    checkpoint: async () => {
      const position = (await versionRow(driver, schema, projection.name, version))?.position
      known = { position }
      return position
    },
    commit: async (events) => {
      const last = events[events.length - 1]
      if (last === undefined) return
      await record(last.position, events.length, (tx) => projection.apply(tx, events, tables))
    },
    advance: (position) => record(position, 0, async () => undefined),
  }
}
