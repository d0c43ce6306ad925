/**
 * The `kezek` bin as a real child process against a PGlite data directory seeded with a generated history:
 * history in three languages and as JSON, list without personal data, rebuild with two policies and a diff,
 * export → import into PostgreSQL → verify, and verify catching an event altered behind the store's back.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { decisionDateOrder, filingOrder, rebuildWaitingList, decodeEvent, type ApplicationEvent } from '@kezek/domain'
import * as E from 'fp-ts/lib/Either.js'
import { positionChanges } from '../../src/projection/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { sqlTamper } from '../store/sql-harness.js'
import { describeSeeded, kezek, PG_URL, seed, tempDir, type Seeded } from './fixture.js'

interface Ctx {
  dir: { path: string; remove: () => void }
  store: string
  seeded: Seeded
  events: ApplicationEvent[]
  schema: string
}

const cli = suite<Ctx>('kezek on PGlite')

cli.before(async (ctx) => {
  ctx.dir = tempDir('pglite')
  ctx.store = join(ctx.dir.path, 'store')
  ctx.schema = `t_cli_import_${process.pid}_${Date.now() % 1e6}`
  const store = await openPgliteStore({ dataDir: ctx.store })
  try {
    await seed(store, 600, 11)
    ctx.seeded = await describeSeeded(store)
    ctx.events = []
    for await (const r of store.readAll()) {
      const d = decodeEvent(r.data)
      if (E.isRight(d)) ctx.events.push(d.right)
    }
  } finally {
    await store.close()
  }
})

cli.after(async (ctx) => {
  ctx.dir.remove()
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS "${ctx.schema}" CASCADE`)
  await client.end()
})

cli('history by request number: every event in plain words with who, role, channel, times, rule and chain link', async ({ store, seeded }) => {
  const r = await kezek(['history', seeded.application.requestNumber, '--store', store])
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, `Application ${seeded.application.id}`)
  assert.match(r.stdout, `request No. ${seeded.application.requestNumber}`)
  assert.match(r.stdout, 'hash chain intact')
  const blocks = r.stdout.split('\n').filter((l) => /^#\d+ /.test(l))
  assert.is(blocks.length, seeded.application.types.length)
  assert.match(r.stdout, 'Registered on the housing list')
  assert.match(r.stdout, 'At the time of registration your place in the queue is No.')
  assert.match(r.stdout, /role (citizen|provider officer|service centre operator)/)
  assert.match(r.stdout, /rule housing-queue\/[\w-]+@\d/)
  assert.match(r.stdout, 'signature: verified at intake (recorded verdict:')
  assert.is((r.stdout.match(/chain link: ok/g) ?? []).length, seeded.application.types.length)
})

cli('history --lang ru speaks the regulation’s words; --json carries the provenance of each event', async ({ store, seeded }) => {
  const ru = await kezek(['history', seeded.application.id, '--store', store, '--lang', 'ru'])
  assert.is(ru.code, 0, ru.stderr)
  assert.match(ru.stdout, 'Поставлен на учет')
  assert.match(ru.stdout, 'цепочка хешей цела')

  const j = await kezek(['history', seeded.application.iin, '--store', store, '--json'])
  assert.is(j.code, 0, j.stderr)
  const parsed = JSON.parse(j.stdout) as unknown
  const timelines = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ applicationId: string; matchedBy: string; events: Array<Record<string, unknown>> }>
  const t = timelines.find((x) => x.applicationId === seeded.application.id)
  assert.ok(t, 'the IIN finds the application')
  assert.is(t?.matchedBy, 'applicant_iin')
  for (const e of t?.events ?? []) {
    assert.type(e.validTime, 'string')
    assert.type(e.recordTime, 'string')
    assert.type(e.ruleVersion, 'string')
    assert.type((e.actor as { role?: unknown }).role, 'string')
    assert.equal(e.chainLink, { ok: true })
  }
})

cli('list --public shows positions and request numbers but no IIN; --full shows the holders', async ({ store, seeded }) => {
  const pub = await kezek(['list', '--store', store, '--public', '--csv'])
  assert.is(pub.code, 0, pub.stderr)
  assert.match(pub.stdout, /^list,position,request_number,filed_at,category,number_at_registration\r\n/)
  assert.match(pub.stdout, seeded.application.requestNumber)
  for (const iin of seeded.iins) assert.not.match(pub.stdout, iin, `IIN ${iin} leaked into the public list`)
  assert.not.match(pub.stdout, seeded.application.id)

  const full = await kezek(['list', '--store', store, '--full'])
  assert.is(full.code, 0, full.stderr)
  assert.match(full.stdout, 'FULL list with personal data')
  assert.match(full.stdout, seeded.application.id)
})

cli('rebuild-queue --diff with two policies names every moved entry and the policy as the reason', async ({ store, dir, events }) => {
  const out = join(dir.path, 'filing.txt')
  const r = await kezek(['rebuild-queue', '--store', store, '--policy', 'filing-order@1', '--out', out, '--diff', '--against', 'decision-date-order@1'])
  assert.is(r.code, 0, r.stderr)
  // The file is the domain's own deterministic form of the same rebuild.
  assert.is(readFileSync(out, 'utf8'), rebuildWaitingList(events, filingOrder).serialize())
  const expected = positionChanges(rebuildWaitingList(events, decisionDateOrder), filingOrder)
  assert.ok(expected.length > 0, 'the seeded history must have entries the two policies order differently')
  const moved = r.stdout.split('\n').filter((l) => / moved \d+ → \d+: /.test(l))
  assert.is(moved.length, expected.length)
  for (const c of expected) {
    const line = moved.find((l) => l.includes(`(${c.applicationId})`))
    assert.ok(line, `entry ${c.applicationId} is listed`)
    assert.match(line ?? '', `moved ${c.before} → ${c.after}: policy filing-order@1 orders by the time of filing`)
  }
  assert.match(r.stderr, /rebuild-queue: reading events: [\d ]+ events in [\d.]+ s \([\d ]+ events\/s\)/)

  const again = await kezek(['rebuild-queue', '--store', store, '--out', out])
  assert.is(again.code, 5, 'an existing file is not replaced without --force')
  assert.match(again.stderr, 'hint: pass --force')
})

cli('export → import into PostgreSQL keeps ids and hashes, and the target verifies', async ({ store, dir, schema, seeded }) => {
  const file = join(dir.path, 'backup.ndjson')
  const ex = await kezek(['export', '--store', store, '--out', file])
  assert.is(ex.code, 0, ex.stderr)
  const target = `${PG_URL}?schema=${schema}`
  const im = await kezek(['import', file, '--store', target, '--json'])
  assert.is(im.code, 0, im.stderr)
  assert.is((JSON.parse(im.stdout) as { written: number }).written, seeded.events)
  const v = await kezek(['verify', '--store', target])
  assert.is(v.code, 0, v.stdout + v.stderr)
  assert.match(v.stdout, `${seeded.events} events in ${seeded.streams} streams`)

  // Exported again from PostgreSQL, every event line is the same but for the store's position and record time.
  const back = await kezek(['export', '--store', target])
  const strip = (text: string) =>
    text.split('\n').filter((l) => l.startsWith('{"streamId"')).map((l) => {
      const { position: _p, recordedAt: _r, ...rest } = JSON.parse(l) as Record<string, unknown>
      return JSON.stringify(rest)
    })
  assert.equal(strip(back.stdout), strip(readFileSync(file, 'utf8')))

  const twice = await kezek(['import', file, '--store', target])
  assert.is(twice.code, 0, 'running the import again finds everything already there')
  assert.match(twice.stdout, `0 written, ${seeded.events} already there`)
})

cli('verify passes, then names the event altered behind the store’s back and exits 1', async ({ store, seeded }) => {
  const ok = await kezek(['verify', '--store', store])
  assert.is(ok.code, 0, ok.stdout + ok.stderr)
  assert.match(ok.stdout, 'OK: every hash-chain link')

  const db = await openPgliteStore({ dataDir: store })
  const read = await db.readStream(seeded.application.streamId)
  const victim = E.isRight(read) ? read.right[2] : undefined
  if (victim === undefined) throw new Error('no event to tamper with')
  await sqlTamper(db).alterData(victim.streamId, victim.revision, { ...(victim.data as object), at: '2001-01-01T00:00:00.000Z' })
  await db.close()

  const bad = await kezek(['verify', '--store', store])
  assert.is(bad.code, 1)
  assert.match(bad.stdout, 'chain.altered: 1')
  assert.match(bad.stdout, `first at stream ${victim.streamId} revision ${victim.revision}, event ${victim.id}`)
  const history = await kezek(['history', seeded.application.id, '--store', store])
  assert.is(history.code, 1)
  assert.match(history.stdout, 'hash chain BROKEN')
  assert.match(history.stdout, `#${victim.revision} `)
})

cli('mistakes are usage errors (2), a missing store is unreachable (3), an unknown reference is not found (4)', async ({ store }) => {
  const unknown = await kezek(['frobnicate'])
  assert.is(unknown.code, 2)
  assert.match(unknown.stderr, 'unknown command')
  const noStore = await kezek(['verify'])
  assert.is(noStore.code, 2)
  assert.match(noStore.stderr, 'hint: pass --store')
  const badPolicy = await kezek(['rebuild-queue', '--store', store, '--policy', 'lottery@1', '--out', '/dev/null'])
  assert.is(badPolicy.code, 2)
  assert.match(badPolicy.stderr, 'the policies are filing-order@1, decision-date-order@1')
  const missing = await kezek(['verify', '--store', '/nonexistent/kezek'])
  assert.is(missing.code, 3)
  assert.match(missing.stderr, 'there is no PGlite data directory at /nonexistent/kezek')
  const notFound = await kezek(['history', '999999999999999', '--store', store])
  assert.is(notFound.code, 4)
})

cli.run()
