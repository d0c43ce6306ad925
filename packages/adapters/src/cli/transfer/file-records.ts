/**
 * The records of a file `kezek import` reads — an export's events between its header and its trailer, or a
 * generated history's records — in file order. What is wrong with the file's framing is raised here, as the CLI
 * failure that says so: a line that is not JSON or not a record, a wrong format or chain version, a line of the
 * other kind, more after the trailer; and at `end`, an empty file or an export whose trailer is missing or
 * miscounts. Both import paths read the file through this; they differ only in what they do with each record.
 */
import * as E from 'fp-ts/lib/Either.js'
import { cliError, fail, type CliError } from '../errors.js'
import { readLine, type Line } from './format.js'
import type { NumberedLine } from './read-lines.js'

export type Mode = 'export' | 'generated'

/** An exported event or a generated record, with the line it came from. */
export interface FileRecord {
  readonly line: NumberedLine
  readonly record: Extract<Line, { kind: 'event' | 'generated' }>
}

export interface TransferFile {
  readonly records: AsyncIterable<FileRecord>
  /** Known from the first line on. */
  readonly mode: () => Mode | undefined
  /**
   * After the last record: the file's mode, once the file proved not empty and, for an export, ended with a trailer
   * counting the events read and `streams` (the caller's count of distinct streams).
   */
  readonly end: (streams: number) => Mode
}

export const badLine = (l: NumberedLine, detail: string, hint = 'nothing was imported; the file is damaged or was edited: export it again from the source store'): CliError =>
  cliError('problems', `line ${l.n}: ${detail}`, hint)

export const transferFile = (lines: AsyncIterable<NumberedLine>): TransferFile => {
  let mode: Mode | undefined
  let trailer: { readonly events: number; readonly streams: number } | undefined
  let events = 0

  async function* records(): AsyncIterable<FileRecord> {
    for await (const l of lines) {
      const parsed = readLine(l.text)
      if (E.isLeft(parsed)) fail(badLine(l, parsed.left))
      const line = (parsed as E.Right<Line>).right
      if (trailer !== undefined) fail(badLine(l, 'there is more after the trailer line'))
      if (mode === undefined) {
        if (line.kind === 'header') {
          if (line.header.format !== 1) fail(cliError('usage', `the file is export format ${line.header.format}; this kezek reads format 1`, 'use the kezek version that wrote it'))
          if (line.header.chain !== 'kezek.event.v1') fail(cliError('usage', `the file's hash chain is ${line.header.chain}; this kezek verifies kezek.event.v1`))
          mode = 'export'
          continue
        }
        if (line.kind === 'generated') mode = 'generated'
        else fail(badLine(l, 'the file does not start with a kezek export header or a generated record'))
      }
      if (mode === 'export' && line.kind === 'trailer') {
        trailer = { events: line.events, streams: line.streams }
        continue
      }
      const wanted = mode === 'export' ? 'event' : 'generated'
      if (line.kind !== wanted) fail(badLine(l, `expected ${mode === 'export' ? 'an exported event' : 'a generated record'}, found a ${line.kind} line`))
      events++
      yield { line: l, record: line as FileRecord['record'] }
    }
  }

  return {
    records: records(),
    mode: () => mode,
    end: (streams) => {
      if (mode === undefined) return fail(cliError('problems', 'the file is empty', 'pass the file `kezek export --out` wrote'))
      if (mode === 'export') {
        if (trailer === undefined) return fail(cliError('problems', `the file ends without its trailer line after ${events} events: it was cut short`, 'nothing was imported; copy or export the file again'))
        if (trailer.events !== events || trailer.streams !== streams) {
          return fail(cliError('problems', `the trailer counts ${trailer.events} events in ${trailer.streams} streams, the file holds ${events} in ${streams}`, 'nothing was imported; export the file again'))
        }
      }
      return mode
    },
  }
}
