/** The server's environment is checked at start: each wrong value is named, and the defaults are sane. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { loadConfig } from '../src/config.js'

test('defaults: port 3000, PGlite under ./.data, the demo on, one Almaty provider', () => {
  const c = loadConfig({}, '/srv/kezek')
  assert.ok(E.isRight(c))
  if (E.isLeft(c)) return
  assert.is(c.right.port, 3000)
  assert.equal(c.right.store, { kind: 'pglite', dataDir: '/srv/kezek/.data/kezek' })
  assert.is(c.right.demo, 'auto')
  assert.equal(c.right.providers, [{ id: 'almaty-housing', edition: 'almaty-2012' }])
})

test('store URLs choose the back-end', () => {
  const pg = loadConfig({ KEZEK_STORE: 'postgres://u@db:5432/kezek', KEZEK_PG_SCHEMA: 'housing' }, '/')
  assert.ok(E.isRight(pg) && pg.right.store.kind === 'postgres' && pg.right.store.schema === 'housing')
  const esdb = loadConfig({ KEZEK_STORE: 'esdb://localhost:2113?tls=false' }, '/')
  assert.ok(E.isRight(esdb) && esdb.right.store.kind === 'eventstoredb')
})

test('every wrong value is reported by name, all at once', () => {
  const c = loadConfig({
    PORT: 'eighty', KEZEK_STORE: 'mysql://x', KEZEK_TOKEN_SECRET: 'short', KEZEK_PROVIDERS: 'almaty:almaty-1999',
    KEZEK_TRUST_ROOTS: '/etc/nca/root.pem', LOG_LEVEL: 'loud', KEZEK_VERIFY_WORKERS: 'many',
  }, '/')
  assert.ok(E.isLeft(c))
  if (E.isRight(c)) return
  const text = c.left.join('\n')
  for (const name of ['PORT', 'KEZEK_STORE', 'KEZEK_TOKEN_SECRET', 'KEZEK_PROVIDERS', 'KEZEK_RESULT_KEY', 'LOG_LEVEL', 'KEZEK_VERIFY_WORKERS'])
    assert.ok(text.includes(name), `${name} is named`)
})

test.run()
