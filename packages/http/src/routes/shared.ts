/**
 * Helpers shared by the routes: finding an application the principal may see, ETag headers, query decoding.
 */
import type { Response } from 'express'
import type { Principal } from '../auth/principal'
import { canRead, partiesOf } from '../auth/policy'
import { requirePrincipal } from '../middleware/context'
import { etagOf } from '../middleware/preconditions'
import { isProblem, problem, type Problem } from '../problem/problem'
import type { ApplicationView } from '../read-model/projections'
import type { Services } from '../http/services'

export const setEtagHeader = (revision: number | undefined): Record<string, string> =>
  revision === undefined ? {} : { ETag: etagOf(revision) }

/**
 * The application if the principal may read it. Someone else's application answers 404, exactly as a missing
 * one does, so a citizen cannot even learn that an id exists.
 */
export const visibleApplication = (s: Services, res: Response, id: string): { readonly principal: Principal; readonly view: ApplicationView } | Problem => {
  const p = requirePrincipal(res)
  if (isProblem(p)) return p
  const view = s.read.application(id)
  if (view === undefined || !canRead(p, partiesOf(view.status, view.successors))) return problem('not-found', 'no such application')
  return { principal: p, view }
}
