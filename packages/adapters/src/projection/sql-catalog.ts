/**
 * The projection catalogue, in the event store's own schema: one row per projection version (its configuration
 * and checkpoint) and one pointer row per projection naming the version readers use. Blue/green rebuilds write a
 * new version's row and tables while the pointer still names the old one, then move the pointer in one statement.
 */
import type { SqlDriver, SqlExecutor } from '../store/sql/driver.js'
import { checkSchemaName, quoteIdent } from '../store/sql/schema.js'
import type { Json } from '../store/port.js'

export const catalogSql = (schema: string): string[] => {
  const s = quoteIdent(checkSchemaName(schema))
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.kezek_projection_versions (
       projection text        NOT NULL,
       version    integer     NOT NULL CHECK (version >= 1),
       config     jsonb       NOT NULL DEFAULT '{}',
       position   text,
       events     bigint      NOT NULL DEFAULT 0,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (projection, version))`,
    `CREATE TABLE IF NOT EXISTS ${s}.kezek_projection_pointers (
       projection     text        PRIMARY KEY,
       active_version integer     NOT NULL,
       switched_at    timestamptz NOT NULL DEFAULT now(),
       FOREIGN KEY (projection, active_version) REFERENCES ${s}.kezek_projection_versions (projection, version))`,
  ]
}

export const ensureCatalog = async (driver: SqlDriver, schema: string): Promise<void> => {
  await driver.transaction(async (tx) => {
    for (const statement of catalogSql(schema)) await tx.query(statement)
    return { commit: true, value: undefined }
  }, CATALOG_LOCK)
}

// Serialises catalogue creation across processes ("kezekprj").
const CATALOG_LOCK = 0x6b657a656b70726an

export interface VersionRow {
  readonly version: number
  readonly config: Json
  readonly position: string | undefined
  readonly events: number
}

const s = (schema: string) => quoteIdent(checkSchemaName(schema))

export const registerVersion = async (tx: SqlExecutor, schema: string, projection: string, version: number, config: Json): Promise<void> => {
  await tx.query(
    `INSERT INTO ${s(schema)}.kezek_projection_versions (projection, version, config) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (projection, version) DO NOTHING`,
    [projection, version, JSON.stringify(config)],
  )
}

export const versionRow = async (tx: SqlExecutor, schema: string, projection: string, version: number): Promise<VersionRow | undefined> => {
  const [row] = await tx.query<{ version: number; config: Json; position: string | null; events: string }>(
    `SELECT version, config, position, events::text AS events FROM ${s(schema)}.kezek_projection_versions
      WHERE projection = $1 AND version = $2`,
    [projection, version],
  )
  return row === undefined
    ? undefined
    : { version: Number(row.version), config: row.config, position: row.position ?? undefined, events: Number(row.events) }
}

export const versions = async (tx: SqlExecutor, schema: string, projection: string): Promise<VersionRow[]> =>
  (await tx.query<{ version: number; config: Json; position: string | null; events: string }>(
    `SELECT version, config, position, events::text AS events FROM ${s(schema)}.kezek_projection_versions
      WHERE projection = $1 ORDER BY version`,
    [projection],
  )).map((r) => ({ version: Number(r.version), config: r.config, position: r.position ?? undefined, events: Number(r.events) }))

/** Records the checkpoint; call inside the transaction that wrote the projection's rows. */
export const saveCheckpoint = async (
  tx: SqlExecutor,
  schema: string,
  projection: string,
  version: number,
  position: string,
  applied: number,
): Promise<void> => {
  const rows = await tx.query(
    `UPDATE ${s(schema)}.kezek_projection_versions
        SET position = $3, events = events + $4, updated_at = now()
      WHERE projection = $1 AND version = $2 RETURNING 1`,
    [projection, version, position, applied],
  )
  if (rows.length !== 1) throw new Error(`projection ${projection} v${version} is not registered`)
}

export const activeVersion = async (tx: SqlExecutor, schema: string, projection: string): Promise<number | undefined> => {
  const [row] = await tx.query<{ active_version: number }>(
    `SELECT active_version FROM ${s(schema)}.kezek_projection_pointers WHERE projection = $1`,
    [projection],
  )
  return row === undefined ? undefined : Number(row.active_version)
}

/** Points readers at `version`; one statement, so a reader sees the old version or the new one, never neither. */
export const setActiveVersion = async (tx: SqlExecutor, schema: string, projection: string, version: number): Promise<void> => {
  await tx.query(
    `INSERT INTO ${s(schema)}.kezek_projection_pointers (projection, active_version) VALUES ($1, $2)
     ON CONFLICT (projection) DO UPDATE SET active_version = excluded.active_version, switched_at = now()`,
    [projection, version],
  )
}
