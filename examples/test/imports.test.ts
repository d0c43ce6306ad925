/**
 * What the built packages need of their sources, checked in milliseconds (the consumer test proves it end to end,
 * in minutes): relative imports name their .js file, packages reach each other only through entry points their
 * package.json exports, and fp-ts is imported by file (it has no exports map, so `fp-ts/Either` is a directory
 * import that Node's ESM loader refuses).
 */
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

const root = new URL('../..', import.meta.url).pathname
const sources = execFileSync('git', ['ls-files', 'packages/*/src/**.ts'], { cwd: root, encoding: 'utf8' }).trim().split('\n')
const specifiers = (file: string): string[] =>
  [...readFileSync(`${root}/${file}`, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] as string)
const exported = (pkg: string): string[] =>
  Object.keys((JSON.parse(readFileSync(`${root}/packages/${pkg}/package.json`, 'utf8')) as { exports: object }).exports)
    .map((k) => `@kezek/${pkg}${k.slice(1)}`)
const entryPoints = new Set([...exported('domain'), ...exported('adapters'), ...exported('http')])

test('relative imports in package sources name a .js file', () => {
  assert.ok(sources.length > 100, `found ${sources.length} source files`)
  const bad = sources.flatMap((f) => specifiers(f).filter((s) => s.startsWith('.') && !s.endsWith('.js')).map((s) => `${f}: ${s}`))
  assert.equal(bad, [])
})

test('packages import each other only through exported entry points', () => {
  const bad = sources.flatMap((f) => specifiers(f).filter((s) => s.startsWith('@kezek/') && !entryPoints.has(s)).map((s) => `${f}: ${s}`))
  assert.equal(bad, [])
})

test('fp-ts is imported by file (fp-ts/lib/X.js)', () => {
  const bad = sources.flatMap((f) => specifiers(f).filter((s) => s.startsWith('fp-ts/') && !/^fp-ts\/lib\/\w+\.js$/.test(s)).map((s) => `${f}: ${s}`))
  assert.equal(bad, [])
})

test.run()
