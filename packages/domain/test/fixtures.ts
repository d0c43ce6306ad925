/** Command and event builders for the decider tests: one valid history per channel, varied by overrides. */
import type { ApplicationCommand, CommandOf, CommandType } from '../src/application/commands.js'
import type { ApplicationEvent } from '../src/application/events.js'
import type { SignatureVerdict } from '../src/application/signature-verdict.js'

export const APPLICANT = '871008401427'
export const OTHER_IIN = '760212350620'
export const REPRESENTATIVE = '800416300257'
export const SUCCESSOR = '680503450037'
export const APP = 'app-1'
export const PROVIDER = 'almaty-region/zhkh'

let counter = 0
const nextId = () => `cmd-${++counter}`
let clock = Date.parse('2024-03-01T04:00:00.000Z')
const tick = () => new Date((clock += 60_000)).toISOString()

type Fields<K extends CommandType> = Omit<CommandOf<K>, 'type' | 'commandId' | 'applicationId' | 'at'>

export const cmd = <K extends CommandType>(type: K, fields: Fields<K>, over: Partial<CommandOf<K>> = {}): CommandOf<K> =>
  ({ type, commandId: nextId(), applicationId: APP, at: tick(), ...fields, ...over }) as unknown as CommandOf<K>

export const validSignature = (iin = APPLICANT): SignatureVerdict => ({
  valid: true,
  signer: { iin, commonName: 'ТЕСТОВ ТЕСТ', certificateSerial: '01ab', issuer: 'CN=НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (TEST)' },
  algorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  documentDigest: 'ab'.repeat(32),
  signedAt: '2024-03-01T04:05:00.000Z',
} as SignatureVerdict)

export const request = (over: Record<string, unknown> = {}) => ({
  category: 'socially_vulnerable',
  familySize: 4,
  documents: [{ kind: 'income_certificate', digest: 'cd'.repeat(32) }],
  ...over,
}) as CommandOf<'sign'>['request']

export const authorize = (channel: 'portal' | 'provider_desk' | 'service_centre' = 'portal', outcome: 'granted' | 'refused' = 'granted') =>
  cmd('authorize', { serviceId: 'housing-queue', providerId: PROVIDER, channel, applicantIin: APPLICANT, outcome } as Fields<'authorize'>)
export const checkPerson = (found = true) =>
  cmd('check_person', { result: found ? { found: true, registryReference: 'gbdfl-reply-77' } : { found: false } } as Fields<'check_person'>)
export const checkPoa = (found = true, representativeIin = REPRESENTATIVE) =>
  cmd('check_power_of_attorney', {
    representativeIin,
    powerOfAttorney: 'ЕНИС-2024-000123',
    result: found ? { found: true, registryReference: 'enis-reply-5' } : { found: false },
  } as Fields<'check_power_of_attorney'>)
export const sign = (signature: SignatureVerdict = validSignature(), req = request()) =>
  cmd('sign', { request: req, signature })
export const register = (requestNumber = '000123') => cmd('register', { requestNumber } as Fields<'register'>)
export const checkDocuments = (reasons?: string[]) =>
  cmd('check_documents', { result: reasons === undefined ? { conforming: true } : { conforming: false, reasons } } as Fields<'check_documents'>)
export const queue = (over: Record<string, unknown> = {}) =>
  cmd('queue', {
    category: 'socially_vulnerable',
    familySize: 4,
    filedAt: '2024-03-01T04:05:00.000Z',
    commissionDecisionDate: '2024-03-01',
    ...over,
  } as Fields<'queue'>)
export const remove = () =>
  cmd('remove', { ground: 'acquired_housing', decisionRef: 'решение №12', decidedOn: '2025-01-10' } as Fields<'remove'>)
export const allocate = () =>
  cmd('allocate_housing', { dwellingRef: 'кв. 14, ул. Абая 1', decisionRef: 'решение №40', decidedOn: '2025-06-01' } as Fields<'allocate_housing'>)
export const restore = () => cmd('restore', { appealRef: 'суд №2-100', decidedOn: '2025-02-01' } as Fields<'restore'>)
export const keepForFamily = (successorIin = SUCCESSOR) =>
  cmd('keep_position_for_family', { ground: 'applicant_died', successorIin } as Fields<'keep_position_for_family'>)
export const changeData = (familySize = 5) => cmd('change_data', { familySize, note: 'рождение ребёнка' } as Fields<'change_data'>)
export const viewResult = () => cmd('view_result', {} as Fields<'view_result'>)
export const answer = () => cmd('answer_questionnaire', { quality: 3, information: 2 } as Fields<'answer_questionnaire'>)

/**
 * The waiting lists the decisions are made against: 56 applications filed earlier in the list the fixtures queue
 * into, so a fixture `queue` gets number 57 at registration (and any other list is empty).
 */
const earlier = (i: number): ApplicationEvent => ({
  type: 'queued', schema: 1, applicationId: `earlier-${i}`, commandId: `earlier-cmd-${i}`, at: '2024-02-20T05:00:00.000Z',
  list: { providerId: PROVIDER, category: 'socially_vulnerable' }, applicantIin: OTHER_IIN, familySize: 3,
  filedAt: new Date(Date.UTC(2023, 0, 1 + i)).toISOString(), requestNumber: String(100 + i), commissionDecisionDate: '2024-02-20',
  queueNumberAtRegistration: i + 1,
}) as ApplicationEvent
export const earlierQueued: readonly ApplicationEvent[] = Array.from({ length: 56 }, (_, i) => earlier(i))
export const waitingList = rebuildWaitingList(earlierQueued, filingOrder)
export const context: DecisionContext = { waitingList }

/** Decides each command in turn on the history so far; throws if any is refused. */
import { applicationDecider } from '../src/application/decider.js'
import type { DecisionContext } from '../src/application/decide.js'
import { filingOrder } from '../src/queue/ordering-policy.js'
import { rebuildWaitingList } from '../src/queue/waiting-list.js'
import * as E from 'fp-ts/lib/Either.js'
export const history = (...commands: ApplicationCommand[]): ApplicationEvent[] => {
  const events: ApplicationEvent[] = []
  let state = applicationDecider.initialState
  for (const c of commands) {
    const d = applicationDecider.decide(c, state, context)
    if (E.isLeft(d)) throw new Error(`fixture command ${c.type} failed: ${JSON.stringify(d.left)}`)
    for (const e of d.right) { events.push(e); state = applicationDecider.evolve(state, e) }
  }
  return events
}

export const portalQueued = () => history(authorize('portal'), sign(), register(), checkDocuments(), queue())
