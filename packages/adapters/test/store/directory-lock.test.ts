/**
 * A PGlite data directory belongs to one process: a second opener (here a real second process, as the CLI would
 * be) is refused with a clear error, a lock left by a killed process is taken over, and closing unlocks.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DataDirectoryInUse, openPgliteStore } from '../../src/store/index.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const base = mkdtempSync(join(tmpdir(), 'kezek-lock-'))
test.after(() => rmSync(base, { recursive: true, force: true }))

/** Opens the directory from another process; returns its exit code and what it printed. */
const openElsewhere = (dataDir: string): { status: number | null; output: string } => {
  const script = `
    import { openPgliteStore } from ${JSON.stringify(join(here, '../../src/store/index.ts'))}
    try { const s = await openPgliteStore({ dataDir: ${JSON.stringify(dataDir)} }); await s.close(); console.log('opened') }
    catch (e) { console.log(e.name + ': ' + e.message); process.exit(3) }`
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}

test('a second process opening a directory in use is refused; closing unlocks', async () => {
  const dir = join(base, 'live')
  const store = await openPgliteStore({ dataDir: dir })
  try {
    const second = openElsewhere(dir)
    assert.is(second.status, 3)
    assert.match(second.output, /DataDirectoryInUse: the PGlite data directory .* is in use by process \d+/)
    let inProcess: unknown
    try { await openPgliteStore({ dataDir: dir }) } catch (e) { inProcess = e }
    assert.instance(inProcess, DataDirectoryInUse, 'the same process opening it twice is refused too')
  } finally {
    await store.close()
  }
  assert.not.ok(existsSync(`${dir}.lock`), 'closing removes the lock')
})

test('a lock left by a process that no longer runs is taken over', async () => {
  const dir = join(base, 'live') // opened (and created) by the test above
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  writeFileSync(`${dir}.lock`, `${dead.stdout}\n${(await import('node:os')).hostname()}\n`)
  const store = await openPgliteStore({ dataDir: dir })
  await store.close()
  assert.not.ok(existsSync(`${dir}.lock`))
})

test.run()
