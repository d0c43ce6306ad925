/**
 * Body handling with explicit limits and content types. Express's parsers skip a body of the wrong type silently;
 * here a route that wants JSON answers 415 to anything else, and parse errors become problem values.
 */
import express, { type NextFunction, type Request, type Response } from 'express'
import { contextOf } from './context.js'
import { problem, sendProblem } from '../problem/problem.js'
import { verifyJsonDepth } from './hostile.js'

export interface BodyLimits {
  /** Bytes; default 64 KiB. */
  readonly json: number
  /** Bytes; default 1 MiB (the signature adapter's own limit). */
  readonly xml: number
}

export const defaultLimits: BodyLimits = { json: 64 * 1024, xml: 1024 * 1024 }

const JSON_TYPES = ['application/json', 'application/*+json']
const XML_TYPES = ['application/xml', 'text/xml']

const requireType = (types: readonly string[]) => (req: Request, res: Response, next: NextFunction): void => {
  if (req.is(types as string[]) === false || req.get('content-type') === undefined) {
    sendProblem(res, problem('unsupported-media-type', `expected Content-Type ${types.join(' or ')}`, { accepted: types }), contextOf(res).lang, req.originalUrl)
    return
  }
  next()
}

export const jsonBody = (limits: BodyLimits) => [
  requireType(JSON_TYPES),
  express.json({ limit: limits.json, type: JSON_TYPES, strict: true, verify: verifyJsonDepth }),
]

// Kept as text: the signature is over the exact bytes, so nothing may re-encode them before verification.
export const xmlBody = (limits: BodyLimits) => [
  requireType(XML_TYPES),
  express.text({ limit: limits.xml, type: XML_TYPES, defaultCharset: 'utf-8' }),
]

interface BodyParserError { readonly type?: string; readonly status?: number; readonly message?: string; readonly limit?: number }

/** Maps body-parser failures to problems; anything else goes on to the generic error handler. */
export const bodyErrors = (err: unknown, req: Request, res: Response, next: NextFunction): void => {
  const e = err as BodyParserError
  const lang = contextOf(res)?.lang ?? 'ru'
  if (e?.type === 'entity.too.large') { sendProblem(res, problem('payload-too-large', `the body is larger than ${e.limit} bytes`, { limit: e.limit }), lang, req.originalUrl); return }
  if (e?.type === 'entity.too.deep') { sendProblem(res, problem('malformed-json', e.message ?? 'nested too deep'), lang, req.originalUrl); return }
  if (e?.type === 'entity.parse.failed') { sendProblem(res, problem('malformed-json', (e.message ?? '').slice(0, 200)), lang, req.originalUrl); return }
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') { sendProblem(res, problem('unsupported-media-type', e.message), lang, req.originalUrl); return }
  if (e?.type === 'request.aborted' || e?.type === 'request.size.invalid') { sendProblem(res, problem('malformed-json', e.message), lang, req.originalUrl); return }
  next(err)
}
