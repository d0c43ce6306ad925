/**
 * Bearer tokens are JWTs (RFC 7519), verified with `jose`:
 *
 * - HS256 with a shared secret for the demo and for deployments without an identity provider; secrets are chosen by
 *   the token's `kid`, so a new secret can be added before the old one is retired (rotation);
 * - RS256 / ES256 with the identity provider's JWKS URL (`KEZEK_JWKS_URL`), so an akimat's SSO issues the tokens and
 *   rotates its keys by `kid` without this service being touched.
 *
 * Claims: `sub` (subject), `role` (citizen, provider_officer, service_centre_operator, auditor, administrator, data_protection_officer),
 * `provider` (staff: the provider they act for), `iin` (citizens), `exp` (required), optional `nbf`, `iat`, `iss`,
 * `aud` (checked when configured). Clock skew up to `clockToleranceSeconds` (default 60) is tolerated.
 */
import { createHash, createHmac, webcrypto } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose'
import { IIN, ProviderId } from '@kezek/domain'
import type { Authenticator, Principal } from './principal.js'

const Subject = t.refinement(t.string, (s) => s.length > 0 && s.length <= 100, 'Subject')
const Staff = t.keyof({ provider_officer: null, service_centre_operator: null })
const Overseer = t.keyof({ auditor: null, administrator: null, data_protection_officer: null })

/** The claims of a verified token, as they are written in it. */
export const JwtClaims = t.intersection([
  t.union([
    t.type({ role: t.literal('citizen'), sub: Subject, iin: IIN }),
    t.type({ role: Staff, sub: Subject, provider: ProviderId }),
    t.type({ role: Overseer, sub: Subject }),
  ]),
  t.type({ exp: t.number }),
], 'JwtClaims')
export type JwtClaims = t.TypeOf<typeof JwtClaims>

/** What a token is issued for (the demo, tests): the principal's binding and the expiry, seconds since the epoch. */
export type TokenClaims =
  | { readonly role: 'citizen'; readonly sub: string; readonly iin: IIN; readonly exp: number }
  | { readonly role: 'provider_officer' | 'service_centre_operator'; readonly sub: string; readonly providerId: ProviderId; readonly exp: number }
  | { readonly role: 'auditor' | 'administrator' | 'data_protection_officer'; readonly sub: string; readonly exp: number }

/** The kid of the secret demo and test tokens are signed with. */
export const DEFAULT_KID = 'kezek-1'

const claimsOf = (c: TokenClaims): Record<string, unknown> =>
  c.role === 'citizen' ? { sub: c.sub, role: c.role, iin: c.iin, exp: c.exp }
    : c.role === 'provider_officer' || c.role === 'service_centre_operator' ? { sub: c.sub, role: c.role, provider: c.providerId, exp: c.exp }
      : { sub: c.sub, role: c.role, exp: c.exp }

const b64 = (x: unknown): string => Buffer.from(JSON.stringify(x)).toString('base64url')

/**
 * An HS256 JWT (the demo's printed tokens, tests). Standard compact serialisation, so `jose` or any JWT library
 * verifies it; synchronous, so fixtures can be built at module load.
 */
export const issueToken = (secret: string, claims: TokenClaims, kid = DEFAULT_KID): string => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64({ ...claimsOf(claims), iat: Math.floor(Date.now() / 1000) })}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}

const toPrincipal = (c: JwtClaims): Principal => {
  switch (c.role) {
    case 'citizen': return { role: 'citizen', subject: c.sub, iin: c.iin }
    case 'provider_officer':
    case 'service_centre_operator': return { role: c.role, subject: c.sub, providerId: c.provider }
    case 'auditor':
    case 'administrator':
    case 'data_protection_officer': return { role: c.role, subject: c.sub }
  }
}

export interface JwtAuthOptions {
  /** HS256 secrets by `kid` (each at least 16 characters); a token without `kid` is accepted only with one secret. */
  readonly secrets?: Readonly<Record<string, string>>
  /** The identity provider's JWKS (RS256 / ES256). */
  readonly jwksUrl?: string
  readonly issuer?: string
  readonly audience?: string
  readonly clockToleranceSeconds?: number
  readonly now: () => Date
}

// Imported once per secret: given raw bytes, jose imports an HMAC key at every verification (its import and key
// object showed in the service thread's profile of every request, issue 19).
const hmacKey = (secret: string): Promise<webcrypto.CryptoKey> =>
  webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])

const hsKeys = (secrets: Readonly<Record<string, string>>): JWTVerifyGetKey => {
  const keys = new Map(Object.entries(secrets).map(([kid, s]) => {
    const key = hmacKey(s)
    key.catch(() => undefined) // surfaces at the first verification that needs it
    return [kid, key] as const
  }))
  return (header) => {
    const key = header.kid === undefined ? (keys.size === 1 ? [...keys.values()][0] : undefined) : keys.get(header.kid)
    if (key === undefined) throw new Error('unknown kid')
    return key
  }
}

