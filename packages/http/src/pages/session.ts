/**
 * Signing in to the pages with the API's own identities: the sign-in form takes the bearer credential the akimat's
 * sign-in system issues, the authenticator checks it, and it is kept in an HttpOnly, SameSite=Lax cookie (Secure
 * over TLS). In demo mode only, a page lists the demo users to pick from. Every form carries the CSRF token.
 */
import { Router, type Request, type Response } from 'express'
import type { Language } from '@kezek/domain'
import type { Authenticator } from '../auth/principal.js'
import type { PageContext } from './context.js'
import { html } from './html.js'
import { checkedForm as checked, failure, page, show, type PageDeps, type PageOutcome } from './page.js'
import { clearCookie, SESSION_COOKIE, setCookie } from './security.js'
import { tr } from './texts.js'

/** A user the demo offers: a label per language and the credential the demo issued for them. */
export interface DemoUser {
  readonly key: string
  readonly label: Readonly<Record<Language, string>>
  readonly token: string
}

const SESSION_SECONDS = 8 * 3600

const landingOf = (role: string): string => (role === 'citizen' ? '/me' : '/staff')

const signInForm = (c: PageContext, error?: string) => html`
${error === undefined ? '' : html`<p class="error" role="alert">${tr('signInRefused', c.lang)}: ${error}</p>`}
<p>${tr('signInIntro', c.lang)}</p>
<form method="post" action="/sign-in">
  <input type="hidden" name="csrf" value="${c.csrf()}">
  <label for="token">${tr('token', c.lang)}</label>
  <input id="token" name="token" type="password" autocomplete="off" required maxlength="4096" size="40">
  <p><button type="submit">${tr('signIn', c.lang)}</button></p>
</form>
${c.demo ? html`<p><a href="/demo">${tr('demoUsers', c.lang)}</a></p>` : ''}`

export const sessionPages = (deps: PageDeps & { readonly auth: Authenticator; readonly demoUsers: () => readonly DemoUser[] }): Router => {
  const r = Router()

  const accept = async (req: Request, res: Response, c: PageContext, token: string): Promise<PageOutcome> => {
    const outcome = token.length === 0 || token.length > 4096 ? { refused: 'empty' } : await deps.auth.authenticate(`Bearer ${token}`)
    if (outcome === undefined || 'refused' in outcome)
      return show(tr('signIn', c.lang), signInForm(c, outcome === undefined ? 'empty' : outcome.refused), undefined, 401)
    setCookie(req, res, SESSION_COOKIE, token, { sameSite: 'Lax', maxAgeSeconds: SESSION_SECONDS })
    return { kind: 'redirect', to: landingOf(outcome.role) }
  }

  r.get('/sign-in', page(deps, async (_req, _res, c) => show(tr('signIn', c.lang), signInForm(c))))

  r.post('/sign-in', page(deps, async (req, res, c) => {
    const form = await checked(req, c)
    if (!(form instanceof URLSearchParams)) return form
    return accept(req, res, c, (form.get('token') ?? '').trim())
  }))

  r.post('/sign-out', page(deps, async (req, res, c) => {
    const form = await checked(req, c)
    if (!(form instanceof URLSearchParams)) return form
    clearCookie(req, res, SESSION_COOKIE)
    return { kind: 'redirect', to: '/' }
  }))

  if (deps.demo) {
    r.get('/demo', page(deps, async (_req, _res, c) => show(tr('demoUsers', c.lang), html`
<p>${tr('demoIntro', c.lang)}</p>
<ul class="cards">${deps.demoUsers().map((u) => html`<li><form method="post" action="/demo">
  <input type="hidden" name="csrf" value="${c.csrf()}"><input type="hidden" name="user" value="${u.key}">
  <button type="submit">${u.label[c.lang]}</button></form></li>`)}</ul>`)))

    r.post('/demo', page(deps, async (req, res, c) => {
      const form = await checked(req, c)
      if (!(form instanceof URLSearchParams)) return form
      const user = deps.demoUsers().find((u) => u.key === form.get('user'))
      if (user === undefined) return failure(c, 400, 'badRequest', tr('badRequest', c.lang))
      return accept(req, res, c, user.token)
    }))
  }
  return r
}
