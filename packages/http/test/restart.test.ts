/**
 * A server on a durable PGlite directory is stopped and started again: statuses, ETags, positions and the public
 * list come back the same, and request numbers keep counting up.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openPgliteStore } from '@kezek/adapters'
import { call, PROVIDER, signedRequest, startServer, tokens, serviceToday } from './harness.js'

test('restart on the same data directory keeps everything', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kezek-http-restart-'))
  try {
    let store = await openPgliteStore({ dataDir: dir })
    let r = await startServer(store)
    const a = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
    const id = a.body.applicationId as string
    await call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true } })
    await call(r.url, 'POST', `/v1/applications/${id}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: serviceToday() } })
    const before = await call(r.url, 'GET', `/v1/applications/${id}`, { token: tokens.citizen })
    const listBefore = await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable`)
    const positionBefore = await call(r.url, 'GET', `/v1/applications/${id}/position`, { token: tokens.citizen })
    await r.stop()
    await store.close()

    store = await openPgliteStore({ dataDir: dir })
    r = await startServer(store)
    try {
      const ready = await call(r.url, 'GET', '/ready')
      assert.is(ready.status, 200)
      const after = await call(r.url, 'GET', `/v1/applications/${id}`, { token: tokens.citizen })
      assert.is(after.status, 200)
      assert.is(after.headers.get('etag'), before.headers.get('etag'))
      assert.equal(after.body, before.body)
      assert.equal((await call(r.url, 'GET', `/v1/providers/${PROVIDER}/lists/socially_vulnerable`)).body, listBefore.body)
      assert.equal((await call(r.url, 'GET', `/v1/applications/${id}/position`, { token: tokens.citizen })).body, positionBefore.body)
      const next = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
      assert.ok(Number(next.body.requestNumber) > Number(before.body.requestNumber), 'request numbers continue after a restart')
      const history = await call(r.url, 'GET', `/v1/applications/${id}/history`, { token: tokens.auditor })
      assert.is(history.body.chain.verified, true)
    } finally {
      await r.stop()
      await store.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test.run()
