/**
 * decide: (command, state) → Either<DomainError, events>. One handler per command; each reads the stage it
 * needs and either states the facts or explains why not. A command already decided yields no events.
 *
 * The handlers are the same for every service. What differs is data: the service's rules (service-rules.ts), found
 * by the service id the application was authorized for. A command the service does not have, a channel it does not
 * offer, a request, list or result of another service, are refused before any handler runs.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ServiceId } from '../kernel/ids.js'
import type { LocalDate } from '../kernel/instant.js'
import { childAgeAt, localDateAt, plusDays, plusMonths } from './age.js'
import { isWalkIn, type Channel } from './channel.js'
import type { ApplicationCommand, CommandOf, CommandType } from './commands.js'
import type { DomainError, Inconsistency } from './errors.js'
import type { ApplicationEvent, EventOf } from './events.js'
import type { Ground, ServiceRules } from './service-rules.js'
import type { IssuedResult, Validity } from './service-result.js'
import type { Child, Minor, ServiceRequest } from './service-request.js'
import { builtInRulesOf } from '../service/catalog.js'
import { numberAtRegistration, type ListSnapshot } from '../queue/number-at-registration.js'
import { waitingEntryOf } from '../queue/waiting-list.js'
import { hasResult, isServiceRequest, type Application, type ApplicationState, type RegisteredData, type Stage } from './state.js'

type Decision = E.Either<DomainError, readonly ApplicationEvent[]>

/**
 * What a decision reads besides the command and the stream: the waiting list a `queue` decision enters, as it
 * stands at that moment, so the number at registration is counted by the domain. A `queue` decided without it is
 * refused (`inconsistent` / `waiting_list_not_given`): the check cannot be skipped by leaving it out.
 */
export interface DecisionContext {
  readonly waitingList: ListSnapshot
}

/** How the decider finds a service's rules. `undefined`: no such service. */
export type RulesOf = (serviceId: ServiceId) => ServiceRules | undefined

const base = (c: ApplicationCommand) =>
  ({ schema: 1, applicationId: c.applicationId, commandId: c.commandId, at: c.at }) as const

const ok = (...events: ApplicationEvent[]): Decision => E.right(events)
const notAllowed = (command: CommandType, stage: Stage): Decision => E.left({ code: 'not_allowed', command, stage })
const skipped = (command: CommandType, missing: CommandType): Decision =>
  E.left({ code: 'step_skipped', command, missing })
const wrongChannel = (command: CommandType, channel: Channel): Decision => E.left({ code: 'wrong_channel', command, channel })
const inconsistent = (command: CommandType, detail: Inconsistency, context: { serviceId?: string; subject?: string } = {}): Decision =>
  E.left({ code: 'inconsistent', command, detail, ...context })

const rejected = (c: ApplicationCommand, reason: EventOf<'rejected'>['reason']): EventOf<'rejected'> => ({
  ...base(c),
  type: 'rejected',
  reason,
})

const authorize = (c: CommandOf<'authorize'>, a: Application, r: ServiceRules): Decision => {
  if (a.stage !== 'new') return notAllowed(c.type, a.stage)
  if (!r.channels.includes(c.channel)) return inconsistent(c.type, 'channel_not_offered', { serviceId: c.serviceId, subject: c.channel })
  if (c.outcome === 'refused') return ok(rejected(c, { code: 'authorization_refused' }))
  const { serviceId, providerId, channel, applicantIin } = c
  return ok({ ...base(c), type: 'authorized', serviceId, providerId, channel, applicantIin })
}

const checkPerson = (c: CommandOf<'check_person'>, a: Application): Decision => {
  if (a.stage !== 'authorized' || a.personRecord !== undefined) return notAllowed(c.type, a.stage)
  if (!isWalkIn(a.intake.channel)) return wrongChannel(c.type, a.intake.channel)
  if (!c.result.found) return ok(rejected(c, { code: 'person_not_found' }))
  return ok({ ...base(c), type: 'checked', check: { kind: 'person_record', registryReference: c.result.registryReference } })
}

