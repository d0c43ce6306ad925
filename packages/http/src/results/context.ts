/** The provider's fixed details a result document prints: its name and the head of office who signs. */
import type { ProviderConfig } from '../http/services.js'
import type { FormContext } from './form.js'

export const resultContextOf = (providers: ReadonlyMap<string, ProviderConfig>, providerId: string): FormContext => {
  const p = providers.get(providerId)
  return { providerName: p?.name ?? providerId, ...(p?.head === undefined ? {} : { headOfOffice: p.head }) }
}
