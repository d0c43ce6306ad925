/**
 * Audits events one at a time, in any order that keeps each stream in revision order (`readStream`, or `readAll`
 * which interleaves streams). Unlike `ChainVerifier`, it does not stop at the first break: an auditor wants every
 * kind of problem with its first occurrence, so after a break the stream's head is re-synchronised on the event
 * that broke it and checking goes on.
 *
 * What is checked, per event of an application stream:
 * - chain: the event's hash matches its content and links to the event before it (`integrity/checkLink`);
 * - decoding: the payload is a known domain event and the metadata a full provenance envelope;
 * - consistency: envelope and payload agree (event id, valid time, schema version, application of the stream);
 * - replay: the event can follow the application's stage (a hand-edited or reordered history cannot);
 * - signatures: a `signed` fact carries the digest and signer of the signature verdict recorded before it.
 * Events of other streams (checkpoints, other services) are checked for their chain only.
 */
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider, type ApplicationEvent, type ApplicationState } from '@kezek/domain'
import { decodeRecorded, type StoredApplicationEvent } from '../../handler/load.js'
import { applicationIdOfStream } from '../../handler/stream.js'
import { checkLink, GENESIS_HASH, type BreakKind, type ChainBreak } from '../../integrity/index.js'
import type { RecordedEvent } from '../../store/port.js'

export type ProblemKind = `chain.${BreakKind}` | 'undecodable' | 'inconsistent' | 'out_of_place' | 'signature'

export const problemKinds: readonly ProblemKind[] = [
  'chain.altered',
  'chain.removed',
  'chain.reordered',
  'chain.broken_link',
  'chain.truncated',
  'chain.rewritten',
  'undecodable',
  'inconsistent',
  'out_of_place',
  'signature',
]

export interface Problem {
  readonly kind: ProblemKind
  readonly streamId: string
  readonly revision: number
  readonly eventId?: string
  readonly position?: string
  readonly detail: string
}

/** What can be said about the signature an event carries or relies on. */
export type SignatureNote =
  | {
      readonly kind: 'recorded_valid'
      readonly commonName: string
      readonly iin: string
      readonly certificateSerial: string
      readonly algorithm: string
      readonly documentDigest: string
    }
  | { readonly kind: 'recorded_invalid'; readonly failure: string; readonly detail: string }
  | { readonly kind: 'digest_matches'; readonly documentDigest: string }
  | { readonly kind: 'mismatch'; readonly detail: string }

export interface EventFinding {
  readonly recorded: RecordedEvent
  /** Set when the event decoded as an application event with its envelope. */
  readonly decoded?: StoredApplicationEvent
  readonly chain: ChainBreak | undefined
  readonly signature?: SignatureNote
  readonly problems: readonly Problem[]
}

interface StreamState {
  head: { revision: number; hash: string }
  application: ApplicationState
  verdict: { readonly digest: string; readonly signerIin: string } | undefined
}

/**
 * Events that always change the application when they can follow its stage, so an unchanged application after
 * replaying one means it was out of place. Others (results viewed, signature verdicts, facts of other services)
 * leave the stage as it was by design and are not judged here.
 */
const MOVES = new Set(['authorized', 'signed', 'registered', 'rejected', 'queued', 'data_changed', 'position_kept_by_family', 'removed', 'housing_allocated', 'restored'])
const MOVING_CHECKS = new Set(['person_record', 'power_of_attorney', 'documents'])
const mustMove = (e: ApplicationEvent): boolean =>
  MOVES.has(e.type) || (e.type === 'checked' && MOVING_CHECKS.has(e.check.kind))

const problemAt = (r: RecordedEvent, kind: ProblemKind, detail: string): Problem => ({
  kind,
  streamId: r.streamId,
  revision: r.revision,
  eventId: r.id,
  position: r.position,
  detail,
})

const consistency = (r: RecordedEvent, d: StoredApplicationEvent): string[] => {
  const out: string[] = []
  if (d.envelope.eventId !== r.id) out.push(`the envelope names event ${d.envelope.eventId}, the store holds ${r.id}`)
  if (d.envelope.occurredAt !== d.event.at) out.push(`valid time differs: envelope ${d.envelope.occurredAt}, event ${d.event.at}`)
  if (d.envelope.schemaVersion !== d.event.schema) out.push(`schema version differs: envelope ${d.envelope.schemaVersion}, event ${d.event.schema}`)
  if (r.type !== d.event.type) out.push(`stored as type ${r.type} but the payload is ${d.event.type}`)
  const app = applicationIdOfStream(r.streamId)
  if (app !== undefined && app !== d.event.applicationId) out.push(`the event belongs to application ${d.event.applicationId}, not ${app}`)
  return out
}

export class Auditor {
  readonly #streams = new Map<string, StreamState>()
  #events = 0
  #applicationEvents = 0
  readonly #counts = new Map<ProblemKind, number>()
  readonly #first = new Map<ProblemKind, Problem>()

