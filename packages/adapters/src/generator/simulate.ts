/**
 * The simulation: citizens arrive over the years, each application walks its channel's steps through the real
 * decider, the provider's commission queues or refuses it, and the list lives on — data changes, family
 * succession, removals under Art. 73 and restorations on appeal, and quarterly allocation rounds that house the
 * head of each list. Everything happens in valid-time order on one agenda, so the output reads like a store's
 * global log: streams interleave, and any prefix is a consistent snapshot of the region.
 *
 * Every command goes through `applicationDecider.decide`; a refusal by the decider is a bug in the generator and
 * throws, so every history that comes out replays without errors.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  applicationDecider,
  filingOrder,
  type DecisionContext,
  hasResult,
  initialState,
  listId as listIdOf,
  RankedSet,
  type Actor,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationId,
  type Category,
  type Envelope,
  type IIN,
  type OnBehalfOf,
  type ProviderId,
  type WaitingEntry,
  waitingEntryOf,
} from '@kezek/domain'
import { envelopeFor } from '../handler/envelope.js'
import { applicationStream } from '../handler/stream.js'
import { Agenda } from './agenda.js'
import type { ApplicationFile, Fate } from './application-file.js'
import { DAY, MINUTE, officeHours, YEAR } from './clock.js'
import {
  allocateCommand,
  answerCommand,
  changeDataCommand,
  nextIntakeCommand,
  queueCommand,
  removeCommand,
  restoreCommand,
  successionCommand,
  viewResultCommand,
} from './commands.js'
import { officerId, operatorId, randomIin } from './identity.js'
import { realisticProfile, type GeneratorProfile, type ProviderProfile } from './profile.js'
import { seededRandom, type Random } from './random.js'

/** One stored event as the generator emits it: the store's `NewEvent` is `{ id, type, data: event, metadata: envelope }`. */
export interface GeneratedRecord {
  readonly streamId: string
  readonly event: ApplicationEvent
  readonly envelope: Envelope
}

/** The events of one decided command: one atomic append at the stream's expected revision. */
export interface GeneratedDecision {
  readonly streamId: string
  readonly expected: number | 'no_stream'
  readonly records: readonly GeneratedRecord[]
}

export interface GenerateOptions {
  readonly seed: number
  /** Exactly this many events are produced (the last decisions are left out if they would overshoot). */
  readonly events: number
  readonly profile?: GeneratorProfile
}

type Action =
  | { readonly kind: 'arrival' }
  | { readonly kind: 'round'; readonly listId: string }
  | {
      readonly kind: 'intake' | 'view' | 'answer' | 'appeal' | 'change' | 'succession' | 'remove' | 'allocate'
      readonly file: ApplicationFile
    }

interface Staff {
  readonly actor: Actor
  readonly iin: IIN
}

const SYSTEM: Actor = { id: 'arm-rshep', role: 'system', channel: 'system' }

const staffOf = (rng: Random, provider: ProviderProfile) => {
  const officers: Staff[] = []
  const operators: Staff[] = []
  for (let i = 1; i <= 12; i++) {
    officers.push({ actor: { id: officerId(provider.id, i), role: 'provider_officer', channel: 'provider_desk' }, iin: randomIin(rng) })
  }
  for (let i = 1; i <= 8; i++) {
    operators.push({ actor: { id: operatorId(provider.id, i), role: 'service_centre_operator', channel: 'service_centre' }, iin: randomIin(rng) })
  }
  return { officers, operators }
}

const FAMILY_SIZES = { 1: 0.12, 2: 0.18, 3: 0.25, 4: 0.22, 5: 0.12, 6: 0.07, 7: 0.03, 8: 0.01 } as const

const poisson = (rng: Random, mean: number): number => {
  const limit = Math.exp(-mean)
  let k = 0
  let p = rng.float()
  while (p > limit) {
    k++
    p *= rng.float()
  }
  return k
}

const drawFate = (rng: Random, profile: GeneratorProfile, walkIn: boolean, represented: boolean): Fate => {
  const r = profile.refusals
  if (rng.chance(r.authorization)) return { refusedAt: 'authorization' }
  if (walkIn && rng.chance(r.personNotFound)) return { refusedAt: 'person_record' }
  if (represented && rng.chance(r.powerOfAttorneyNotFound)) return { refusedAt: 'power_of_attorney' }
  if (rng.chance(r.signature)) return { refusedAt: 'signature', failure: rng.weighted(r.signatureFailures) }
  if (rng.chance(r.documentsNonconforming)) return { refusedAt: 'documents', appealUpheld: rng.chance(r.appealUpheld) }
  return { refusedAt: 'none' }
}

