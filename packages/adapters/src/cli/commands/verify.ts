/**
 * `kezek verify`: walks the whole store (or one stream) once and checks every event — hash chain, decoding,
 * envelope consistency, replay, signatures — reporting the first problem of each kind with its position.
 */
import * as E from 'fp-ts/lib/Either.js'
import { writeFileSync } from 'node:fs'
import { commonOptions, noPositionals, parse, positiveIntFrom, storeFrom, storeOptions } from '../args.js'
import { anchorCheck, anchorsJson, readAnchors } from '../audit/anchors.js'
import { Auditor, type Problem, type ProblemKind } from '../audit/auditor.js'
import { readToEnd } from '../audit/read-to-end.js'
import { inWindows } from '../../store/in-windows.js'
import { json, type Command } from '../command.js'
import { cliError, fail } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { withStore } from '../open-store.js'
import { countEvents, progress } from '../progress.js'
import { applicationStream } from '../../handler/stream.js'
import type { EventStore, RecordedEvent } from '../../store/port.js'

const options = {
  ...commonOptions,
  ...storeOptions,
  stream: { type: 'string' },
  json: { type: 'boolean' },
  anchors: { type: 'string' },
  'save-heads': { type: 'string' },
  wait: { type: 'string' },
} as const

/** Events revealed a window at a time, their keys looked up together (`ProtectedStore.knowKeysOf`). */
const KEY_WINDOW = 1000

/** How long a walk held back by a running transaction reads on, by default (seconds). */
const WAIT_SECONDS = 30

const what: Readonly<Record<ProblemKind, string>> = {
  'chain.altered': 'an event was changed after it was written',
  'chain.removed': 'events are missing from a stream',
  'chain.reordered': 'an event was moved within its stream',
  'chain.broken_link': 'an event was replaced and its hash recomputed',
  'chain.truncated': 'a stream was cut short of a published anchor',
  'chain.rewritten': 'a stream was rewritten with recomputed hashes',
  undecodable: 'an event does not decode as a domain event with its envelope',
  inconsistent: 'an envelope and its event disagree',
  out_of_place: 'an event cannot follow the application’s stage on replay',
  signature: 'a signed fact does not match the signature verdict recorded for it',
}

const where = (p: Problem): string =>
  `stream ${p.streamId} revision ${p.revision}${p.eventId === undefined ? '' : `, event ${p.eventId}`}${p.position === undefined ? '' : `, store position ${p.position}`}`

async function* streamEvents(store: EventStore, id: string): AsyncIterable<RecordedEvent> {
  for (const candidate of [id, applicationStream(id)]) {
    const r = await store.readStream(candidate)
    if (E.isRight(r) && r.right.length > 0) {
      yield* r.right
      return
    }
  }
  fail(cliError('not_found', `there is no stream ${id} (nor ${applicationStream(id)}) in the store`, 'pass a stream id or an application id'))
}