  /** `readable` is the event with personal data decrypted (the chain is checked on `r`, the stored form). */
  push(r: RecordedEvent, readable: RecordedEvent = r): EventFinding {
    this.#events++
    let s = this.#streams.get(r.streamId)
    if (s === undefined) {
      s = { head: { revision: -1, hash: GENESIS_HASH }, application: applicationDecider.initialState, verdict: undefined }
      this.#streams.set(r.streamId, s)
    }
    const problems: Problem[] = []
    const chain = checkLink(s.head, r)
    if (chain !== undefined) {
      problems.push({
        kind: `chain.${chain.kind}`,
        streamId: chain.streamId,
        revision: chain.revision,
        ...(chain.eventId === undefined ? {} : { eventId: chain.eventId }),
        ...(chain.position === undefined ? {} : { position: chain.position }),
        detail: chain.detail,
      })
    }
    s.head = { revision: Math.max(s.head.revision, r.revision), hash: r.hash }

    if (applicationIdOfStream(r.streamId) === undefined) return this.#done({ recorded: r, chain, problems })
    this.#applicationEvents++
    const decoded = decodeRecorded(readable)
    if (E.isLeft(decoded)) {
      const l = decoded.left
      problems.push(problemAt(r, 'undecodable', l.kind === 'corrupt_history' ? l.detail : l.kind))
      return this.#done({ recorded: r, chain, problems })
    }
    const d = decoded.right
    for (const detail of consistency(r, d)) problems.push(problemAt(r, 'inconsistent', detail))

    const before = s.application.application
    s.application = applicationDecider.evolve(s.application, d.event)
    if (s.application.application === before && mustMove(d.event)) {
      problems.push(problemAt(r, 'out_of_place', `a ${d.event.type} event cannot follow the stage ${before.stage}`))
    }
    const signature = this.#signature(s, r, d.event, problems)
    return this.#done({ recorded: r, decoded: d, chain, problems, ...(signature === undefined ? {} : { signature }) })
  }

  #signature(s: StreamState, r: RecordedEvent, e: ApplicationEvent, problems: Problem[]): SignatureNote | undefined {
    if (e.type === 'checked' && e.check.kind === 'signature') {
      const c = e.check
      s.verdict = { digest: c.documentDigest, signerIin: c.signer.iin }
      return {
        kind: 'recorded_valid',
        commonName: c.signer.commonName,
        iin: c.signer.iin,
        certificateSerial: c.signer.certificateSerial,
        algorithm: c.algorithm,
        documentDigest: c.documentDigest,
      }
    }
    if (e.type === 'rejected' && e.reason.code === 'signature_not_confirmed') {
      return { kind: 'recorded_invalid', failure: e.reason.failure, detail: e.reason.detail }
    }
    // `signed` and any later fact of the same shape (a request of another service signed): digest and signer.
    if (!('documentDigest' in e) || !('signerIin' in e)) return undefined
    const v = s.verdict
    const mismatch = (detail: string): SignatureNote => {
      problems.push(problemAt(r, 'signature', detail))
      return { kind: 'mismatch', detail }
    }
    if (v === undefined) return mismatch('signed, but no confirmed signature verdict was recorded before it')
    if (v.digest !== e.documentDigest) return mismatch(`the signed document digest ${e.documentDigest} is not the verified one ${v.digest}`)
    if (v.signerIin !== e.signerIin) return mismatch(`signer IIN ${e.signerIin} is not the certificate's ${v.signerIin}`)
    return { kind: 'digest_matches', documentDigest: e.documentDigest }
  }

  #done(f: EventFinding): EventFinding {
    for (const p of f.problems) {
      this.#counts.set(p.kind, (this.#counts.get(p.kind) ?? 0) + 1)
      if (!this.#first.has(p.kind)) this.#first.set(p.kind, p)
    }
    return f
  }

  /** The state an application stream replayed to (for `history`'s current status). */
  state(streamId: string): ApplicationState | undefined {
    return this.#streams.get(streamId)?.application
  }

  summary(): AuditSummary {
    let applicationStreams = 0
    for (const id of this.#streams.keys()) if (applicationIdOfStream(id) !== undefined) applicationStreams++
    const problems = problemKinds
      .filter((k) => this.#counts.has(k))
      .map((k) => ({ kind: k, count: this.#counts.get(k) ?? 0, first: this.#first.get(k) as Problem }))
    return {
      streams: this.#streams.size,
      applicationStreams,
      events: this.#events,
      applicationEvents: this.#applicationEvents,
      problems,
      heads: new Map([...this.#streams].map(([id, st]) => [id, { ...st.head }])),
    }
  }
}

export interface AuditSummary {
  readonly streams: number
  readonly applicationStreams: number
  readonly events: number
  readonly applicationEvents: number
  /** Each kind found, in a fixed order, with its count and first occurrence. */
  readonly problems: readonly { readonly kind: ProblemKind; readonly count: number; readonly first: Problem }[]
  readonly heads: ReadonlyMap<string, { readonly revision: number; readonly hash: string }>
}
