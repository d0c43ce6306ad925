/**
 * Reads the waiting list from whichever version the pointer row names, ordered by that version's policy. The
 * pointer is read on every call, so readers move to a new version the moment it is switched on.
 */
import { findPolicy, type OrderingPolicy } from '@kezek/domain'
import type { SqlExecutor } from '../../store/sql/driver.js'
import { checkSchemaName, quoteIdent } from '../../store/sql/schema.js'
import { versionTables } from '../sql-sink.js'
import { orderBySql } from './ordering-sql.js'
import { ENTRIES, WAITING_LIST } from './projection.js'

export interface ListedEntry {
  readonly position: number
  readonly applicationId: string
  readonly listId: string
  readonly filedAt: string
  readonly requestNumber: string
  readonly queueNumberAtRegistration: number
  readonly category: string
}

export interface EntryPosition {
  readonly applicationId: string
  readonly listId: string
  readonly position: number
  readonly of: number
}

interface Active {
  readonly version: number
  readonly table: string
  readonly order: string
  readonly policy: OrderingPolicy
}

/** The policy id a waiting-list version was built with (stored in its catalogue row). */
export const policyOfConfig = (config: unknown): OrderingPolicy | undefined => {
  const id = (config as { policy?: unknown } | null)?.policy
  return typeof id === 'string' ? findPolicy(id) : undefined
}

export interface WaitingListReader {
  /** The version readers are using now, or undefined before the first version is switched on. */
  readonly active: () => Promise<{ readonly version: number; readonly policy: string } | undefined>
  readonly page: (listId: string, offset: number, limit: number) => Promise<readonly ListedEntry[]>
  readonly positionOf: (applicationId: string) => Promise<EntryPosition | undefined>
  /** Every active entry of every list with its position (for audits and tests; O(n)). */
  readonly all: () => Promise<readonly EntryPosition[]>
}

export const waitingListReader = (db: SqlExecutor, schema: string): WaitingListReader => {
  const s = quoteIdent(checkSchemaName(schema))
  const resolve = async (): Promise<Active | undefined> => {
    // Before any projection was built the catalogue does not exist yet: there is simply no list.
    const [catalogue] = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      `${s}.kezek_projection_pointers`,
    ])
    if (catalogue?.t == null) return undefined
    const [row] = await db.query<{ version: number; config: unknown }>(
      `SELECT v.version, v.config FROM ${s}.kezek_projection_pointers p
         JOIN ${s}.kezek_projection_versions v ON v.projection = p.projection AND v.version = p.active_version
        WHERE p.projection = $1`,
      [WAITING_LIST],
    )
    if (row === undefined) return undefined
    const policy = policyOfConfig(row.config)
    const order = policy === undefined ? undefined : orderBySql(policy)
    if (policy === undefined || order === undefined) {
      throw new Error(`waiting list v${row.version}: its policy ${JSON.stringify(row.config)} has no SQL ordering`)
    }
    return { version: Number(row.version), table: versionTables(schema, Number(row.version)).table(ENTRIES), order, policy }
  }

  return {
    active: async () => {
      const a = await resolve()
      return a === undefined ? undefined : { version: a.version, policy: `${a.policy.name}@${a.policy.version}` }
    },
    page: async (list, offset, limit) => {
      const a = await resolve()
      if (a === undefined) return []
      const rows = await db.query<{
        position: string; application_id: string; list_id: string; filed_at: string; request_number: string
        queue_number_at_registration: number; category: string
      }>(
        `SELECT row_number() OVER (ORDER BY ${a.order})::text AS position, application_id, list_id, filed_at,
                request_number, queue_number_at_registration, category
           FROM ${a.table} WHERE status = 'active' AND list_id = $1
          ORDER BY ${a.order} OFFSET $2 LIMIT $3`,
        [list, Math.max(0, Math.floor(offset)), Math.max(0, Math.floor(limit))],
      )
      return rows.map((r) => ({
        position: Number(r.position),
        applicationId: r.application_id,
        listId: r.list_id,
        filedAt: r.filed_at,
        requestNumber: r.request_number,
        queueNumberAtRegistration: Number(r.queue_number_at_registration),
        category: r.category,
      }))
    },
    positionOf: async (applicationId) => {
      const a = await resolve()
      if (a === undefined) return undefined
      const [row] = await db.query<{ position: string; of: string; list_id: string }>(
        `WITH ranked AS (
           SELECT application_id, list_id, row_number() OVER (ORDER BY ${a.order}) AS position, count(*) OVER () AS of
             FROM ${a.table}
            WHERE status = 'active'
              AND list_id = (SELECT list_id FROM ${a.table} WHERE application_id = $1 AND status = 'active'))
         SELECT position::text, of::text, list_id FROM ranked WHERE application_id = $1`,
        [applicationId],
      )
      return row === undefined
        ? undefined
        : { applicationId, listId: row.list_id, position: Number(row.position), of: Number(row.of) }
    },
    all: async () => {
      const a = await resolve()
      if (a === undefined) return []
      const rows = await db.query<{ application_id: string; list_id: string; position: string; of: string }>(
        `SELECT application_id, list_id, position::text, of::text FROM (
           SELECT application_id, list_id,
                  row_number() OVER (PARTITION BY list_id ORDER BY ${a.order}) AS position,
                  count(*) OVER (PARTITION BY list_id) AS of
             FROM ${a.table} WHERE status = 'active') ranked
          ORDER BY list_id COLLATE "C", position`,
      )
      return rows.map((r) => ({ applicationId: r.application_id, listId: r.list_id, position: Number(r.position), of: Number(r.of) }))
    },
  }
}
