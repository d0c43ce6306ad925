export type { ProjectionSink } from './sink'
export type { Progress } from './progress'
export { memorySink, type MemoryProjection, type MemorySink } from './memory-sink'
export { sqlSink, versionTables, type SqlProjection, type VersionTables } from './sql-sink'
export { runProjection, type RunOptions, type ProjectionRun } from './runner'
export {
  ensureCatalog,
  activeVersion,
  setActiveVersion,
  versions,
  versionRow,
  saveCheckpoint,
  type VersionRow,
} from './sql-catalog'
export {
  rebuildProjection,
  activateVersion,
  retireVersion,
  type RebuildOptions,
  type RebuildResult,
  type SqlDatabase,
  type VersionError,
} from './blue-green'
export { waitingListProjection, waitingListEvent, WAITING_LIST, ENTRIES } from './waiting-list/projection'
export { waitingListReader, type WaitingListReader, type ListedEntry, type EntryPosition } from './waiting-list/reader'
export { orderBySql, sqlPolicies } from './waiting-list/ordering-sql'
export { positionChanges, type PositionChange } from './waiting-list/policy-diff'
export {
  rebuildWaitingListProjection,
  type WaitingListRebuild,
  type WaitingListRebuildError,
  type WaitingListRebuildOptions,
} from './waiting-list/rebuild'
