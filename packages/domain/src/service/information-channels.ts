/**
 * Where the citizen learns how the service is going, as п.10–11 of the regulations put it: the status on the portal's
 * «История получения услуг» or from the provider or the ЦОН (п.10), and the Unified contact centre 1414 for
 * information and advice (п.11) — in every seed but 003 (housing assistance, Karaganda 2014), which names neither.
 */
import type { ServiceId } from '../kernel/ids.js'

export const CONTACT_CENTRE_PHONE = '1414'

export interface InformationChannels {
  /** п.11: the Unified contact centre's phone. */
  readonly contactCentre: typeof CONTACT_CENTRE_PHONE
}

/** The seeds whose п.10–11 are silent: their services print no channels. */
const silent: ReadonlySet<string> = new Set(['housing-assistance'])

export const informationChannelsOf = (serviceId: ServiceId | string | undefined): InformationChannels | undefined =>
  serviceId !== undefined && silent.has(serviceId) ? undefined : { contactCentre: CONTACT_CENTRE_PHONE }
