/**
 * The demo's history: placed so it ends just before the instant given (nothing after it), houses entries in
 * every year so the movement charts have figures, and loads through the SQL store's bulk path sealed like any
 * append — no applicant's IIN in clear in the store — into the same waiting list the one-append-per-decision path
 * gives.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { filingOrder, housingQueueAlmaty2012, kazakhstanNational, rebuildWaitingList, decodeEvent, type ApplicationEvent, type ProviderId } from '@kezek/domain'
import { openMemoryStore, openPersonalDataStore, openPgliteStore, type EventStore, type SqlEventStore } from '@kezek/adapters'
import { demoDecisions, loadDemoHistory } from '../src/demo/history.js'

const providers = [{ id: 'almaty-housing' as ProviderId, name: 'Алматы', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() }]
const END = new Date('2026-11-20T06:00:00Z')
const options = { seed: 7, events: 900, housingPerYear: 0.3, endsBefore: END }

const listOf = async (store: EventStore): Promise<string> => {
  const events: ApplicationEvent[] = []
  for await (const r of store.readAll()) {
    const d = decodeEvent(r.data)
    if (d._tag === 'Right') events.push(d.right)
  }
  return rebuildWaitingList(events, filingOrder).serialize()
}

test('ten years ending just before the given instant, with entries housed across the years', () => {
  const records = [...demoDecisions(providers, options)].flatMap((d) => d.records)
  assert.ok(records.length > 0.75 * options.events, `most of the history is kept (${records.length})`)
  const times = records.map((r) => Date.parse(r.envelope.recordedAt))
  assert.ok(Math.max(...times) <= END.getTime(), 'nothing after the end')
  const years = (END.getTime() - Math.min(...times)) / (365.25 * 24 * 3600 * 1000)
  assert.ok(years > 9.5 && years < 10.5, `about ten years (${years.toFixed(2)})`)
  const housedYears = new Set(records.filter((r) => r.event.type === 'housing_allocated').map((r) => r.envelope.recordedAt.slice(0, 4)))
  assert.ok(housedYears.size >= 8, `entries housed in most years (${[...housedYears].sort().join(', ')})`)
})

test('the bulk path seals personal data and gives the same waiting list as one append per decision', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-demo-'))
  const raw = await openPgliteStore({ dataDir: dir })
  try {
    const personal = await openPersonalDataStore(raw, { mode: 'encrypted' }, () => undefined)
    const loaded = await loadDemoHistory(personal.store, providers, { ...options, bulk: { sql: raw as SqlEventStore, personal: personal.protected! } })
    const appended = openMemoryStore()
    const plain = await loadDemoHistory(appended, providers, options)
    assert.is(loaded.events, plain.events)
    assert.is(await listOf(personal.store), await listOf(appended))
    const iins = new Set<string>()
    for await (const r of appended.readAll()) {
      const iin = (r.data as { applicantIin?: unknown }).applicantIin
      if (typeof iin === 'string') iins.add(iin)
    }
    assert.ok(iins.size > 20)
    let stored = ''
    for await (const r of raw.readAll()) stored += JSON.stringify(r.data) + JSON.stringify(r.metadata)
    assert.equal([...iins].filter((iin) => stored.includes(iin)), [], 'no applicant IIN in clear in the store')
  } finally {
    await raw.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
