/**
 * decide: (command, state) → Either<DomainError, events>. One handler per command; each reads the stage it
 * needs and either states the facts or explains why not. A command already decided yields no events.
 */
import * as E from 'fp-ts/Either'
import { isWalkIn } from './channel'
import type { ApplicationCommand, CommandOf, CommandType } from './commands'
import type { DomainError, Inconsistency } from './errors'
import type { ApplicationEvent, EventOf } from './events'
import { hasResult, type Application, type ApplicationState, type Stage } from './state'

type Decision = E.Either<DomainError, readonly ApplicationEvent[]>

const base = (c: ApplicationCommand) =>
  ({ schema: 1, applicationId: c.applicationId, commandId: c.commandId, at: c.at }) as const

const ok = (...events: ApplicationEvent[]): Decision => E.right(events)
const notAllowed = (command: CommandType, stage: Stage): Decision => E.left({ code: 'not_allowed', command, stage })
const skipped = (command: CommandType, missing: CommandType): Decision =>
  E.left({ code: 'step_skipped', command, missing })
const inconsistent = (command: CommandType, detail: Inconsistency): Decision =>
  E.left({ code: 'inconsistent', command, detail })

const rejected = (c: ApplicationCommand, reason: EventOf<'rejected'>['reason']): EventOf<'rejected'> => ({
  ...base(c),
  type: 'rejected',
  reason,
})

const authorize = (c: CommandOf<'authorize'>, a: Application): Decision => {
  if (a.stage !== 'new') return notAllowed(c.type, a.stage)
  if (c.outcome === 'refused') return ok(rejected(c, { code: 'authorization_refused' }))
  const { serviceId, providerId, channel, applicantIin } = c
  return ok({ ...base(c), type: 'authorized', serviceId, providerId, channel, applicantIin })
}

const checkPerson = (c: CommandOf<'check_person'>, a: Application): Decision => {
  if (a.stage !== 'authorized' || a.personRecord !== undefined) return notAllowed(c.type, a.stage)
  if (!isWalkIn(a.intake.channel)) return E.left({ code: 'wrong_channel', command: c.type, channel: a.intake.channel })
  if (!c.result.found) return ok(rejected(c, { code: 'person_not_found' }))
  return ok({ ...base(c), type: 'checked', check: { kind: 'person_record', registryReference: c.result.registryReference } })
}

const checkPowerOfAttorney = (c: CommandOf<'check_power_of_attorney'>, a: Application): Decision => {
  if (a.stage !== 'authorized' || a.powerOfAttorney !== undefined) return notAllowed(c.type, a.stage)
  if (a.intake.channel !== 'service_centre')
    return E.left({ code: 'wrong_channel', command: c.type, channel: a.intake.channel })
  if (!c.result.found) return ok(rejected(c, { code: 'power_of_attorney_not_found', powerOfAttorney: c.powerOfAttorney }))
  const check = {
    kind: 'power_of_attorney',
    representativeIin: c.representativeIin,
    powerOfAttorney: c.powerOfAttorney,
    registryReference: c.result.registryReference,
  } as const
  return ok({ ...base(c), type: 'checked', check })
}

const sign = (c: CommandOf<'sign'>, a: Application): Decision => {
  if (a.stage !== 'authorized') return notAllowed(c.type, a.stage)
  const { channel, applicantIin } = a.intake
  if (isWalkIn(channel) && a.personRecord === undefined) return skipped(c.type, 'check_person')
  const representative = c.request.representativeIin
  if (representative !== undefined) {
    if (channel !== 'service_centre') return E.left({ code: 'wrong_channel', command: c.type, channel })
    if (a.powerOfAttorney === undefined) return skipped(c.type, 'check_power_of_attorney')
    if (a.powerOfAttorney.representativeIin !== representative)
      return inconsistent(c.type, 'representative_not_confirmed')
  }
  const v = c.signature
  if (!v.valid) return ok(rejected(c, { code: 'signature_not_confirmed', failure: v.failure, detail: v.detail }))
  // Portal condition 2: the IIN of the request must be the IIN in the certificate. At a desk the officer signs.
  if (channel === 'portal' && v.signer.iin !== applicantIin)
    return ok(rejected(c, { code: 'signature_not_confirmed', failure: 'iin_mismatch', detail: `certificate IIN differs from the applicant's` }))
  const { signer, algorithm, documentDigest, signedAt } = v
  return ok(
    { ...base(c), type: 'checked', check: { kind: 'signature', signer, algorithm, documentDigest } },
    { ...base(c), type: 'signed', request: c.request, signerIin: signer.iin, documentDigest, signedAt },
  )
}

