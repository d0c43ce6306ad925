/**
 * `kezek export`: the store (or one stream) as NDJSON with envelopes and hashes — a backup, and the first half of
 * a move to another back-end.
 */
import * as E from 'fp-ts/lib/Either.js'
import { commonOptions, noPositionals, parse, storeFrom, storeOptions } from '../args.js'
import type { Command } from '../command.js'
import { cliError, fail } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { withStore } from '../open-store.js'
import { checkOutput, openSink } from '../output-file.js'
import { countEvents, progress } from '../progress.js'
import { eventLine, headerLine, trailerLine } from '../transfer/format.js'
import { applicationStream } from '../../handler/stream.js'
import type { RecordedEvent } from '../../store/port.js'

const options = { ...commonOptions, ...storeOptions, out: { type: 'string', short: 'o' }, stream: { type: 'string' }, force: { type: 'boolean' } } as const

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the store (or one stream) as NDJSON with envelopes and hashes',
  help: `kezek export --store URL [--out FILE] [--stream ID] [--force]

Writes a header line, one line per event in global order (stream, revision, id, type, data, metadata, hash,
previousHash, the source's recordedAt and position) and a trailer with the counts, so a cut file is detected on
import. To standard output unless --out is given; a file is written as FILE.partial and renamed when complete, and
an existing file is only replaced with --force. --stream exports one stream (a stream id or an application id).`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    noPositionals(positionals, 'export')
    const locator = storeFrom(values, io)
    checkOutput(io, values.out, values.force === true)
    return withStore(locator, 'read', async (opened) => {
      let events: readonly RecordedEvent[] | undefined
      let stream: string | undefined
      if (values.stream !== undefined) {
        for (const candidate of [values.stream, applicationStream(values.stream)]) {
          const r = await opened.stored.readStream(candidate)
          if (E.isRight(r) && r.right.length > 0) {
            events = r.right
            stream = candidate
            break
          }
        }
        if (events === undefined) fail(cliError('not_found', `there is no stream ${values.stream} in ${opened.description}`, 'pass a stream id or an application id'))
      }
      const sink = openSink(io, values.out, values.force === true)
      const bar = progress(io, 'export', events?.length ?? (await countEvents(opened)))
      try {
        await sink.write(`${headerLine({ exportedAt: io.now().toISOString(), source: opened.description, ...(stream === undefined ? {} : { stream }) })}\n`)
        const streams = new Set<string>()
        let n = 0
        // The stored form: a backup holds ciphertext, its keys are backed up apart (docs/personal-data.md).
        for await (const e of events ?? opened.stored.readAll({ batchSize: 1000 })) {
          await sink.write(`${eventLine(e)}\n`)
          streams.add(e.streamId)
          n++
          bar.tick()
        }
        await sink.write(`${trailerLine(n, streams.size)}\n`)
        await sink.commit()
        bar.finish(`${streams.size} streams → ${sink.description}`)
      } catch (e) {
        await sink.abandon()
        throw e
      }
      return ExitCode.ok
    }, io)
  },
}
