/**
 * A projection process killed (SIGKILL) in the middle of a batch, on the real PostgreSQL server and on a durable
 * PGlite data directory: the open transaction is lost as a whole, so the checkpoint and the rows still agree, and
 * a new run finishes the job with nothing lost and nothing applied twice.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runProjection, sqlSink, waitingListProjection } from '../../src/projection/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import type { SqlEventStore } from '../../src/store/sql/store.js'
import { applicationEvents, applicationId } from './applications.js'
import { everything, rowsMatchCheckpoint } from './consistency.js'

const CONNECTION = process.env.KEZEK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const APPS = 40

const fill = async (store: SqlEventStore): Promise<string> => {
  for (let i = 0; i < APPS; i++) {
    const r = await store.append(applicationId(i), applicationEvents({ index: i, filedMinute: (i * 13) % APPS, decisionDay: 1 }), { expected: 'no_stream' })
    assert.ok(E.isRight(r))
  }
  const poison = (await everything(store)).find((e) => e.type === 'queued' && e.streamId === applicationId(20))
  assert.ok(poison)
  return poison?.id ?? ''
}

/** Starts the child and resolves once it is inside the poisoned batch, transaction open. */
const startChild = async (args: readonly string[]) => {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./kill-child.ts', import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr.on('data', (b: Buffer) => (output += b))
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      output += b
      if (output.includes('MID-BATCH')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before the batch: ${output}`)))
  })
  return { kill: async () => { child.kill('SIGKILL'); return exited } }
}

const finishAndCheck = async (store: SqlEventStore): Promise<void> => {
  const all = await everything(store)
  assert.equal(await rowsMatchCheckpoint(store, 1), { rows: 16, checkpoint: all[79]?.position }, 'the killed batch left nothing')
  const sink = await sqlSink(store.driver, store.schema, waitingListProjection, 1)
  await runProjection({ store, sink, batchSize: 40, mode: 'replay' }).done
  assert.equal(await rowsMatchCheckpoint(store, 1), { rows: APPS, checkpoint: all[all.length - 1]?.position })
}

test('PostgreSQL: SIGKILL mid-batch leaves checkpoint and rows consistent; a rerun completes exactly once', async () => {
  const schema = `wl_kill_${randomBytes(4).toString('hex')}`
  const store = await openPostgresStore({ connectionString: CONNECTION, schema })
  try {
    const poison = await fill(store)
    const child = await startChild(['postgres', CONNECTION, schema, '1', poison])
    // The child holds rows of the third batch in an open transaction: nobody else sees them.
    assert.is((await rowsMatchCheckpoint(store, 1)).rows, 16)
    assert.is(await child.kill(), 'SIGKILL')
    await finishAndCheck(store)
  } finally {
    await store.driver.query(`DROP SCHEMA "${schema}" CASCADE`)
    await store.close()
  }
})

test('PGlite data directory: the same after the owning process is killed mid-batch', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kezek-projection-kill-'))
  try {
    const writer = await openPgliteStore({ dataDir, schema: 'kezek' })
    const poison = await fill(writer)
    await writer.close() // one process owns a PGlite directory at a time
    const child = await startChild(['pglite', dataDir, 'kezek', '1', poison])
    assert.is(await child.kill(), 'SIGKILL')
    const store = await openPgliteStore({ dataDir, schema: 'kezek' })
    try {
      await finishAndCheck(store)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test.run()
