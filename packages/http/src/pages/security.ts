/**
 * What keeps the pages safe without scripts: a strict Content-Security-Policy (no script at all, styles only from
 * our own stylesheet), cookies that scripts cannot read and other sites cannot send, and a CSRF token on every form.
 *
 * CSRF: double submit — a random token in an HttpOnly, SameSite=Strict cookie and in a hidden field; a POST is
 * accepted only when both are present and equal, and when its Origin (if sent) is this host.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Request, Response } from 'express'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

export const setPageHeaders = (res: Response, options: { readonly personal: boolean }): void => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'same-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  // A signed-in page is nobody else's: never in a shared cache, never restored from history after sign-out.
  res.setHeader('Cache-Control', options.personal ? 'no-store' : 'no-cache')
  res.setHeader('Vary', 'Cookie, Accept-Language')
}

export const SESSION_COOKIE = 'kezek_session'
export const CSRF_COOKIE = 'kezek_csrf'
export const LANG_COOKIE = 'kezek_lang'

export const readCookies = (req: Request): ReadonlyMap<string, string> => {
  const out = new Map<string, string>()
  const header = req.get('cookie')
  if (header === undefined || header.length > 8192) return out
  for (const part of header.split(';')) {
    const at = part.indexOf('=')
    if (at <= 0) continue
    const name = part.slice(0, at).trim()
    const value = part.slice(at + 1).trim()
    try { out.set(name, decodeURIComponent(value)) } catch { /* a malformed cookie is ignored, as if absent */ }
  }
  return out
}

export interface CookieOptions {
  readonly maxAgeSeconds?: number
  readonly sameSite: 'Strict' | 'Lax'
  readonly httpOnly?: boolean
}

/** Secure whenever the request came over TLS (directly, or through a proxy express is told to trust). */
export const setCookie = (req: Request, res: Response, name: string, value: string, o: CookieOptions): void => {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `SameSite=${o.sameSite}`]
  if (o.httpOnly ?? true) parts.push('HttpOnly')
  if (req.secure) parts.push('Secure')
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${o.maxAgeSeconds}`)
  res.append('Set-Cookie', parts.join('; '))
}

export const clearCookie = (req: Request, res: Response, name: string): void =>
  setCookie(req, res, name, '', { sameSite: 'Lax', maxAgeSeconds: 0 })

const CSRF_SHAPE = /^[A-Za-z0-9_-]{43}$/

/** The form token for this browser, set as a cookie when it has none yet. */
export const csrfToken = (req: Request, res: Response): string => {
  const existing = readCookies(req).get(CSRF_COOKIE)
  if (existing !== undefined && CSRF_SHAPE.test(existing)) return existing
  const fresh = randomBytes(32).toString('base64url')
  setCookie(req, res, CSRF_COOKIE, fresh, { sameSite: 'Strict' })
  return fresh
}

export const csrfOk = (req: Request, form: URLSearchParams): boolean => {
  const origin = req.get('origin')
  if (origin !== undefined && origin !== 'null') {
    let host: string
    try { host = new URL(origin).host } catch { return false }
    if (host !== req.get('host')) return false
  } else if (origin === 'null') return false
  const cookie = readCookies(req).get(CSRF_COOKIE)
  const field = form.get('csrf')
  if (cookie === undefined || field === null || !CSRF_SHAPE.test(cookie) || !CSRF_SHAPE.test(field)) return false
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field))
}

/** Reads an `application/x-www-form-urlencoded` body of at most `limit` bytes; anything else is undefined. */
export const readForm = async (req: Request, limit = 8192): Promise<URLSearchParams | undefined> => {
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded') return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) return undefined
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}
