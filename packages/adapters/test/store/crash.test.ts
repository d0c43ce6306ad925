/**
 * A crash in the middle of an append leaves nothing of it: a child process begins a batch of eight appends (group
 * commit), inserts their events, and is killed with SIGKILL before COMMIT. The store must hold none of those events, keep what was committed
 * before, and stay usable.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { verifyStore } from '../../src/integrity/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import type { EventStore } from '../../src/store/port.js'
import { events, right, streamName } from './contract.js'
import { dropSchema, PG_URL, uniqueSchema } from './sql-harness.js'

const fixture = new URL('./fixtures/crash-append.ts', import.meta.url).pathname

/** Runs the child until it prints INSERTED, kills it with SIGKILL, and resolves when it is gone. */
const killMidTransaction = (args: readonly string[]): Promise<readonly string[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const lines: string[] = []
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line)
      if (line.startsWith('INSERTED')) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lines)
      else reject(new Error(`child exited with ${code} before it was killed: ${lines.join('|')} ${stderr}`))
    })
  })

const assertNothingHalfWritten = async (
  store: EventStore,
  streamId: string,
  committedId: string,
  lostIds: readonly string[],
): Promise<void> => {
  const stored = right(await store.readStream(streamId))
  assert.equal(stored.map((e) => e.id), [committedId], 'the committed event survived, the killed append left nothing')
  // Whole appends only: each of the batch's other appends (two events each) is there entirely or not at all.
  for (let k = 1; k <= 7; k++) {
    const other = await store.readStream(`${streamId}-${k}`)
    const count = E.isRight(other) ? other.right.length : 0
    assert.ok(count === 0 || count === 2, `append ${k} of the killed batch is whole or absent (found ${count} events)`)
    assert.is(count, 0, 'the batch never committed, so none of it is there')
  }
  const all: string[] = []
  for await (const e of store.readAll()) all.push(e.id)
  assert.ok(lostIds.every((id) => !all.includes(id)), 'no event of the killed append is anywhere in the log')
  const next = right(await store.append(streamId, events(2), { expected: 0 }), 'the stream accepts appends again')
  assert.is(next.nextExpectedRevision, 2)
  assert.ok(E.isRight(await verifyStore(store)), 'the hash chain still verifies')
}

const test = suite('crash mid-append')

test('PostgreSQL: SIGKILL inside the append transaction leaves nothing', async () => {
  const schema = uniqueSchema('crash')
  const streamId = streamName('crash-pg')
  const committedId = randomUUID()
  const lostIds = [randomUUID(), randomUUID(), randomUUID()]
  try {
    const lines = await killMidTransaction(['postgres', PG_URL, schema, streamId, committedId, ...lostIds])
    assert.equal(lines, ['COMMITTED', 'INSERTED 8'], 'the eight appends were in flight as one batch')
    const store = await openPostgresStore({ connectionString: PG_URL, schema })
    try {
      await assertNothingHalfWritten(store, streamId, committedId, lostIds)
    } finally {
      await store.close()
    }
  } finally {
    await dropSchema(schema)
  }
})

test('PGlite: SIGKILL inside the append transaction leaves nothing, and the data directory reopens', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kezek-pglite-crash-'))
  const streamId = streamName('crash-pglite')
  const committedId = randomUUID()
  const lostIds = [randomUUID(), randomUUID()]
  try {
    const lines = await killMidTransaction(['pglite', dataDir, streamId, committedId, ...lostIds])
    assert.equal(lines, ['COMMITTED', 'INSERTED 8'], 'the eight appends were in flight as one batch')
    const store = await openPgliteStore({ dataDir })
    try {
      await assertNothingHalfWritten(store, streamId, committedId, lostIds)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test.run()
