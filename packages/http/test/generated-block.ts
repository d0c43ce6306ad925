/** The generated block of a docs page (scripts/docs/generated-block.ts writes it), trimmed; fails when it is not marked. */
import { readFileSync } from 'node:fs'
import * as assert from 'uvu/assert'

export const generatedBlock = (page: string, begin: string): string => {
  const text = readFileSync(new URL(`../../../${page}`, import.meta.url), 'utf8')
  const start = text.indexOf(begin)
  const end = text.indexOf('<!-- end generated -->', start)
  assert.ok(start >= 0 && end > start, `${page}: the generated block is marked`)
  return text.slice(start + begin.length, end).trim()
}
