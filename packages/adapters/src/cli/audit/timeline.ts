/**
 * One application's history as an auditor reads it: every event in stream order with who did it (actor, role,
 * channel, on whose behalf), when (valid time from the envelope, record time from the envelope and from the store),
 * under which rule version, what its signature and its hash-chain link say, and any problem found on the way.
 * Built from an `Auditor` walk, so the checks are exactly those of `kezek verify`.
 */
import { statusOf, type ApplicationEvent, type Language } from '@kezek/domain'
import type { RecordedEvent } from '../../store/port.js'
import { Auditor, type Problem, type SignatureNote } from './auditor.js'
import { describeEvent } from './describe-event.js'
import type { ApplicationMatch } from './find-application.js'

export interface TimelineEvent {
  readonly revision: number
  readonly eventId: string
  readonly type: string
  /** The event in plain words, in the requested language; undefined when it does not decode. */
  readonly text: string | undefined
  readonly actor?: { readonly id: string; readonly role: string; readonly channel: string }
  readonly onBehalfOf?: { readonly iin: string; readonly powerOfAttorney: string }
  /** Valid time: when the fact took effect. */
  readonly validTime?: string
  /** Record time as the service wrote it in the envelope. */
  readonly recordTime?: string
  /** When this store accepted the row (changes on migration; not covered by the chain). */
  readonly storedAt: string
  readonly ruleVersion?: string
  readonly schemaVersion?: number
  readonly correlationId?: string
  readonly causationId?: string
  readonly position: string
  readonly hash: string
  readonly previousHash: string
  readonly chainLink: { readonly ok: true } | { readonly ok: false; readonly kind: string; readonly detail: string }
  readonly signature?: SignatureNote
  readonly problems: readonly Problem[]
}

export interface Timeline {
  readonly applicationId: string
  readonly streamId: string
  readonly matchedBy: ApplicationMatch['matchedBy']
  readonly requestNumber?: string
  readonly applicantIin?: string
  /** The status screen's value after replaying the decodable events, e.g. `queued`. */
  readonly status?: string
  readonly chainIntact: boolean
  readonly events: readonly TimelineEvent[]
  readonly problems: readonly Problem[]
}

export const buildTimeline = (
  match: ApplicationMatch,
  recorded: readonly RecordedEvent[],
  lang: Language,
  readable: readonly RecordedEvent[] = recorded,
): Timeline => {
  const auditor = new Auditor()
  const events: TimelineEvent[] = []
  const domain: ApplicationEvent[] = []
  for (const [i, r] of recorded.entries()) {
    const f = auditor.push(r, readable[i] ?? r)
    const d = f.decoded
    if (d !== undefined) domain.push(d.event)
    const env = d?.envelope
    events.push({
      revision: r.revision,
      eventId: r.id,
      type: r.type,
      text: d === undefined ? undefined : describeEvent(d.event, lang),
      ...(env === undefined
        ? {}
        : {
            actor: { id: env.actor.id, role: env.actor.role, channel: env.actor.channel },
            ...(env.onBehalfOf === undefined ? {} : { onBehalfOf: env.onBehalfOf }),
            validTime: env.occurredAt,
            recordTime: env.recordedAt,
            ruleVersion: env.ruleVersion,
            schemaVersion: env.schemaVersion,
            correlationId: env.correlationId,
            causationId: env.causationId,
          }),
      storedAt: r.recordedAt,
      position: r.position,
      hash: r.hash,
      previousHash: r.previousHash,
      chainLink: f.chain === undefined ? { ok: true } : { ok: false, kind: f.chain.kind, detail: f.chain.detail },
      ...(f.signature === undefined ? {} : { signature: f.signature }),
      problems: f.problems,
    })
  }
  const status = statusOf(domain)
  return {
    applicationId: match.applicationId,
    streamId: match.streamId,
    matchedBy: match.matchedBy,
    ...(status?.requestNumber === undefined ? {} : { requestNumber: status.requestNumber }),
    ...(status?.applicantIin === undefined ? {} : { applicantIin: status.applicantIin }),
    ...(status === undefined ? {} : { status: status.status }),
    chainIntact: events.every((e) => e.chainLink.ok),
    events,
    problems: events.flatMap((e) => e.problems),
  }
}
