/**
 * The kindergarten Journal in the SQL waiting list: `journal-order` in SQL orders exactly as the domain's
 * `journalOrder.compare` (Journal date, then number compared like request numbers, then filing order), housing
 * lists beside it keep filing order, and a referral takes the child off the list as `placed`.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { PGlite } from '@electric-sql/pglite'
import { journalOrder, rebuildWaitingList, type ApplicationEvent } from '@kezek/domain'
import { rebuildWaitingListProjection, waitingListReader } from '../../src/projection/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import type { NewEvent } from '../../src/store/port.js'
import { domainEvents, iinFor } from './applications.js'
import { everything } from './consistency.js'

const PROVIDER = 'kokpekty/education'
const DATES = ['2024-03-04', '2024-03-05', '2024-02-29']
// Digit strings of different lengths, leading zeros, letters, repeats: where text order and number order disagree.
const NUMBERS = ['9', '10', '100', '1a', '10', '09', '0', '99', 'A1', '9']

const event = (e: Record<string, unknown>): NewEvent => ({
  id: `${String(e['applicationId'])}-${String(e['type'])}`,
  type: String(e['type']),
  data: { schema: 1, commandId: `cmd-${String(e['applicationId'])}-${String(e['type'])}`, ...e } as unknown as NewEvent['data'],
  metadata: {} as NewEvent['metadata'],
})

const queued = (i: number, kindergarten: boolean): NewEvent => event({
  type: 'queued', applicationId: `kg-${String(i).padStart(3, '0')}`, at: '2024-05-01T00:00:00.000Z',
  list: { providerId: PROVIDER, category: kindergarten ? 'preschool_journal' : 'orphans' },
  applicantIin: iinFor(i), familySize: 1,
  // Filing times run against the Journal for some entries, so only the Journal can explain the order.
  filedAt: new Date(Date.parse('2024-03-01T00:00:00.000Z') + ((i * 37) % 29) * 3_600_000).toISOString(),
  requestNumber: String(500 + ((i * 7) % 13)), commissionDecisionDate: '2024-03-04', queueNumberAtRegistration: i + 1,
  ...(kindergarten ? { journal: { number: NUMBERS[i % NUMBERS.length], date: DATES[i % DATES.length] } } : {}),
})

const referral = (i: number): NewEvent => event({
  type: 'result_issued', applicationId: `kg-${String(i).padStart(3, '0')}`, at: '2024-06-01T00:00:00.000Z',
  result: { kind: 'preschool_referral', referralNumber: `Н-${i}`, organisation: 'ясли-сад № 7' },
  issuedOn: '2024-06-01', documentDigest: '12'.repeat(32), validUntil: '2024-06-06',
})

test('journal-order in SQL = the domain’s journalOrder, housing lists unchanged, referrals leave the list', async () => {
  const store = await openPgliteStore({ db: new PGlite(), schema: 'journal_order' })
  try {
    for (let i = 0; i < 36; i++) {
      const kindergarten = i % 6 !== 5
      const events = [queued(i, kindergarten), ...(kindergarten && i % 7 === 3 ? [referral(i)] : [])]
      const r = await store.append(`application-kg-${String(i).padStart(3, '0')}`, events, { expected: 'no_stream' })
      assert.ok(E.isRight(r), JSON.stringify(r))
    }
    const built = await rebuildWaitingListProjection({ store, db: { driver: store.driver, schema: store.schema }, policy: 'journal-order' })
    assert.ok(E.isRight(built), JSON.stringify(built))
    const reader = waitingListReader(store.driver, store.schema)
    assert.is((await reader.active())?.policy, 'journal-order@1')

    const events: ApplicationEvent[] = domainEvents(await everything(store))
    const domain = rebuildWaitingList(events, journalOrder)
    const expected = domain.listIds().flatMap((listId) => {
      const entries = [...domain.entries(listId)]
      return entries.map((e, i) => ({ applicationId: e.applicationId, listId, position: i + 1, of: entries.length }))
    })
    const sql = [...(await reader.all())]
    const byList = (xs: readonly { listId: string; position: number }[]) =>
      [...xs].sort((a, b) => (a.listId < b.listId ? -1 : a.listId > b.listId ? 1 : a.position - b.position))
    assert.equal(byList(sql), byList(expected), 'every position as the domain computes it')

    const journalList = `${PROVIDER}/preschool_journal`
    const placed = [3, 10, 24, 31].map((i) => `kg-${String(i).padStart(3, '0')}`)
    for (const id of placed) {
      assert.is(domain.record(id)?.status, 'placed')
      assert.is(await reader.positionOf(id), undefined, `${id} left the list with its referral`)
    }
    const [row] = await store.driver.query<{ status: string; journal_number: string; journal_date: string }>(
      `SELECT status, journal_number, journal_date FROM "journal_order".wl_entries_v1 WHERE application_id = $1`, [placed[0]])
    assert.equal(row, { status: 'placed', journal_number: NUMBERS[3], journal_date: DATES[0] })
    // The page is in the same order, and the order is not the filing order here.
    const page = await reader.page(journalList, 0, 100)
    assert.equal(page.map((p) => p.applicationId), [...domain.entries(journalList)].map((e) => e.applicationId))
    const byFiling = [...page].sort((a, b) => (a.filedAt < b.filedAt ? -1 : a.filedAt > b.filedAt ? 1 : 0)).map((p) => p.applicationId)
    assert.not.equal(page.map((p) => p.applicationId), byFiling, 'the fixture distinguishes Journal order from filing order')
  } finally {
    await store.close()
  }
})

test.run()