const checkPowerOfAttorney = (c: CommandOf<'check_power_of_attorney'>, a: Application): Decision => {
  if (a.stage !== 'authorized' || a.powerOfAttorney !== undefined) return notAllowed(c.type, a.stage)
  if (a.intake.channel !== 'service_centre') return wrongChannel(c.type, a.intake.channel)
  if (!c.result.found) return ok(rejected(c, { code: 'power_of_attorney_not_found', powerOfAttorney: c.powerOfAttorney }))
  const check = {
    kind: 'power_of_attorney',
    representativeIin: c.representativeIin,
    powerOfAttorney: c.powerOfAttorney,
    registryReference: c.result.registryReference,
  } as const
  return ok({ ...base(c), type: 'checked', check })
}

/** ЦОН intake (seed 003 п.9–12): after the ГБД ФЛ look-up, before the operator scans and signs. */
const checkPackage = (c: CommandOf<'check_package'>, a: Application, r: ServiceRules): Decision => {
  if (a.stage !== 'authorized' || a.packageReceipt !== undefined) return notAllowed(c.type, a.stage)
  if (!r.packageCheck.includes(a.intake.channel)) return wrongChannel(c.type, a.intake.channel)
  if (isWalkIn(a.intake.channel) && a.personRecord === undefined) return skipped(c.type, 'check_person')
  if (!c.result.complete) return ok(rejected(c, { code: 'package_incomplete', missing: c.result.missing }))
  return ok({ ...base(c), type: 'checked', check: { kind: 'package', receipt: c.result.receipt } })
}

/** The children whose ages a service's grounds read, and whose birth dates must therefore be known. */
const childrenOf = (request: ServiceRequest): readonly (Child | Minor)[] => {
  switch (request.service) {
    case 'kindergarten-queue': return [request.child]
    case 'guardianship-property-deal':
    case 'guardianship-inheritance': return request.children
    default: return []
  }
}

const requestFits = (request: CommandOf<'sign'>['request'], r: ServiceRules): boolean =>
  isServiceRequest(request) ? r.request === request.service : r.request === 'housing'

const sign = (c: CommandOf<'sign'>, a: Application, r: ServiceRules): Decision => {
  if (a.stage !== 'authorized') return notAllowed(c.type, a.stage)
  const { channel, applicantIin } = a.intake
  if (!requestFits(c.request, r)) {
    const actual = isServiceRequest(c.request) ? c.request.service : 'housing'
    return inconsistent(c.type, 'request_not_for_service', { serviceId: r.serviceId, subject: actual })
  }
  if (isWalkIn(channel) && a.personRecord === undefined) return skipped(c.type, 'check_person')
  if (r.packageCheck.includes(channel) && a.packageReceipt === undefined) return skipped(c.type, 'check_package')
  const representative = c.request.representativeIin
  if (representative !== undefined) {
    if (channel !== 'service_centre') return wrongChannel(c.type, channel)
    if (a.powerOfAttorney === undefined) return skipped(c.type, 'check_power_of_attorney')
    if (a.powerOfAttorney.representativeIin !== representative)
      return inconsistent(c.type, 'representative_not_confirmed')
  }
  if (r.grounds.length > 0 && isServiceRequest(c.request)) {
    const unknown = childrenOf(c.request).find((child) => !childAgeAt(child, c.at, r.utcOffsetMinutes).known)
    if (unknown !== undefined) return inconsistent(c.type, 'child_birth_date_unknown', { subject: unknown.iin })
  }
  const v = c.signature
  if (!v.valid) return ok(rejected(c, { code: 'signature_not_confirmed', failure: v.failure, detail: v.detail }))
  // Portal condition 2: the IIN of the request must be the IIN in the certificate. At a desk the officer signs.
  if (channel === 'portal' && v.signer.iin !== applicantIin)
    return ok(rejected(c, { code: 'signature_not_confirmed', failure: 'iin_mismatch', detail: `certificate IIN differs from the applicant's` }))
  const { signer, algorithm, documentDigest, signedAt } = v
  const checked: ApplicationEvent = { ...base(c), type: 'checked', check: { kind: 'signature', signer, algorithm, documentDigest } }
  const fact = { signerIin: signer.iin, documentDigest, signedAt }
  return isServiceRequest(c.request)
    ? ok(checked, { ...base(c), type: 'request_signed', request: c.request, ...fact })
    : ok(checked, { ...base(c), type: 'signed', request: c.request, ...fact })
}

