/**
 * Tokens are standard JWTs verified by `jose`: HS256 secrets chosen by `kid` (rotation), RS256 and ES256 keys from an
 * identity provider's JWKS served over a real socket (rotation by `kid`), expiry with clock skew, `nbf`, `iss`/`aud`,
 * and the documented claims (sub, role, provider, iin) mapped to the role model. `alg: none` and unknown keys are refused.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { DEFAULT_KID, issueToken, jwtAuthenticator, type TokenClaims } from '../src/index.js'

const NOW = new Date('2026-06-01T10:00:00Z')
const sec = (d: Date) => Math.floor(d.getTime() / 1000)
const CITIZEN_IIN = '871008401427'
const secret = 'a-demo-secret-of-32-characters!!'

const principalOf = async (auth: ReturnType<typeof jwtAuthenticator>, token: string) => auth.authenticate(`Bearer ${token}`)

test('HS256: claims map to the role model; kid chooses the secret, so secrets rotate', async () => {
  const auth = jwtAuthenticator({ secrets: { old: secret, new: 'b'.repeat(32) }, now: () => NOW })
  const citizen = issueToken(secret, { role: 'citizen', sub: 'c1', iin: CITIZEN_IIN, exp: sec(NOW) + 60 } as TokenClaims, 'old')
  assert.equal(await principalOf(auth, citizen), { role: 'citizen', subject: 'c1', iin: CITIZEN_IIN })
  const officer = issueToken('b'.repeat(32), { role: 'provider_officer', sub: 'o1', providerId: 'almaty-housing', exp: sec(NOW) + 60 } as TokenClaims, 'new')
  assert.equal(await principalOf(auth, officer), { role: 'provider_officer', subject: 'o1', providerId: 'almaty-housing' })
  const payload = JSON.parse(Buffer.from(officer.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
  assert.is(payload['provider'], 'almaty-housing', 'the documented claim is `provider`')
  // Signed with the old secret but naming the new kid, or an unknown kid: refused.
  const wrongKid = issueToken(secret, { role: 'auditor', sub: 'a', exp: sec(NOW) + 60 } as TokenClaims, 'new')
  assert.ok('refused' in (await principalOf(auth, wrongKid) as object))
  assert.ok('refused' in (await principalOf(auth, issueToken(secret, { role: 'auditor', sub: 'a', exp: sec(NOW) + 60 } as TokenClaims, 'retired')) as object))
})

test('expiry with clock skew, nbf, alg none, malformed claims', async () => {
  const auth = jwtAuthenticator({ secrets: { [DEFAULT_KID]: secret }, now: () => NOW, clockToleranceSeconds: 30 })
  const at = (exp: number) => issueToken(secret, { role: 'auditor', sub: 'a', exp } as TokenClaims)
  assert.equal(await principalOf(auth, at(sec(NOW) - 20)), { role: 'auditor', subject: 'a' }, 'within the skew')
  assert.equal(await principalOf(auth, at(sec(NOW) - 40)), { refused: 'token expired' })
  const key = new TextEncoder().encode(secret)
  const future = await new SignJWT({ role: 'auditor' }).setProtectedHeader({ alg: 'HS256', kid: DEFAULT_KID }).setSubject('a')
    .setExpirationTime(sec(NOW) + 3600).setNotBefore(sec(NOW) + 600).sign(key)
  assert.ok('refused' in (await principalOf(auth, future) as object), 'not yet valid')
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'a', role: 'administrator', exp: sec(NOW) + 60 })).toString('base64url')}.`
  assert.ok('refused' in (await principalOf(auth, none) as object), 'alg none')
  const noIin = await new SignJWT({ role: 'citizen' }).setProtectedHeader({ alg: 'HS256', kid: DEFAULT_KID }).setSubject('c').setExpirationTime(sec(NOW) + 60).sign(key)
  assert.equal(await principalOf(auth, noIin), { refused: 'token claims are malformed (sub, role, provider or iin)' })
  const noExp = await new SignJWT({ role: 'auditor' }).setProtectedHeader({ alg: 'HS256', kid: DEFAULT_KID }).setSubject('a').sign(key)
  assert.ok('refused' in (await principalOf(auth, noExp) as object), 'exp is required')
})

test('a token answered from memory keeps its expiry, and a refused one is never kept', async () => {
  let now = NOW
  const auth = jwtAuthenticator({ secrets: { [DEFAULT_KID]: secret }, now: () => now, clockToleranceSeconds: 30 })
  const token = issueToken(secret, { role: 'citizen', sub: 'c1', iin: CITIZEN_IIN, exp: sec(NOW) + 60 } as TokenClaims)
  assert.equal(await principalOf(auth, token), { role: 'citizen', subject: 'c1', iin: CITIZEN_IIN })
  assert.equal(await principalOf(auth, token), { role: 'citizen', subject: 'c1', iin: CITIZEN_IIN }, 'again, from memory')
  now = new Date(NOW.getTime() + 89_000)
  assert.equal(await principalOf(auth, token), { role: 'citizen', subject: 'c1', iin: CITIZEN_IIN }, 'within exp and the skew')
  now = new Date(NOW.getTime() + 91_000)
  assert.equal(await principalOf(auth, token), { refused: 'token expired' }, 'past exp and the skew, though verified before')
  // The same claims under a forged signature: refused every time, whatever was verified before.
  const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`
  now = NOW
  assert.equal(await principalOf(auth, forged), { refused: 'token signature does not match' })
  assert.equal(await principalOf(auth, forged), { refused: 'token signature does not match' })
})

test('RS256 and ES256 from a JWKS URL, rotation by kid, issuer and audience checked', async () => {
  const rsa = await generateKeyPair('RS256')
  const ec = await generateKeyPair('ES256')
  const other = await generateKeyPair('RS256')
  const keys = [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-2026', alg: 'RS256', use: 'sig' }]
  const server: Server = createServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ keys })) })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
    const auth = jwtAuthenticator({ jwksUrl, issuer: 'https://idp.akimat.kz', audience: 'kezek', now: () => NOW })
    const sign = (key: CryptoKey, alg: string, kid: string, claims: Record<string, unknown>, iss = 'https://idp.akimat.kz') =>
      new SignJWT(claims).setProtectedHeader({ alg, kid }).setSubject('o-7').setIssuer(iss).setAudience('kezek')
        .setIssuedAt(sec(NOW)).setExpirationTime(sec(NOW) + 300).sign(key)
    const officer = await sign(rsa.privateKey, 'RS256', 'rsa-2026', { role: 'service_centre_operator', provider: 'almaty-housing' })
    assert.equal(await principalOf(auth, officer), { role: 'service_centre_operator', subject: 'o-7', providerId: 'almaty-housing' })
    assert.ok('refused' in (await principalOf(auth, await sign(rsa.privateKey, 'RS256', 'rsa-2026', { role: 'auditor' }, 'https://evil.example')) as object), 'issuer')
    assert.ok('refused' in (await principalOf(auth, await sign(other.privateKey, 'RS256', 'rsa-2026', { role: 'auditor' })) as object), 'a key not in the JWKS')
    // The identity provider rotates: a new ES256 key appears in its JWKS under a new kid.
    keys.push({ ...(await exportJWK(ec.publicKey)), kid: 'ec-2027', alg: 'ES256', use: 'sig' })
    const later = jwtAuthenticator({ jwksUrl, issuer: 'https://idp.akimat.kz', audience: 'kezek', now: () => NOW })
    const citizen = await sign(ec.privateKey, 'ES256', 'ec-2027', { role: 'citizen', iin: CITIZEN_IIN })
    assert.equal(await principalOf(later, citizen), { role: 'citizen', subject: 'o-7', iin: CITIZEN_IIN })
    // An HS256 token signed with the public key's bytes is not accepted where the JWKS is configured.
    assert.ok('refused' in (await principalOf(auth, issueToken(secret, { role: 'auditor', sub: 'a', exp: sec(NOW) + 60 } as TokenClaims)) as object))
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

test.run()
