/**
 * Rebuilds the SQL waiting list under a named ordering policy, blue/green, and reports whose place changed
 * compared with the policy of the version being replaced.
 */
import * as E from 'fp-ts/lib/Either.js'
import { findPolicy, policyId, rebuildWaitingList, type ApplicationEvent, type OrderingPolicy } from '@kezek/domain'
import type { EventStore } from '../../store/port.js'
import { rebuildProjection, type RebuildResult, type SqlDatabase, type VersionError } from '../blue-green.js'
import type { Progress } from '../progress.js'
import { activeVersion, ensureCatalog, versionRow } from '../sql-catalog.js'
import { orderBySql } from './ordering-sql.js'
import { positionChanges, type PositionChange } from './policy-diff.js'
import { isWaitingListRead, waitingListEvent, waitingListProjection, WAITING_LIST, WAITING_LIST_READS } from './projection.js'
import { policyOfConfig } from './reader.js'

export type WaitingListRebuildError =
  | VersionError
  | { readonly kind: 'unknown_policy'; readonly policy: string }
  | { readonly kind: 'policy_not_in_sql'; readonly policy: string }

export interface WaitingListRebuild extends RebuildResult {
  readonly policy: string
  readonly previousPolicy: string | undefined
  /** Entries whose position differs from the previous version's policy (empty for a first build). */
  readonly changed: readonly PositionChange[]
}

export interface WaitingListRebuildOptions {
  readonly store: EventStore
  readonly db: SqlDatabase
  /** A policy id (`decision-date-order@1`) or name, as `findPolicy` reads it. */
  readonly policy: string
  readonly activate?: boolean
  readonly batchSize?: number
  readonly onProgress?: (p: Progress) => void
}

/** The waiting-list events of the log up to and including `upTo`, decoded. */
const eventsUpTo = async (store: EventStore, upTo: string | undefined): Promise<ApplicationEvent[]> => {
  const out: ApplicationEvent[] = []
  if (upTo === undefined) return out
  for await (const e of store.readAll({ batchSize: 1000, needsData: isWaitingListRead, types: WAITING_LIST_READS })) {
    if (store.comparePositions(e.position, upTo) > 0) break
    const d = waitingListEvent(e)
    if (d !== undefined) out.push(d)
  }
  return out
}

export const rebuildWaitingListProjection = async (
  options: WaitingListRebuildOptions,
): Promise<E.Either<WaitingListRebuildError, WaitingListRebuild>> => {
  const policy = findPolicy(options.policy)
  if (policy === undefined) return E.left({ kind: 'unknown_policy', policy: options.policy })
  if (orderBySql(policy) === undefined) return E.left({ kind: 'policy_not_in_sql', policy: policyId(policy) })

  const { driver, schema } = options.db
  await ensureCatalog(driver, schema)
  const current = await activeVersion(driver, schema, WAITING_LIST)
  const previousPolicy: OrderingPolicy | undefined =
    current === undefined ? undefined : policyOfConfig((await versionRow(driver, schema, WAITING_LIST, current))?.config)

  const built = await rebuildProjection({
    store: options.store,
    db: options.db,
    projection: waitingListProjection,
    config: { policy: policyId(policy) },
    ...(options.activate === undefined ? {} : { activate: options.activate }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  })
  if (E.isLeft(built)) return built

  const changed =
    previousPolicy === undefined
      ? []
      : positionChanges(rebuildWaitingList(await eventsUpTo(options.store, built.right.position), previousPolicy), policy)
  return E.right({
    ...built.right,
    policy: policyId(policy),
    previousPolicy: previousPolicy === undefined ? undefined : policyId(previousPolicy),
    changed,
  })
}