const register = (c: CommandOf<'register'>, a: Application): Decision => {
  if (a.stage === 'authorized') return skipped(c.type, 'sign')
  if (a.stage !== 'signed') return notAllowed(c.type, a.stage)
  return ok({ ...base(c), type: 'registered', requestNumber: c.requestNumber })
}

const checkRecord = (c: CommandOf<'check_record'>, a: Application, r: ServiceRules): Decision => {
  if (a.stage === 'signed') return skipped(c.type, 'register')
  if (a.stage !== 'registered') return notAllowed(c.type, a.stage)
  const rule = r.records.find((x) => x.registry === c.registry)
  if (rule === undefined) return inconsistent(c.type, 'registry_not_in_service', { serviceId: r.serviceId, subject: c.registry })
  if (!rule.channels.includes(a.intake.channel)) return wrongChannel(c.type, a.intake.channel)
  if ((a.records ?? []).includes(c.registry)) return notAllowed(c.type, a.stage)
  if (!c.result.found) return ok(rejected(c, { code: 'record_not_found', registry: c.registry }))
  return ok({ ...base(c), type: 'checked', check: { kind: 'record', registry: c.registry, registryReference: c.result.registryReference } })
}

/**
 * A ground that fails, as the refusal it gives. Ages are taken at the filing instant: when the request was
 * signed (`signedAt`), on the service's local clock.
 */
const failedGround = (g: Ground, a: RegisteredData, r: ServiceRules): EventOf<'rejected'>['reason'] | undefined => {
  const request = a.request
  if (!isServiceRequest(request)) return undefined
  if (g.kind === 'child_younger_than') {
    if (request.service !== 'kindergarten-queue') return undefined
    const age = childAgeAt(request.child, a.signedAt, r.utcOffsetMinutes)
    return age.known && age.years >= g.years
      ? { code: 'child_over_age', birthDate: age.birthDate, ageYears: age.years, limitYears: g.years }
      : undefined
  }
  if (request.service !== 'guardianship-property-deal' && request.service !== 'guardianship-inheritance') return undefined
  if (request.service === 'guardianship-inheritance' && g.variants !== undefined && !g.variants.includes(request.variant)) return undefined
  const silent = request.children
    .filter((child) => !child.consent)
    .filter((child) => {
      const age = childAgeAt(child, a.signedAt, r.utcOffsetMinutes)
      return age.known && age.years >= g.years
    })
    .map((child) => child.iin)
  return silent.length > 0 ? { code: 'child_consent_missing', children: silent } : undefined
}

const checkDocuments = (c: CommandOf<'check_documents'>, a: Application, r: ServiceRules): Decision => {
  if (a.stage === 'signed') return skipped(c.type, 'register')
  if (a.stage !== 'registered') return notAllowed(c.type, a.stage)
  const pendingRecord = r.records.find((x) => x.channels.includes(a.intake.channel) && !(a.records ?? []).includes(x.registry))
  if (pendingRecord !== undefined) return skipped(c.type, 'check_record')
  for (const g of r.grounds) {
    const reason = failedGround(g, a, r)
    if (reason !== undefined) return ok(rejected(c, reason))
  }
  if (!c.result.conforming)
    return ok(rejected(c, { code: 'documents_nonconforming', reasons: c.result.reasons, appealable: true }))
  return ok({ ...base(c), type: 'checked', check: { kind: 'documents' } })
}

