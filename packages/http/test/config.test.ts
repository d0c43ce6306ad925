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
  assert.equal(c.right.store, { kind: 'pglite', dataDir: '/srv/kezek/.data/kezek', checkpoints: { maxWalBytes: 64 * 1024 * 1024, timeoutMs: 300_000 } })
  assert.is(c.right.demo, 'auto')
  assert.equal(c.right.providers, [{ id: 'almaty-housing', edition: 'almaty-2012' }])
})

test('store URLs choose the back-end', () => {
  const pg = loadConfig({ KEZEK_STORE: 'postgres://u@db:5432/kezek', KEZEK_PG_SCHEMA: 'housing' }, '/')
  assert.ok(E.isRight(pg) && pg.right.store.kind === 'postgres' && pg.right.store.schema === 'housing')
  const esdb = loadConfig({ KEZEK_STORE: 'esdb://localhost:2113?tls=false' }, '/')
  assert.ok(E.isRight(esdb) && esdb.right.store.kind === 'eventstoredb')
})

test("PGlite's checkpoints: WAL in MiB and a timeout in seconds, for a PGlite store only", () => {
  const c = loadConfig({ KEZEK_PGLITE_CHECKPOINT_WAL_MB: '16', KEZEK_PGLITE_CHECKPOINT_SECONDS: '60' }, '/')
  assert.ok(E.isRight(c) && c.right.store.kind === 'pglite')
  if (E.isLeft(c) || c.right.store.kind !== 'pglite') return
  assert.equal(c.right.store.checkpoints, { maxWalBytes: 16 * 1024 * 1024, timeoutMs: 60_000 })
  for (const [name, value] of [['KEZEK_PGLITE_CHECKPOINT_WAL_MB', '0'], ['KEZEK_PGLITE_CHECKPOINT_WAL_MB', '1.5'], ['KEZEK_PGLITE_CHECKPOINT_SECONDS', '-1'], ['KEZEK_PGLITE_CHECKPOINT_SECONDS', 'soon']] as const) {
    const bad = loadConfig({ [name]: value }, '/')
    assert.ok(E.isLeft(bad) && bad.left.some((e) => e.includes(name)), `${name}=${value} is refused by name`)
  }
  const pg = loadConfig({ KEZEK_STORE: 'postgres://u@db/kezek', KEZEK_PGLITE_CHECKPOINT_SECONDS: '60' }, '/')
  assert.ok(E.isLeft(pg) && pg.left.some((e) => e.includes('KEZEK_PGLITE_CHECKPOINT_SECONDS')), 'a PGlite setting beside a PostgreSQL store is a mistake, named')
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

test('outside demo mode a missing trust configuration is a start-up error naming the variable, never the demo PKI', () => {
  const off = loadConfig({ KEZEK_DEMO: 'off' }, '/')
  assert.ok(E.isLeft(off))
  if (E.isRight(off)) return
  const text = off.left.join('\n')
  for (const name of ['KEZEK_TRUST_ROOTS', 'KEZEK_JWKS_URL', 'KEZEK_TOKEN_SECRET', 'KEZEK_LOG_MASK_KEY']) assert.ok(text.includes(name), `${name} is named`)
})

test('a token secret of its own turns the demo off: it then needs trust roots and a log mask key', () => {
  const own = loadConfig({ KEZEK_TOKEN_SECRET: 's'.repeat(32) }, '/')
  assert.ok(E.isLeft(own) && own.left.some((e) => e.includes('KEZEK_TRUST_ROOTS')))
  const full = loadConfig({
    KEZEK_TOKEN_SECRET: 's'.repeat(32), KEZEK_TRUST_ROOTS: '/etc/nca/root.pem', KEZEK_RESULT_KEY: '/k.pem', KEZEK_RESULT_CERT: '/c.pem',
    KEZEK_LOG_MASK_KEY: 'm'.repeat(32),
  }, '/')
  assert.ok(E.isRight(full) && full.right.demo === 'off' && full.right.logMaskKey === 'm'.repeat(32))
  const jwks = loadConfig({ KEZEK_JWKS_URL: 'https://idp.akimat.kz/.well-known/jwks.json', KEZEK_TRUST_ROOTS: '/r.pem', KEZEK_RESULT_KEY: '/k.pem', KEZEK_RESULT_CERT: '/c.pem', KEZEK_LOG_MASK_KEY: 'm'.repeat(32) }, '/')
  assert.ok(E.isRight(jwks) && jwks.right.jwksUrl !== undefined && jwks.right.demo === 'off')
})

test.run()
