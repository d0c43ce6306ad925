/**
 * The reference authenticator: bearer tokens `base64url(claims).base64url(HMAC-SHA256(secret, claims))`.
 * Deliberately small (node:crypto only): the akimat's SSO sits in front in production and replaces it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { IIN, ProviderId } from '@kezek/domain'
import type { Authenticator, Principal } from './principal.js'

const Subject = t.refinement(t.string, (s) => s.length > 0 && s.length <= 100, 'Subject')

export const TokenClaims = t.intersection([
  t.union([
    t.type({ role: t.literal('citizen'), sub: Subject, iin: IIN }),
    t.type({ role: t.keyof({ provider_officer: null, service_centre_operator: null }), sub: Subject, providerId: ProviderId }),
    t.type({ role: t.keyof({ auditor: null, administrator: null, data_protection_officer: null }), sub: Subject }),
  ]),
  /** Expiry, seconds since the epoch. */
  t.type({ exp: t.number }),
])
export type TokenClaims = t.TypeOf<typeof TokenClaims>

const mac = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest()

export const issueToken = (secret: string, claims: TokenClaims): string => {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${payload}.${mac(secret, payload).toString('base64url')}`
}

const toPrincipal = (c: TokenClaims): Principal => {
  switch (c.role) {
    case 'citizen': return { role: 'citizen', subject: c.sub, iin: c.iin }
    case 'provider_officer':
    case 'service_centre_operator': return { role: c.role, subject: c.sub, providerId: c.providerId }
    case 'auditor':
    case 'administrator':
    case 'data_protection_officer': return { role: c.role, subject: c.sub }
  }
}

export const verifyToken = (secret: string, token: string, nowMs: number): E.Either<string, Principal> => {
  const [payload, signature, ...rest] = token.split('.')
  if (payload === undefined || signature === undefined || rest.length > 0) return E.left('token is not payload.signature')
  const given = Buffer.from(signature, 'base64url')
  const expected = mac(secret, payload)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return E.left('token signature does not match')
  let json: unknown
  try { json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) } catch { return E.left('token claims are not JSON') }
  const claims = TokenClaims.decode(json)
  if (E.isLeft(claims)) return E.left('token claims are malformed')
  if (claims.right.exp * 1000 <= nowMs) return E.left('token expired')
  return E.right(toPrincipal(claims.right))
}

export const hmacAuthenticator = (secret: string, now: () => Date): Authenticator => {
  if (secret.length < 16) throw new Error('the token secret must be at least 16 characters')
  return {
    authenticate: async (authorization) => {
      if (authorization === undefined) return undefined
      const m = /^Bearer\s+([A-Za-z0-9_\-.]{1,4096})$/.exec(authorization.trim())
      if (m === null || m[1] === undefined) return { refused: 'expected "Authorization: Bearer <token>"' }
      const v = verifyToken(secret, m[1], now().getTime())
      return E.isLeft(v) ? { refused: v.left } : v.right
    },
  }
}
