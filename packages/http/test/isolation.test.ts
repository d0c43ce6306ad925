/**
 * Nothing is global: two apps with two stores in one process keep separate applications, read models, request
 * numbers and metrics.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openMemoryStore } from '@kezek/adapters'
import { call, signedRequest, startServer, tokens } from './harness.js'

test('two apps, two stores, one process: each sees only its own data', async () => {
  const [storeA, storeB] = [openMemoryStore(), openMemoryStore()]
  const [a, b] = await Promise.all([startServer(storeA), startServer(storeB)])
  try {
    const xml = await signedRequest((p) => p.citizen)
    const first = await call(a.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml })
    // Distinct signed documents: one signed document is one application (a replay returns the first).
    const second = await call(a.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
    const other = await call(b.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
    assert.equal([first.status, second.status, other.status], [201, 201, 201])
    assert.is(Number(second.body.requestNumber), Number(first.body.requestNumber) + 1)
    assert.is(other.body.requestNumber, first.body.requestNumber, 'each app numbers its own store')
    assert.is((await call(a.url, 'GET', '/v1/me/applications', { token: tokens.citizen })).body.items.length, 2)
    assert.is((await call(b.url, 'GET', '/v1/me/applications', { token: tokens.citizen })).body.items.length, 1)
    assert.is((await call(b.url, 'GET', `/v1/applications/${first.body.applicationId}`, { token: tokens.citizen })).status, 404)
    assert.is(a.app.readModels.stats().applications, 2)
    assert.is(b.app.readModels.stats().applications, 1)
    const posts = async (x: typeof a) => ((await x.app.metrics.snapshot())['requests'] as Record<string, number>)['method="POST",route="/v1/portal/applications",status="201"']
    assert.equal([await posts(a), await posts(b)], [2, 1], 'each app counts its own requests')
  } finally {
    await Promise.all([a.stop(), b.stop()])
    await Promise.all([storeA.close(), storeB.close()])
  }
})

test.run()
