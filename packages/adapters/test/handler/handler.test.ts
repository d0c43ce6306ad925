import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { openMemoryStore } from '../../src/store/index.js'
import { applicationStream, createCommandHandler, emptyApplication, type CommandContext } from '../../src/handler/index.js'

const APPLICANT = '871008401427'
let n = 0
const ids = () => `id-${++n}`
const clock = () => new Date('2026-03-01T05:00:00.000Z')
const context: CommandContext = { actor: { id: APPLICANT, role: 'citizen', channel: 'portal' }, correlationId: 'corr-1' }

const setup = () => {
  const store = openMemoryStore()
  const handler = createCommandHandler({ store, clock, newId: ids, ruleVersion: () => 'housing-queue/almaty-2012@1' })
  return { store, handler }
}

const at = '2026-03-01T04:59:00.000Z'
const authorize = (app: string, commandId = `${app}.authorize`) => ({
  type: 'authorize', commandId, applicationId: app, at, serviceId: 'housing-queue', providerId: 'almaty-housing',
  channel: 'portal', applicantIin: APPLICANT, outcome: 'granted',
})
const sign = (app: string, valid = true) => ({
  type: 'sign', commandId: `${app}.sign`, applicationId: app, at,
  request: { category: 'orphans', familySize: 2, documents: [] },
  signature: valid
    ? { valid: true, signer: { iin: APPLICANT, commonName: 'T', certificateSerial: '01', issuer: 'CN=NCA' }, algorithm: 'rsa-sha256', documentDigest: 'ab', signedAt: at }
    : { valid: false, failure: 'certificate_expired', detail: 'expired' },
})
const register = (app: string) => ({ type: 'register', commandId: `${app}.register`, applicationId: app, at, requestNumber: '0000000007' })

test('a batch is decided in order and appended atomically with full envelopes', async () => {
  const { store, handler } = setup()
  const r = await handler.handle('a1', [authorize('a1'), sign('a1'), register('a1')], context)
  assert.ok(E.isRight(r))
  if (E.isLeft(r)) return
  assert.equal(r.right.events.map((e) => e.type), ['authorized', 'checked', 'signed', 'registered'])
  assert.is(r.right.revision, 3)
  assert.is(r.right.duplicate, false)
  assert.equal(r.right.history.map((h) => h.revision), [0, 1, 2, 3])
  const read = await store.readStream(applicationStream('a1'))
  assert.ok(E.isRight(read))
  if (E.isLeft(read)) return
  const meta = read.right[3]!.metadata as Record<string, unknown>
  assert.is(meta['occurredAt'], at)
  assert.is(meta['recordedAt'], '2026-03-01T05:00:00.000Z')
  assert.is(meta['causationId'], 'a1.register')
  assert.is(meta['correlationId'], 'corr-1')
  assert.is(meta['ruleVersion'], 'housing-queue/almaty-2012@1')
  assert.is(meta['schemaVersion'], 1)
  assert.equal(meta['actor'], context.actor)
})

test('a retry with the same command ids writes nothing and answers the same state', async () => {
  const { store, handler } = setup()
  await handler.handle('a2', [authorize('a2')], context)
  const again = await handler.handle('a2', [authorize('a2')], context)
  assert.ok(E.isRight(again) && again.right.duplicate && again.right.events.length === 0 && again.right.revision === 0)
  const read = await store.readStream(applicationStream('a2'))
  assert.ok(E.isRight(read) && read.right.length === 1)
})

test('a refusal stops the batch: the commands after it are not decided', async () => {
  const { handler } = setup()
  let registerBuilt = false
  const r = await handler.handle('a3', [authorize('a3'), sign('a3', false), () => { registerBuilt = true; return register('a3') }], context)
  assert.ok(E.isRight(r))
  if (E.isLeft(r)) return
  assert.equal(r.right.events.map((e) => e.type), ['authorized', 'rejected'])
  assert.is(registerBuilt, false, 'a lazily built command after a refusal is never built')
})

test('a stale expected revision is refused before deciding, and nothing is written', async () => {
  const { store, handler } = setup()
  await handler.handle('a4', [authorize('a4')], context)
  const r = await handler.handle('a4', [sign('a4')], { ...context, expectedRevision: 'no_stream' })
  assert.ok(E.isLeft(r) && r.left.kind === 'stale_revision' && r.left.actual === 0)
  const read = await store.readStream(applicationStream('a4'))
  assert.ok(E.isRight(read) && read.right.length === 1)
})