/** Decisions in valid-time order, `options.events` events in all. Lazy: memory follows the open applications. */
export function* generateDecisions(options: GenerateOptions): Generator<GeneratedDecision> {
  const profile = options.profile ?? realisticProfile
  const target = Math.max(0, Math.floor(options.events))
  const rng = seededRandom(options.seed)
  const agenda = new Agenda<Action>()
  const staff = new Map(profile.providers.map((p) => [p.id, staffOf(rng, p)]))
  const providerWeights = Object.fromEntries(profile.providers.map((p) => [p.id, p.weight])) as Record<string, number>
  const providers = new Map(profile.providers.map((p) => [p.id, p]))
  const requestSequence = new Map<string, number>()
  /** The generator's own view of each list, to number queue placements and pick the head for housing. */
  const lists = new Map<string, RankedSet<WaitingEntry>>()
  const entries = new Map<string, WaitingEntry>()
  const inList = new Map<string, ApplicationFile>()
  const frozen = new Set<ApplicationFile>()
  const start = Date.parse(profile.startsAt)
  const arrivals = Math.max(1, target / profile.eventsPerApplication)
  const meanGap = (profile.years * YEAR) / arrivals
  let emitted = 0

  const setOf = (id: string): RankedSet<WaitingEntry> => {
    let s = lists.get(id)
    if (s === undefined) lists.set(id, (s = new RankedSet<WaitingEntry>(filingOrder.compare)))
    return s
  }
  /** The lists as they stand, for the decider to count a queue decision's number at registration from. */
  const context: DecisionContext = {
    waitingList: { policy: filingOrder, countBefore: (id, candidate) => lists.get(id)?.rank(candidate) ?? 0 },
  }

  const arrive = (at: number): void => {
    const provider = providers.get(rng.weighted(providerWeights)) as ProviderProfile
    const channel = rng.weighted(profile.channels)
    const walkIn = channel !== 'portal'
    const applicantIin = randomIin(rng)
    const pool = staff.get(provider.id) as ReturnType<typeof staffOf>
    const officer = rng.pick(pool.officers)
    const desk = channel === 'service_centre' ? rng.pick(pool.operators) : officer
    const represented = channel === 'service_centre' && rng.chance(profile.refusals.representative)
    const applicationId = rng.uuid() as ApplicationId
    const representative = represented
      ? { iin: applicantIin, powerOfAttorney: `ЕНИС-${new Date(at).getUTCFullYear()}-${String(rng.int(1, 999_999)).padStart(6, '0')}`, representativeIin: randomIin(rng) }
      : undefined
    const familySize = Number(rng.weighted(FAMILY_SIZES))
    const file: ApplicationFile = {
      applicationId,
      streamId: applicationStream(applicationId),
      provider,
      channel,
      applicantIin,
      category: rng.weighted(profile.categories),
      familySize,
      ...(representative === undefined ? {} : { representative }),
      fate: drawFate(rng, profile, walkIn, represented),
      intakeActor: walkIn ? desk.actor : { id: applicantIin, role: 'citizen', channel: 'portal' },
      officer: officer.actor,
      signerIin: walkIn ? desk.iin : applicantIin,
      correlationId: rng.uuid(),
      state: initialState,
      revision: -1,
      filedAtMs: undefined,
      currentFamilySize: familySize,
    }
    agenda.schedule(walkIn ? officeHours(at) : at, { kind: 'intake', file })
  }

  const actorFor = (file: ApplicationFile, c: ApplicationCommand): { actor: Actor; onBehalfOf?: OnBehalfOf } => {
    switch (c.type) {
      case 'authorize':
      case 'check_person':
      case 'check_power_of_attorney':
      case 'sign': {
        const rep = file.representative
        return rep === undefined
          ? { actor: file.intakeActor }
          : { actor: file.intakeActor, onBehalfOf: { iin: rep.iin, powerOfAttorney: rep.powerOfAttorney } }
      }
      case 'register':
        return { actor: SYSTEM }
      case 'view_result':
      case 'answer_questionnaire':
        return { actor: file.channel === 'portal' ? { id: file.applicantIin, role: 'citizen', channel: 'portal' } : file.intakeActor }
      default:
        return { actor: file.officer }
    }
  }

  /** Decides, wraps in envelopes, folds; undefined when the decision would overshoot the requested count. */
  const decide = (file: ApplicationFile, c: ApplicationCommand, at: number): GeneratedDecision | undefined => {
    const decided = applicationDecider.decide(c, file.state, context)
    if (E.isLeft(decided)) {
      throw new Error(`generator bug: the decider refused ${c.type} on ${file.applicationId}: ${JSON.stringify(decided.left)}`)
    }
    const events = decided.right
    if (events.length === 0) return undefined
    if (emitted + events.length > target) {
      frozen.add(file)
      return undefined
    }
    const { actor, onBehalfOf } = actorFor(file, c)
    const provenance = {
      actor,
      ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
      correlationId: c.type === 'authorize' || c.type === 'sign' || c.type.startsWith('check_p') ? file.correlationId : rng.uuid(),
      ruleVersion: file.provider.ruleVersion,
    }
    const expected = file.revision < 0 ? 'no_stream' : file.revision
    const records = events.map((event) => {
      const recordedAt = new Date(at + rng.int(3, 1500))
      return { streamId: file.streamId, event, envelope: envelopeFor(c, event, rng.uuid(), recordedAt, provenance) }
    })
    for (const e of events) {
      file.state = applicationDecider.evolve(file.state, e)
      follow(file, e, at)
    }
    file.revision += events.length
    emitted += events.length
    return { streamId: file.streamId, expected, records }
  }

  /** Keeps the generator's lists in step with the facts, and plans what the fact leads to. */
  const follow = (file: ApplicationFile, e: ApplicationEvent, at: number): void => {
    switch (e.type) {
      case 'registered':
        file.filedAtMs = Date.parse(e.at)
        return
      case 'rejected':
        planResultView(file, at)
        if (file.fate.refusedAt === 'documents' && file.fate.appealUpheld) {
          agenda.schedule(officeHours(at + rng.int(20, 90) * DAY), { kind: 'appeal', file })
        }
        return
      case 'queued': {
        const entry = waitingEntryOf(e)
        entries.set(e.applicationId, entry)
        setOf(listIdOf(e.list)).insert(entry)
        inList.set(e.applicationId, file)
        planResultView(file, at)
        planLife(file, at)
        return
      }
      case 'removed':
      case 'housing_allocated': {
        const entry = entries.get(e.applicationId) as WaitingEntry
        setOf(listIdOf(entry.list)).remove(entry)
        inList.delete(e.applicationId)
        if (e.type === 'removed' && rng.chance(profile.afterQueue.restoration)) {
          agenda.schedule(officeHours(at + rng.int(30, 180) * DAY), { kind: 'appeal', file })
        }
        return
      }
      case 'restored': {
        const entry = entries.get(e.applicationId)
        if (entry !== undefined) {
          setOf(listIdOf(entry.list)).insert(entry)
          inList.set(e.applicationId, file)
        }
        return
      }
      case 'result_viewed':
        if (rng.chance(profile.questionnaire)) agenda.schedule(at + rng.int(1, 30) * MINUTE, { kind: 'answer', file })
        return
      default:
        return
    }
  }

  const planResultView = (file: ApplicationFile, at: number): void => {
    if (!rng.chance(profile.resultViewed)) return
    const delay = file.channel === 'portal' ? rng.int(10, 7 * 24 * 60) * MINUTE : rng.int(1, 5) * DAY
    agenda.schedule(file.channel === 'portal' ? at + delay : officeHours(at + delay), { kind: 'view', file })
  }

  const planLife = (file: ApplicationFile, at: number): void => {
    const life = profile.afterQueue
    for (let i = poisson(rng, life.dataChanges); i > 0; i--) {
      agenda.schedule(officeHours(at + rng.float() * life.changeYears * YEAR), { kind: 'change', file })
    }
    if (rng.chance(life.removal)) {
      agenda.schedule(officeHours(at + rng.exponential(life.removalMeanYears * YEAR)), { kind: 'remove', file })
    }
    if (rng.chance(life.succession)) {
      agenda.schedule(officeHours(at + rng.float() * 10 * YEAR), { kind: 'succession', file })
    }
  }

  const nextRequestNumber = (file: ApplicationFile) => (): number => {
    const n = (requestSequence.get(file.provider.id) ?? 0) + 1
    requestSequence.set(file.provider.id, n)
    return n
  }

  /** When the next intake step happens, counted from the step just taken. */
  const intakeDelay = (file: ApplicationFile, at: number): number => {
    const a = file.state.application
    switch (a.stage) {
      case 'authorized':
        if (file.channel === 'portal') return at + rng.int(3, 25) * MINUTE
        return at + rng.int(1, 5) * MINUTE
      case 'signed':
        return at + rng.int(1_000, 90_000)
      case 'registered':
        return officeHours(at + Math.floor(file.provider.decisionMinutes * (0.15 + rng.float() * 1.1)) * MINUTE)
      default: {
        const long = file.provider.decisionMinutes > 24 * 60
        return long ? officeHours(at + rng.int(1, 10) * DAY) : at + rng.int(1, 3) * MINUTE
      }
    }
  }

  const act = (at: number, action: Action): GeneratedDecision | undefined => {
    if (action.kind === 'arrival') {
      arrive(at)
      agenda.schedule(at + Math.max(1, Math.floor(rng.exponential(meanGap))), { kind: 'arrival' })
      return undefined
    }
    if (action.kind === 'round') {
      allocationRound(at, action.listId)
      return undefined
    }
    const file = action.file
    if (frozen.has(file)) return undefined
    const stage = file.state.application.stage
    switch (action.kind) {
      case 'intake': {
        const c =
          stage === 'documents_checked'
            ? queueCommand(rng, file, at)
            : nextIntakeCommand(rng, file, at, nextRequestNumber(file))
        if (c === undefined) return undefined
        const d = decide(file, c, at)
        const after = file.state.application.stage
        if (d !== undefined && (after === 'authorized' || after === 'signed' || after === 'registered' || after === 'documents_checked')) {
          agenda.schedule(intakeDelay(file, at), { kind: 'intake', file })
        }
        return d
      }
      case 'view':
        return hasResult(file.state.application) ? decide(file, viewResultCommand(rng, file, at), at) : undefined
      case 'answer':
        return file.state.questionnaireAnswered || !hasResult(file.state.application)
          ? undefined
          : decide(file, answerCommand(rng, file, at), at)
      case 'appeal': {
        const d = decide(file, restoreCommand(rng, file, at), at)
        if (d !== undefined && file.state.application.stage === 'documents_checked') {
          agenda.schedule(intakeDelay(file, at), { kind: 'intake', file })
        }
        return d
      }
      default:
        // Later events of a list entry apply only while it is in the list.
        if (stage !== 'queued') return undefined
        switch (action.kind) {
          case 'change': return decide(file, changeDataCommand(rng, file, at), at)
          case 'succession': return decide(file, successionCommand(rng, profile, file, at), at)
          case 'remove': return decide(file, removeCommand(rng, profile, file, at), at)
          case 'allocate': return decide(file, allocateCommand(rng, file, at), at)
        }
    }
  }

  /** Quarterly: the list's head is housed, as many as the year's share allows. */
  const allocationRound = (at: number, id: string): void => {
    const set = setOf(id)
    const share = (set.size * profile.afterQueue.housingPerYear) / 4
    const count = Math.floor(share) + (rng.chance(share - Math.floor(share)) ? 1 : 0)
    let when = officeHours(at)
    for (const entry of set.slice(0, count)) {
      const file = inList.get(entry.applicationId)
      if (file !== undefined) agenda.schedule(when, { kind: 'allocate', file })
      when = officeHours(when + rng.int(5, 40) * MINUTE)
    }
    agenda.schedule(officeHours(at + 91 * DAY), { kind: 'round', listId: id })
  }

  agenda.schedule(start, { kind: 'arrival' })
  for (const p of profile.providers) {
    for (const category of Object.keys(profile.categories) as Category[]) {
      const id = listIdOf({ providerId: p.id as ProviderId, category })
      agenda.schedule(officeHours(start + 91 * DAY + rng.int(0, 20) * DAY), { kind: 'round', listId: id })
    }
  }

  while (emitted < target) {
    const next = agenda.next()
    if (next === undefined) return
    const d = act(next.at, next.item)
    if (d !== undefined) yield d
  }
}

/** The same history, one record per event. */
export function* generateRecords(options: GenerateOptions): Generator<GeneratedRecord> {
  for (const d of generateDecisions(options)) yield* d.records
}
