/**
 * The `kezek` bin as a real child process against PostgreSQL (one schema per run, dropped after): verify, a row
 * tampered with in SQL named by `verify` and `verify --stream`, a blue/green rebuild of the projection under two
 * policies with the diff against the list readers use, and the store's own failure modes as exit codes.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import * as E from 'fp-ts/lib/Either.js'
import { decisionDateOrder, decodeEvent, filingOrder, rebuildWaitingList, type ApplicationEvent } from '@kezek/domain'
import { positionChanges, waitingListReader } from '../../src/projection/index.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { describeSeeded, kezek, PG_URL, seed, type Seeded } from './fixture.js'

interface Ctx {
  schema: string
  url: string
  store: SqlEventStore
  seeded: Seeded
  events: ApplicationEvent[]
}

const cli = suite<Ctx>('kezek on PostgreSQL')

cli.before(async (ctx) => {
  ctx.schema = `t_cli_${randomBytes(6).toString('hex')}`
  ctx.url = `${PG_URL}?schema=${ctx.schema}`
  ctx.store = await openPostgresStore({ connectionString: PG_URL, schema: ctx.schema })
  await seed(ctx.store, 500, 23)
  ctx.seeded = await describeSeeded(ctx.store)
  ctx.events = []
  for await (const r of ctx.store.readAll()) {
    const d = decodeEvent(r.data)
    if (E.isRight(d)) ctx.events.push(d.right)
  }
})

cli.after(async (ctx) => {
  await ctx.store.close()
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS "${ctx.schema}" CASCADE`)
  await client.end()
})

cli('history by application id, in Kazakh', async ({ url, seeded }) => {
  const r = await kezek(['history', seeded.application.id, '--store', url, '--lang', 'kk'])
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, `Өтініш ${seeded.application.id}`)
  assert.match(r.stdout, 'Есепке қойылды')
  assert.match(r.stdout, 'хеш тізбегі бүтін')
})

cli('rebuild-queue: a new projection version per policy, switched on, with the diff against the list readers used', async ({ url, store, events }) => {
  const first = await kezek(['rebuild-queue', '--store', url, '--policy', 'decision-date-order@1', '--json'])
  assert.is(first.code, 0, first.stderr)
  const v1 = JSON.parse(first.stdout) as { projectionVersion: number; switched: boolean }
  assert.equal([v1.projectionVersion, v1.switched], [1, true])
  const reader = waitingListReader(store.driver, store.schema)
  assert.equal(await reader.active(), { version: 1, policy: 'decision-date-order@1' })

  const second = await kezek(['rebuild-queue', '--store', url, '--policy', 'filing-order@1', '--diff'])
  assert.is(second.code, 0, second.stderr)
  assert.match(second.stdout, 'projection version 2 (readers switched to it)')
  assert.match(second.stdout, 'diff: the current list (projection v1, decision-date-order@1, as of now) → filing-order@1 as of now')
  assert.equal(await reader.active(), { version: 2, policy: 'filing-order@1' })
  const expected = positionChanges(rebuildWaitingList(events, decisionDateOrder), filingOrder)
  const moved = second.stdout.split('\n').filter((l) => / moved \d+ → \d+: policy filing-order@1 /.test(l))
  assert.is(moved.length, expected.length)
  assert.match(second.stdout, `${expected.length} of `)
  // What readers now see is what the domain computes from the same events.
  const all = await reader.all()
  const domain = rebuildWaitingList(events, filingOrder)
  for (const p of all) assert.is(p.position, domain.position(p.applicationId)?.position)

  const past = await kezek(['rebuild-queue', '--store', url, '--as-of', '2020-01-01'])
  assert.is(past.code, 2, 'a past list cannot become the live projection')
  assert.match(past.stderr, 'add --out FILE')
})

cli('verify names an event altered in SQL; --stream narrows to its application', async ({ url, schema, seeded }) => {
  const ok = await kezek(['verify', '--store', url, '--json'])
  assert.is(ok.code, 0, ok.stdout + ok.stderr)
  assert.is((JSON.parse(ok.stdout) as { ok: boolean }).ok, true)

  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  const s = `"${schema}"`
  const [victim] = (
    await client.query<{ id: string; revision: string }>(`SELECT id, revision::text FROM ${s}.events WHERE stream_id = $1 AND type = 'queued'`, [
      seeded.application.streamId,
    ])
  ).rows
  if (victim === undefined) throw new Error('no queued event to tamper with')
  await client.query('BEGIN')
  await client.query(`ALTER TABLE ${s}.events DISABLE TRIGGER USER`)
  await client.query(`UPDATE ${s}.events SET data = jsonb_set(data, '{queueNumberAtRegistration}', '1') WHERE id = $1`, [victim.id])
  await client.query(`ALTER TABLE ${s}.events ENABLE TRIGGER USER`)
  await client.query('COMMIT')
  await client.end()

  const bad = await kezek(['verify', '--store', url])
  assert.is(bad.code, 1)
  assert.match(bad.stdout, 'chain.altered: 1 — an event was changed after it was written')
  assert.match(bad.stdout, `first at stream ${seeded.application.streamId} revision ${victim.revision}, event ${victim.id}`)
  const narrowed = await kezek(['verify', '--store', url, '--stream', seeded.application.id])
  assert.is(narrowed.code, 1)
  assert.match(narrowed.stdout, `event ${victim.id}`)
})

cli('an unreachable server or a schema without a store exits 3 with a hint', async ({ schema }) => {
  const down = await kezek(['verify', '--store', 'postgres://postgres@127.0.0.1:1/test'])
  assert.is(down.code, 3)
  assert.match(down.stderr, 'ECONNREFUSED')
  assert.match(down.stderr, 'hint: is PostgreSQL running')
  const noStore = await kezek(['list', '--store', `${PG_URL}?schema=${schema}_absent`])
  assert.is(noStore.code, 3)
  assert.match(noStore.stderr, `has no kezek store in schema ${schema}_absent`)
  const esdb = await kezek(['verify', '--store', 'esdb://127.0.0.1:1?tls=false'])
  assert.is(esdb.code, 3)
  assert.match(esdb.stderr, 'cannot open EventStoreDB')
})

cli.run()
