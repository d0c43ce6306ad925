/**
 * Writes the table of the service's metrics in docs/operations.md from the declarations every app makes
 * (packages/http/src/observability/service-metrics.ts). `--check` exits 1 when the page is out of date; the http
 * suite's metrics test fails the same way, so the page cannot drift from the code.
 *
 *   node --import tsx scripts/docs/metrics.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serviceMetricsTable } from '../../packages/http/src/observability/service-metrics.js'

export const BEGIN = '<!-- generated: metrics (scripts/docs/metrics.ts) -->'
export const END = '<!-- end generated -->'

const page = join(new URL('../..', import.meta.url).pathname, 'docs/operations.md')
const text = readFileSync(page, 'utf8')
const start = text.indexOf(BEGIN)
const end = text.indexOf(END, start)
if (start < 0 || end < 0) throw new Error(`docs/operations.md lacks the ${BEGIN} … ${END} markers`)
const next = `${text.slice(0, start + BEGIN.length)}\n${serviceMetricsTable()}\n${text.slice(end)}`
if (process.argv.includes('--check')) {
  if (next !== text) { process.stderr.write('docs/operations.md is out of date: run node --import tsx scripts/docs/metrics.ts\n'); process.exit(1) }
} else writeFileSync(page, next)
