/**
 * `kezek import FILE`: the second half of a move between back-ends. Into PGlite or PostgreSQL the file is checked
 * and written in one pass inside one transaction, so a run is all or nothing (transfer/import-into-sql.ts). Into
 * the other back-ends (in-memory, EventStoreDB), which have no such transaction, the whole file is checked first — every
 * event's hash recomputed, every link followed, the trailer's counts matched — and nothing is written unless all
 * of it verifies. Events are then appended in the file's order with their ids, one append per run of events of
 * one stream at the exact expected revision; the target recomputes each hash, and since the chain covers only what
 * moves (stream, revision, id, type, data, metadata) the hashes come out identical. Finally the target is walked
 * and every imported stream's head must equal the file's.
 *
 * An interrupted import can be run again: streams the target already holds are compared hash by hash and only
 * their missing tail is appended. A stream that holds something else is a conflict, and nothing of it is written.
 */
import * as E from 'fp-ts/lib/Either.js'
import { commonOptions, exactlyOne, parse, storeFrom, storeOptions } from '../args.js'
import { json, type Command } from '../command.js'
import { cliError, fail } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { withStore, type OpenedStore } from '../open-store.js'
import { progress } from '../progress.js'
import type { Line } from '../transfer/format.js'
import { badLine, transferFile, type Mode } from '../transfer/file-records.js'
import { importIntoSql } from '../transfer/import-into-sql.js'
import { countLines, lineSource, type NumberedLine } from '../transfer/read-lines.js'
import { checkLink, ChainVerifier, GENESIS_HASH, type ChainBreak } from '../../integrity/index.js'
import type { EventStore, NewEvent, RecordedEvent } from '../../store/port.js'
import { validateAppend } from '../../store/validate.js'


const options = { ...commonOptions, ...storeOptions, json: { type: 'boolean' } } as const

type Head = { readonly revision: number; readonly hash: string }

interface Checked {
  readonly mode: Mode
  readonly events: number
  readonly streams: ReadonlyMap<string, Head>
  /** Kept when the source cannot be read twice (standard input). */
  readonly held?: readonly Line[]
}


/**
 * What every store would refuse (the same checks as append), and an id used twice in the file: found in pass 1,
 * so nothing is written to a store that has no transaction to undo a half import.
 */
const refusedByStores = (l: NumberedLine, streamId: string, event: NewEvent, ids: Set<string>): void => {
  const valid = validateAppend(streamId, [event], { expected: 'any' })
  if (E.isLeft(valid)) {
    const detail = valid.left.kind === 'invalid_event' ? valid.left.detail : valid.left.kind
    fail(badLine(l, `stores refuse this event of stream ${streamId.slice(0, 80)}: ${detail}`))
  }
  if (ids.has(event.id)) fail(badLine(l, `the event id ${event.id} appears twice in the file`))
  ids.add(event.id)
}

/** Pass 1: the file verifies on its own, or nothing is imported. */
const checkFile = async (lines: AsyncIterable<NumberedLine>, hold: boolean, tick: () => void): Promise<Checked> => {
  const heads = new Map<string, Head>()
  const held: Line[] = []
  const file = transferFile(lines)
  let events = 0
  let firstBreak: { line: NumberedLine; b: ChainBreak } | undefined
  const ids = new Set<string>()
  let breaks = 0
  for await (const { line: l, record } of file.records) {
    if (record.kind === 'event') {
      const e = record.event
      refusedByStores(l, e.streamId, { id: e.id, type: e.type, data: e.data, metadata: e.metadata }, ids)
      const b = checkLink(heads.get(e.streamId) ?? { revision: -1, hash: GENESIS_HASH }, e)
      if (b !== undefined) {
        breaks++
        firstBreak ??= { line: l, b }
      }
      heads.set(e.streamId, { revision: Math.max(e.revision, heads.get(e.streamId)?.revision ?? -1), hash: e.hash })
    } else {
      refusedByStores(l, record.streamId, toNew(record).event, ids)
      heads.set(record.streamId, { revision: (heads.get(record.streamId)?.revision ?? -1) + 1, hash: '' })
    }
    events++
    if (hold) held.push(record)
    tick()
  }
  if (firstBreak !== undefined) {
    const { line, b } = firstBreak
    fail(
      cliError(
        'problems',
        `the file's hash chain is broken (${breaks} event(s)); first at line ${line.n}, stream ${b.streamId} revision ${b.revision}: ${b.kind} — ${b.detail}`,
        'nothing was imported; export again from the source, or run `kezek verify` on the source store',
      ),
    )
  }
  const mode = file.end(heads.size)
  return { mode, events, streams: heads, ...(hold ? { held } : {}) }
}

/** What the target already holds of a stream: nothing, a prefix of the file's stream (resume), or something else. */
const targetHead = async (store: EventStore, streamId: string): Promise<readonly RecordedEvent[]> => {
  const r = await store.readStream(streamId)
  return E.isRight(r) ? r.right : []
}

