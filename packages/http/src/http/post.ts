/**
 * POST routes with `Idempotency-Key`: the first answer is replayed to retries, concurrent retries wait for it,
 * and a different body under a used key is refused. Retryable answers (5xx) are not kept.
 */
import type { NextFunction, Request, Response } from 'express'
import { contextOf } from '../middleware/context.js'
import { commandIds, hashBody, KEY_PATTERN } from '../middleware/idempotency.js'
import { problem } from '../problem/problem.js'
import { render, send, type Outcome } from './reply.js'
import type { Services } from './services.js'

export interface CommandIds {
  /** Seed of this request's ids: derived from the idempotency key when there is one. */
  readonly base: string
  readonly of: (type: string) => string
}

export type PostFn = (req: Request, res: Response, ids: CommandIds) => Promise<Outcome>

export const postRoute = (s: Services, fn: PostFn) => async (req: Request, res: Response, next: NextFunction): Promise<void> => {
  const key = req.get('idempotency-key')
  const p = contextOf(res).principal
  // Keyed by who (role, subject, and what binds them: the provider staff act for, a citizen's IIN) and where: the same key from an officer of another
  // provider — even one whose identity provider reuses a subject — never replays this answer.
  const binding = p === undefined ? '' : 'providerId' in p ? p.providerId : 'iin' in p ? p.iin : ''
  const scope = JSON.stringify([p?.role ?? 'anonymous', p?.subject ?? '', binding, req.method, req.path])
  try {
    if (key !== undefined && !KEY_PATTERN.test(key)) {
      send(res, render(problem('validation-failed', 'Idempotency-Key must be 8–200 visible ASCII characters', { errors: ['Idempotency-Key'] }), res, req.originalUrl))
      return
    }
    const ids = commandIds(scope, key, s.newId)
    if (key === undefined) { send(res, render(await fn(req, res, ids), res, req.originalUrl)); return }
    const bodyHash = hashBody(req.body)
    const seen = s.idempotency.lookup(scope, key, bodyHash)
    if (seen === 'mismatch') {
      send(res, render(problem('idempotency-key-reused', 'this Idempotency-Key was used with a different body'), res, req.originalUrl))
      return
    }
    if (seen !== undefined) {
      const first = await seen.hit
      send(res, { ...first, headers: { ...first.headers, 'Idempotent-Replayed': 'true' } })
      return
    }
    const reply = fn(req, res, ids).then((o) => render(o, res, req.originalUrl))
    s.idempotency.remember(scope, key, bodyHash, reply)
    let r
    try { r = await reply } catch (e) { s.idempotency.forget(scope, key); throw e }
    if (r.status >= 500) s.idempotency.forget(scope, key)
    send(res, r)
  } catch (e) {
    next(e)
  }
}
