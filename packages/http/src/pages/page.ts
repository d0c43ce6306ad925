/**
 * A page handler returns what to show (or where to go); one wrapper builds the context, sets the security headers
 * and writes the document, so no page forgets the CSP or the language.
 */
import type { NextFunction, Request, Response } from 'express'
import type { Authenticator } from '../auth/principal.js'
import { pageContext, type PageContext } from './context.js'
import { escapeHtml, html, type Html } from './html.js'
import { renderPage, type Crumb } from './layout.js'
import { csrfOk, readForm, setPageHeaders } from './security.js'
import { tr, type TextKey } from './texts.js'

export type PageOutcome =
  | { readonly kind: 'page'; readonly status?: number; readonly title: string; readonly crumbs?: readonly Crumb[]; readonly body: Html }
  | { readonly kind: 'redirect'; readonly to: string }
  /** Handled by the API route that follows (e.g. the result document download). */
  | { readonly kind: 'pass' }

export const show = (title: string, body: Html, crumbs?: readonly Crumb[], status?: number): PageOutcome =>
  ({ kind: 'page', title, body, ...(crumbs === undefined ? {} : { crumbs }), ...(status === undefined ? {} : { status }) })

export const failure = (c: PageContext, status: number, title: TextKey, message: string): PageOutcome =>
  show(tr(title, c.lang), html`<p class="error" role="alert">${message}</p>`, undefined, status)

export type PageFn = (req: Request, res: Response, c: PageContext) => Promise<PageOutcome>

export interface PageDeps {
  readonly auth: Authenticator
  readonly demo: boolean
}

export const page = (deps: PageDeps, fn: PageFn) => async (req: Request, res: Response, next: NextFunction): Promise<void> => {
  try {
    const c = await pageContext(req, res, deps.auth, deps.demo)
    const out = await fn(req, res, c)
    if (out.kind === 'pass') { next(); return }
    setPageHeaders(res, { personal: c.principal !== undefined })
    // Pages link with absolute paths; an app mounted under a path (`server.use('/housing', kezek)`) gets them prefixed.
    const base = req.baseUrl
    if (out.kind === 'redirect') { res.status(303).setHeader('Location', base + out.to); res.end(); return }
    res.status(out.status ?? 200).setHeader('Content-Type', 'text/html; charset=utf-8')
    const document = renderPage(c, { title: out.title, body: out.body, ...(out.crumbs === undefined ? {} : { crumbs: out.crumbs }) })
    res.send(base === '' ? document : document.replace(/ (href|action)="\//g, (_m, attr: string) => ` ${attr}="${escapeHtml(base)}/`))
  } catch (e) {
    next(e)
  }
}

/** A posted form, once its CSRF token checks out; otherwise the page that says why (400, 403). */
export const checkedForm = async (req: Request, c: PageContext): Promise<URLSearchParams | PageOutcome> => {
  const form = await readForm(req)
  if (form === undefined) return failure(c, 400, 'badRequest', tr('badRequest', c.lang))
  if (!csrfOk(req, form)) return failure(c, 403, 'forbidden', tr('csrfRefused', c.lang))
  return form
}
