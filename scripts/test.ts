/**
 * Runs every workspace package's uvu tests and the type check, then prints one closing line `N passed, M failed`
 * counted from uvu's own totals — CI reads that line.
 *
 * A package's test files are dealt into jobs (one uvu process each), and the jobs run side by side, as many at once
 * as the machine has cores (`KEZEK_TEST_JOBS` overrides; 1 runs them one after another). Files can share a run
 * because none shares state with another: each PostgreSQL test has a schema of its own, each PGlite or service
 * test its own memory or temporary directory, each server a free port. Each job's output is held and printed whole
 * when it ends, so the log reads as if the jobs had run in turn.
 *
 * Each job gets a PostgreSQL database of its own (database.ts), named to it in `KEZEK_TEST_DATABASE_URL`.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { jobDatabases } from './test/database.js'

const root = new URL('..', import.meta.url).pathname
const uvu = join(root, 'node_modules/uvu/bin.js')

interface Job { readonly name: string; readonly cwd: string; readonly args: readonly string[]; readonly uvu: boolean }
interface Outcome { readonly passed: number; readonly failed: number }

const packages = ['examples', 'packages/adapters', 'packages/http', 'packages/domain']
/** A package's test files are dealt into groups of at most this many, so that no one job holds most of the suite. */
const GROUP = 15

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A package's test files, sorted and dealt round-robin into groups: neighbours — often the slow files of one
 * directory, such as the CLI's — land in different groups.
 */
const jobsOf = (pkg: string): Job[] => {
  const dir = join(root, pkg, 'test')
  if (!existsSync(dir)) return []
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.test.ts')).sort()
  const count = Math.ceil(files.length / GROUP)
  return Array.from({ length: count }, (_, i) => files.filter((_f, j) => j % count === i)).map((group, i) => ({
    name: count === 1 ? pkg : `${pkg} (${i + 1} of ${count})`,
    cwd: join(root, pkg),
    args: ['--import', 'tsx', uvu, 'test', `^(${group.map(escape).join('|')})$`],
    uvu: true,
  }))
}

const jobs: readonly Job[] = [
  ...packages.flatMap(jobsOf), // examples first: its one job is the longest (it packs, installs and runs benches)
  { name: 'type check (tsc)', cwd: root, args: [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], uvu: false },
]

const databases = await jobDatabases()

const run = (job: Job, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; seconds: number }> =>
  new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(process.execPath, [...job.args], { cwd: job.cwd, stdio: ['ignore', 'pipe', 'pipe'], env })
    let out = ''
    child.stdout.on('data', (b: Buffer) => { out += b })
    child.stderr.on('data', (b: Buffer) => { out += b })
    child.on('close', (code) => resolve({ code: code ?? 1, out, seconds: (performance.now() - started) / 1000 }))
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

const outcome = (job: Job, code: number, out: string): Outcome => {
  if (!job.uvu) return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }
  const t = totals(out)
  return { passed: t.passed, failed: t.failed + (code !== 0 && t.failed === 0 ? 1 : 0) }
}

const width = Number(process.env['KEZEK_TEST_JOBS'] ?? availableParallelism())
const parallel = Number.isInteger(width) && width >= 1 ? width : 1
let passed = 0
let failed = 0
let next = 0
const worker = async (): Promise<void> => {
  while (next < jobs.length) {
    const job = jobs[next++]!
    const database = job.uvu ? await databases.open() : undefined
    const { code, out, seconds } = await run(job, database === undefined ? process.env : { ...process.env, KEZEK_TEST_DATABASE_URL: database.url })
    await database?.drop()
    const o = outcome(job, code, out)
    passed += o.passed
    failed += o.failed
    process.stdout.write(`\n── ${job.name} (${seconds.toFixed(0)} s)\n${out}${job.uvu ? '' : code === 0 ? 'type check: ok\n' : ''}`)
  }
}
console.log(`running ${jobs.length} jobs, ${parallel} at a time; ${databases.note}`)
await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker))

console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
