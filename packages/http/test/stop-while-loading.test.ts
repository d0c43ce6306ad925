/**
 * The first start loads the demo (a bulk history, then live applications posted through the running server). A
 * stop in that window — Ctrl+C, an orchestrator's SIGTERM — is a stop like any other: exit code 0, and the next
 * start on the same directory comes up whole and ready.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { ProviderId } from '@kezek/domain'
import { freePort } from './fault/cluster.js'
import { spawnService, startService, type SpawnedService } from './fault/service.js'

const PROVIDER = 'almaty-housing' as ProviderId
const dirs: string[] = []
const tempDir = (name: string): string => {
  const d = mkdtempSync(join(tmpdir(), `kezek-stop-${name}-`))
  dirs.push(d)
  return d
}
test.after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

const env = async (dataDir: string): Promise<Record<string, string>> => ({
  PORT: String(await freePort()),
  KEZEK_STORE: join(dataDir, 'store'),
  KEZEK_DATA_DIR: dataDir,
  KEZEK_TOKEN_SECRET: 'stop-test-secret-0123456789abcdef',
  KEZEK_DEMO: 'auto',
})

/**
 * Resolves once the server, started but still loading its demo, says it is ready (the demo's live part runs then),
 * or once the process has exited (the assertions then say what happened); polls every 5 ms.
 */
const readyOrExited = async (s: SpawnedService, port: string): Promise<void> => {
  let exited = false
  void s.exited.then(() => { exited = true })
  while (!exited) {
    const status = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status, () => 0)
    if (status === 200) return
    await new Promise((r) => setTimeout(r, 5))
  }
}

const windows = [
  ['the history loads', (s: SpawnedService) => s.waitFor(/first start — loading the demo/).then(() => undefined)],
  // Ready while the live applications are posted through the server: a window of about 0.2 s before the start
  // prints its tokens; the assertion below says whether the stop fell inside it.
  ['the live applications are posted', readyOrExited],
] as const

for (const [when, reached] of windows) {
  test(`SIGTERM while ${when}: exit code 0, and the next start is whole`, async () => {
    const dataDir = tempDir('demo')
    const settings = await env(dataDir)
    const first = spawnService(settings)
    try {
      await reached(first, settings.PORT!)
      first.child.kill('SIGTERM')
      assert.is(await first.exited, 0, `SIGTERM while ${when} stops the service cleanly:\n${first.stderr()}`)
      assert.match(first.stderr(), /kezek: stopped/)
      assert.not.match(first.stderr(), /kezek is listening/, 'the stop came before the start finished')
    } finally {
      first.child.kill('SIGKILL')
    }
    const again = await startService(await env(dataDir), PROVIDER)
    try {
      const ready = await fetch(`${again.url}/ready`)
      assert.is(ready.status, 200, await ready.text())
      const list = await fetch(`${again.url}/v1/providers/${PROVIDER}/lists/socially_vulnerable?limit=1`)
      assert.is(list.status, 200)
      again.child.kill('SIGTERM')
      assert.is(await again.exited, 0, again.stderr())
    } finally {
      again.child.kill('SIGKILL')
    }
  })
}

test.run()
