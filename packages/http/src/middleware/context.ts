/**
 * Per-request context: correlation id (taken from the gateway's `X-Correlation-Id` when it is sane, else new),
 * the negotiated language, and the authenticated principal. Kept in `res.locals`, typed through these helpers.
 */
import type { NextFunction, Request, Response } from 'express'
import type { Language } from '@kezek/domain'
import type { Authenticator, Principal } from '../auth/principal.js'
import { negotiateLanguage } from '../problem/language.js'
import { problem, sendProblem, type Problem } from '../problem/problem.js'

export interface RequestContext {
  readonly correlationId: string
  readonly lang: Language
  readonly principal: Principal | undefined
  readonly startedAt: number
}

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/

export const contextOf = (res: Response): RequestContext => res.locals['kezek'] as RequestContext

export const contextMiddleware = (auth: Authenticator, newId: () => string) =>
  async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const given = req.get('x-correlation-id')
    const correlationId = given !== undefined && CORRELATION.test(given) ? given : newId()
    const lang = negotiateLanguage(req.get('accept-language'))
    res.setHeader('X-Correlation-Id', correlationId)
    res.setHeader('Content-Language', lang)
    const base = { correlationId, lang, startedAt: performance.now() }
    res.locals['kezek'] = { ...base, principal: undefined } satisfies RequestContext
    const outcome = await auth.authenticate(req.get('authorization'))
    if (outcome !== undefined && 'refused' in outcome) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"')
      sendProblem(res, problem('unauthorized', outcome.refused), lang, req.originalUrl)
      return
    }
    res.locals['kezek'] = { ...base, principal: outcome } satisfies RequestContext
    next()
  }

export const requirePrincipal = (res: Response): Principal | Problem => {
  const p = contextOf(res).principal
  if (p === undefined) {
    res.setHeader('WWW-Authenticate', 'Bearer')
    return problem('unauthorized', 'this route needs a bearer token')
  }
  return p
}
