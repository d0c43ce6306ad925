/**
 * New PGlite databases after the second in a process start from a copy of a pristine cluster instead of running
 * initdb: each copy is a cluster of its own, holds nothing written to any database before it, and a directory made
 * from it reopens with what was written. An existing directory is opened, never overwritten.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { createPglite } from '../../src/store/pglite-create.js'

const root = mkdtempSync(join(tmpdir(), 'kezek-pglite-create-'))
test.after(() => rmSync(root, { recursive: true, force: true }))

/** The options of every `PGlite.create` made while `body` runs. */
const creations = async <T>(body: () => Promise<T>): Promise<{ value: T; options: PGliteOptions[] }> => {
  const original = PGlite.create.bind(PGlite)
  const options: PGliteOptions[] = []
  PGlite.create = ((o?: PGliteOptions) => { options.push(o ?? {}); return original(o) }) as typeof PGlite.create
  try {
    return { value: await body(), options }
  } finally {
    PGlite.create = original
  }
}

const tables = async (db: PGlite): Promise<string[]> =>
  (await db.query<{ name: string }>(`SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`)).rows.map((r) => r.name)

test('from the third new database on, a new one is loaded from a pristine copy, in memory and in a directory', async () => {
  // Two new databases first: whatever this process made before, a copy exists after them.
  const first = await createPglite()
  await first.exec('CREATE TABLE written_before (x int)')
  const second = await createPglite(join(root, 'second'))
  await second.exec('CREATE SCHEMA kezek_probe; CREATE TABLE kezek_probe.written_after_the_copy (x int)')

  const { value: [inMemory, inDirectory], options } = await creations(async () => [await createPglite(), await createPglite(join(root, 'third'))] as const)
  assert.equal(options.map((o) => o.loadDataDir instanceof Blob), [true, true], 'both start from the copy')
  assert.equal(options[1]?.dataDir, join(root, 'third'))

  for (const db of [inMemory, inDirectory]) assert.equal(await tables(db), [], 'a copy holds nothing written to any database')
  await inMemory.exec('CREATE TABLE only_here (x int); INSERT INTO only_here VALUES (1)')
  assert.equal(await tables(inDirectory), [], 'two copies are two clusters')
  assert.equal(await tables(first), ['public.written_before'])

  await inDirectory.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)')
  await Promise.all([first, second, inMemory, inDirectory].map((db) => db.close()))

  const { value: reopened, options: reopening } = await creations(() => createPglite(join(root, 'third')))
  assert.is(reopening[0]?.loadDataDir, undefined, 'an existing cluster is opened, not loaded over')
  assert.equal((await reopened.query<{ x: number }>('SELECT x FROM kept')).rows, [{ x: 7 }])
  await reopened.close()
})

test.run()
