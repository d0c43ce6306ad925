export type { ProjectionSink } from './sink.js'
export type { Progress } from './progress.js'
export { memorySink, type MemoryProjection, type MemorySink } from './memory-sink.js'
export { sqlSink, versionTables, type SqlProjection, type VersionTables } from './sql-sink.js'
export { runProjection, type RunOptions, type ProjectionRun } from './runner.js'
export {
  ensureCatalog,
  activeVersion,
  setActiveVersion,
  versions,
  versionRow,
  saveCheckpoint,
  type VersionRow,
} from './sql-catalog.js'
export {
  rebuildProjection,
  activateVersion,
  retireVersion,
  type RebuildOptions,
  type RebuildResult,
  type SqlDatabase,
  type VersionError,
} from './blue-green.js'
export { waitingListProjection, waitingListEvent, WAITING_LIST, ENTRIES } from './waiting-list/projection.js'
export { waitingListReader, type WaitingListReader, type ListedEntry, type EntryPosition } from './waiting-list/reader.js'
export { orderBySql, sqlPolicies } from './waiting-list/ordering-sql.js'
export { positionChanges, type PositionChange } from './waiting-list/policy-diff.js'
export {
  rebuildWaitingListProjection,
  type WaitingListRebuild,
  type WaitingListRebuildError,
  type WaitingListRebuildOptions,
} from './waiting-list/rebuild.js'
