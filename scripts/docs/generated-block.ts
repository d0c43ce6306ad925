/**
 * A docs page's generated block: the text between `begin` and the next `<!-- end generated -->`, written from code.
 * `--check` on the command line verifies instead of writing, and exits 1 when the page is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const END = '<!-- end generated -->'

/** `page` relative to the repository root; `script` is what to run to bring the page up to date. */
export const writeGeneratedBlock = (page: string, begin: string, content: string, script: string): void => {
  const path = join(new URL('../..', import.meta.url).pathname, page)
  const text = readFileSync(path, 'utf8')
  const start = text.indexOf(begin)
  const end = text.indexOf(END, start)
  if (start < 0 || end < 0) throw new Error(`${page} lacks the ${begin} … ${END} markers`)
  const next = `${text.slice(0, start + begin.length)}\n${content}\n${text.slice(end)}`
  if (!process.argv.includes('--check')) writeFileSync(path, next)
  else if (next !== text) {
    process.stderr.write(`${page} is out of date: run node --import tsx ${script}\n`)
    process.exit(1)
  }
}
