/**
 * Hostile input stopped before any route sees it, each as a typed 4xx problem:
 *
 * - a path that is not valid percent-encoded UTF-8 (`%FF`, `%`, `%zz`, overlong `%C0%AF`, truncated `%E0%A4%A`) →
 *   400, also for anonymous callers, instead of the router's decoding exception;
 * - a NUL in the decoded path → 422 (no id holds one; the store would refuse it as an invalid value);
 * - a `Content-Encoding` other than identity, gzip or deflate → 415, whatever the route;
 * - JSON nested deeper than `MAX_JSON_DEPTH` → 400, found by a scan of the raw bytes before `JSON.parse`, so no
 *   later recursion (hashing, decoding) can exhaust the stack.
 */
import type { NextFunction, Request, Response } from 'express'
import { contextOf } from './context.js'
import { problem, sendProblem } from '../problem/problem.js'

export const MAX_JSON_DEPTH = 32

const ENCODINGS = new Set(['identity', 'gzip', 'deflate'])

export const hostileInput = (req: Request, res: Response, next: NextFunction): void => {
  const lang = contextOf(res).lang
  let path: string
  try {
    path = decodeURIComponent(req.path)
  } catch {
    sendProblem(res, problem('malformed-url', 'the path is not valid percent-encoded UTF-8'), lang)
    return
  }
  if (path.includes('\u0000')) {
    sendProblem(res, problem('validation-failed', 'the path holds a NUL character', { errors: ['path: NUL character'] }), lang)
    return
  }
  const encoding = req.get('content-encoding')
  if (encoding !== undefined) {
    const given = encoding.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0)
    const refused = given.find((e) => !ENCODINGS.has(e))
    if (refused !== undefined || given.length > 1) {
      sendProblem(res, problem('unsupported-media-type', `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not accepted: use identity, gzip or deflate`,
        { accepted: [...ENCODINGS] }), lang, req.originalUrl.slice(0, 200))
      return
    }
  }
  next()
}

const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, QUOTE = 0x22, BACKSLASH = 0x5c

/** Nesting depth of a JSON text, strings skipped; stops counting once past `limit`. Linear in the bytes. */
export const jsonDepthExceeds = (bytes: Uint8Array, limit: number): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (inString) {
      if (b === BACKSLASH) i++
      else if (b === QUOTE) inString = false
    } else if (b === QUOTE) inString = true
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) { depth++; if (depth > limit) return true }
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--
  }
  return false
}

/** body-parser's `verify` hook: refuses a too-deep document before it is parsed. */
export const verifyJsonDepth = (_req: unknown, _res: unknown, buf: Buffer): void => {
  if (jsonDepthExceeds(buf, MAX_JSON_DEPTH))
    throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: 'entity.too.deep' })
}