const toNew = (line: Line): { streamId: string; revision: number | undefined; hash: string | undefined; event: NewEvent } => {
  if (line.kind === 'event') {
    const e = line.event
    return { streamId: e.streamId, revision: e.revision, hash: e.hash, event: { id: e.id, type: e.type, data: e.data, metadata: e.metadata } }
  }
  const g = line as Extract<Line, { kind: 'generated' }>
  const id = (g.envelope as { eventId?: unknown } | null)?.eventId
  const type = (g.event as { type?: unknown } | null)?.type
  if (typeof id !== 'string' || typeof type !== 'string') {
    return fail(cliError('problems', `a generated record of stream ${g.streamId} has no envelope.eventId or event.type`, 'regenerate the history'))
  }
  return { streamId: g.streamId, revision: undefined, hash: undefined, event: { id, type, data: g.event, metadata: g.envelope } }
}

interface Appended {
  readonly written: number
  readonly skipped: number
  /** Position of the last append, to wait for before verifying. */
  readonly last: string | undefined
}

/** Pass 2: append in file order, one append per run of one stream's events. */
const appendAll = async (target: OpenedStore, lines: AsyncIterable<Line>, tick: () => void): Promise<Appended> => {
  const store = target.store
  const empty = (await store.headPosition()) === undefined
  const next = new Map<string, number>() // next revision to write per stream
  const existing = new Map<string, readonly RecordedEvent[]>()
  let run: { streamId: string; first: number; events: NewEvent[] } | undefined
  let written = 0
  let skipped = 0
  let last: string | undefined

  const flush = async (): Promise<void> => {
    if (run === undefined || run.events.length === 0) return
    const { streamId, first, events } = run
    run = undefined
    const r = await store.append(streamId, events, { expected: first === 0 ? 'no_stream' : first - 1 })
    if (E.isRight(r)) {
      written += events.length
      last = r.right.position
      return
    }
    {
      const l = r.left
      fail(
        cliError(
          'conflict',
          l.kind === 'wrong_expected_revision'
            ? `stream ${streamId} changed in ${target.description} while importing (expected revision ${String(l.expected)}, found ${String(l.actual)})`
            : l.kind === 'invalid_event'
              ? `${target.description} refused events of stream ${streamId}: ${l.detail}`
              : `${target.description} refused an empty append to ${streamId}`,
          'is something else writing to the target? import into a store nobody else uses, then run the import again to finish',
        ),
      )
    }
  }

  for await (const line of lines) {
    const { streamId, revision: fileRevision, hash, event } = toNew(line)
    tick()
    if (!next.has(streamId)) {
      const held = empty ? [] : await targetHead(store, streamId)
      existing.set(streamId, held)
      next.set(streamId, held.length === 0 ? 0 : (held.at(-1) as RecordedEvent).revision + 1)
    }
    const revision = fileRevision ?? (next.get(streamId) as number)
    const held = existing.get(streamId) as readonly RecordedEvent[]
    if (revision < held.length) {
      // The target has this revision already: only the identical event may be there (a resumed import).
      const there = held[revision]
      if (there === undefined || hash === undefined || there.hash !== hash || there.id !== event.id) {
        fail(
          cliError(
            'conflict',
            `${target.description} already holds a different event at ${streamId} revision ${revision}`,
            'import into an empty store (a new PGlite directory, a new ?schema=, a new ESDB namespace)',
          ),
        )
      }
      skipped++
      continue
    }
    if (run !== undefined && run.streamId !== streamId) await flush()
    if (run === undefined) run = { streamId, first: revision, events: [] }
    run.events.push(event)
    next.set(streamId, revision + 1)
  }
  await flush()
  return { written, skipped, last }
}

const WAIT_MS = 120_000

/**
 * PostgreSQL readers only see commits below the oldest transaction still running in the cluster (see the SQL
 * store), so a long transaction elsewhere can hide what was just written. Wait for it — bounded, and saying why.
 */
