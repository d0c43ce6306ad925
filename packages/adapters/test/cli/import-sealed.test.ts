/**
 * `kezek import` of a generated history (personal data in clear) into PGlite and PostgreSQL goes through the bulk
 * path, and must seal personal data on the way in like any other write: after the import, every file of the PGlite
 * directory (checkpointed and closed, WAL included) and a pg_dump of the PostgreSQL schema hold none of the file's
 * IINs, names, addresses or phones — as text, hex or base64 — while `kezek verify` passes and the store, read
 * through its keys, gives them back.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent, filingOrder, rebuildWaitingList } from '@kezek/domain'
import { writeNdjson } from '../../src/generator/output.js'
import { kezekPersonalFields, mapPersonalFields, openPersonalDataStore } from '../../src/privacy/index.js'
import type { Json } from '../../src/store/port.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { kezek, PG_URL, tempDir } from './fixture.js'

const SEARCHED = new Set(['iin', 'name', 'address', 'phone'])

interface Line { readonly streamId: string; readonly event: Json & { readonly type: string }; readonly envelope: Json }

/** Every value of a marked IIN, name, address or phone field in the file: found through the codecs' marks. */
const personalValues = async (lines: readonly Line[]): Promise<string[]> => {
  const found = new Set<string>()
  const collect = async (json: Json, section: 'data' | 'metadata', type: string) =>
    mapPersonalFields(json, section, section === 'data' ? kezekPersonalFields.data(type) : kezekPersonalFields.metadata, async (v, m) => {
      if (typeof v === 'string' && SEARCHED.has(m.field.mark.kind) && v.length >= 6) found.add(v)
      return v
    })
  for (const l of lines) {
    await collect(l.event, 'data', l.event.type)
    await collect(l.envelope, 'metadata', l.event.type)
  }
  return [...found]
}

/** Every way a needle's bytes could stand in a file: text, hex (both cases), base64 and base64url at each alignment. */
const encodings = (needle: string): Buffer[] => {
  const bytes = Buffer.from(needle, 'utf8')
  const out = [bytes, Buffer.from(bytes.toString('hex')), Buffer.from(bytes.toString('hex').toUpperCase())]
  for (let shift = 0; shift < 3; shift++) {
    const shifted = Buffer.concat([Buffer.alloc(shift), bytes])
    for (const b64 of [shifted.toString('base64'), shifted.toString('base64url')]) {
      // The characters that depend only on the needle: skip the ones mixed with the padding before and after.
      const start = shift === 0 ? 0 : shift === 1 ? 2 : 3
      const stable = b64.replace(/=+$/, '').slice(start, Math.floor((shift + bytes.length) / 3) * 4)
      if (stable.length >= 8) out.push(Buffer.from(stable))
    }
  }
  return out
}

const hits = (haystack: Buffer, needles: readonly string[]): string[] => needles.filter((n) => encodings(n).some((e) => haystack.includes(e)))

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]))

const generated = async (dir: string): Promise<{ file: string; lines: Line[]; needles: string[] }> => {
  const file = join(dir, 'history.ndjson')
  await writeNdjson(file, { seed: 11, events: 300 })
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line)
  const needles = await personalValues(lines)
  return { file, lines, needles }
}

/** The file's needles are found in the file itself (the search is not vacuous), in every encoding. */
const searchWorks = (file: string, lines: readonly Line[], needles: readonly string[]): void => {
  assert.ok(lines.length >= 250, `about 300 events generated (${lines.length})`)
  const applicants = lines.filter((l) => l.event.type === 'authorized').map((l) => (l.event as unknown as { applicantIin: string }).applicantIin)
  assert.ok(applicants.length >= 10, 'several applications')
  for (const iin of applicants) assert.ok(needles.includes(iin), `applicant ${iin} is among the needles`)
  assert.ok(needles.some((n) => !/^\d+$/.test(n)), 'names or addresses are among the needles too')
  assert.equal(hits(readFileSync(file), needles).sort(), [...needles].sort(), 'every needle is in the generated file')
  const [one] = needles as [string]
  assert.is(hits(Buffer.from(`x${Buffer.from(`ab${one}`).toString('base64')}`), needles).length, 1, 'found in base64 at an offset')
  assert.is(hits(Buffer.from(`:${Buffer.from(one).toString('hex').toUpperCase()}`), needles).length, 1, 'found in hex')
}

