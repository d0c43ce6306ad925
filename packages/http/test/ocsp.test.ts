/**
 * OCSP as the service configures it: the environment (KEZEK_REVOCATION, KEZEK_OCSP_*) decoded by `loadConfig`,
 * turned into the verifier by `revocationOf` exactly as main.ts does, against the local test responder over a real
 * socket, and a submission over HTTP.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { openPgliteStore, type EventStore } from '@kezek/adapters'
import { startOcspResponder, type TestOcspResponder } from '@kezek/adapters/testing'
import { loadConfig } from '../src/config.js'
import { revocationOf, workerPoolVerifier, xmlDsigVerifier } from '../src/index.js'
import { call, signedRequest, startServer, testPki, tokens, type Running } from './harness.js'

const DAY = 24 * 3_600_000

const s = suite<{ store: EventStore; responder: TestOcspResponder }>('OCSP configured for the service')

s.before(async (ctx) => {
  const pki = await testPki()
  ctx.store = await openPgliteStore()
  // The citizen's certificate is good on the CRL; only the responder knows it was revoked.
  ctx.responder = await startOcspResponder({
    statuses: new Map([[pki.citizen.certificate.serialNumber, { status: 'revoked', at: new Date(Date.now() - DAY) }]]),
    now: () => new Date(Date.now() - 60_000),
    nonce: 'echo',
    signer: { key: pki.nca.keys.privateKey },
  })
})
s.after(async (ctx) => {
  await ctx.responder.close()
  await ctx.store.close()
})

const serviceWith = async (store: EventStore, env: Record<string, string>): Promise<Running> => {
  const pki = await testPki()
  const config = loadConfig(env, '/srv/kezek')
  if (E.isLeft(config)) throw new Error(config.left.join('; '))
  const revocation = revocationOf(config.right.revocation, () => new Date())
  return startServer(store, { verifier: xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }), revocation }) })
}

const submit = async (r: Running) =>
  call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })

s('KEZEK_REVOCATION=ocsp,crl: the responder’s revocation refuses the signature though the CRL lists nothing', async ({ store, responder }) => {
  const r = await serviceWith(store, { KEZEK_REVOCATION: 'ocsp,crl', KEZEK_OCSP_URL: responder.url, KEZEK_OCSP_TIMEOUT_MS: '3000' })
  try {
    const before = responder.requests()
    const answer = await submit(r)
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.status, 'rejected')
    assert.is(answer.body.rejection.code, 'signature_not_confirmed')
    assert.is(answer.body.rejection.reason.failure, 'certificate_revoked')
    assert.ok(responder.requests() > before, 'the responder was asked over HTTP')
    // The revocation is cached: the next document by the same certificate does not ask again.
    const asked = responder.requests()
    assert.is((await submit(r)).body.rejection.reason.failure, 'certificate_revoked')
    assert.is(responder.requests(), asked)
  } finally {
    await r.stop()
  }
})

s('default (crl): the responder is never asked, and the CRL finds the certificate good', async ({ store, responder }) => {
  const r = await serviceWith(store, {})
  try {
    const before = responder.requests()
    const answer = await submit(r)
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.status, 'registered')
    assert.is(responder.requests(), before)
  } finally {
    await r.stop()
  }
})

s('KEZEK_REVOCATION=ocsp,crl, the responder unreachable and no CRL speaking: a typed 503 problem naming both', async ({ store }) => {
  const pki = await testPki()
  const down = await startOcspResponder({ statuses: new Map(), now: () => new Date(), nonce: 'echo', signer: { key: pki.nca.keys.privateKey } })
  const url = down.url
  await down.close()
  const config = loadConfig({ KEZEK_REVOCATION: 'ocsp,crl', KEZEK_OCSP_URL: url, KEZEK_OCSP_TIMEOUT_MS: '2000' }, '/srv/kezek')
  if (E.isLeft(config)) throw new Error(config.left.join('; '))
  const revocation = revocationOf(config.right.revocation, () => new Date())
  // The issuing CA's CRL is missing (the root's is there): neither source can speak for the citizen's certificate.
  const rootCrlOnly = pki.crls.filter((c) => c.issuer === pki.root.certificate.subject)
  const r = await startServer(store, { verifier: xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: rootCrlOnly }), revocation }) })
  try {
    const answer = await submit(r)
    assert.is(answer.status, 503, answer.text)
    assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/)
    assert.match(answer.body.type, /signature-indeterminate/)
    assert.is(answer.body.code, 'revocation_unknown')
    assert.match(answer.body.detail, /unreachable.*; .*CRL/)
  } finally {
    await r.stop()
  }
})

s('verify workers (KEZEK_VERIFY_WORKERS) get the same OCSP settings and ask the responder themselves', async ({ responder }) => {
  const pki = await testPki()
  const config = loadConfig({ KEZEK_REVOCATION: 'ocsp,crl', KEZEK_OCSP_URL: responder.url }, '/srv/kezek')
  if (E.isLeft(config)) throw new Error(config.left.join('; '))
  const bytes = (x: { readonly rawData: ArrayBuffer }) => new Uint8Array(x.rawData)
  const source = { roots: pki.trust.roots.map(bytes), intermediates: pki.trust.intermediates.map(bytes), crls: pki.crls.map(bytes) }
  const pool = workerPoolVerifier(source, 1, config.right.revocation)
  try {
    const before = responder.requests()
    const answer = await pool.verifyRequest(await signedRequest((p) => p.citizen), new Date())
    assert.ok(answer.kind === 'read' && !answer.verdict.valid && answer.verdict.failure === 'certificate_revoked', JSON.stringify(answer))
    assert.ok(responder.requests() > before)
  } finally {
    await pool.close()
  }
})

s('the configuration is checked at start: sources, URL, switches', () => {
  const errors = (env: Record<string, string>): string => {
    const c = loadConfig(env, '/')
    return E.isLeft(c) ? c.left.join('\n') : ''
  }
  assert.match(errors({ KEZEK_REVOCATION: 'ocsp,crl' }), /KEZEK_OCSP_URL/)
  assert.match(errors({ KEZEK_REVOCATION: 'crl,crl' }), /KEZEK_REVOCATION/)
  assert.match(errors({ KEZEK_REVOCATION: 'ldap' }), /KEZEK_REVOCATION/)
  assert.match(errors({ KEZEK_REVOCATION: 'ocsp', KEZEK_OCSP_URL: 'http://ocsp.pki.gov.kz' }), /must include crl/)
  assert.match(errors({ KEZEK_OCSP_URL: 'http://ocsp.pki.gov.kz' }), /does not name ocsp/)
  assert.match(errors({ KEZEK_REVOCATION: 'crl,ocsp', KEZEK_OCSP_URL: 'http://ocsp.pki.gov.kz', KEZEK_OCSP_USE_AIA: 'yes' }), /KEZEK_OCSP_USE_AIA/)
  assert.match(errors({ KEZEK_REVOCATION: 'crl,ocsp', KEZEK_OCSP_URL: 'http://ocsp.pki.gov.kz', KEZEK_OCSP_TIMEOUT_MS: 'soon' }), /KEZEK_OCSP_TIMEOUT_MS/)
  const ok = loadConfig({ KEZEK_REVOCATION: 'ocsp,crl', KEZEK_OCSP_URL: 'http://ocsp.pki.gov.kz', KEZEK_OCSP_USE_AIA: 'on', KEZEK_OCSP_CACHE_SECONDS: '0' }, '/')
  assert.ok(E.isRight(ok))
  if (E.isLeft(ok)) return
  assert.equal(ok.right.revocation, {
    sources: ['ocsp', 'crl'],
    ocsp: { url: 'http://ocsp.pki.gov.kz', useAiaUrl: true, timeoutMs: 5000, cacheSeconds: 0 },
  })
  const none = loadConfig({}, '/')
  assert.ok(E.isRight(none) && none.right.revocation.ocsp === undefined && none.right.revocation.sources.join() === 'crl')
})

s.run()
