/**
 * `kezek import` is all or nothing for a run: a forged file whose chain verifies (it was re-hashed after the edit)
 * but which a store must refuse at its last stream writes nothing, and running it again fails the same clean way.
 * The three forgeries: an invalid event, a duplicate event id, a 600-character stream id. Into PostgreSQL and
 * PGlite, through the real `kezek` bin.
 */
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { chainBatch } from '../../src/integrity/index.js'
import { eventLine, headerLine, trailerLine } from '../../src/cli/transfer/format.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import type { RecordedEvent } from '../../src/store/port.js'
import { dropSchema, PG_URL, uniqueSchema } from '../store/sql-harness.js'
import { kezek, tempDir } from './fixture.js'

interface Draft {
  readonly streamId: string
  readonly id: string
  readonly type: string
}

/** An export file of `drafts` (in this order), every stream's chain computed as the store would: verifies alone. */
const exportFile = (drafts: readonly Draft[]): string => {
  const byStream = new Map<string, Draft[]>()
  for (const d of drafts) byStream.set(d.streamId, [...(byStream.get(d.streamId) ?? []), d])
  const chained = new Map<string, RecordedEvent[]>()
  for (const [streamId, ds] of byStream) {
    const events = chainBatch(
      '0'.repeat(64),
      ds.map((d, revision) => ({ streamId, revision, id: d.id, type: d.type, data: { n: revision, note: 'Өтініш' }, metadata: { actor: 'test' } })),
    )
    chained.set(streamId, events.map((e, k) => ({ ...e, position: `1:${k}`, recordedAt: '2026-01-01T00:00:00.000Z' })))
  }
  const taken = new Map<string, number>()
  const lines = drafts.map((d) => {
    const k = taken.get(d.streamId) ?? 0
    taken.set(d.streamId, k + 1)
    return eventLine((chained.get(d.streamId) as RecordedEvent[])[k] as RecordedEvent)
  })
  return [headerLine({ exportedAt: '2026-01-01T00:00:00.000Z', source: 'forged' }), ...lines, trailerLine(drafts.length, byStream.size)].join('\n') + '\n'
}

/** 40 good streams of 3 events, interleaved, then a last stream of 3 that `forge` spoils. */
const forged = (forge: (last: Draft[], earlier: readonly Draft[]) => Draft[]): string => {
  const good: Draft[] = []
  const streams = Array.from({ length: 40 }, (_, i) => `application-${i}-${randomUUID()}`)
  for (let round = 0; round < 3; round++) for (const s of streams) good.push({ streamId: s, id: randomUUID(), type: 'Counted' })
  const lastId = `application-last-${randomUUID()}`
  const last = [0, 1, 2].map(() => ({ streamId: lastId, id: randomUUID(), type: 'Counted' }))
  return exportFile([...good, ...forge(last, good)])
}

const forgeries: readonly { name: string; file: () => string; says: RegExp }[] = [
  {
    name: 'an invalid event (a 600-character type) in its last stream',
    file: () => forged((last) => last.map((d, i) => (i === 2 ? { ...d, type: 'T'.repeat(600) } : d))),
    says: /type is longer than 500 characters/,
  },
  {
    name: 'a duplicate event id',
    file: () => forged((last, earlier) => last.map((d, i) => (i === 1 ? { ...d, id: (earlier[5] as Draft).id } : d))),
    says: /already|twice/,
  },
  {
    name: 'a 600-character stream id',
    file: () => forged((last) => last.map((d) => ({ ...d, streamId: `application-${'x'.repeat(588)}` }))),
    says: /stream id is longer than 500 characters/,
  },
]

const pgCount = async (schema: string): Promise<number> => {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    const exists = await c.query(`SELECT to_regclass($1) AS t`, [`"${schema}".events`])
    if (exists.rows[0]?.t === null) return 0
    const r = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".events`)
    return Number(r.rows[0]?.n)
  } finally {
    await c.end()
  }
}

const test = suite('kezek import: all or nothing')

for (const f of forgeries) {
  test(`PostgreSQL: ${f.name} writes nothing, and again`, async () => {
    const dir = tempDir('forged')
    const schema = uniqueSchema('forged')
    try {
      const file = join(dir.path, 'forged.ndjson')
      writeFileSync(file, f.file())
      const target = `${PG_URL}?schema=${schema}`
      const first = await kezek(['import', file, '--store', target])
      assert.ok(first.code !== 0 && first.code !== 70, `a clean refusal, not a crash: ${first.code} ${first.stderr}`)
      assert.match(first.stderr, f.says)
      assert.match(first.stderr, /nothing was imported/)
      assert.is(await pgCount(schema), 0, 'not one event of the 123 was written')
      const again = await kezek(['import', file, '--store', target])
      assert.is(again.code, first.code, 'running it again fails the same way')
      assert.is(again.stderr.split('\n').filter((l) => !l.startsWith('import:')).join('\n'), first.stderr.split('\n').filter((l) => !l.startsWith('import:')).join('\n'))
      assert.is(await pgCount(schema), 0)
    } finally {
      dir.remove()
      await dropSchema(schema)
    }
  })
}

test('PGlite: a duplicate event id at the last stream writes nothing, and again', async () => {
  const dir = tempDir('forged-pglite')
  try {
    const file = join(dir.path, 'forged.ndjson')
    writeFileSync(file, (forgeries[1] as (typeof forgeries)[number]).file())
    const store = join(dir.path, 'store')
    for (let run = 0; run < 2; run++) {
      const r = await kezek(['import', file, '--store', store])
      assert.ok(r.code !== 0 && r.code !== 70, r.stderr)
      assert.match(r.stderr, /nothing was imported/)
      const opened = await openPgliteStore({ dataDir: store })
      try {
        assert.is(await opened.headPosition(), undefined, 'the PGlite store holds no event')
      } finally {
        await opened.close()
      }
    }
  } finally {
    dir.remove()
  }
})

test('a good file imports whole, and importing it again writes nothing new', async () => {
  const dir = tempDir('good')
  const schema = uniqueSchema('good')
  try {
    const file = join(dir.path, 'good.ndjson')
    writeFileSync(file, forged((last) => last))
    const target = `${PG_URL}?schema=${schema}`
    const first = await kezek(['import', file, '--store', target, '--json'])
    assert.is(first.code, 0, first.stderr)
    assert.is((JSON.parse(first.stdout) as { written: number }).written, 123)
    assert.match(first.stderr, /import: checking and writing: 123 events in [\d.]+ s \([\d ]+ events\/s\)/)
    assert.is(await pgCount(schema), 123)
    const again = await kezek(['import', file, '--store', target, '--json'])
    assert.is(again.code, 0, again.stderr)
    assert.equal((JSON.parse(again.stdout) as { written: number; alreadyThere: number }), { ...(JSON.parse(again.stdout) as object), written: 0, alreadyThere: 123 })
  } finally {
    dir.remove()
    await dropSchema(schema)
  }
})

test.run()
