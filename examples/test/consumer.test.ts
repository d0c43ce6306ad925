/**
 * Installs kezek as another team would: build and pack every package, install the tarballs with npm into a
 * temporary project outside the workspace (no tsx, no workspace links), then run examples/consumer there with
 * plain node, type-check it under NodeNext and Bundler, and run the installed `kezek` binary.
 */
import { execFile, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createInterface } from 'node:readline'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

const run = promisify(execFile)
const root = new URL('../..', import.meta.url).pathname
const consumer = join(root, 'examples/consumer')
const work = mkdtempSync(join(tmpdir(), 'kezek-consumer-'))
const packs = join(work, 'packs')
const project = join(work, 'project')
const sh = (cmd: string, args: readonly string[], cwd: string) =>
  run(cmd, [...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } })

test.before(async () => {
  await sh('pnpm', ['run', 'build'], root)
  for (const p of ['domain', 'adapters', 'http']) await sh('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', p))
  cpSync(consumer, project, { recursive: true })
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  const tarballs = readdirSync(packs).map((f) => join(packs, f))
  await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, 'typescript@5.9', '@types/node@20', '@types/emscripten'] /* PGlite's declarations name Emscripten types without depending on them */, project)
})

test.after(() => rmSync(work, { recursive: true, force: true }))

test('the tarballs ship built JavaScript, declarations and the licence, and no sources or tests', async () => {
  for (const f of readdirSync(packs)) {
    const { stdout } = await sh('tar', ['tzf', join(packs, f)], work)
    const files = stdout.trim().split('\n')
    assert.ok(files.includes('package/LICENSE'), `${f} has LICENSE`)
    assert.ok(files.includes('package/dist/index.js') && files.includes('package/dist/index.d.ts'), `${f} has dist/index`)
    assert.equal(files.filter((x) => /\.ts$/.test(x) && !/\.d\.ts$/.test(x)), [], `${f} ships no .ts sources`)
    assert.equal(files.filter((x) => /(^|\/)(test|bench|src)\//.test(x)), [], `${f} ships no src, tests or benchmarks`)
  }
})

test("the README's example runs as is with plain node", async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const example = /save it as `queue.mjs`\):\n\n```js\n([\s\S]*?)```/.exec(readme)?.[1]
  assert.ok(example !== undefined, 'README has the queue.mjs example')
  writeFileSync(join(project, 'queue.mjs'), example)
  const { stdout } = await sh(process.execPath, ['queue.mjs'], project)
  assert.match(stdout, /^position 1 of 1 in /)
})

test('plain node decides a housing application and builds a waiting list', async () => {
  const { stdout } = await sh(process.execPath, ['decide.mjs'], project)
  const out = JSON.parse(stdout) as { events: string[]; position: number; of: number }
  assert.equal(out.events.at(-1), 'queued')
  assert.equal([out.position, out.of], [1, 1])
})

for (const resolution of ['nodenext', 'bundler']) {
  test(`a TypeScript consumer type-checks under moduleResolution ${resolution}`, async () => {
    const r = await sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${resolution}.json`], project).catch((e: { stdout: string }) => e)
    assert.equal(r.stdout.trim(), '', r.stdout)
  })
}

test('npx kezek --help, and kezek verify on a store the consumer made', async () => {
  const help = await sh('npx', ['--no-install', 'kezek', '--help'], project)
  assert.match(help.stdout, /verify/)
  await sh(process.execPath, ['store.mjs', join(work, 'store')], project)
  const verified = await sh('npx', ['--no-install', 'kezek', 'verify', '--store', join(work, 'store'), '--json'], project)
  const report = JSON.parse(verified.stdout) as { ok: boolean; events: number }
  assert.equal(report.ok, true, verified.stdout)
})

test('the HTTP app from the installed @kezek/http starts and answers /health', async () => {
  const child = spawn(process.execPath, ['serve.mjs'], { cwd: project, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)))
    })
    const res = await fetch(`${url}/health`)
    assert.equal(res.status, 200)
  } finally {
    child.kill('SIGTERM')
  }
})

test('the installed @kezek/http renders a PDF with its font found in the installed dejavu-fonts-ttf', async () => {
  writeFileSync(join(project, 'pdf.mjs'), `import { renderPdf } from '@kezek/http'
const doc = { kind: 'receipt', applicationId: 'a-1', serviceId: 'housing-queue', providerId: 'p', applicantIin: '870412300415',
  issuedAt: '2024-03-01T04:00:00.000Z', lines: { kk: ['Құжаттарды қабылдау туралы қолхат: ә ғ қ ң ө ұ ү һ і'], ru: ['Расписка'] }, dataXml: '' }
const bytes = await renderPdf(doc, 'kk')
process.stdout.write(JSON.stringify({ head: new TextDecoder().decode(bytes.slice(0, 5)), size: bytes.length, font: new TextDecoder('latin1').decode(bytes).includes('DejaVuSans') }))
`)
  const { stdout } = await sh(process.execPath, ['pdf.mjs'], project)
  const out = JSON.parse(stdout) as { head: string; size: number; font: boolean }
  assert.equal([out.head, out.font], ['%PDF-', true], stdout)
})

test.run()
