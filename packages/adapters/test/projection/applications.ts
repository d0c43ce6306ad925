/**
 * Application histories as the service stores them (domain event + provenance envelope), for the privacy and
 * projection tests. Deterministic: application `i` always gets the same IINs, times and numbers.
 */
import { checkDigit, decodeEvent, type ApplicationEvent, type Envelope } from '@kezek/domain'
import type { NewEvent, RecordedEvent } from '../../src/store/port.js'

/** A checksum-valid IIN derived from `seed` (born in the 1980s, so it also looks like a real one). */
export const iinFor = (seed: number): string => {
  for (let bump = 0; ; bump += 1) {
    const first11 = `8${String(seed % 10)}0${String((seed % 9) + 1)}1${String((seed % 2) + 3)}${String((seed * 7 + bump) % 100000).padStart(5, '0')}`
    const d = checkDigit(first11)
    if (d !== undefined) return `${first11}${d}`
  }
}

export const PROVIDER = 'almaty/zhkh'
const base = Date.parse('2024-01-10T04:00:00.000Z')
const minute = 60_000
const iso = (ms: number): string => new Date(ms).toISOString()

export interface ApplicationSpec {
  readonly index: number
  /** Filing time offset in minutes from the base. */
  readonly filedMinute: number
  /** Commission decision day offset from 2024-02-01. */
  readonly decisionDay: number
  readonly category?: 'socially_vulnerable' | 'orphans'
  readonly representative?: boolean
}

export const applicationId = (i: number): string => `app-${String(i).padStart(6, '0')}`
export const applicantOf = (i: number): string => iinFor(i * 3 + 1)
export const representativeOf = (i: number): string => iinFor(i * 3 + 2)

const envelope = (eventId: string, at: string, applicant: string, on?: string): Envelope =>
  ({
    eventId,
    occurredAt: at,
    recordedAt: at,
    actor: { id: applicant, role: 'citizen', channel: 'portal' },
    correlationId: `corr-${eventId}`,
    causationId: `cmd-${eventId}`,
    ruleVersion: 'housing-queue/almaty-2012@1',
    schemaVersion: 1,
    ...(on === undefined ? {} : { onBehalfOf: { iin: on, powerOfAttorney: 'ЕНИС-2024-000123' } }),
  }) as Envelope

const staffEnvelope = (eventId: string, at: string): Envelope =>
  ({
    eventId, occurredAt: at, recordedAt: at,
    actor: { id: 'officer-17', role: 'provider_officer', channel: 'provider_desk' },
    correlationId: `corr-${eventId}`, causationId: `cmd-${eventId}`,
    ruleVersion: 'housing-queue/almaty-2012@1', schemaVersion: 1,
  }) as Envelope

const asNew = (e: ApplicationEvent, metadata: Envelope): NewEvent => ({
  id: metadata.eventId,
  type: e.type,
  data: e as unknown as NewEvent['data'],
  metadata: metadata as unknown as NewEvent['metadata'],
})

/** The events of one application from authorisation to its place in the queue. */
export const applicationEvents = (spec: ApplicationSpec): NewEvent[] => {
  const app = applicationId(spec.index)
  const applicant = applicantOf(spec.index)
  const rep = spec.representative === true ? representativeOf(spec.index) : undefined
  const filed = base + spec.filedMinute * minute
  const at = (k: number) => iso(filed - (5 - k) * minute)
  const id = (k: number) => `${app}-e${k}`
  const common = (k: number) => ({ schema: 1, applicationId: app, commandId: `cmd-${id(k)}`, at: at(k) })
  const requestNumber = String(100000 + spec.index)
  const decision = new Date(Date.parse('2024-02-01T00:00:00Z') + spec.decisionDay * 86_400_000).toISOString().slice(0, 10)
  const events: Array<readonly [ApplicationEvent, Envelope]> = [
    [{ ...common(0), type: 'authorized', serviceId: 'housing-queue', providerId: PROVIDER, channel: 'portal', applicantIin: applicant } as unknown as ApplicationEvent, envelope(id(0), at(0), applicant, rep)],
    [{ ...common(1), type: 'checked', check: { kind: 'signature', signer: { iin: applicant, commonName: `ТЕСТОВ ӘЛИХАН ${spec.index}`, certificateSerial: '01ab', issuer: 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (TEST)' }, algorithm: 'rsa-sha256', documentDigest: 'ab'.repeat(32) } } as unknown as ApplicationEvent, envelope(id(1), at(1), applicant, rep)],
    [{ ...common(2), type: 'signed', request: { category: spec.category ?? 'socially_vulnerable', familySize: 4, documents: [{ kind: 'income_certificate', digest: 'cd'.repeat(32) }], ...(rep === undefined ? {} : { representativeIin: rep }) }, signerIin: applicant, documentDigest: 'ab'.repeat(32), signedAt: at(2) } as unknown as ApplicationEvent, envelope(id(2), at(2), applicant, rep)],
    [{ ...common(3), type: 'registered', requestNumber } as unknown as ApplicationEvent, staffEnvelope(id(3), at(3))],
    [{ ...common(4), type: 'queued', list: { providerId: PROVIDER, category: spec.category ?? 'socially_vulnerable' }, applicantIin: applicant, familySize: 4, filedAt: iso(filed), requestNumber, commissionDecisionDate: decision, queueNumberAtRegistration: spec.index + 1 } as unknown as ApplicationEvent, staffEnvelope(id(4), at(4))],
  ]
  return events.map(([e, m]) => asNew(e, m))
}

/** A later decision on an application: removal from the list, or housing. */
export const laterEvent = (i: number, type: 'removed' | 'housing_allocated' | 'restored', k: number): NewEvent => {
  const app = applicationId(i)
  const at = iso(base + 400 * 24 * 60 * minute + k * minute)
  const eventId = `${app}-late-${type}-${k}`
  const common = { schema: 1, applicationId: app, commandId: `cmd-${eventId}`, at }
  const data =
    type === 'removed'
      ? { ...common, type, ground: 'grounds_ceased', decisionRef: `решение №${k}`, decidedOn: at.slice(0, 10) }
      : type === 'housing_allocated'
        ? { ...common, type, dwellingRef: `кв. ${k}`, decisionRef: `решение №${k}`, decidedOn: at.slice(0, 10) }
        : { ...common, type, appealRef: `суд №${k}`, decidedOn: at.slice(0, 10) }
  return asNew(data as unknown as unknown as ApplicationEvent, staffEnvelope(eventId, at))
}

/** Decodes stored events back into domain events; throws on anything that does not decode. */
export const domainEvents = (events: Iterable<RecordedEvent>): ApplicationEvent[] => {
  const out: ApplicationEvent[] = []
  for (const e of events) {
    const d = decodeEvent(e.data)
    if (d._tag === 'Left') throw new Error(`event ${e.id} does not decode: ${JSON.stringify(d.left)}`)
    out.push(d.right)
  }
  return out
}
