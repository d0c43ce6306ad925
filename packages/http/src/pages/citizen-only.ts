/** The citizen pages' gate: the signed-in citizen, or the page to show instead (sign in; not for your role). */
import type { Principal } from '../auth/principal.js'
import type { PageContext } from './context.js'
import { failure, type PageOutcome } from './page.js'
import { tr } from './texts.js'

export const citizenOnly = (c: PageContext): Extract<Principal, { role: 'citizen' }> | PageOutcome => {
  const p = c.principal
  if (p === undefined) return { kind: 'redirect', to: '/sign-in' }
  if (p.role !== 'citizen') return failure(c, 403, 'forbidden', tr('forbiddenText', c.lang))
  return p
}
