/**
 * Accepted certificate policies as the service configures them (KEZEK_INDIVIDUAL_POLICIES, KEZEK_STAFF_POLICIES):
 * decoded at start, passed to the verifier, a key without an accepted policy refused over HTTP as its own failure.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { openPgliteStore, type EventStore } from '@kezek/adapters'
import { loadConfig } from '../src/config.js'
import { xmlDsigVerifier } from '../src/index.js'
import { call, signedRequest, startServer, testPki, tokens } from './harness.js'

const s = suite<{ store: EventStore }>('accepted certificate policies')

s.before(async (ctx) => {
  ctx.store = await openPgliteStore()
})
s.after(async (ctx) => {
  await ctx.store.close()
})

s('KEZEK_INDIVIDUAL_POLICIES set: a citizen key without that policy is refused, policy_not_accepted', async ({ store }) => {
  const pki = await testPki()
  const config = loadConfig({ KEZEK_INDIVIDUAL_POLICIES: '1.2.398.3.3.2.3' }, '/')
  if (E.isLeft(config)) throw new Error(config.left.join('; '))
  assert.equal(config.right.signerPolicy, { individualPolicies: ['1.2.398.3.3.2.3'] })
  const r = await startServer(store, { verifier: xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }), signerPolicy: config.right.signerPolicy }) })
  try {
    const answer = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
    assert.is(answer.status, 201, answer.text)
    assert.is(answer.body.status, 'rejected')
    assert.is(answer.body.rejection.reason.failure, 'policy_not_accepted')
  } finally {
    await r.stop()
  }
})

s('unset: not checked; malformed: a start-up error naming the variable', () => {
  const none = loadConfig({}, '/')
  assert.ok(E.isRight(none) && Object.keys(none.right.signerPolicy).length === 0)
  const bad = loadConfig({ KEZEK_STAFF_POLICIES: '1.2.398.3.3.2.1, policy-x' }, '/')
  assert.ok(E.isLeft(bad) && bad.left.some((l) => l.includes('KEZEK_STAFF_POLICIES')))
})

s.run()