const queue = (c: CommandOf<'queue'>, a: Application, r: ServiceRules, context: DecisionContext | undefined): Decision => {
  if (a.stage === 'registered') return skipped(c.type, 'check_documents')
  if (a.stage !== 'documents_checked') return notAllowed(c.type, a.stage)
  if (!r.lists.includes(c.category)) return inconsistent(c.type, 'list_not_offered', { serviceId: r.serviceId, subject: c.category })
  if (r.journal && c.journal === undefined) return inconsistent(c.type, 'journal_entry_required', { serviceId: r.serviceId })
  if (!r.journal && c.journal !== undefined) return inconsistent(c.type, 'command_not_in_service', { serviceId: r.serviceId, subject: 'journal' })
  if (c.filedAt > c.at) return inconsistent(c.type, 'filed_after_decision')
  // The commission sits after the filing and before the decision is recorded, on the service's local calendar.
  if (c.commissionDecisionDate < localDateAt(c.filedAt, r.utcOffsetMinutes)) return inconsistent(c.type, 'decision_before_filing')
  if (c.commissionDecisionDate > localDateAt(c.at, r.utcOffsetMinutes)) return inconsistent(c.type, 'decision_after_command')
  if (context === undefined) return inconsistent(c.type, 'waiting_list_not_given')
  const queued: EventOf<'queued'> = {
    ...base(c),
    type: 'queued',
    list: { providerId: a.intake.providerId, category: c.category },
    applicantIin: a.intake.applicantIin,
    familySize: c.familySize,
    filedAt: c.filedAt,
    requestNumber: a.requestNumber,
    commissionDecisionDate: c.commissionDecisionDate,
    queueNumberAtRegistration: 0,
    ...(c.journal === undefined ? {} : { journal: c.journal }),
  }
  // «На момент постановки на учет Ваша очередность № N»: counted here, from the list as it stands now.
  const n = numberAtRegistration(context.waitingList, waitingEntryOf(queued))
  if (c.queueNumberAtRegistration !== undefined && c.queueNumberAtRegistration !== n)
    return E.left({ code: 'queue_number_mismatch', command: c.type, expected: n, given: c.queueNumberAtRegistration })
  return ok({ ...queued, queueNumberAtRegistration: n })
}

const changeData = (c: CommandOf<'change_data'>, a: Application): Decision =>
  a.stage !== 'queued'
    ? notAllowed(c.type, a.stage)
    : ok({ ...base(c), type: 'data_changed', familySize: c.familySize, note: c.note })

const keepPositionForFamily = (c: CommandOf<'keep_position_for_family'>, a: Application): Decision => {
  if (a.stage !== 'queued') return notAllowed(c.type, a.stage)
  if (a.entry.holderIin === c.successorIin) return inconsistent(c.type, 'successor_is_holder')
  return ok({ ...base(c), type: 'position_kept_by_family', ground: c.ground, successorIin: c.successorIin })
}

const remove = (c: CommandOf<'remove'>, a: Application): Decision =>
  a.stage !== 'queued'
    ? notAllowed(c.type, a.stage)
    : ok({ ...base(c), type: 'removed', ground: c.ground, decisionRef: c.decisionRef, decidedOn: c.decidedOn })

const allocateHousing = (c: CommandOf<'allocate_housing'>, a: Application): Decision =>
  a.stage !== 'queued'
    ? notAllowed(c.type, a.stage)
    : ok({ ...base(c), type: 'housing_allocated', dwellingRef: c.dwellingRef, decisionRef: c.decisionRef, decidedOn: c.decidedOn })

const restore = (c: CommandOf<'restore'>, a: Application): Decision => {
  const appealable =
    a.stage === 'removed' ||
    (a.stage === 'rejected' && a.reason.code === 'documents_nonconforming' && a.registered !== undefined)
  if (!appealable) return notAllowed(c.type, a.stage)
  return ok({ ...base(c), type: 'restored', appealRef: c.appealRef, decidedOn: c.decidedOn })
}

const validUntil = (issuedOn: LocalDate, v: Validity | undefined): LocalDate | undefined =>
  v === undefined ? undefined : v.unit === 'days' ? plusDays(issuedOn, v.amount) : plusMonths(issuedOn, v.amount)

const quarterStart = (year: number, quarter: number): string => `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`
const quarterEnd = (year: number, quarter: number): string =>
  new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10)

/**
 * The allowance notice's table must add up to the amount, list each quarter once, and only quarters that overlap
 * the period «с … по …».
 */