const register = (c: CommandOf<'register'>, a: Application): Decision => {
  if (a.stage === 'authorized') return skipped(c.type, 'sign')
  if (a.stage !== 'signed') return notAllowed(c.type, a.stage)
  return ok({ ...base(c), type: 'registered', requestNumber: c.requestNumber })
}

const checkDocuments = (c: CommandOf<'check_documents'>, a: Application): Decision => {
  if (a.stage === 'signed') return skipped(c.type, 'register')
  if (a.stage !== 'registered') return notAllowed(c.type, a.stage)
  if (!c.result.conforming)
    return ok(rejected(c, { code: 'documents_nonconforming', reasons: c.result.reasons, appealable: true }))
  return ok({ ...base(c), type: 'checked', check: { kind: 'documents' } })
}

const queue = (c: CommandOf<'queue'>, a: Application): Decision => {
  if (a.stage === 'registered') return skipped(c.type, 'check_documents')
  if (a.stage !== 'documents_checked') return notAllowed(c.type, a.stage)
  if (c.filedAt > c.at) return inconsistent(c.type, 'filed_after_decision')
  return ok({
    ...base(c),
    type: 'queued',
    list: { providerId: a.intake.providerId, category: c.category },
    applicantIin: a.intake.applicantIin,
    familySize: c.familySize,
    filedAt: c.filedAt,
    requestNumber: a.requestNumber,
    commissionDecisionDate: c.commissionDecisionDate,
    queueNumberAtRegistration: c.queueNumberAtRegistration,
  })
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

const viewResult = (c: CommandOf<'view_result'>, a: Application): Decision =>
  hasResult(a) ? ok({ ...base(c), type: 'result_viewed' }) : inconsistent(c.type, 'no_result_yet')

const answerQuestionnaire = (c: CommandOf<'answer_questionnaire'>, s: ApplicationState): Decision => {
  if (!hasResult(s.application)) return inconsistent(c.type, 'no_result_yet')
  if (s.questionnaireAnswered) return inconsistent(c.type, 'questionnaire_already_answered')
  return ok({ ...base(c), type: 'questionnaire_answered', quality: c.quality, information: c.information })
}

const applicationIdOf = (a: Application): string | undefined =>
  a.stage === 'new' ? undefined : a.stage === 'rejected' ? a.intake?.applicationId : a.intake.applicationId

export const decide = (command: ApplicationCommand, state: ApplicationState): Decision => {
  if (state.handled.has(command.commandId)) return ok()
  const a = state.application
  const expected = applicationIdOf(a)
  if (expected !== undefined && expected !== command.applicationId)
    return E.left({ code: 'application_mismatch', command: command.type, expected, actual: command.applicationId })
  switch (command.type) {
    case 'authorize': return authorize(command, a)
    case 'check_person': return checkPerson(command, a)
    case 'check_power_of_attorney': return checkPowerOfAttorney(command, a)
    case 'sign': return sign(command, a)
    case 'register': return register(command, a)
    case 'check_documents': return checkDocuments(command, a)
    case 'queue': return queue(command, a)
    case 'change_data': return changeData(command, a)
    case 'keep_position_for_family': return keepPositionForFamily(command, a)
    case 'remove': return remove(command, a)
    case 'allocate_housing': return allocateHousing(command, a)
    case 'restore': return restore(command, a)
    case 'view_result': return viewResult(command, a)
    case 'answer_questionnaire': return answerQuestionnaire(command, state)
  }
}
