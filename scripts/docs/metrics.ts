/**
 * Writes the table of the service's metrics in docs/operations.md from the declarations every app makes
 * (packages/http/src/observability/service-metrics.ts). `--check` exits 1 when the page is out of date; the http
 * suite's metrics test fails the same way, so the page cannot drift from the code.
 *
 *   node --import tsx scripts/docs/metrics.ts [--check]
 */
import { serviceMetricsTable } from '../../packages/http/src/observability/service-metrics.js'
import { writeGeneratedBlock } from './generated-block.js'

export const BEGIN = '<!-- generated: metrics (scripts/docs/metrics.ts) -->'

writeGeneratedBlock('docs/operations.md', BEGIN, serviceMetricsTable(), 'scripts/docs/metrics.ts')
