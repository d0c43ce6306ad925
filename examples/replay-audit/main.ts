/**
 * A developer replays an audit history: what happened to application N, who did it, under which rule, was it
 * signed, was the log altered? Run: node --import tsx examples/replay-audit/main.ts
 *
 * 1. load a seeded, realistic history (the generator drives the real decider) into a store — in memory here; the
 *    same code runs on PGlite, PostgreSQL or EventStoreDB (`kezek history` does exactly this);
 * 2. pick the application with the longest story, replay its events through the decider and print the timeline;
 * 3. alter one stored event as someone with database access could, and show the hash chain naming it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider, replay, statusOf, type ApplicationEvent } from '@kezek/domain'
import { buildTimeline } from '@kezek/adapters/cli'
import { renderTimeline } from '@kezek/adapters/cli'
import { appendDecisions, generateDecisions } from '@kezek/adapters/generator'
import { verifyStream } from '@kezek/adapters'
import { openMemoryStore } from '@kezek/adapters'
import type { RecordedEvent } from '@kezek/adapters'

const store = openMemoryStore()
const loaded = await appendDecisions(store, generateDecisions({ seed: 2024, events: 400 }))
if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left))
console.log(`loaded ${loaded.right.events} events (${loaded.right.decisions} appends)`)

// The longest history: usually one that was queued, changed, and housed or removed.
const streams = new Map<string, RecordedEvent[]>()
for await (const e of store.readAll()) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e])
const [streamId, recorded] = [...streams].sort((a, b) => b[1].length - a[1].length)[0] as [string, RecordedEvent[]]
const applicationId = streamId.slice('application-'.length)

// Replay: the decider's own fold, the same one that decided every command when it was written.
const events = recorded.map((r) => r.data as unknown as ApplicationEvent)
const state = replay(applicationDecider, events)
console.log(`replayed ${events.length} events of ${applicationId}: stage ${state.application.stage}, status ${statusOf(events)?.status}`)

// The timeline in plain words, with who/role/channel, valid and record time, rule version, signature and chain link.
const timeline = buildTimeline({ applicationId, streamId, matchedBy: 'application_id' }, recorded, 'en')
process.stdout.write(renderTimeline(timeline, 'en'))

const intact = verifyStream(recorded)
console.log(`hash chain: ${E.isRight(intact) ? `intact (${intact.right.events} events)` : `BROKEN at revision ${intact.left.revision}`}`)

// Someone with write access moves the filing time a year earlier, to jump the queue — but leaves the hash alone,
// because recomputing it would break the link of every later event (and published anchors).
const victim = recorded.find((r) => r.type === 'queued') ?? (recorded[1] as RecordedEvent)
const tampered = recorded.map((r) =>
  r === victim ? { ...r, data: { ...(r.data as Record<string, unknown>), filedAt: '2001-01-01T00:00:00.000Z' } } : r,
)
const check = verifyStream(tampered)
if (E.isLeft(check)) {
  console.log(`tampered event detected: ${check.left.kind} at revision ${check.left.revision} (event ${check.left.eventId}): ${check.left.detail}`)
} else {
  console.log('tampering went unnoticed')
  process.exitCode = 1
}
const audited = buildTimeline({ applicationId, streamId, matchedBy: 'application_id' }, tampered, 'en')
console.log(`the audit timeline now says: ${audited.chainIntact ? 'hash chain intact' : 'hash chain BROKEN'}, ${audited.problems.length} problem(s)`)
