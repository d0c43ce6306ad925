/** Generated reference pages match the code they are generated from. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

const root = new URL('../..', import.meta.url).pathname

test('docs/embedding.md lists exactly what each entry point exports (pnpm generate)', async () => {
  const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/docs/embedding.ts', '--check'], { cwd: root })
    .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e)
  assert.equal(r.code, 0, r.stderr)
})

test.run()
