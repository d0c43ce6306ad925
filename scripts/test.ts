/**
 * Runs every workspace package's uvu suite in its own process, then the type check, and prints one
 * closing line `N passed, M failed` counted from uvu's own totals — CI reads that line.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const suites = ['packages/domain', 'packages/adapters', 'packages/http', 'examples']
const uvu = join(root, 'node_modules/uvu/bin.js')

interface Outcome { readonly passed: number; readonly failed: number }

const run = (cmd: string, args: readonly string[], cwd: string): Promise<{ code: number; out: string }> =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
    let out = ''
    child.stdout.on('data', (b: Buffer) => { out += b; process.stdout.write(b) })
    child.stderr.on('data', (b: Buffer) => { out += b; process.stderr.write(b) })
    child.on('close', (code) => resolve({ code: code ?? 1, out }))
  })

// Each uvu suite ends with "(passed / total)"; uvu's own "Passed:" summary under-counts when several files run
// in one process, so the per-suite lines are the ones summed. A run that crashed before printing counts as failed.
const totals = (out: string): Outcome => {
  const plain = out.replace(/\u001b\[[0-9;]*m/g, '')
  let passed = 0
  let failed = 0
  for (const m of plain.matchAll(/\((\d+) \/ (\d+)\)\s*$/gm)) {
    passed += Number(m[1])
    failed += Number(m[2]) - Number(m[1])
  }
  return { passed, failed }
}

let passed = 0
let failed = 0
for (const suite of suites) {
  const dir = join(root, suite)
  if (!existsSync(join(dir, 'test'))) continue
  console.log(`\n── ${suite}`)
  const { code, out } = await run(process.execPath, ['--import', 'tsx', uvu, 'test', '\\.test\\.ts$'], dir)
  const t = totals(out)
  passed += t.passed
  failed += t.failed + (code !== 0 && t.failed === 0 ? 1 : 0)
}

console.log('\n── type check (tsc)')
const tsc = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], root)
if (tsc.code === 0) { passed += 1; console.log('type check: ok') } else failed += 1

console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