const reason = (e: unknown): string => {
  const code = (e as { code?: string } | undefined)?.code
  if (code === 'ERR_JWT_EXPIRED') return 'token expired'
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return 'token claims are not acceptable (nbf, iss, aud or a required claim)'
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'token signature does not match'
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') return 'token algorithm is not accepted'
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'no key of the identity provider matches the token'
  if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JOSE_GENERIC') return 'the identity provider’s keys could not be fetched'
  return 'token is not a valid JWT'
}

/** Verifies a compact JWT; the principal it names, or why it was refused. */
export const verifyJwt = (o: JwtAuthOptions) => {
  if (o.jwksUrl === undefined && (o.secrets === undefined || Object.keys(o.secrets).length === 0))
    throw new Error('a JWT authenticator needs HS256 secrets or a JWKS URL')
  for (const s of Object.values(o.secrets ?? {})) if (s.length < 16) throw new Error('a token secret must be at least 16 characters')
  const key: JWTVerifyGetKey = o.jwksUrl !== undefined ? createRemoteJWKSet(new URL(o.jwksUrl)) : hsKeys(o.secrets ?? {})
  const algorithms = o.jwksUrl !== undefined ? ['RS256', 'ES256'] : ['HS256']
  const tolerance = o.clockToleranceSeconds ?? 60
  const verified = verifiedTokens()
  return async (token: string): Promise<E.Either<string, Principal>> => {
    const now = o.now()
    const known = verified.get(token, now.getTime())
    if (known !== undefined) return E.right(known)
    let payload: { readonly exp?: unknown; readonly nbf?: unknown }
    try {
      payload = (await jwtVerify(token, key, {
        algorithms,
        currentDate: now,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'sub'],
        ...(o.issuer === undefined ? {} : { issuer: o.issuer }),
        ...(o.audience === undefined ? {} : { audience: o.audience }),
      })).payload
    } catch (e) {
      return E.left(reason(e))
    }
    const claims = JwtClaims.decode(payload)
    if (E.isLeft(claims)) return E.left('token claims are malformed (sub, role, provider or iin)')
    const principal = toPrincipal(claims.right)
    const from = typeof payload.nbf === 'number' ? (payload.nbf - tolerance) * 1000 : -Infinity
    verified.set(token, principal, now.getTime(), from, (claims.right.exp + tolerance) * 1000)
    return E.right(principal)
  }
}

/** How long a verified token is answered from memory before it is verified again (a key the identity provider withdrew stops working within it). */
export const VERIFIED_TOKEN_TTL_MS = 60_000
const VERIFIED_TOKENS_KEPT = 10_000

/**
 * Tokens verified lately, by the SHA-256 of the token (no token text is kept, and a lookup's timing says nothing
 * about a stored token): a client sends the same token with every request, and verifying it (jose, WebCrypto)
 * showed as 0.3–0.4 ms of a signed submission's service-thread time (--cpu-prof, issue 19). Each entry is
 * answered only within its token's own validity (nbf, exp, with the clock tolerance) and for at most
 * `VERIFIED_TOKEN_TTL_MS`. Only successes are kept, so a refused token is verified (and refused) every time.
 */
const verifiedTokens = () => {
  const entries = new Map<string, { readonly principal: Principal; readonly until: number; readonly from: number }>()
  const digest = (token: string): string => createHash('sha256').update(token).digest('base64url')
  return {
    get: (token: string, at: number): Principal | undefined => {
      const id = digest(token)
      const e = entries.get(id)
      if (e === undefined) return undefined
      if (at >= e.until || at < e.from) { entries.delete(id); return undefined }
      return e.principal
    },
    set: (token: string, principal: Principal, at: number, from: number, expires: number): void => {
      if (entries.size >= VERIFIED_TOKENS_KEPT) entries.delete(entries.keys().next().value as string)
      entries.set(digest(token), { principal, from, until: Math.min(expires, at + VERIFIED_TOKEN_TTL_MS) })
    },
  }
}

export const jwtAuthenticator = (o: JwtAuthOptions): Authenticator => {
  const verify = verifyJwt(o)
  return {
    authenticate: async (authorization) => {
      if (authorization === undefined) return undefined
      const m = /^Bearer\s+([A-Za-z0-9_\-.]{1,4096})$/.exec(authorization.trim())
      if (m === null || m[1] === undefined) return { refused: 'expected "Authorization: Bearer <token>"' }
      const v = await verify(m[1])
      return E.isLeft(v) ? { refused: v.left } : v.right
    },
  }
}

/** HS256 JWTs under one secret (kid `kezek-1`): the demo's and the tests' authenticator. */
export const hmacAuthenticator = (secret: string, now: () => Date): Authenticator =>
  jwtAuthenticator({ secrets: { [DEFAULT_KID]: secret }, now })
