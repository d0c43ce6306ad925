/**
 * One event as a sentence a person reads in an audit: the citizen-facing text from the domain catalogue where one
 * exists (statuses, refusals, grounds), followed by the particulars the auditor needs (references, dates, IINs).
 */
import {
  describeRejection,
  listId,
  message,
  type ApplicationEvent,
  type Channel,
  type EventOf,
  type Language,
} from '@kezek/domain'
import { say, systemChannel } from './words.js'

const answer = (n: 1 | 2 | 3, lang: Language): string => message(`questionnaire.answer.${n}`, lang)

export const channelName = (channel: Channel | 'system', lang: Language): string =>
  channel === 'system' ? systemChannel[lang] : message(`channel.${channel}`, lang)

const COMMON = new Set(['type', 'schema', 'applicationId', 'commandId', 'at', 'kind'])

/** The fields of a payload the sentence has no words for, as `name=value` pairs. */
const particulars = (payload: object): string =>
  Object.entries(payload)
    .filter(([k]) => !COMMON.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ')

const describeCheck = (c: EventOf<'checked'>['check'], lang: Language): string => {
  switch (c.kind) {
    case 'person_record':
      return say('personFound', lang, { ref: c.registryReference })
    case 'power_of_attorney':
      return say('powerOfAttorneyFound', lang, { poa: c.powerOfAttorney, iin: c.representativeIin, ref: c.registryReference })
    case 'signature':
      return say('signatureConfirmed', lang, {
        cn: c.signer.commonName,
        iin: c.signer.iin,
        serial: c.signer.certificateSerial,
        issuer: c.signer.issuer,
      })
    case 'documents':
      return message('status.documents_checked', lang)
    case 'record':
      return say('recordFound', lang, { registry: message(`registry.${c.registry}`, lang), ref: c.registryReference })
    case 'package':
      return say('packageAccepted', lang, { number: c.receipt.receiptNumber, count: c.receipt.documents.length, collectOn: c.receipt.collectOn })
    default:
      // Check kinds added to the domain after this text was written: still shown, field by field.
      return `${say('unknownEvent', lang, { type: `checked/${(c as { kind: string }).kind}` })}: ${particulars(c as object)}`
  }
}

export const describeEvent = (e: ApplicationEvent, lang: Language): string => {
  switch (e.type) {
    case 'authorized':
      return `${message('status.authorized', lang)} (${channelName(e.channel, lang)}): ${say('authorizedDetail', lang, {
        service: e.serviceId,
        provider: e.providerId,
        iin: e.applicantIin,
      })}`
    case 'checked':
      return describeCheck(e.check, lang)
    case 'signed':
      return `${message('status.signed', lang)}: ${say('signedDetail', lang, {
        category: e.request.category,
        family: e.request.familySize,
        documents: e.request.documents.length,
        signedAt: e.signedAt,
        signer: e.signerIin,
      })}`
    case 'request_signed': {
      const { service, documents, representativeIin: _rep, ...fields } = e.request
      return `${message('status.signed', lang)}: ${say('requestSignedDetail', lang, {
        service,
        fields: particulars(fields),
        documents: documents.length,
        signedAt: e.signedAt,
        signer: e.signerIin,
      })}`
    }
    case 'result_issued': {
      const { kind, ...fields } = e.result
      return `${message('status.result_issued', lang)} — ${message(`result_kind.${kind}`, lang)}: ${say('resultIssuedDetail', lang, {
        issuedOn: e.issuedOn,
        until: e.validUntil === undefined ? '' : say('validUntil', lang, { date: e.validUntil }),
        fields: particulars(fields),
        digest: e.documentDigest,
      })}`
    }
    case 'result_returned_unclaimed':
      return `${message('status.returned_unclaimed', lang)}: ${message('template.unclaimed_returned', lang, { registry: e.registryRef, returnedOn: e.returnedOn })}`
    case 'registered':
      return message('request.registered', lang, { n: e.requestNumber })
    case 'rejected':
      return `${message('status.rejected', lang)}: ${describeRejection(e.reason, lang)}`
    case 'queued':
      return `${message('status.queued', lang)}: ${say('queuedDetail', lang, {
        list: listId(e.list),
        filedAt: e.filedAt,
        requestNumber: e.requestNumber,
        decision: e.commissionDecisionDate,
        family: e.familySize,
      })}. ${message('result.queue_number', lang, { n: e.queueNumberAtRegistration })}`
    case 'data_changed':
      return say('dataChanged', lang, { family: e.familySize, note: e.note })
    case 'position_kept_by_family':
      return `${message(`succession.${e.ground}`, lang)}; ${say('successor', lang, { iin: e.successorIin })}`
    case 'removed':
      return `${message('status.removed', lang)}: ${message(`removal.${e.ground}`, lang)} (${say('decision', lang, {
        ref: e.decisionRef,
        date: e.decidedOn,
      })})`
    case 'housing_allocated':
      return `${message('status.housed', lang)}: ${say('dwelling', lang, { ref: e.dwellingRef })}, ${say('decision', lang, {
        ref: e.decisionRef,
        date: e.decidedOn,
      })}`
    case 'restored':
      return say('restored', lang, { ref: e.appealRef, date: e.decidedOn })
    case 'deadline_extended':
      return say('deadlineExtended', lang, { until: e.until, ground: message(`extension_ground.${e.ground}`, lang), ref: e.decisionRef })
    case 'result_viewed':
      return say('resultViewed', lang)
    case 'questionnaire_answered':
      return say('questionnaire', lang, { quality: answer(e.quality, lang), information: answer(e.information, lang) })
    default:
      // Event types added to the domain after this text was written: still shown, field by field.
      return `${say('unknownEvent', lang, { type: (e as { type: string }).type })}: ${particulars(e)}`
  }
}
