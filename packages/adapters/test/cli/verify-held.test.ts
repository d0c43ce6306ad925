/**
 * `kezek verify` beside a transaction of the same PostgreSQL database that is still running: the events committed
 * behind it are not readable yet (store/sql/horizon.ts). The walk must not report the readable prefix as the whole
 * store: it reads on until they are, or says how many stayed unread (exit 7).
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import pg from 'pg'
import { openPostgresStore } from '../../src/store/postgres.js'
import { BIN, kezek, PG_URL, seed } from './fixture.js'

interface Report { readonly ok: boolean; readonly events: number; readonly unread: number }

/** A store whose every event was committed after another session of its database began a transaction it keeps open. */
const heldBack = async () => {
  const schema = `t_cli_held_${randomBytes(6).toString('hex')}`
  const store = await openPostgresStore({ connectionString: PG_URL, schema })
  const holder = new pg.Client({ connectionString: PG_URL })
  await holder.connect()
  await holder.query('BEGIN')
  await holder.query('SELECT pg_current_xact_id()')
  await seed(store, 120, 5)
  await store.close()
  const { rows } = await holder.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".events`)
  return {
    url: `${PG_URL}?schema=${schema}`,
    total: Number(rows[0]?.n),
    release: () => holder.query('ROLLBACK'),
    dispose: async () => {
      // Outside the held transaction (a ROLLBACK with none open only warns), or the DROP would roll back with it.
      await holder.query('ROLLBACK')
      await holder.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await holder.end()
    },
  }
}

test('verify says how many events stayed unreadable, and exits 7 instead of passing a prefix as the store', async () => {
  const held = await heldBack()
  try {
    assert.ok(held.total > 100)
    const r = await kezek(['verify', '--store', held.url, '--wait', '0'])
    assert.is(r.code, 7, r.stdout + r.stderr)
    assert.match(r.stdout, `INCOMPLETE: ${held.total} events stayed unreadable`)
    assert.match(r.stderr, `verify: ${held.total} events are committed but not yet readable`)
    const j = await kezek(['verify', '--store', held.url, '--wait', '0', '--json'])
    assert.is(j.code, 7)
    const report = JSON.parse(j.stdout) as Report
    assert.equal([report.ok, report.events, report.unread], [false, 0, held.total])
  } finally {
    await held.dispose()
  }
})

test('verify reads on when the transaction ends, and checks every event the store held', async () => {
  const held = await heldBack()
  try {
    const child = spawn(process.execPath, [BIN, 'verify', '--store', held.url, '--json', '--wait', '120'], {
      cwd: tmpdir(), env: { ...process.env, KEZEK_STORE: '', KEZEK_LANG: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => { stdout += b })
    const code = new Promise<number | null>((resolve) => child.on('close', resolve))
    // The transaction ends once the command says it is waiting for it: not before, or there is nothing to wait for.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b
        if (stderr.includes('not yet readable')) resolve()
      })
      child.on('close', () => reject(new Error(`verify ended without waiting: ${stdout}${stderr}`)))
    })
    await held.release()
    assert.is(await code, 0, stdout + stderr)
    const report = JSON.parse(stdout) as Report
    assert.equal([report.ok, report.events, report.unread], [true, held.total, 0])
  } finally {
    await held.dispose()
  }
})

test('--wait takes whole seconds', async () => {
  const r = await kezek(['verify', '--store', `${PG_URL}?schema=public`, '--wait', 'soon'])
  assert.is(r.code, 2)
  assert.match(r.stderr, '--wait soon is not a whole number')
})

test.run()
