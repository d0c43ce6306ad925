/**
 * `kezek import` into PGlite or PostgreSQL: one pass over the file inside ONE transaction of the target, so a run
 * is all or nothing. Each line is parsed, checked and queued as it is read; the target's bulk writer validates,
 * chains and writes thousands of rows per statement (see store/sql/bulk.ts). Anything wrong — a broken hash chain,
 * an event the store refuses, an id the target already holds, a missing trailer — fails the run and the
 * transaction rolls back: nothing of the file is written, and running it again fails the same way.
 *
 * One hash per event: the writer chains each event on the head it continues and the file's hash must come out
 * identical. Only when it does not is the file's own link checked (`checkLink`), to name the break.
 *
 * A generated history holds personal data in clear: when the target encrypts it, each run of events is sealed
 * first, exactly as the encrypting store's `append` would (privacy/seal.ts), with the keys created inside this
 * transaction. An export is written as it is: its personal data is already sealed, and its hashes must match.
 */
import * as E from 'fp-ts/lib/Either.js'
import { chainHash, checkLink, GENESIS_HASH } from '../../integrity/index.js'
import type { Json, NewEvent, RecordedEvent } from '../../store/port.js'
import type { BulkWriter } from '../../store/sql/bulk.js'
import { isUniqueViolation } from '../../store/sql/driver.js'
import type { SqlEventStore } from '../../store/sql/store.js'
import { quoteIdent } from '../../store/sql/schema.js'
import type { ProtectedStore } from '../../privacy/protect.js'
import type { Sealer } from '../../privacy/seal.js'
import { cliError, fail } from '../errors.js'
import type { Line } from './format.js'
import { badLine, transferFile, type FileRecord, type Mode } from './file-records.js'
import type { NumberedLine } from './read-lines.js'

export type Head = { readonly revision: number; readonly hash: string }

export interface Imported {
  readonly mode: Mode
  readonly events: number
  readonly streams: ReadonlyMap<string, Head>
  readonly written: number
  readonly skipped: number
  /** Position of the last event written. */
  readonly last: string | undefined
}

type EventLine = Extract<Line, { kind: 'event' }>['event']

interface Run {
  readonly streamId: string
  /** Expected revision of the stream before the run: its head, -1 for none. */
  readonly after: number
  readonly lines: NumberedLine[]
  readonly events: NewEvent[]
  /** The file's events (export mode), to compare hashes and name a break. */
  readonly recorded: EventLine[]
}


/** The event of a generated record; undefined when it has no id or type. */
const eventOf = (g: Extract<Line, { kind: 'generated' }>): NewEvent | undefined => {
  const id = (g.envelope as { eventId?: unknown } | null)?.eventId
  const type = (g.event as { type?: unknown } | null)?.type
  return typeof id !== 'string' || typeof type !== 'string' ? undefined : { id, type, data: g.event, metadata: g.envelope }
}

const generatedEvent = (l: NumberedLine, g: Extract<Line, { kind: 'generated' }>): NewEvent =>
  eventOf(g) ?? fail(badLine(l, `a generated record of stream ${g.streamId} has no envelope.eventId or event.type`, 'nothing was imported; regenerate the history'))

/**
 * Records read ahead of the one being written. The heads of the streams they continue are read in one query
 * (`BulkWriter.learnHeads`), and sealing asks for the keys of every person they name in one go (`Sealer.prepare`):
 * a few statements per window instead of one per stream and up to three per new person.
 */
const READ_AHEAD = 2_000

/**
 * Seals runs of a generated history inside the import's transaction. A stream's applicant is in its `authorized`
 * event: remembered when this import sealed it, else read from what the target already held.
 */
const sealingIn = (personal: ProtectedStore, w: BulkWriter, schema: string) => {
  const applicants = new Map<string, Json | undefined>()
  const firstApplicant = `SELECT data->'applicantIin' AS applicant FROM ${quoteIdent(schema)}.events WHERE stream_id = $1 ORDER BY revision LIMIT 1`
  const sealer: Sealer = personal.sealerIn(w.tx, async (streamId) =>
    applicants.has(streamId)
      ? applicants.get(streamId)
      : (await w.head(streamId)).revision < 0 // a stream new to the target (w.head asks nothing of an empty one)
        ? undefined
        : (await w.tx.query<{ applicant: Json }>(firstApplicant, [streamId]))[0]?.applicant)
  return {
    prepare: sealer.prepare,
    seal: async (streamId: string, events: readonly NewEvent[]) => {
      const sealed = await sealer.sealEvents(streamId, events)
      const first = E.isRight(sealed) ? sealed.right[0] : undefined
      if (first?.type === 'authorized') applicants.set(streamId, (first.data as { applicantIin?: Json }).applicantIin)
      return sealed
    },
  }
}

