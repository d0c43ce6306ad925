/**
 * Where a generated history goes: NDJSON (one `{ streamId, event, envelope }` per line, the form benchmarks and
 * demos load) or straight into an event store, one append per decision at the expected revision, exactly as the
 * command handler would have written it.
 */
import { createReadStream, createWriteStream, renameSync } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import * as E from 'fp-ts/lib/Either.js'
import { toNewEvent } from '../handler/envelope.js'
import type { AppendError, EventStore, NewEvent } from '../store/port.js'
import { generateDecisions, type GeneratedDecision, type GeneratedRecord, type GenerateOptions } from './simulate.js'
import { count, emptySummary, type HistorySummary } from './summary.js'

/** The NDJSON line of one record, without the newline. Key order is fixed, so the bytes are too. */
export const toNdjsonLine = (r: GeneratedRecord): string =>
  JSON.stringify({ streamId: r.streamId, event: r.event, envelope: r.envelope })

/** The store form of one record: `data` is the event, `metadata` the envelope. */
export const toStoreEvent = (r: GeneratedRecord): NewEvent => toNewEvent(r.event, r.envelope)

/** A decision as the arguments of one `EventStore.append`. */
export const toAppend = (d: GeneratedDecision) =>
  ({ streamId: d.streamId, events: d.records.map(toStoreEvent), options: { expected: d.expected } }) as const

const FLUSH_AT = 1 << 20

/**
 * Writes the history to `path` (through `path.partial`, renamed at the end, so a crash never leaves a short file
 * that looks complete) and returns its summary.
 */
export const writeNdjson = async (path: string, options: GenerateOptions): Promise<HistorySummary> => {
  const partial = `${path}.partial`
  const out = createWriteStream(partial, { encoding: 'utf8' })
  const summary = emptySummary()
  let buffer = ''
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return
    const ok = out.write(buffer)
    buffer = ''
    if (!ok) await once(out, 'drain')
  }
  for (const d of generateDecisions(options)) {
    for (const r of d.records) {
      count(summary, r.event, d.expected === 'no_stream' && r === d.records[0])
      buffer += toNdjsonLine(r) + '\n'
    }
    if (buffer.length >= FLUSH_AT) await flush()
  }
  await flush()
  out.end()
  await once(out, 'finish')
  renameSync(partial, path)
  return summary
}

/** Reads an NDJSON history back, line by line (JSON only: decoding is the reader's business). */
export async function* readNdjson(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  for await (const line of lines) if (line.length > 0) yield JSON.parse(line) as unknown
}

export interface Loaded {
  readonly decisions: number
  readonly events: number
}

/** Appends every decision to the store in order; the first refused append stops the load and is returned. */
export const appendDecisions = async (
  store: EventStore,
  decisions: Iterable<GeneratedDecision>,
): Promise<E.Either<AppendError, Loaded>> => {
  let n = 0
  let events = 0
  for (const d of decisions) {
    const a = toAppend(d)
    const result = await store.append(a.streamId, a.events, a.options)
    if (E.isLeft(result)) return result
    n++
    events += d.records.length
  }
  return E.right({ decisions: n, events })
}