const paymentTableFits = (n: Extract<IssuedResult, { kind: 'disabled_child_allowance_notice' }>): boolean => {
  const total = n.payments.reduce((sum, p) => sum + p.amountTiyn, 0)
  const keys = new Set(n.payments.map((p) => `${p.year}Q${p.quarter}`))
  const inPeriod = n.payments.every((p) => quarterEnd(p.year, p.quarter) >= n.periodFrom && quarterStart(p.year, p.quarter) <= n.periodTo)
  return total === n.amountTiyn && keys.size === n.payments.length && inPeriod
}

/** What a result's data must agree with: its own period, and the request it answers. */
const resultProblem = (result: IssuedResult, request: RegisteredData['request']): Inconsistency | undefined => {
  if ('periodFrom' in result && result.periodFrom > result.periodTo) return 'period_reversed'
  if (result.kind === 'disabled_child_allowance_notice' && !paymentTableFits(result)) return 'payment_table_mismatch'
  if (!isServiceRequest(request)) return undefined
  if (result.kind === 'inheritance_permission' && request.service === 'guardianship-inheritance' && result.variant !== request.variant)
    return 'result_does_not_match_request'
  if (result.kind === 'property_deal_permission' && request.service === 'guardianship-property-deal' && result.deal !== request.deal)
    return 'result_does_not_match_request'
  return undefined
}

const issueResult = (c: CommandOf<'issue_result'>, a: Application, r: ServiceRules): Decision => {
  const rule = r.results.find((x) => x.kind === c.result.kind)
  if (rule === undefined) return inconsistent(c.type, 'result_not_offered', { serviceId: r.serviceId, subject: c.result.kind })
  if (a.stage === 'registered') return skipped(c.type, 'check_documents')
  if (a.stage !== 'documents_checked' && a.stage !== 'queued') return notAllowed(c.type, a.stage)
  if (!rule.from.includes(a.stage)) return notAllowed(c.type, a.stage)
  const problem = resultProblem(c.result, a.request)
  if (problem !== undefined) return inconsistent(c.type, problem, { serviceId: r.serviceId, subject: c.result.kind })
  const until = validUntil(c.issuedOn, rule.validFor)
  return ok({
    ...base(c),
    type: 'result_issued',
    result: c.result,
    issuedOn: c.issuedOn,
    documentDigest: c.documentDigest,
    ...(until === undefined ? {} : { validUntil: until }),
  })
}

/** Seed 003 п.12: the month of storage counts from the collection date on the receipt, or else from the issue. */
const returnUnclaimed = (c: CommandOf<'return_unclaimed'>, s: ApplicationState, r: ServiceRules): Decision => {
  const a = s.application
  if (a.stage !== 'result_issued' || a.returnedOn !== undefined) return notAllowed(c.type, a.stage)
  const rule = r.unclaimedReturn
  if (rule === undefined || !rule.channels.includes(a.intake.channel)) return wrongChannel(c.type, a.intake.channel)
  if (s.resultViewed) return inconsistent(c.type, 'result_already_collected')
  const from = a.packageReceipt?.collectOn ?? a.issued.issuedOn
  const due = validUntil(from, rule.after) ?? from
  if (c.returnedOn < due) return inconsistent(c.type, 'unclaimed_period_not_over', { subject: due })
  return ok({ ...base(c), type: 'result_returned_unclaimed', returnedOn: c.returnedOn, registryRef: c.registryRef })
}

/**
 * Before the decision only (the application registered, its documents perhaps checked): the new last day must be
 * later than today on the service's clock and than the last extension, so an extension never shortens the term.
 */
const extendDeadline = (c: CommandOf<'extend_deadline'>, s: ApplicationState, r: ServiceRules): Decision => {
  const a = s.application
  if (a.stage !== 'registered' && a.stage !== 'documents_checked') return notAllowed(c.type, a.stage)
  const today = localDateAt(c.at, r.utcOffsetMinutes)
  const floor = s.deadlineExtendedUntil !== undefined && s.deadlineExtendedUntil > today ? s.deadlineExtendedUntil : today
  if (c.until <= floor) return inconsistent(c.type, 'extension_not_later', { subject: floor })
  return ok({ ...base(c), type: 'deadline_extended', until: c.until, ground: c.ground, decisionRef: c.decisionRef })
}

