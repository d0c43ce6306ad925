/** docs/security.md's routes × callers table is the one the route definitions give (scripts/docs/security.ts writes it). */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync } from 'node:fs'
import { accessTableMarkdown } from '../src/routes/access.js'

test('docs/security.md carries the current route access table', () => {
  const text = readFileSync(new URL('../../../docs/security.md', import.meta.url), 'utf8')
  const begin = '<!-- generated: route access (scripts/docs/security.ts) -->'
  const start = text.indexOf(begin)
  const end = text.indexOf('<!-- end generated -->', start)
  assert.ok(start >= 0 && end > start, 'the generated block is marked')
  assert.fixture(text.slice(start + begin.length, end).trim(), accessTableMarkdown(), 'run node --import tsx scripts/docs/security.ts')
})

test.run()
