/**
 * Helpers shared by the routes: finding an application the principal may see, ETag headers, query decoding.
 */
import type { Response } from 'express'
import type { Principal } from '../auth/principal.js'
import { canRead, partiesOf } from '../auth/policy.js'
import { requirePrincipal } from '../middleware/context.js'
import { etagOf } from '../middleware/preconditions.js'
import { isProblem, problem, type Problem } from '../problem/problem.js'
import * as E from 'fp-ts/lib/Either.js'
import { handlerProblem } from '../http/errors.js'
import { viewOfStream, type ApplicationView } from '../read-model/projections.js'
import type { Services } from '../http/services.js'

export const setEtagHeader = (revision: number | undefined): Record<string, string> =>
  revision === undefined ? {} : { ETag: etagOf(revision) }

/**
 * An application's view: from the read models, or from its stream when `fresh` is asked for (writes decide on
 * the stream's own state) or when the read models have not seen it yet (they may lag behind the store).
 */
const viewOf = async (s: Services, id: string, fresh: boolean): Promise<ApplicationView | undefined | Problem> => {
  const cached = fresh ? undefined : s.read.application(id)
  if (cached !== undefined) return cached
  const loaded = await s.handler.load(id)
  if (E.isLeft(loaded)) return handlerProblem(loaded.left)
  return viewOfStream(loaded.right.events)
}

/**
 * The application if the principal may read it. Someone else's application answers 404, exactly as a missing
 * one does, so a citizen cannot even learn that an id exists.
 */
export const visibleApplication = async (
  s: Services, res: Response, id: string, options: { readonly fresh?: boolean } = {},
): Promise<{ readonly principal: Principal; readonly view: ApplicationView } | Problem> => {
  const p = requirePrincipal(res)
  if (isProblem(p)) return p
  const view = await viewOf(s, id, options.fresh ?? false)
  if (isProblem(view)) return view
  if (view === undefined || !canRead(p, partiesOf(view.status, view.successors))) return problem('not-found', 'no such application')
  return { principal: p, view }
}
