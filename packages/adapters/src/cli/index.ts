/**
 * `@kezek/adapters/cli` — the pieces of the `kezek` command that other programs reuse: the audit timeline of an
 * application and the explained difference between two waiting lists.
 */
export { buildTimeline } from './audit/timeline.js'
export { renderTimeline } from './audit/render-timeline.js'
export { diffLists } from './queue/diff.js'
export { describeChange } from './queue/explain.js'
export { departureIn, snapshotOf } from './queue/snapshot.js'
export { runCli } from './run.js'
export type { CliIo } from './io.js'
