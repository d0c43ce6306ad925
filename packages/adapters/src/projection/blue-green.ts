/**
 * Blue/green rebuilds of SQL projections. A rebuild registers a new version, creates its tables next to the old
 * version's, replays the whole log into them (side effects suppressed) while readers keep using the old version,
 * catches up once more, and then moves the pointer row in one statement. The old version's tables stay until
 * `retireVersion`, so switching back is one `activateVersion` away.
 *
 * A rebuild is resumable: its progress is the new version's checkpoint, so a rebuild interrupted by a crash picks
 * up where it stopped when called again with the same version.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, Json } from '../store/port.js'
import type { SqlDriver } from '../store/sql/driver.js'
import { checkSchemaName, quoteIdent } from '../store/sql/schema.js'
import type { Progress } from './progress.js'
import { runProjection } from './runner.js'
import { activeVersion, ensureCatalog, setActiveVersion, versionRow, versions } from './sql-catalog.js'
import { sqlSink, versionTables, type SqlProjection } from './sql-sink.js'

export interface SqlDatabase {
  readonly driver: SqlDriver
  readonly schema: string
}

export interface RebuildOptions {
  readonly store: EventStore
  readonly db: SqlDatabase
  readonly projection: SqlProjection
  /** Configuration stored with the version (e.g. the ordering policy). */
  readonly config?: Json
  /** The version to build; default: one more than the highest registered. Pass an unfinished one to resume it. */
  readonly version?: number
  /** Move the pointer when done. Default true; false leaves the new version built but unused, for review. */
  readonly activate?: boolean
  readonly batchSize?: number
  readonly onProgress?: (p: Progress) => void
  readonly now?: () => number
}

export interface RebuildResult {
  readonly version: number
  readonly previousVersion: number | undefined
  /** Checkpoint of the new version when the rebuild ended. */
  readonly position: string | undefined
  readonly events: number
  readonly activated: boolean
  readonly durationMs: number
}

export type VersionError =
  | { readonly kind: 'version_is_active'; readonly projection: string; readonly version: number }
  | { readonly kind: 'unknown_version'; readonly projection: string; readonly version: number }

const replayOnce = async (options: RebuildOptions, version: number): Promise<{ events: number; position: string | undefined }> => {
  const sink = await sqlSink(options.db.driver, options.db.schema, options.projection, version, options.config ?? {})
  let events = 0
  const run = runProjection({
    store: options.store,
    sink,
    mode: 'replay',
    ...(options.projection.needsData === undefined ? {} : { needsData: options.projection.needsData }),
    ...(options.projection.types === undefined ? {} : { types: options.projection.types }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.now === undefined ? {} : { now: options.now }),
    onProgress: (p) => {
      events = p.events
      options.onProgress?.(p)
    },
  })
  await run.done
  return { events, position: await sink.checkpoint() }
}

export const rebuildProjection = async (options: RebuildOptions): Promise<E.Either<VersionError, RebuildResult>> => {
  const { driver, schema } = options.db
  const started = (options.now ?? Date.now)()
  await ensureCatalog(driver, schema)
  const name = options.projection.name
  const previous = await activeVersion(driver, schema, name)
  const highest = (await versions(driver, schema, name)).reduce((m, v) => Math.max(m, v.version), 0)
  const version = options.version ?? highest + 1
  if (version === previous) return E.left({ kind: 'version_is_active', projection: name, version })

  const first = await replayOnce(options, version)
  let result = first
  const activate = options.activate ?? true
  if (activate) {
    // Events appended during the long replay: one more short replay, then switch.
    const second = await replayOnce(options, version)
    result = { events: first.events + second.events, position: second.position }
    await driver.transaction(async (tx) => {
      await setActiveVersion(tx, schema, name, version)
      return { commit: true, value: undefined }
    })
  }
  return E.right({
    version,
    previousVersion: previous,
    position: result.position,
    events: result.events,
    activated: activate,
    durationMs: (options.now ?? Date.now)() - started,
  })
}

/** Points readers at an already built version (a switch after review, or a switch back). */
export const activateVersion = async (
  db: SqlDatabase,
  projection: string,
  version: number,
): Promise<E.Either<VersionError, void>> => {
  await ensureCatalog(db.driver, db.schema)
  if ((await versionRow(db.driver, db.schema, projection, version)) === undefined) {
    return E.left({ kind: 'unknown_version', projection, version })
  }
  await db.driver.transaction(async (tx) => {
    await setActiveVersion(tx, db.schema, projection, version)
    return { commit: true, value: undefined }
  })
  return E.right(undefined)
}

/** Drops a version that readers no longer use: its tables and its catalogue row. */
export const retireVersion = async (
  db: SqlDatabase,
  projection: SqlProjection,
  version: number,
): Promise<E.Either<VersionError, void>> => {
  return db.driver.transaction(async (tx) => {
    const [pointer] = await tx.query<{ active_version: number }>(
      `SELECT active_version FROM ${quoteIdent(checkSchemaName(db.schema))}.kezek_projection_pointers
        WHERE projection = $1 FOR UPDATE`,
      [projection.name],
    )
    if (pointer !== undefined && Number(pointer.active_version) === version) {
      return { commit: false, value: E.left<VersionError, void>({ kind: 'version_is_active', projection: projection.name, version }) }
    }
    if ((await versionRow(tx, db.schema, projection.name, version)) === undefined) {
      return { commit: false, value: E.left<VersionError, void>({ kind: 'unknown_version', projection: projection.name, version }) }
    }
    await projection.drop(tx, versionTables(db.schema, version))
    await tx.query(
      `DELETE FROM ${quoteIdent(checkSchemaName(db.schema))}.kezek_projection_versions
        WHERE projection = $1 AND version = $2`,
      [projection.name, version],
    )
    return { commit: true, value: E.right<VersionError, void>(undefined) }
  })
}
