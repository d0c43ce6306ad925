/** docs/security.md's routes × callers table is the one the route definitions give (scripts/docs/security.ts writes it). */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { accessTableMarkdown } from '../src/routes/access.js'
import { generatedBlock } from './generated-block.js'

test('docs/security.md carries the current route access table', () => {
  const block = generatedBlock('docs/security.md', '<!-- generated: route access (scripts/docs/security.ts) -->')
  assert.fixture(block, accessTableMarkdown(), 'run node --import tsx scripts/docs/security.ts')
})

test.run()
