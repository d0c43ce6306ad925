/**
 * The OCSP answer cache (ocsp/cached-ocsp.ts) over the HTTP adapter and the local responder, with a clock the test
 * moves: reused within max age and nextUpdate, never beyond nextUpdate, revoked answers kept too, failures never.
 */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cachedOcsp, httpOcsp, verifyRequest } from '../../src/signature/index.js'
import { sampleRequestXml, signAs, startOcspResponder, type TestOcspResponder } from '../../src/signature/testing/index.js'
import { AT, expectRefusal, expectVerified, optionsFor, testPki } from './fixtures.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

const withCache = async (
  run: (r: {
    readonly responder: TestOcspResponder
    readonly pki: Awaited<ReturnType<typeof testPki>>
    readonly cache: ReturnType<typeof cachedOcsp>
    readonly clock: { now: Date }
  }) => Promise<void>,
): Promise<void> => {
  const pki = await testPki()
  const responder = await startOcspResponder({
    statuses: new Map([
      [pki.citizen.certificate.serialNumber, { status: 'good' }],
      [pki.revoked.certificate.serialNumber, { status: 'revoked', at: new Date(AT.getTime() - 24 * HOUR) }],
    ]),
    now: () => new Date(AT.getTime() - MINUTE),
    nextUpdate: new Date(AT.getTime() + 2 * HOUR),
    nonce: 'echo',
    signer: { key: pki.nca.keys.privateKey },
  })
  const clock = { now: AT }
  const cache = cachedOcsp(httpOcsp({ url: responder.url }), { maxAgeMs: 10 * MINUTE, now: () => clock.now })
  try {
    await run({ responder, pki, cache, clock })
  } finally {
    await responder.close()
  }
}

const later = (clock: { now: Date }, ms: number): void => {
  clock.now = new Date(clock.now.getTime() + ms)
}

test('a good answer is reused within max age, asked again after it', () =>
  withCache(async ({ responder, pki, cache, clock }) => {
    const ask = () => cache.status(pki.citizen.certificate, pki.nca.certificate, clock.now)
    assert.is(E.isRight(await ask()) && responder.requests(), 1)
    later(clock, 9 * MINUTE)
    const again = await ask()
    assert.ok(E.isRight(again) && again.right.status === 'good')
    assert.is(responder.requests(), 1, 'from the cache')
    later(clock, 2 * MINUTE)
    assert.ok(E.isRight(await ask()))
    assert.is(responder.requests(), 2, 'older than max age: asked again')
  }))

test('never beyond nextUpdate, even within max age; nor for an instant the answer cannot speak for', () =>
  withCache(async ({ responder, pki, cache, clock }) => {
    responder.behaviour.nextUpdate = new Date(AT.getTime() + 5 * MINUTE)
    const ask = (at = clock.now) => cache.status(pki.citizen.certificate, pki.nca.certificate, at)
    await ask()
    later(clock, 4 * MINUTE)
    await ask()
    assert.is(responder.requests(), 1)
    later(clock, 2 * MINUTE) // past nextUpdate, within max age
    responder.behaviour.nextUpdate = new Date(AT.getTime() + 2 * HOUR)
    await ask()
    assert.is(responder.requests(), 2, 'the answer had expired')
    await ask(new Date(AT.getTime() - 2 * HOUR)) // before thisUpdate − skew: the cached answer cannot speak for it
    assert.is(responder.requests(), 3)
  }))

test('a revocation is cached too, and refuses the signature without asking again', () =>
  withCache(async ({ responder, pki, cache }) => {
    const options = optionsFor(pki, { ocsp: cache, crls: [], revocation: 'signer', revocationSources: ['ocsp'] })
    const xml = await signAs(pki.revoked, sampleRequestXml())
    expectRefusal(await verifyRequest(xml, options), 'certificate_revoked', 'not_confirmed')
    expectRefusal(await verifyRequest(xml, options), 'certificate_revoked', 'not_confirmed')
    assert.is(responder.requests(), 1)
    expectVerified(await verifyRequest(await signAs(pki.citizen, sampleRequestXml()), options))
    assert.is(responder.requests(), 2, 'another certificate, another entry')
    assert.is(cache.size(), 2)
  }))

test('without nextUpdate a good answer is not kept, a revocation is (for max age)', () =>
  withCache(async ({ responder, pki, cache, clock }) => {
    responder.behaviour.nextUpdate = null
    const good = () => cache.status(pki.citizen.certificate, pki.nca.certificate, clock.now)
    const revoked = () => cache.status(pki.revoked.certificate, pki.nca.certificate, clock.now)
    await good()
    await good()
    assert.is(responder.requests(), 2)
    await revoked()
    const again = await revoked()
    assert.ok(E.isRight(again) && again.right.status === 'revoked')
    assert.is(responder.requests(), 3)
    later(clock, 11 * MINUTE)
    await revoked()
    assert.is(responder.requests(), 4)
  }))

test('a failed answer (no nonce) is not cached: the next request asks again', () =>
  withCache(async ({ responder, pki, cache, clock }) => {
    responder.behaviour.nonce = 'omit'
    const ask = () => cache.status(pki.citizen.certificate, pki.nca.certificate, clock.now)
    assert.ok(E.isLeft(await ask()))
    responder.behaviour.nonce = 'echo'
    assert.ok(E.isRight(await ask()))
    assert.is(responder.requests(), 2)
    assert.is(cache.size(), 1)
  }))

test.run()