test('two writers pinned to the same revision: one wins, the other is stale', async () => {
  const { handler } = setup()
  await handler.handle('a5', [authorize('a5')], context)
  const [x, y] = await Promise.all([
    handler.handle('a5', [sign('a5')], { ...context, expectedRevision: 0 }),
    handler.handle('a5', [{ ...sign('a5', false), commandId: 'other.sign' }], { ...context, expectedRevision: 0 }),
  ])
  const kinds = [x, y].map((r) => (E.isRight(r) ? 'ok' : r.left.kind)).sort()
  assert.equal(kinds, ['ok', 'stale_revision'])
})

test('invalid input and domain refusals are typed errors', async () => {
  const { handler } = setup()
  const bad = await handler.handle('a6', [{ type: 'authorize', applicationId: 'a6' }], context)
  assert.ok(E.isLeft(bad) && bad.left.kind === 'invalid_command' && bad.left.index === 0)
  const refused = await handler.handle('a6', [register('a6')], context)
  assert.ok(E.isLeft(refused) && refused.left.kind === 'domain_refused' && refused.left.error.code === 'not_allowed')
  const unknown = await handler.handle('a6', [{ type: 'launch_rocket' }], context)
  assert.ok(E.isLeft(unknown) && unknown.left.kind === 'invalid_command' && unknown.left.error.kind === 'unknown_command_type')
})

test('a store that fails is a typed, retryable error', async () => {
  const { store, handler } = setup()
  await store.close()
  const r = await handler.handle('a7', [authorize('a7')], context)
  assert.ok(E.isLeft(r) && r.left.kind === 'store_unavailable')
})

test('a history that does not decode is corrupt, not an exception', async () => {
  const { store, handler } = setup()
  await store.append(applicationStream('a8'), [{ id: 'e1', type: 'authorized', data: { type: 'authorized', nonsense: true }, metadata: {} }], { expected: 'no_stream' })
  const r = await handler.handle('a8', [sign('a8')], context)
  assert.ok(E.isLeft(r) && r.left.kind === 'corrupt_history' && r.left.revision === 0)
})


test('a caller that has just read the application saves the handler its read; the append still guards it', async () => {
  const { store, handler } = setup()
  let reads = 0
  const counted = { ...store, readStream: (...a: Parameters<typeof store.readStream>) => { reads += 1; return store.readStream(...a) } }
  const h = createCommandHandler({ store: counted, clock, newId: ids, ruleVersion: () => 'housing-queue/almaty-2012@1' })
  const fresh = await h.handle('k1', [authorize('k1'), sign('k1'), register('k1')], { ...context, known: emptyApplication('k1') })
  assert.ok(E.isRight(fresh) && fresh.right.revision === 3, JSON.stringify(fresh))
  assert.is(reads, 0, 'decided on what the caller read')
  if (E.isRight(fresh)) assert.equal(fresh.right.appended.map((e) => e.type), ['authorized', 'checked', 'signed', 'registered'])

  // What the caller read is out of date (the stream exists after all): the append fails, the handler reads the
  // stream and decides again on it — here authorizing an application already filed, which the domain refuses.
  const stale = await h.handle('k1', [authorize('k1', 'k1.authorize-again')], { ...context, known: emptyApplication('k1') })
  assert.ok(E.isLeft(stale) && stale.left.kind === 'domain_refused', JSON.stringify(stale))
  assert.is(reads, 1)
  const read = await store.readStream(applicationStream('k1'))
  assert.ok(E.isRight(read) && read.right.length === 4, 'nothing was written twice')

  // A pinned revision (If-Match) is checked against the stream itself, never against what the caller read.
  const pinned = await h.handle('k1', [sign('k1')], { ...context, expectedRevision: 'no_stream', known: emptyApplication('k1') })
  assert.ok(E.isLeft(pinned) && pinned.left.kind === 'stale_revision', JSON.stringify(pinned))
  assert.is(reads, 2)
  // Another application's read is never used.
  const other = await h.handle('k2', [authorize('k2')], { ...context, known: emptyApplication('k1') })
  assert.ok(E.isRight(other) && other.right.revision === 0)
  assert.is(reads, 3)
})

test.run()
