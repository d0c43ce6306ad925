/**
 * Who is looking and in which language. The language comes from `?lang=` (the visible switch, remembered in a
 * cookie), else that cookie, else `Accept-Language`. The principal comes from the session cookie, which holds the
 * same bearer credential the API takes and is checked by the same authenticator — so the pages know exactly the
 * identities the API knows, whatever the authenticator is.
 */
import type { Request, Response } from 'express'
import { Languages, type Language } from '@kezek/domain'
import type { Authenticator, Principal } from '../auth/principal.js'
import { negotiateLanguage } from '../problem/language.js'
import { clearCookie, csrfToken, LANG_COOKIE, readCookies, SESSION_COOKIE, setCookie } from './security.js'

export interface PageContext {
  readonly lang: Language
  readonly principal: Principal | undefined
  /** The request's path and query within the app (without the path the app is mounted at), for the language switch. */
  readonly url: URL
  /** The CSRF token for forms on this page (sets the cookie the first time). */
  readonly csrf: () => string
  readonly demo: boolean
}

const isLanguage = (x: unknown): x is Language => typeof x === 'string' && (Languages as readonly string[]).includes(x)

export const languageOf = (req: Request, res: Response): Language => {
  const asked = req.query['lang']
  if (isLanguage(asked)) {
    setCookie(req, res, LANG_COOKIE, asked, { sameSite: 'Lax', maxAgeSeconds: 365 * 24 * 3600 })
    return asked
  }
  const remembered = readCookies(req).get(LANG_COOKIE)
  return isLanguage(remembered) ? remembered : negotiateLanguage(req.get('accept-language'))
}

export const principalOf = async (req: Request, res: Response, auth: Authenticator): Promise<Principal | undefined> => {
  const token = readCookies(req).get(SESSION_COOKIE)
  if (token === undefined || token.length === 0 || token.length > 4096) return undefined
  const outcome = await auth.authenticate(`Bearer ${token}`)
  if (outcome === undefined || 'refused' in outcome) {
    // An expired or revoked credential: forget it, and show the page as to anyone signed out.
    clearCookie(req, res, SESSION_COOKIE)
    return undefined
  }
  return outcome
}

export const pageContext = async (req: Request, res: Response, auth: Authenticator, demo: boolean): Promise<PageContext> => {
  const lang = languageOf(req, res)
  const principal = await principalOf(req, res, auth)
  let csrf: string | undefined
  return {
    lang,
    principal,
    url: new URL(req.url, 'http://page.invalid'),
    csrf: () => (csrf ??= csrfToken(req, res)),
    demo,
  }
}
