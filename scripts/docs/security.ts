/**
 * Writes the routes × callers table of docs/security.md from the route access table (packages/http/src/routes/
 * access.ts, which reads the decision routes' own definitions). `--check` exits 1 when the page is out of date; the
 * http suite's security-doc test fails the same way, so the page cannot drift from the routes.
 *
 *   node --import tsx scripts/docs/security.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { accessTableMarkdown } from '../../packages/http/src/routes/access.js'

export const BEGIN = '<!-- generated: route access (scripts/docs/security.ts) -->'
export const END = '<!-- end generated -->'

const root = new URL('../..', import.meta.url).pathname
const page = join(root, 'docs/security.md')
const text = readFileSync(page, 'utf8')
const start = text.indexOf(BEGIN)
const end = text.indexOf(END, start)
if (start < 0 || end < 0) throw new Error(`docs/security.md lacks the ${BEGIN} … ${END} markers`)
const next = `${text.slice(0, start + BEGIN.length)}\n${accessTableMarkdown()}\n${text.slice(end)}`
if (process.argv.includes('--check')) {
  if (next !== text) { process.stderr.write('docs/security.md is out of date: run node --import tsx scripts/docs/security.ts\n'); process.exit(1) }
} else writeFileSync(page, next)
