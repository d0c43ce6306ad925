/**
 * evolve: (state, event) → state. Total and pure: an event that cannot follow the current stage (a corrupted or
 * hand-edited history) leaves the application as it was, so replay never throws; `kezek verify` reports such
 * histories instead.
 */
import type { ApplicationEvent } from './events.js'
import type { Application, ApplicationState } from './state.js'

const next = (a: Application, e: ApplicationEvent): Application => {
  switch (e.type) {
    case 'authorized': {
      if (a.stage !== 'new') return a
      const { applicationId, serviceId, providerId, channel, applicantIin } = e
      return { stage: 'authorized', intake: { applicationId, serviceId, providerId, channel, applicantIin } }
    }
    case 'checked': {
      const c = e.check
      if (c.kind === 'person_record' && a.stage === 'authorized') return { ...a, personRecord: c.registryReference }
      if (c.kind === 'power_of_attorney' && a.stage === 'authorized')
        return { ...a, powerOfAttorney: { representativeIin: c.representativeIin, reference: c.powerOfAttorney } }
      if (c.kind === 'documents' && a.stage === 'registered') return { ...a, stage: 'documents_checked' }
      if (c.kind === 'package' && a.stage === 'authorized') return { ...a, packageReceipt: c.receipt }
      if (c.kind === 'record' && a.stage === 'registered') return { ...a, records: [...(a.records ?? []), c.registry] }
      return a
    }
    case 'signed':
    case 'request_signed':
      return a.stage !== 'authorized'
        ? a
        : { ...a, stage: 'signed', request: e.request, signerIin: e.signerIin, signedAt: e.signedAt }
    case 'registered':
      return a.stage !== 'signed' ? a : { ...a, stage: 'registered', requestNumber: e.requestNumber, registeredAt: e.at }
    case 'rejected': {
      if (a.stage === 'new') return { stage: 'rejected', reason: e.reason }
      if (a.stage === 'registered') return { stage: 'rejected', reason: e.reason, intake: a.intake, registered: a }
      if (a.stage === 'authorized' || a.stage === 'signed') return { stage: 'rejected', reason: e.reason, intake: a.intake }
      return a
    }
    case 'queued': {
      if (a.stage !== 'documents_checked') return a
      const { list, familySize, filedAt, commissionDecisionDate, queueNumberAtRegistration } = e
      const holderIin = a.intake.applicantIin
      const journal = e.journal === undefined ? {} : { journal: e.journal }
      return { ...a, stage: 'queued', entry: { list, familySize, filedAt, commissionDecisionDate, queueNumberAtRegistration, holderIin, ...journal } }
    }
    case 'data_changed':
      return a.stage !== 'queued' ? a : { ...a, entry: { ...a.entry, familySize: e.familySize } }
    case 'position_kept_by_family':
      return a.stage !== 'queued' ? a : { ...a, entry: { ...a.entry, holderIin: e.successorIin } }
    case 'removed':
      return a.stage !== 'queued' ? a : { ...a, stage: 'removed', ground: e.ground }
    case 'housing_allocated':
      return a.stage !== 'queued' ? a : { ...a, stage: 'housed' }
    case 'restored': {
      if (a.stage === 'removed') {
        const { ground: _ground, ...rest } = a
        return { ...rest, stage: 'queued' }
      }
      if (a.stage === 'rejected' && a.registered !== undefined) return { ...a.registered, stage: 'documents_checked' }
      return a
    }
    case 'result_issued': {
      if (a.stage !== 'documents_checked' && a.stage !== 'queued') return a
      const issued = { result: e.result, issuedOn: e.issuedOn, at: e.at, ...(e.validUntil === undefined ? {} : { validUntil: e.validUntil }) }
      return { ...a, stage: 'result_issued', issued }
    }
    case 'result_returned_unclaimed':
      return a.stage !== 'result_issued' || a.returnedOn !== undefined ? a : { ...a, returnedOn: e.returnedOn }
    case 'result_viewed':
    case 'questionnaire_answered':
    case 'deadline_extended':
      return a
  }
}

export const evolve = (state: ApplicationState, event: ApplicationEvent): ApplicationState => ({
  application: next(state.application, event),
  handled: new Set(state.handled).add(event.commandId),
  resultViewed: state.resultViewed || event.type === 'result_viewed',
  questionnaireAnswered: state.questionnaireAnswered || event.type === 'questionnaire_answered',
  ...(event.type === 'deadline_extended' ? { deadlineExtendedUntil: event.until }
    : state.deadlineExtendedUntil === undefined ? {} : { deadlineExtendedUntil: state.deadlineExtendedUntil }),
})