const visible = async (io: CliIo, target: OpenedStore, last: string | undefined): Promise<void> => {
  if (last === undefined) return
  const started = io.clock()
  let told = false
  for (;;) {
    const head = await target.store.headPosition()
    if (head !== undefined && target.store.comparePositions(head, last) >= 0) return
    if (io.clock() - started > WAIT_MS) {
      fail(
        cliError(
          'problems',
          `the import was written, but ${target.description} still does not show it to readers after ${WAIT_MS / 1000} s`,
          'a long-running transaction elsewhere in the PostgreSQL cluster holds readers back (see pg_stat_activity); run `kezek verify` on the target once it ends',
        ),
      )
    }
    if (!told) {
      io.err.write('import: waiting until readers see the imported events (a transaction elsewhere in the database holds them back)\n')
      told = true
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

async function* fromLines(lines: AsyncIterable<NumberedLine>): AsyncIterable<Line> {
  for await (const { record } of transferFile(lines).records) yield record
}

async function* fromHeld(held: readonly Line[]): AsyncIterable<Line> {
  yield* held
}

export const importCommand: Command = {
  name: 'import',
  summary: 'load an export (or a generated history) into a store, verifying the chain before and after',
  help: `kezek import FILE|- --store URL [--json]

Reads a file written by \`kezek export\` (or - for standard input): every event's hash is recomputed and every
link followed, every event must pass the store's own checks, and the trailer's counts must match. The events go
to the target in the file's order, with their ids, at their revisions; the target recomputes the hashes, which
come out identical. A run is all or nothing: if anything is wrong at any line, nothing is written (exit 1, or 5
for a conflict with what the target holds), and running it again fails the same way. Into PGlite and PostgreSQL
the file is checked and written in one pass inside one transaction, thousands of rows per statement (other
writers to the target wait until it ends); into the other stores it is checked in full first, then appended.
Last, the target is walked and every imported stream's head must equal the file's (exit 1 if not).

The target store is created if it does not exist (a new PGlite directory, a new PostgreSQL schema). A stream the
target already holds is compared event by event: an identical prefix is skipped (the same file can be imported
again), anything else is a conflict (exit 5).

Also reads the generator's NDJSON ({"streamId","event","envelope"} per line): a seeded demo history goes into any
store the same way (it has no hashes to check; the store computes them).`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    const file = exactlyOne(positionals, 'file to import', 'kezek import backup.ndjson --store postgres://postgres@127.0.0.1/kezek')
    const locator = storeFrom(values, io, 'the target store')
    const source = lineSource(io, file)

    return withStore(locator, 'write', async (target) => {
      let appended: Appended
      let checked: Pick<Checked, 'mode' | 'events' | 'streams'>
      if (target.sql !== undefined) {
        // PGlite and PostgreSQL: one pass, one transaction, all or nothing, thousands of rows per statement.
        const total = source.rereadable ? await countLines(source.description) : undefined
        const bar = progress(io, 'import: checking and writing', total)
        const done = await importIntoSql(target.sql, target.description, source.lines(), () => bar.tick(), target.personal)
        bar.finish(`${done.written} written, ${done.skipped} already there`)
        checked = done
        appended = { written: done.written, skipped: done.skipped, last: done.last }
      } else {
        const checkBar = progress(io, 'import: checking the file', undefined)
        const c = await checkFile(source.lines(), !source.rereadable, () => checkBar.tick())
        checkBar.finish(
          c.mode === 'export'
            ? `${c.streams.size} streams, hash chain intact`
            : `${c.streams.size} streams (a generated history: no hashes to check)`,
        )
        checked = c
        const writeBar = progress(io, 'import: appending', c.events)
        // An export is written as it was stored (its hashes must match; personal data in it is already sealed); a
        // generated history goes through the target's encryption like any new event.
        const into = c.mode === 'export' ? { ...target, store: target.stored } : target
        appended = await appendAll(into, c.held === undefined ? fromLines(source.lines()) : fromHeld(c.held), () => writeBar.tick())
        writeBar.finish(`${appended.written} written, ${appended.skipped} already there`)
      }

      await visible(io, target, appended.last)

      // After the move: the target's chains verify, and each imported stream holds the file's last event at its
      // revision with the file's hash (the target may hold more: a file exported earlier than the target's copy).
      const verifier = new ChainVerifier()
      const reached = new Map<string, string>()
      const verifyBar = progress(io, 'import: verifying the target')
      for await (const e of target.stored.readAll({ batchSize: 1000 })) {
        verifyBar.tick()
        if (verifier.push(e) !== undefined) break
        if (checked.streams.get(e.streamId)?.revision === e.revision) reached.set(e.streamId, e.hash)
      }
      const verified = verifier.finish()
      verifyBar.finish()
      if (E.isLeft(verified)) {
        const b = verified.left
        fail(cliError('problems', `after the import, ${target.description} does not verify: stream ${b.streamId} revision ${b.revision}: ${b.kind} — ${b.detail}`, 'run `kezek verify` on the target for every problem'))
      }
      const differing = [...checked.streams].filter(([id, h]) => {
        const there = reached.get(id)
        return there === undefined || (checked.mode === 'export' && there !== h.hash)
      })
      if (differing.length > 0) {
        const [id, h] = differing[0] as [string, Head]
        const there = reached.get(id)
        fail(
          cliError(
            'problems',
            `after the import, ${differing.length} stream(s) differ in the target from the file; first ${id} at revision ${h.revision} (file ${h.hash.slice(0, 12)}…, target ${there === undefined ? 'has no such revision' : `${there.slice(0, 12)}…`})`,
            'run `kezek verify` on the target',
          ),
        )
      }
      const report = {
        ok: true,
        source: source.description,
        target: target.description,
        mode: checked.mode,
        events: checked.events,
        streams: checked.streams.size,
        written: appended.written,
        alreadyThere: appended.skipped,
        targetVerified: true,
      }
      io.out.write(
        values.json === true
          ? json(report)
          : `imported ${checked.events} events in ${checked.streams.size} streams into ${target.description} (${appended.written} written, ${appended.skipped} already there)\n` +
              `target verifies: hash chain intact${checked.mode === 'export' ? ', every stream’s last event in the file is there with the same hash' : ''}\n`,
      )
      return ExitCode.ok
    }, io)
  },
}
