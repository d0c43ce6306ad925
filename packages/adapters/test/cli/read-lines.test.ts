/**
 * `kezek import` splits its input into lines itself (read-lines.ts), no longer through readline: the lines and
 * their numbers must be readline's for every line end (LF, CRLF, a lone CR), blank lines, a last line without an
 * end, and wherever the input is cut into chunks — inside a CRLF or inside a multi-byte character included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { CliIo } from '../../src/cli/io.js'
import { countLines, lineSource } from '../../src/cli/transfer/read-lines.js'

const texts = ['a\nb\r\nc\rd\n\n  \ne', 'x\r', 'x\r\n', '\r\n\r\n', 'ä€𝄞\r\nz', 'one', '', '\n', 'a\r\r\nb', '{"k":"Өтініш"}\n{"k":2}\n']

const byReadline = async (bytes: Buffer): Promise<[number, string][]> => {
  const out: [number, string][] = []
  let n = 0
  for await (const t of createInterface({ input: Readable.from([bytes]), crlfDelay: Infinity })) {
    n++
    if (t.trim() !== '') out.push([n, t])
  }
  return out
}

test('lines and line numbers are readline’s, however the input is cut into chunks', async () => {
  let compared = 0
  for (const text of texts) {
    const bytes = Buffer.from(text)
    const want = await byReadline(bytes)
    for (let cut = 0; cut <= bytes.length; cut++) {
      const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)].filter((b) => b.length > 0)
      const io = { stdin: Readable.from(chunks), cwd: '/' } as unknown as CliIo
      const got: [number, string][] = []
      for await (const l of lineSource(io, '-').lines()) got.push([l.n, l.text])
      assert.equal(got, want, `${JSON.stringify(text)} cut at byte ${cut}`)
      compared++
    }
  }
  assert.is(compared, texts.reduce((n, t) => n + Buffer.byteLength(t) + 1, 0), 'every cut point compared')
})

test('the progress bar’s count is the number of non-blank lines (LF or CRLF), across 1 MiB chunks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-lines-'))
  try {
    const line = (i: number): string => `{"n":${i},"note":"${'Өтініш '.repeat(i % 40)}"}`
    // Blank lines, lines of spaces and CRs, CRLF ends, and (over 1 MiB) lines cut by the read's chunk boundary.
    const parts = Array.from({ length: 30_000 }, (_, i) => (i % 7 === 0 ? '  \r' : i % 11 === 0 ? `${line(i)}\r` : line(i)))
    const cases: [string, number][] = [
      [parts.join('\n'), parts.filter((p) => p.trim() !== '').length],
      [`${parts.join('\n')}\n\n`, parts.filter((p) => p.trim() !== '').length],
      ['\n \n\r\n', 0],
      ['', 0],
      ['last without an end', 1],
    ]
    for (const [i, [text, want]] of cases.entries()) {
      const file = join(dir, `${i}.ndjson`)
      writeFileSync(file, text)
      assert.is(await countLines(file), want, `case ${i} (${Buffer.byteLength(text)} bytes)`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
