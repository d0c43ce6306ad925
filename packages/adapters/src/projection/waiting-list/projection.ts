/**
 * The waiting list as a SQL projection: one row per application that was ever queued, per projection version.
 * The row holds what ordering needs and what the public list shows; it holds no IIN (the public list never shows
 * one, and a read model without personal data needs no erasure).
 *
 * Events are read from the store's `data` as domain events. Events of other types are skipped; an event of a
 * waiting-list type that does not decode stops the projection (a poisoned read model is worse than a stale one).
 * Run it over a `protectPersonalData` store when personal fields are encrypted: it must see decoded events.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent, listId, type ApplicationEvent } from '@kezek/domain'
import type { EventHeader, RecordedEvent } from '../../store/port.js'
import type { SqlExecutor } from '../../store/sql/driver.js'
import { quoteIdent } from '../../store/sql/schema.js'
import type { SqlProjection, VersionTables } from '../sql-sink.js'

export const WAITING_LIST = 'waiting_list'
export const ENTRIES = 'wl_entries'

/** The event types the waiting list reads (`ReadAllOptions.types` for a read of the log that needs nothing else). */
export const WAITING_LIST_READS: readonly string[] = ['queued', 'removed', 'housing_allocated', 'restored', 'data_changed', 'result_issued']

const RELEVANT = new Set(WAITING_LIST_READS)

/** Whether the waiting list reads this stored event: the others are skipped unread (and, encrypted, unopened). */
export const isWaitingListRead = (e: EventHeader): boolean => RELEVANT.has(e.type)

/** The domain event inside a stored event, or undefined for events the waiting list does not read. */
export const waitingListEvent = (e: RecordedEvent): ApplicationEvent | undefined => {
  const type = (e.data as { type?: unknown } | null)?.type
  if (typeof type !== 'string' || !RELEVANT.has(type)) return undefined
  const decoded = decodeEvent(e.data)
  if (E.isLeft(decoded)) {
    throw new Error(`waiting list: event ${e.id} (${e.streamId}@${e.revision}) does not decode: ${JSON.stringify(decoded.left)}`)
  }
  return decoded.right
}

const apply = async (tx: SqlExecutor, t: string, e: ApplicationEvent, position: string): Promise<void> => {
  switch (e.type) {
    case 'queued':
      await tx.query(
        `INSERT INTO ${t} (application_id, list_id, provider_id, category, filed_at, filed_at_ms, request_number,
                           queue_number_at_registration, commission_decision_date, family_size, status, last_position,
                           journal_number, journal_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11, $12, $13)
         ON CONFLICT (application_id) DO UPDATE SET
           list_id = excluded.list_id, provider_id = excluded.provider_id, category = excluded.category,
           filed_at = excluded.filed_at, filed_at_ms = excluded.filed_at_ms, request_number = excluded.request_number,
           queue_number_at_registration = excluded.queue_number_at_registration,
           commission_decision_date = excluded.commission_decision_date, family_size = excluded.family_size,
           status = 'active', last_position = excluded.last_position,
           journal_number = excluded.journal_number, journal_date = excluded.journal_date`,
        [
          e.applicationId, listId(e.list), e.list.providerId, e.list.category, e.filedAt, Date.parse(e.filedAt),
          e.requestNumber, e.queueNumberAtRegistration, e.commissionDecisionDate, e.familySize, position,
          e.journal?.number ?? null, e.journal?.date ?? null,
        ],
      )
      return
    case 'removed':
    case 'housing_allocated':
      await tx.query(
        `UPDATE ${t} SET status = $2, last_position = $3 WHERE application_id = $1 AND status = 'active'`,
        [e.applicationId, e.type === 'removed' ? 'removed' : 'housed', position],
      )
      return
    case 'restored':
      await tx.query(
        `UPDATE ${t} SET status = 'active', last_position = $2 WHERE application_id = $1 AND status = 'removed'`,
        [e.applicationId, position],
      )
      return
    case 'result_issued':
      // A referral to a child waiting in the Journal gives the place: the entry leaves the list (as in the domain).
      if (e.result.kind !== 'preschool_referral') return
      await tx.query(
        `UPDATE ${t} SET status = 'placed', last_position = $2 WHERE application_id = $1 AND status = 'active'`,
        [e.applicationId, position],
      )
      return
    case 'data_changed':
      await tx.query(`UPDATE ${t} SET family_size = $2, last_position = $3 WHERE application_id = $1`, [
        e.applicationId, e.familySize, position,
      ])
      return
    default:
      return
  }
}

const indexName = (tables: VersionTables): string => quoteIdent(`${ENTRIES}_v${tables.version}_active`)
const statusCheck = (tables: VersionTables): string => quoteIdent(`${ENTRIES}_v${tables.version}_status_check`)
/** `placed`: a child left the kindergarten Journal with a referral. */
const STATUSES = `('active', 'removed', 'housed', 'placed')`

/**
 * A version built before the kindergarten Journal has no journal columns and refuses `placed`: add both, once.
 * (Its rows of Journal entries, if any, lack the number and date: rebuild such a version for the Journal order.)
 */
const upgrade = async (tx: SqlExecutor, t: string, tables: VersionTables): Promise<void> => {
  const [row] = await tx.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'journal_date'`,
    [tables.schema, `${ENTRIES}_v${tables.version}`],
  )
  if (row?.n !== '0') return
  await tx.query(`ALTER TABLE ${t} ADD COLUMN journal_number text, ADD COLUMN journal_date text`)
  await tx.query(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${statusCheck(tables)}`)
  await tx.query(`ALTER TABLE ${t} ADD CONSTRAINT ${statusCheck(tables)} CHECK (status IN ${STATUSES})`)
}

export const waitingListProjection: SqlProjection = {
  name: WAITING_LIST,
  needsData: isWaitingListRead,
  types: WAITING_LIST_READS,
  setup: async (tx, tables) => {
    const t = tables.table(ENTRIES)
    await tx.query(`CREATE TABLE IF NOT EXISTS ${t} (
      application_id               text    PRIMARY KEY,
      list_id                      text    NOT NULL,
      provider_id                  text    NOT NULL,
      category                     text    NOT NULL,
      filed_at                     text    NOT NULL,
      filed_at_ms                  bigint  NOT NULL,
      request_number               text    NOT NULL,
      queue_number_at_registration integer NOT NULL,
      commission_decision_date     text    NOT NULL,
      family_size                  integer NOT NULL,
      status                       text    NOT NULL CONSTRAINT ${statusCheck(tables)} CHECK (status IN ${STATUSES}),
      last_position                text    NOT NULL,
      journal_number               text,
      journal_date                 text)`)
    await upgrade(tx, t, tables)
    await tx.query(`CREATE INDEX IF NOT EXISTS ${indexName(tables)} ON ${t} (list_id, filed_at_ms) WHERE status = 'active'`)
  },
  drop: async (tx, tables) => {
    await tx.query(`DROP TABLE IF EXISTS ${tables.table(ENTRIES)}`)
  },
  apply: async (tx, events, tables) => {
    const t = tables.table(ENTRIES)
    for (const e of events) {
      const domain = waitingListEvent(e)
      if (domain !== undefined) await apply(tx, t, domain, e.position)
    }
  },
}