const viewResult = (c: CommandOf<'view_result'>, a: Application): Decision =>
  hasResult(a) ? ok({ ...base(c), type: 'result_viewed' }) : inconsistent(c.type, 'no_result_yet')

const answerQuestionnaire = (c: CommandOf<'answer_questionnaire'>, s: ApplicationState): Decision => {
  if (!hasResult(s.application)) return inconsistent(c.type, 'no_result_yet')
  if (s.questionnaireAnswered) return inconsistent(c.type, 'questionnaire_already_answered')
  return ok({ ...base(c), type: 'questionnaire_answered', quality: c.quality, information: c.information })
}

const applicationIdOf = (a: Application): string | undefined =>
  a.stage === 'new' ? undefined : a.stage === 'rejected' ? a.intake?.applicationId : a.intake.applicationId

const serviceIdOf = (a: Application): ServiceId | undefined =>
  a.stage === 'new' ? undefined : a.stage === 'rejected' ? a.intake?.serviceId : a.intake.serviceId

/**
 * The decider's `decide`, for a given way to find service rules. Before the first event (or after a refusal at
 * authorization, which records no service) there are no rules to consult, and the stage alone decides, as it did
 * before services were data.
 */
export const decideWith = (rulesOf: RulesOf) => (command: ApplicationCommand, state: ApplicationState, context?: DecisionContext): Decision => {
  if (state.handled.has(command.commandId)) return ok()
  const a = state.application
  const expected = applicationIdOf(a)
  if (expected !== undefined && expected !== command.applicationId)
    return E.left({ code: 'application_mismatch', command: command.type, expected, actual: command.applicationId })
  const serviceId = command.type === 'authorize' ? command.serviceId : serviceIdOf(a)
  const r = serviceId === undefined ? undefined : rulesOf(serviceId)
  if (serviceId !== undefined && r === undefined) return inconsistent(command.type, 'unknown_service', { serviceId })
  if (r !== undefined && !r.commands.includes(command.type))
    return inconsistent(command.type, 'command_not_in_service', { serviceId: r.serviceId })
  // Every command but `authorize` needs an authorized application; with no rules the stage check refuses it.
  if (r === undefined) return command.type === 'view_result' ? viewResult(command, a)
    : command.type === 'answer_questionnaire' ? answerQuestionnaire(command, state)
    : command.type === 'restore' ? restore(command, a)
    : notAllowed(command.type, a.stage)
  switch (command.type) {
    case 'authorize': return authorize(command, a, r)
    case 'check_person': return checkPerson(command, a)
    case 'check_power_of_attorney': return checkPowerOfAttorney(command, a)
    case 'check_package': return checkPackage(command, a, r)
    case 'sign': return sign(command, a, r)
    case 'register': return register(command, a)
    case 'check_record': return checkRecord(command, a, r)
    case 'check_documents': return checkDocuments(command, a, r)
    case 'queue': return queue(command, a, r, context)
    case 'change_data': return changeData(command, a)
    case 'keep_position_for_family': return keepPositionForFamily(command, a)
    case 'remove': return remove(command, a)
    case 'allocate_housing': return allocateHousing(command, a)
    case 'restore': return restore(command, a)
    case 'issue_result': return issueResult(command, a, r)
    case 'return_unclaimed': return returnUnclaimed(command, state, r)
    case 'extend_deadline': return extendDeadline(command, state, r)
    case 'view_result': return viewResult(command, a)
    case 'answer_questionnaire': return answerQuestionnaire(command, state)
  }
}

/**
 * `decide` over the services kezek ships (service/catalog.ts). A service id the catalogue does not know is decided
 * under the housing queue's rules, as every application was before services were data, so an embedder's own id for
 * the housing service keeps working; `strictRulesOf` refuses such ids instead.
 */
export const decide = decideWith(builtInRulesOf)
