/**
 * PGlite has no checkpointer (single-user mode), so without these its write-ahead log grows for as long as the
 * database is open. The store's checkpoints keep it within `maxWalBytes` of the last checkpoint's redo point.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { PGlite } from '@electric-sql/pglite'
import { verifyStore } from '../../src/integrity/index.js'
import { createPglite } from '../../src/store/pglite-create.js'
import { pgliteCheckpoints } from '../../src/store/pglite-checkpoints.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import type { EventStore } from '../../src/store/port.js'

const dirs: string[] = []
const newDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-pglite-checkpoints-'))
  dirs.push(dir)
  return join(dir, 'data')
}

/** WAL written since the last checkpoint's redo point, in bytes. */
const walSinceRedo = async (db: PGlite): Promise<number> =>
  (await db.query<{ n: number }>('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 AS n FROM pg_control_checkpoint()')).rows[0]!.n

/** Appends `count` streams of one 2 KB event each (random text: PostgreSQL would compress a repeated one to almost nothing). */
let stream = 0
const write = async (store: EventStore, count: number): Promise<void> => {
  for (let i = 0; i < count; i++) {
    stream += 1
    const r = await store.append(`application-${stream}`, [{ id: `e-${stream}`, type: 'noted', data: { text: randomBytes(1500).toString('base64'), n: stream }, metadata: {} }], { expected: 'no_stream' })
    if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  }
}

const NEVER = 1e9

/** One database for the checks' tests: each starts from a checkpoint of its own. */
let shared: { readonly db: PGlite; readonly store: EventStore }
test.before(async () => {
  const db = await createPglite(newDir())
  shared = { db, store: await openPgliteStore({ db, checkpoints: { checkEveryMs: NEVER } }) }
})

test('past maxWalBytes a check checkpoints, and the WAL since the redo point stays within one round of writes', async () => {
  const { db, store } = shared
  const limit = 256 * 1024
  const told: number[] = []
  const checkpoints = pgliteCheckpoints(db, { maxWalBytes: limit, timeoutMs: NEVER, checkEveryMs: NEVER, onCheckpoint: (bytes) => told.push(bytes) })
  try {
    await db.exec('CHECKPOINT')
    assert.is(await checkpoints.checkIfDue(), false, 'nothing written since the last checkpoint')
    let most = 0
    for (let round = 0; round < 8; round++) {
      await write(store, 100) // ~320 KB of WAL a round
      await checkpoints.checkIfDue()
      most = Math.max(most, await walSinceRedo(db))
    }
    assert.ok(told.length >= 3, `checkpointed ${told.length} times over ~2.6 MB of WAL`)
    assert.ok(told.every((bytes) => bytes >= limit))
    assert.ok(most < 2 * limit, `at most ${most} bytes since the redo point after a check`)
  } finally {
    await checkpoints.stop()
  }
})

test('without checks the WAL since the redo point only grows (what the checkpoints are for)', async () => {
  const { db, store } = shared
  await db.exec('CHECKPOINT')
  await write(store, 400)
  assert.ok(await walSinceRedo(db) > 1024 * 1024, 'more than 1 MB since the redo point')
})

test('after timeoutMs a check checkpoints when something was written, and an idle database is left alone', async () => {
  const { db, store } = shared
  const checkpoints = pgliteCheckpoints(db, { maxWalBytes: NEVER, timeoutMs: 0, checkEveryMs: NEVER })
  try {
    await db.exec('CHECKPOINT')
    assert.is(await checkpoints.checkIfDue(), false, 'idle: only the last checkpoint record since')
    await write(store, 1)
    assert.is(await checkpoints.checkIfDue(), true, 'written, and the timeout has passed')
    assert.is(await checkpoints.checkIfDue(), false, 'idle again')
  } finally {
    await checkpoints.stop()
  }
})

test('a store checkpoints its database by itself, and closes cleanly with its timer running', async () => {
  let checkpointed!: (bytes: number) => void
  const first = new Promise<number>((resolve) => { checkpointed = resolve })
  const db = await createPglite(newDir())
  const store = await openPgliteStore({ db, checkpoints: { checkEveryMs: 5, maxWalBytes: 64 * 1024, onCheckpoint: (bytes) => checkpointed(bytes) } })
  try {
    await write(store, 50)
    const before = await first
    assert.ok(before >= 64 * 1024)
    assert.ok(await walSinceRedo(db) < before, 'the redo point moved up')
  } finally {
    await store.close()
    await db.close()
  }
})

test('a timeout shorter than the default look interval is looked for that often (no checkEveryMs given)', async () => {
  let checkpointed!: () => void
  const first = new Promise<void>((resolve) => { checkpointed = resolve })
  const db = await createPglite(newDir())
  // The default look is every 10 s: a 20 ms timeout would otherwise wait for it, and this test with it.
  const store = await openPgliteStore({ db, checkpoints: { timeoutMs: 20, onCheckpoint: () => checkpointed() } })
  try {
    const started = Date.now()
    await write(store, 1)
    await first
    assert.ok(Date.now() - started < 5_000, `checkpointed ${Date.now() - started} ms after the write, not at the default look`)
  } finally {
    await store.close()
    await db.close()
  }
})

test('a writer that waits on nothing but the store is checkpointed too, though no timer fires meanwhile', async () => {
  // PGlite answers through promises alone, so a loop of appends never lets a timer run: only the commits can ask.
  const told: number[] = []
  const store = await openPgliteStore({ db: shared.db, schema: 'committed_only', checkpoints: { checkEveryMs: 20, maxWalBytes: 64 * 1024, onCheckpoint: (bytes) => told.push(bytes) } })
  try {
    for (let n = 0; n < 2000 && told.length === 0; n += 50) await write(store, 50)
    assert.ok(told.length > 0, 'a checkpoint during the loop')
  } finally {
    await store.close()
  }
})

/** Runs the writer until it has checkpointed `checkpoints` times, kills it with SIGKILL, and returns what it acknowledged. */
const killWriterAfter = (dataDir: string, checkpoints: number): Promise<readonly string[]> =>
  new Promise((resolve, reject) => {
    const fixture = new URL('./fixtures/checkpoint-writer.ts', import.meta.url).pathname
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] })
    const acknowledged: string[] = []
    let seen = 0
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('ACK ')) acknowledged.push(line.slice(4))
      else if (line === 'CHECKPOINT' && ++seen === checkpoints) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged)
      else reject(new Error(`the writer exited with ${code} before it was killed: ${stderr}`))
    })
  })

test('a writer killed while it writes and checkpoints loses no acknowledged append, and the chain verifies', async () => {
  const dataDir = newDir()
  const acknowledged = await killWriterAfter(dataDir, 5)
  assert.ok(acknowledged.length > 0)
  const store = await openPgliteStore({ dataDir })
  try {
    const stored = new Set<string>()
    for await (const e of store.readAll()) stored.add(e.streamId)
    const lost = acknowledged.filter((s) => !stored.has(s))
    assert.equal(lost, [], `every one of ${acknowledged.length} acknowledged appends is there`)
    assert.ok(E.isRight(await verifyStore(store)), 'the hash chain verifies')
  } finally {
    await store.close()
  }
})

test.after(async () => {
  await shared.store.close()
  await shared.db.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

test.run()
