/**
 * A sealed `kezek import` creates its keys in batches (Sealer.prepare, Keyring.keysFor) over windows of records
 * read ahead. Over a history longer than one window: exactly the people one-by-one sealing would have given a key
 * get one, every event reads back through the keys as the file wrote it, and erasing an applicant makes their
 * data read as erased while the hash chain still verifies.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { writeNdjson } from '../../src/generator/output.js'
import { verifyStore } from '../../src/integrity/index.js'
import { ERASED_IIN, kezekPersonalFields, memoryKeyring, openPersonalDataStore, type Keyring } from '../../src/privacy/index.js'
import { eventSealer } from '../../src/privacy/seal.js'
import type { Json, NewEvent } from '../../src/store/port.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { dropSchema, uniqueSchema } from '../store/sql-harness.js'
import { kezek, PG_URL, tempDir } from './fixture.js'

interface Line { readonly streamId: string; readonly event: Json & { readonly type: string }; readonly envelope: Json & { readonly eventId: string } }

/** The people one-by-one sealing asks a key for: every run of one stream sealed in file order, no read-ahead. */
const oneByOneSubjects = async (lines: readonly Line[]): Promise<number> => {
  const inner = memoryKeyring()
  const asked = new Set<string>()
  const keyring: Keyring = { ...inner, keyFor: async (s) => { asked.add(s); return inner.keyFor(s) } }
  const applicants = new Map<string, Json>()
  const sealer = eventSealer(keyring, { fields: kezekPersonalFields, storedApplicant: async (id) => applicants.get(id) })
  for (let i = 0; i < lines.length;) {
    const streamId = (lines[i] as Line).streamId
    const run: NewEvent[] = []
    for (; i < lines.length && (lines[i] as Line).streamId === streamId; i++) {
      const l = lines[i] as Line
      run.push({ id: l.envelope.eventId, type: l.event.type, data: l.event, metadata: l.envelope })
    }
    const sealed = await sealer.sealEvents(streamId, run)
    if (E.isLeft(sealed)) throw new Error(JSON.stringify(sealed.left))
    const first = sealed.right[0] as NewEvent
    if (first.type === 'authorized') applicants.set(streamId, (first.data as { applicantIin: Json }).applicantIin)
  }
  return asked.size
}

test('PostgreSQL: a sealed import longer than one read-ahead window keys the same people, reads back and erases', async () => {
  const tmp = tempDir('import-sealed-batch')
  const schema = uniqueSchema('sealed_batch')
  try {
    const file = join(tmp.path, 'history.ndjson')
    await writeNdjson(file, { seed: 12, events: 5_000 })
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line)
    assert.ok(lines.length > 2 * 2_000, 'more than two read-ahead windows')

    const url = `${PG_URL}?schema=${schema}`
    const imported = await kezek(['import', file, '--store', url, '--json'])
    assert.is(imported.code, 0, imported.stderr)

    const store = await openPostgresStore({ connectionString: PG_URL, schema })
    const opened = await openPersonalDataStore(store, { mode: 'encrypted' }, () => undefined)
    try {
      const [keys] = await store.driver.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".kezek_subject_keys WHERE erased_at IS NULL`)
      assert.is(Number(keys?.n), await oneByOneSubjects(lines), 'one key per person one-by-one sealing would have keyed, no more')

      const byStream = new Map<string, Line[]>()
      for (const l of lines) byStream.set(l.streamId, [...(byStream.get(l.streamId) ?? []), l])
      for (const [streamId, want] of byStream) {
        const read = await opened.store.readStream(streamId)
        assert.ok(E.isRight(read))
        if (E.isRight(read)) assert.equal(read.right.map((e) => [e.id, e.data, e.metadata]), want.map((l) => [l.envelope.eventId, l.event, l.envelope]), streamId)
      }

      const first = lines.find((l) => l.event.type === 'authorized') as Line
      const iin = (first.event as unknown as { applicantIin: string }).applicantIin
      const receipt = await opened.protected?.erase(iin)
      assert.ok((receipt?.kids.length ?? 0) >= 1, 'the applicant had a key')
      const after = await opened.store.readStream(first.streamId, { maxCount: 1 })
      assert.ok(E.isRight(after))
      if (E.isRight(after)) assert.is((after.right[0]?.data as { applicantIin: string }).applicantIin, ERASED_IIN)
      assert.ok(E.isRight(await verifyStore(store)), 'the chain still verifies after the erasure')
    } finally {
      await opened.store.close()
    }
  } finally {
    tmp.remove()
    await dropSchema(schema)
  }
})

test.run()
