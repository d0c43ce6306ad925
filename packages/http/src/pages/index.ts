/**
 * The pages people look at, served by the reference service next to its JSON API: the public waiting lists and
 * their movement, the citizen's own applications and status screen, and the staff's applications and audit
 * timelines. Server-rendered HTML in ru/kk/en, no script, one stylesheet.
 */
import { Router } from 'express'
import type { Authenticator } from '../auth/principal.js'
import type { Services } from '../http/services.js'
import { citizenPages } from './citizen.js'
import { movementSource } from './movement.js'
import { publicPages } from './public.js'
import { sessionPages, type DemoUser } from './session.js'
import { staffPages } from './staff.js'
import { STYLESHEET, STYLESHEET_EXTRA } from './style.js'

export type { DemoUser } from './session.js'
export { demoUsers, longWaitingHolder, type DemoCredentials } from './demo-users.js'

export interface PagesOptions {
  readonly auth: Authenticator
  /** Demo mode only: the users /demo offers, read at each request (the demo makes them after it loads). Unset in production: no /demo. */
  readonly demoUsers?: () => readonly DemoUser[]
}

const CSS = STYLESHEET + STYLESHEET_EXTRA

export const pageRoutes = (s: Services, o: PagesOptions): Router => {
  const demoUsers = o.demoUsers ?? (() => [])
  const deps = { auth: o.auth, demo: o.demoUsers !== undefined }
  const movement = movementSource(s.read, s.clock)
  const r = Router()
  r.get('/assets/kezek.css', (_req, res) => {
    res.setHeader('Content-Type', 'text/css; charset=utf-8')
    res.setHeader('Cache-Control', 'public, max-age=3600')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.send(CSS)
  })
  r.use(publicPages(s, deps, movement))
  r.use(sessionPages({ ...deps, demoUsers }))
  r.use(citizenPages(s, deps, movement))
  r.use(staffPages(s, deps))
  return r
}
