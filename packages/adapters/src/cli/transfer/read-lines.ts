/** Lines of a file or of standard input, without the newline, numbered from 1; blank lines are skipped. */
import { createReadStream, existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { cliError, fail } from '../errors.js'
import type { CliIo } from '../io.js'

export interface NumberedLine {
  readonly n: number
  readonly text: string
}

export const lineSource = (io: CliIo, path: string): { readonly lines: () => AsyncIterable<NumberedLine>; readonly rereadable: boolean; readonly description: string } => {
  if (path === '-') {
    let used = false
    return {
      rereadable: false,
      description: 'standard input',
      lines: () => {
        if (used) throw new Error('standard input can be read once')
        used = true
        return numbered(io.stdin)
      },
    }
  }
  const file = resolve(io.cwd, path)
  if (!existsSync(file)) fail(cliError('not_found', `there is no file ${file}`, 'pass the file `kezek export --out` wrote, or - for standard input'))
  return { rereadable: true, description: file, lines: () => numbered(createReadStream(file, { encoding: 'utf8' })) }
}

async function* numbered(input: NodeJS.ReadableStream): AsyncIterable<NumberedLine> {
  let n = 0
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    n++
    if (text.trim() !== '') yield { n, text }
  }
}

/** The number of non-blank lines of a file, counted without parsing (for a progress bar's total and ETA). */
export const countLines = async (file: string): Promise<number> => {
  let lines = 0
  let blank = true
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) {
      if (byte === 0x0a) {
        if (!blank) lines++
        blank = true
      } else if (byte !== 0x0d && byte !== 0x20) blank = false
    }
  }
  return blank ? lines : lines + 1
}
