/**
 * The framing of a file `kezek import` reads, shared by both import paths (bulk SQL and check-then-append): what
 * each wrong file is told, and what a right one yields.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { CliFailure } from '../../src/cli/errors.js'
import { transferFile, type FileRecord } from '../../src/cli/transfer/file-records.js'
import { headerLine, trailerLine } from '../../src/cli/transfer/format.js'
import type { NumberedLine } from '../../src/cli/transfer/read-lines.js'

const HASH = 'a'.repeat(64)
const event = (streamId: string, revision: number) =>
  JSON.stringify({ streamId, revision, id: `${streamId}-${revision}`, type: 'T', data: {}, metadata: {}, hash: HASH, previousHash: HASH, recordedAt: 'x', position: 'p' })
const generated = (streamId: string) => JSON.stringify({ streamId, event: { type: 'T' }, envelope: { eventId: streamId } })
const header = headerLine({ exportedAt: '2026-01-01T00:00:00Z', source: 'test' })

async function* numbered(texts: readonly string[]): AsyncIterable<NumberedLine> {
  for (const [i, text] of texts.entries()) yield { n: i + 1, text }
}

/** Reads the whole file; the mode, or the message it failed with. */
const read = async (texts: readonly string[], streams: number): Promise<{ records: FileRecord[]; mode?: string; failed?: string }> => {
  const file = transferFile(numbered(texts))
  const records: FileRecord[] = []
  try {
    for await (const r of file.records) records.push(r)
    return { records, mode: file.end(streams) }
  } catch (e) {
    if (!(e instanceof CliFailure)) throw e
    return { records, failed: e.error.message }
  }
}

test('an export yields its events between header and trailer; a generated history its records', async () => {
  const exp = await read([header, event('s1', 0), event('s2', 0), event('s1', 1), trailerLine(3, 2)], 2)
  assert.is(exp.mode, 'export')
  assert.equal(exp.records.map((r) => [r.line.n, r.record.kind]), [[2, 'event'], [3, 'event'], [4, 'event']])
  const gen = await read([generated('a'), generated('b')], 2)
  assert.is(gen.mode, 'generated')
  assert.equal(gen.records.map((r) => r.record.kind), ['generated', 'generated'])
})

test('what is wrong with a file is said, with the line', async () => {
  const cases: ReadonlyArray<[string, readonly string[], number, RegExp]> = [
    ['empty', [], 0, /the file is empty/],
    ['not JSON', [header, '{oops'], 0, /line 2: not JSON/],
    ['no header', [event('s', 0)], 1, /line 1: the file does not start with a kezek export header/],
    ['another format', [header.replace('"format":1', '"format":2')], 0, /export format 2/],
    ['another chain', [header.replace('kezek.event.v1', 'kezek.event.v9')], 0, /hash chain is kezek\.event\.v9/],
    ['a generated record in an export', [header, generated('s')], 1, /line 2: expected an exported event, found a generated line/],
    ['a trailer in a generated history', [generated('s'), trailerLine(1, 1)], 1, /line 2: expected a generated record, found a trailer line/],
    ['more after the trailer', [header, event('s', 0), trailerLine(1, 1), event('s', 1)], 1, /line 4: there is more after the trailer line/],
    ['cut short', [header, event('s', 0)], 1, /ends without its trailer line after 1 events/],
    ['miscounted', [header, event('s', 0), trailerLine(2, 1)], 1, /the trailer counts 2 events in 1 streams, the file holds 1 in 1/],
  ]
  for (const [name, texts, streams, says] of cases) {
    const r = await read(texts, streams)
    assert.ok(r.failed !== undefined, `${name}: refused`)
    assert.match(r.failed as string, says, name)
  }
})

test.run()
