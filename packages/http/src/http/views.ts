/**
 * JSON views of an application for the status screen («История получения услуг»): IIN, request number, service
 * type, status, deadline, and links to the result document once there is one.
 */
import { hasResult, type ApplicationStatus } from '@kezek/domain'
import { CONTACT_CENTRE_PHONE, citizenDeadlineOf, informationChannelsOf, type Fact } from '@kezek/domain'
import { describeRejection, message, statusText, type Language } from '@kezek/domain'
import type { ApplicationView } from '../read-model/projections.js'
import { definitionOf, type ProviderConfig } from './services.js'

const RESULT_STATUSES = new Set(['queued', 'rejected', 'removed', 'housed', 'result_issued', 'returned_unclaimed'])

export const hasResultDocument = (s: ApplicationStatus): boolean => RESULT_STATUSES.has(s.status)

/**
 * The deadline the regulation gives the citizen: the service's term from the registration of the request, on the
 * provider's working calendar, or the end of the term as the provider extended it. Null before registration and
 * once decided.
 */
const deadlineOf = (view: ApplicationView, provider: ProviderConfig | undefined): string | null => {
  const s = view.status
  const definition = provider === undefined || s.serviceId === undefined ? undefined : definitionOf(provider, s.serviceId)
  if (provider === undefined || definition === undefined) return null
  return citizenDeadlineOf({ ...s, facts: view.facts as readonly Fact[] }, definition, provider.calendar) ?? null
}


export const statusView = (view: ApplicationView, provider: ProviderConfig | undefined, lang: Language) => {
  const s = view.status
  const outcome = s.outcome
  const definition = provider === undefined || s.serviceId === undefined ? undefined : definitionOf(provider, s.serviceId)
  return {
    applicationId: s.applicationId,
    iin: s.applicantIin ?? null,
    requestNumber: s.requestNumber ?? null,
    serviceType: definition === undefined ? (s.serviceId ?? null) : { id: definition.id, name: definition.name[lang] },
    providerId: s.providerId ?? null,
    channel: s.channel ?? null,
    status: s.status,
    statusText: statusText(s.serviceId, s.status, lang),
    since: s.since,
    deadline: deadlineOf(view, provider),
    deadlineExtendedUntil: s.deadlineExtendedUntil ?? null,
    // п.10–11 of the seeds, where they print them: the contact centre 1414 and the ways to check the status.
    contactCentre: informationChannelsOf(s.serviceId) === undefined ? null : {
      phone: CONTACT_CENTRE_PHONE, text: message('contact_centre.status_screen', lang), statusChannels: message('contact_centre.status_channels', lang),
    },
    revision: view.revision,
    ...(outcome?.kind === 'queued'
      ? { list: outcome.list, queueNumberAtRegistration: outcome.queueNumberAtRegistration }
      : {}),
    ...(outcome?.kind === 'rejected' ? { rejection: { code: outcome.reason.code, text: describeRejection(outcome.reason, lang), reason: outcome.reason } } : {}),
    ...(outcome?.kind === 'removed' ? { removal: { ground: outcome.ground, text: message(`removal.${outcome.ground}`, lang) } } : {}),
    ...(outcome?.kind === 'issued'
      ? {
          result: {
            kind: outcome.result.kind, text: message(`result_kind.${outcome.result.kind}`, lang), issuedOn: outcome.issuedOn,
            validUntil: outcome.validUntil ?? null,
          },
        }
      : {}),
    resultViewed: s.resultViewed,
    links: {
      self: `/v1/applications/${encodeURIComponent(s.applicationId)}`,
      ...(hasResultDocument(s) ? { result: `/v1/applications/${encodeURIComponent(s.applicationId)}/result` } : {}),
      ...(s.status === 'queued' ? { position: `/v1/applications/${encodeURIComponent(s.applicationId)}/position` } : {}),
    },
  }
}

export { hasResult }