export const importIntoSql = async (
  sql: SqlEventStore,
  description: string,
  lines: AsyncIterable<NumberedLine>,
  tick: () => void,
  /** The target's encryption of personal data, when it has one: a generated history is sealed with it. */
  personal?: ProtectedStore,
): Promise<Imported> => {
  const done = await sql.bulk(async (w) => {
    const sealing = personal === undefined ? undefined : sealingIn(personal, w, sql.schema)
    const file = new Map<string, Head>()
    const read = transferFile(lines)
    let events = 0
    let skipped = 0
    let run: Run | undefined

    const flush = async (): Promise<void> => {
      if (run === undefined) return
      const r = run
      run = undefined
      const sealed = sealing === undefined || read.mode() !== 'generated' ? E.right(r.events) : await sealing.seal(r.streamId, r.events)
      const written = E.isLeft(sealed) ? sealed : await w.append(r.streamId, sealed.right, r.after < 0 ? 'no_stream' : r.after)
      if (E.isLeft(written)) {
        const l = written.left
        const first = r.lines[0] as NumberedLine
        fail(
          l.kind === 'invalid_event'
            ? badLine(first, `${description} refuses the events of stream ${r.streamId.slice(0, 80)}: ${l.detail}`, 'nothing was imported; fix or remove that stream in the file')
            : l.kind === 'wrong_expected_revision'
              ? cliError('conflict', `stream ${r.streamId} in ${description} is at revision ${String(l.actual)}, the file continues it from ${String(l.expected)}`, 'nothing was imported; import into an empty store')
              : badLine(first, `an empty append to ${r.streamId}`),
        )
      }
      if (read.mode() !== 'export') return
      const hashes = (written as E.Right<readonly string[]>).right
      let prev: Head = { revision: r.after, hash: r.after < 0 ? GENESIS_HASH : (r.recorded[0] as EventLine).previousHash }
      r.recorded.forEach((e, k) => {
        if (hashes[k] !== e.hash) {
          const b = checkLink(prev, e as RecordedEvent)
          fail(
            b === undefined
              ? cliError('conflict', `${description} holds a different event before ${e.streamId} revision ${e.revision}`, 'nothing was imported; import into an empty store')
              : badLine(r.lines[k] as NumberedLine, `the file's hash chain is broken at stream ${b.streamId} revision ${b.revision}: ${b.kind} — ${b.detail}`),
          )
        }
        prev = { revision: e.revision, hash: e.hash }
      })
    }

    /**
     * Queues one event. An event at a revision the target already holds (the same file imported before, or an
     * older export of the target's own streams) must be that very event: it is compared, not written.
     */
    const add = async (l: NumberedLine, streamId: string, event: NewEvent, recorded: EventLine | undefined): Promise<void> => {
      if (run !== undefined && run.streamId !== streamId) await flush()
      if (run === undefined) {
        const head = await w.head(streamId) // this import's own writes included
        const revision = recorded?.revision ?? head.revision + 1
        if (recorded !== undefined && revision <= head.revision) {
          const there = await w.eventAt(streamId, revision)
          if (there === undefined || there.id !== recorded.id || there.hash !== recorded.hash || chainHash(recorded.previousHash, recorded) !== recorded.hash) {
            fail(cliError('conflict', `${description} already holds a different event at ${streamId} revision ${revision}`, 'nothing was imported; import into an empty store (a new PGlite directory, a new ?schema=)'))
          }
          skipped++
          file.set(streamId, { revision, hash: recorded.hash })
          return
        }
        run = { streamId, after: revision - 1, lines: [], events: [], recorded: [] }
      }
      run.lines.push(l)
      run.events.push(event)
      if (recorded !== undefined) run.recorded.push(recorded)
      file.set(streamId, { revision: run.after + run.events.length, hash: recorded?.hash ?? '' })
    }

    const take = async ({ line: l, record }: FileRecord): Promise<void> => {
      if (record.kind === 'event') {
        const e = record.event
        // The file's own order and links; the hash itself is checked when the writer chains the event.
        const before = file.get(e.streamId) ?? { revision: -1, hash: GENESIS_HASH }
        if (e.revision !== before.revision + 1 || e.previousHash !== before.hash) {
          const b = checkLink(before, e)
          fail(badLine(l, `the file's hash chain is broken at stream ${e.streamId} revision ${e.revision}: ${b?.kind ?? 'broken_link'} — ${b?.detail ?? 'out of order'}`))
        }
        await add(l, e.streamId, { id: e.id, type: e.type, data: e.data, metadata: e.metadata }, e)
      } else {
        await add(l, record.streamId, generatedEvent(l, record), undefined)
      }
      events++
      tick()
    }

    const ahead: FileRecord[] = []
    const drain = async (): Promise<void> => {
      await w.learnHeads(ahead.map(({ record }) => (record.kind === 'event' ? record.event.streamId : record.streamId)))
      if (sealing !== undefined && read.mode() === 'generated') {
        // A record without an id or type is left for `take` to refuse, in its turn.
        const runs: { streamId: string; events: NewEvent[] }[] = []
        for (const { record } of ahead) {
          if (record.kind !== 'generated') continue
          const e = eventOf(record)
          if (e !== undefined) runs.push({ streamId: record.streamId, events: [e] })
        }
        await sealing.prepare(runs)
      }
      for (const r of ahead) await take(r)
      ahead.length = 0
    }
    for await (const r of read.records) {
      ahead.push(r)
      if (ahead.length >= READ_AHEAD) await drain()
    }
    await drain()
    await flush()
    const mode = read.end(file.size)
    return { mode, events, streams: file, skipped }
  }).catch((error: unknown) => refused(error, description))
  return { ...done.value, written: done.written, last: done.last }
}

/** The database refused a row (the transaction rolled back): an id or revision clash, said plainly. */
const refused = (error: unknown, description: string): never => {
  const detail = typeof (error as { detail?: unknown })?.detail === 'string' ? ` (${(error as { detail: string }).detail})` : ''
  if (isUniqueViolation(error, 'events_id_unique')) {
    return fail(cliError('problems', `an event id of the file is there twice, or ${description} already holds it${detail}`, 'nothing was imported; event ids are unique across a store'))
  }
  if (isUniqueViolation(error, 'events_stream_revision_unique')) {
    return fail(cliError('conflict', `${description} was written to while importing${detail}`, 'nothing was imported; import into a store nobody else uses'))
  }
  throw error
}

export type { BulkWriter }
