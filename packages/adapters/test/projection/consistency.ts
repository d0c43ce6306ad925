/** Checks shared by the projection tests: SQL rows against what the domain says the events up to a checkpoint mean. */
import * as assert from 'uvu/assert'
import { filingOrder, rebuildWaitingList, type OrderingPolicy, type WaitingList } from '@kezek/domain'
import type { EventStore, RecordedEvent } from '../../src/store/port.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { domainEvents } from './applications.js'

export const everything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = []
  for await (const e of store.readAll()) out.push(e)
  return out
}

export const inMemory = async (store: EventStore, policy: OrderingPolicy, upTo?: string): Promise<WaitingList> => {
  const all = (await everything(store)).filter((e) => upTo === undefined || store.comparePositions(e.position, upTo) <= 0)
  return rebuildWaitingList(domainEvents(all.filter((e) => ['queued', 'removed', 'housing_allocated', 'restored'].includes(e.type))), policy)
}

/**
 * Rows as the projection stored them, compared with what the events up to the checkpoint say. `types`: the event
 * types the version was fed (a run given `types`); default every event.
 */
export const rowsMatchCheckpoint = async (store: SqlEventStore, version: number, types?: readonly string[]): Promise<{ rows: number; checkpoint: string | undefined }> => {
  const [cp] = await store.driver.query<{ position: string | null; events: string }>(
    `SELECT position, events::text AS events FROM "${store.schema}".kezek_projection_versions WHERE projection = 'waiting_list' AND version = $1`,
    [version],
  )
  const checkpoint = cp?.position ?? undefined
  const rows = await store.driver.query<{ application_id: string; status: string }>(
    `SELECT application_id, status FROM "${store.schema}".wl_entries_v${version} ORDER BY application_id`,
  )
  const expected = checkpoint === undefined ? undefined : await inMemory(store, filingOrder, checkpoint)
  const want = expected === undefined
    ? []
    : [...expected.records()].map(([id, r]) => ({ application_id: id, status: r.status })).sort((a, b) => (a.application_id < b.application_id ? -1 : 1))
  assert.equal(rows, want, 'rows are exactly the effect of the events up to the checkpoint')
  const counted = (await everything(store))
    .filter((e) => checkpoint !== undefined && store.comparePositions(e.position, checkpoint) <= 0 && (types === undefined || types.includes(e.type))).length
  assert.is(Number(cp?.events ?? 0), counted, 'the checkpoint counts exactly the applied events')
  return { rows: rows.length, checkpoint }
}