export const verify: Command = {
  name: 'verify',
  summary: 'check every event: hash chain, decoding, envelopes, replay, signatures; non-zero exit on any problem',
  help: `kezek verify --store URL [--stream ID] [--json] [--anchors FILE] [--save-heads FILE]

Walks the whole store in global order (or one stream with --stream, a stream id or an application id) and checks
every event: its hash-chain link, that it decodes with its provenance envelope, that envelope and event agree, that
it can follow the application's stage on replay, and that each signed fact matches the signature verdict recorded
for it. Prints a summary and, for each kind of problem, how many and the first one with its position.

--save-heads FILE writes every stream's last revision and hash; keep that file where the database's administrators
cannot write, and pass it back with --anchors FILE to also catch streams rewritten with recomputed hashes or cut
short.

On PostgreSQL, events committed behind a transaction of the same database that is still running are readable
only once it ends; the walk reads on for up to --wait SECONDS (default ${WAIT_SECONDS}) to reach every event the store held
when it started. Exit 0 when everything verifies, 1 when any problem was found, 7 when events stayed unreadable
(what was read is reported).`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    noPositionals(positionals, 'verify')
    const locator = storeFrom(values, io)
    const anchors = values.anchors === undefined ? undefined : readAnchors(values.anchors)
    const waitMs = positiveIntFrom(values.wait, '--wait', WAIT_SECONDS) * 1000
    return withStore(locator, 'read', async (opened) => {
      const auditor = new Auditor()
      const anchored = anchors === undefined ? undefined : anchorCheck(anchors)
      const signatures = { recordedValid: 0, matched: 0, recordedInvalid: 0, mismatched: 0 }
      const total = values.stream === undefined ? await countEvents(opened) : undefined
      const bar = progress(io, 'verify', total)
      const log = values.stream === undefined
        ? readToEnd(opened.stored, {
            total,
            waitMs,
            clock: io.clock,
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
            onHeld: (n) => io.err.write(`verify: ${n} events are committed but not yet readable: a transaction of this database is still running; reading on for up to ${waitMs / 1000} s\n`),
          })
        : undefined
      const source = log?.events ?? streamEvents(opened.stored, values.stream as string)
      const personal = opened.personal
      for await (const window of inWindows(source, KEY_WINDOW)) {
        // A window's keys in one look-up: one per person met was a fifth of the walk (stop 46).
        await personal?.knowKeysOf(window)
        for (const r of window) {
          // The chain is over what is stored (ciphertext); decoding and replay read the decrypted event.
          const f = auditor.push(r, personal === undefined ? r : await personal.reveal(r))
          anchored?.push(r)
          switch (f.signature?.kind) {
            case 'recorded_valid': signatures.recordedValid++; break
            case 'digest_matches': signatures.matched++; break
            case 'recorded_invalid': signatures.recordedInvalid++; break
            case 'mismatch': signatures.mismatched++; break
            default: break
          }
          bar.tick()
        }
      }
      const summary = auditor.summary()
      bar.finish()
      const extra = anchored?.finish(summary.heads, values.stream === undefined ? undefined : [...summary.heads.keys()][0]) ?? []
      const problems = [...summary.problems]
      for (const p of extra) {
        const existing = problems.findIndex((q) => q.kind === p.kind)
        if (existing === -1) problems.push({ kind: p.kind, count: 1, first: p })
        else problems[existing] = { ...(problems[existing] as (typeof problems)[number]), count: (problems[existing]?.count ?? 0) + 1 }
      }
      if (values['save-heads'] !== undefined) writeFileSync(values['save-heads'], anchorsJson(summary.heads, io.now().toISOString()))

      const ok = problems.length === 0
      const unread = log?.unread() ?? 0
      if (values.json === true) {
        io.out.write(
          json({
            ok: ok && unread === 0,
            store: opened.description,
            ...(values.stream === undefined ? {} : { stream: values.stream }),
            streams: summary.streams,
            applicationStreams: summary.applicationStreams,
            events: summary.events,
            unread,
            signatures,
            problems: problems.map((p) => ({ kind: p.kind, meaning: what[p.kind], count: p.count, first: p.first })),
          }),
        )
      } else {
        const lines = [
          `verified ${opened.description}${values.stream === undefined ? '' : `, stream ${values.stream}`}`,
          `  ${summary.events} events in ${summary.streams} streams (${summary.applicationStreams} applications)`,
          `  signatures: ${signatures.recordedValid} verdicts recorded at intake, ${signatures.matched} signed facts match them, ` +
            `${signatures.recordedInvalid} refusals recorded, ${signatures.mismatched} mismatches (signed XML is not kept in the store: verdicts are checked as recorded)`,
        ]
        if (anchors !== undefined) lines.push(`  anchors: ${anchors.size} published heads checked`)
        if (unread > 0) {
          lines.push(`INCOMPLETE: ${unread} events stayed unreadable behind a transaction of this database that did not end within ${waitMs / 1000} s; run again once it has (--wait for longer)`)
        }
        if (ok) lines.push(`OK: every hash-chain link, envelope and replay step ${unread > 0 ? 'of the events read ' : ''}verifies`)
        else {
          lines.push(`PROBLEMS: ${problems.reduce((n, p) => n + p.count, 0)} in ${problems.length} kind(s)`)
          for (const p of problems) {
            lines.push(`  ${p.kind}: ${p.count} — ${what[p.kind]}`)
            lines.push(`    first at ${where(p.first)}: ${p.first.detail}`)
          }
          lines.push('see `kezek history <application id>` for the affected application in plain words')
        }
        io.out.write(`${lines.join('\n')}\n`)
      }
      return !ok ? ExitCode.problems : unread > 0 ? ExitCode.incomplete : ExitCode.ok
    }, io)
  },
}
