/**
 * Request numbers order the same in the domain and in SQL: digit strings by value (leading zeros are padding, so
 * '0099' < '100'), one value's spellings by length, then every other number as text. Checked on PostgreSQL and
 * PGlite with the `ORDER BY` the projection uses, over numbers of mixed widths, padded and unpadded.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { compareRequestNumbers, filingOrder, journalOrder, type WaitingEntry } from '@kezek/domain'
import { orderBySql } from '../../src/projection/index.js'
import { PG_URL } from '../store/sql-harness.js'

const NUMBERS = [
  '100', '0099', '99', '099', '0000000100', '1', '01', '0', '000', '10', '9', '0000000009', '1000000000', '999999999',
  '12345678901234567890', '012345678901234567890', '1a', 'A-7', 'b', '09a', ' 1',
]

const rows = NUMBERS.map((n, i) => ({ id: `app-${String(i).padStart(2, '0')}`, n }))

/** The rows as the domain orders them: equal filing instants, so the request number decides. */
const domainOrder = (policy: typeof filingOrder): string[] => {
  const entry = (r: (typeof rows)[number]): WaitingEntry => ({
    applicationId: r.id, requestNumber: r.n, filedAtMs: 0, commissionDecisionDate: '2024-01-01',
    journal: { number: r.n, date: '2024-01-01' },
  }) as unknown as WaitingEntry
  return [...rows].sort((a, b) => policy.compare(entry(a), entry(b))).map((r) => r.id)
}

const query = (policy: typeof filingOrder): string =>
  `SELECT application_id FROM (VALUES ${rows.map((_, i) => `($${2 * i + 1}::text, $${2 * i + 2}::text)`).join(', ')})
     AS v(application_id, request_number)
   CROSS JOIN LATERAL (SELECT 0::bigint AS filed_at_ms, '2024-01-01'::text AS commission_decision_date,
     '2024-01-01'::text AS journal_date, v.request_number AS journal_number) AS fixed
   ORDER BY ${orderBySql(policy)}`

const params = rows.flatMap((r) => [r.id, r.n])

test('the domain: digit strings by value, padding after, then other numbers as text', () => {
  const sorted = [...NUMBERS].sort(compareRequestNumbers)
  assert.equal(sorted, [
    '0', '000', '1', '01', '9', '0000000009', '10', '99', '099', '0099', '100', '0000000100', '999999999', '1000000000',
    '12345678901234567890', '012345678901234567890', ' 1', '09a', '1a', 'A-7', 'b',
  ])
})

test('PostgreSQL orders request numbers (and Journal numbers) exactly as the domain', async () => {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    for (const policy of [filingOrder, journalOrder]) {
      const r = await client.query<{ application_id: string }>(query(policy), params)
      assert.equal(r.rows.map((x) => x.application_id), domainOrder(policy), policy.name)
    }
  } finally {
    await client.end()
  }
})

test('PGlite orders them the same', async () => {
  const db = new PGlite()
  try {
    for (const policy of [filingOrder, journalOrder]) {
      const r = await db.query<{ application_id: string }>(query(policy), params)
      assert.equal(r.rows.map((x) => x.application_id), domainOrder(policy), policy.name)
    }
  } finally {
    await db.close()
  }
})

test.run()
