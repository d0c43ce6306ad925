/**
 * Writes the routes × callers table of docs/security.md from the route access table (packages/http/src/routes/
 * access.ts, which reads the decision routes' own definitions). `--check` exits 1 when the page is out of date; the
 * http suite's security-doc test fails the same way, so the page cannot drift from the routes.
 *
 *   node --import tsx scripts/docs/security.ts [--check]
 */
import { accessTableMarkdown } from '../../packages/http/src/routes/access.js'
import { writeGeneratedBlock } from './generated-block.js'

export const BEGIN = '<!-- generated: route access (scripts/docs/security.ts) -->'

writeGeneratedBlock('docs/security.md', BEGIN, accessTableMarkdown(), 'scripts/docs/security.ts')