/** Read back through the keys, the first application says what the file said. */
const readsBack = async (store: SqlEventStore, lines: readonly Line[]): Promise<void> => {
  const opened = await openPersonalDataStore(store, { mode: 'encrypted' }, () => undefined)
  try {
    const first = lines.find((l) => l.event.type === 'authorized') as Line
    const stored = await store.readStream(first.streamId, { maxCount: 1 })
    const open = await opened.store.readStream(first.streamId, { maxCount: 1 })
    assert.ok(E.isRight(stored) && E.isRight(open))
    const sealed = (stored.right[0]?.data as { applicantIin: string }).applicantIin
    assert.match(sealed, /^pii1\./, 'stored sealed')
    assert.equal(open.right[0]?.data, first.event, 'read through the keys, the event is the file’s')
  } finally {
    await opened.store.close()
  }
}

test('PGlite: a generated history imported in bulk is sealed in every file of the directory, WAL included', async () => {
  const tmp = tempDir('import-sealed')
  try {
    const { file, lines, needles } = await generated(tmp.path)
    searchWorks(file, lines, needles)
    const dir = join(tmp.path, 'store')
    const imported = await kezek(['import', file, '--store', dir, '--json'])
    assert.is(imported.code, 0, imported.stderr)
    assert.is((JSON.parse(imported.stdout) as { written: number }).written, lines.length)
    const verified = await kezek(['verify', '--store', dir])
    assert.is(verified.code, 0, verified.stdout + verified.stderr)
    // The lists, rebuilt from the sealed store (only the waiting-list events opened), are the file's own lists.
    const lists = join(tmp.path, 'lists.txt')
    const rebuilt = await kezek(['rebuild-queue', '--store', dir, '--policy', 'filing-order@1', '--out', lists])
    assert.is(rebuilt.code, 0, rebuilt.stderr)
    const events = lines.map((l) => decodeEvent(l.event)).flatMap((d) => (E.isRight(d) ? [d.right] : []))
    assert.is(events.length, lines.length, 'every generated event decodes')
    assert.is(readFileSync(lists, 'utf8'), rebuildWaitingList(events, filingOrder).serialize())
    // Found by request number (only registrations opened) and by the applicant's IIN, on the sealed store.
    const registered = events.find((e) => e.type === 'registered')
    const authorized = events.find((e) => e.type === 'authorized' && e.applicationId === registered?.applicationId)
    if (registered?.type !== 'registered' || authorized?.type !== 'authorized') return assert.unreachable('the history has a registration')
    for (const ref of [registered.requestNumber, authorized.applicantIin]) {
      const found = await kezek(['history', ref, '--store', dir])
      assert.is(found.code, 0, found.stderr)
      assert.ok(found.stdout.includes(`Application ${registered.applicationId} · request No. ${registered.requestNumber} · applicant IIN ${authorized.applicantIin}`), found.stdout.slice(0, 300))
    }

    const store = await openPgliteStore({ dataDir: dir })
    await readsBack(store, lines)
    const reopened = await openPgliteStore({ dataDir: dir })
    await reopened.driver.exec('CHECKPOINT')
    await reopened.close()
    const files = filesUnder(dir)
    assert.ok(files.some((f) => f.includes('pg_wal')), 'the WAL is searched too')
    for (const f of files) assert.equal(hits(readFileSync(f), needles), [], f)
  } finally {
    tmp.remove()
  }
})

test('PostgreSQL: a generated history imported in bulk is sealed in a pg_dump of the schema', async () => {
  const tmp = tempDir('import-sealed-pg')
  const schema = `t_import_sealed_${randomBytes(6).toString('hex')}`
  try {
    const { file, lines, needles } = await generated(tmp.path)
    const url = `${PG_URL}?schema=${schema}`
    const imported = await kezek(['import', file, '--store', url, '--json'])
    assert.is(imported.code, 0, imported.stderr)
    assert.is((JSON.parse(imported.stdout) as { written: number }).written, lines.length)
    const verified = await kezek(['verify', '--store', url])
    assert.is(verified.code, 0, verified.stdout + verified.stderr)

    await readsBack(await openPostgresStore({ connectionString: PG_URL, schema }), lines)
    const u = new URL(PG_URL)
    const dump = execFileSync('pg_dump', ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', '-n', schema, u.pathname.slice(1)], { maxBuffer: 1 << 28 })
    assert.ok(dump.includes(Buffer.from('kezek_subject_keys')) && dump.includes(Buffer.from('pii1.')), 'the dump holds the events and the keys')
    assert.equal(hits(dump, needles), [], 'pg_dump of the schema')
  } finally {
    tmp.remove()
    const client = new pg.Client({ connectionString: PG_URL })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await client.end()
  }
})

test.run()
