/**
 * Routes return values: a `Reply` or a `Problem`. One writer turns them into responses, so status codes, content
 * types and problem bodies are uniform and a route never half-writes a response.
 */
import type { NextFunction, Request, Response } from 'express'
import { contextOf } from '../middleware/context.js'
import { isProblem, problemBody, statusOfProblem, type Problem } from '../problem/problem.js'
import type { StoredReply } from '../middleware/idempotency.js'

export interface Reply {
  readonly status: number
  readonly body?: unknown
  /** Sent as is (XML documents, metrics text, PDF bytes) with `contentType`. */
  readonly raw?: string | Uint8Array
  readonly contentType?: string
  readonly headers?: Readonly<Record<string, string>>
}

export type Outcome = Reply | Problem

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, ...(headers === undefined ? {} : { headers }) })

/** Renders an outcome to status, headers and body text, in the request's language. */
export const render = (o: Outcome, res: Response, instance: string): StoredReply => {
  const lang = contextOf(res).lang
  if (isProblem(o)) {
    return {
      status: statusOfProblem(o),
      headers: {
        'Content-Type': 'application/problem+json; charset=utf-8',
        ...(o.retryAfter === undefined ? {} : { 'Retry-After': String(o.retryAfter) }),
      },
      body: JSON.stringify(problemBody(o, lang, instance)),
    }
  }
  const contentType = o.contentType ?? 'application/json; charset=utf-8'
  const body = o.raw instanceof Uint8Array ? Buffer.from(o.raw.buffer, o.raw.byteOffset, o.raw.byteLength)
    : o.raw ?? (o.body === undefined ? '' : JSON.stringify(o.body))
  return { status: o.status, headers: { 'Content-Type': contentType, ...o.headers }, body }
}

export const send = (res: Response, r: StoredReply): void => {
  for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v)
  res.status(r.status)
  if (r.body === '') res.end()
  else res.send(r.body)
}

export type RouteFn = (req: Request, res: Response) => Promise<Outcome>

export const route = (fn: RouteFn) => async (req: Request, res: Response, next: NextFunction): Promise<void> => {
  try {
    send(res, render(await fn(req, res), res, req.originalUrl))
  } catch (e) {
    next(e)
  }
}
