import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  canonicalJson,
  chainBatch,
  chainHash,
  chainPreimage,
  GENESIS_HASH,
  toStorableJson,
  verifyStream,
  type ChainBreak,
} from '../../src/integrity/index.js'
import type { Json, RecordedEvent } from '../../src/store/port.js'

test('canonical JSON matches the RFC 8785 example', () => {
  const parsed = JSON.parse(
    '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
      '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
  ) as Json
  assert.is(
    canonicalJson(parsed),
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  )
})

test('canonical JSON ignores key order, sorts by UTF-16 code units and keeps array order', () => {
  assert.is(canonicalJson({ b: 1, a: [3, 1, { z: null, y: 'ы' }] }), canonicalJson({ a: [3, 1, { y: 'ы', z: null }], b: 1 }))
  // U+1F600 (surrogates D83D DE00) sorts before U+FB33 by code units, after it by code points.
  assert.is(canonicalJson({ '\uFB33': 1, '😀': 2 }), '{"😀":2,"\uFB33":1}')
  assert.not.equal(canonicalJson([1, 2]), canonicalJson([2, 1]))
})

test('toStorableJson copies, drops undefined properties and names the first bad path', () => {
  const src = { a: { b: [1, 2] }, gone: undefined }
  const copy = toStorableJson(src)
  assert.ok(E.isRight(copy))
  if (E.isRight(copy)) {
    assert.equal(copy.right, { a: { b: [1, 2] } })
    src.a.b.push(3)
    assert.equal(copy.right, { a: { b: [1, 2] } }, 'a later change to the caller\'s object does not leak in')
  }
  const bad = toStorableJson({ a: [1, { c: Infinity }] })
  assert.equal(E.isLeft(bad) ? bad.left.path : undefined, '$.a[1].c')
  const proto = toStorableJson(JSON.parse('{"__proto__":{"x":1}}'))
  assert.ok(E.isRight(proto) && Object.keys(proto.right as object).includes('__proto__'))
})

test('the chain hash is SHA-256 of the documented preimage, and covers no position', () => {
  const content = { streamId: 's', revision: 0, id: 'e1', type: 'T', data: { b: 2, a: 1 }, metadata: {} }
  assert.is(
    chainPreimage(GENESIS_HASH, content),
    `["kezek.event.v1","${GENESIS_HASH}","s",0,"e1","T",{"a":1,"b":2},{}]`,
  )
  assert.is(
    chainHash(GENESIS_HASH, content),
    createHash('sha256').update(chainPreimage(GENESIS_HASH, content)).digest('hex'),
  )
  assert.is(chainHash(GENESIS_HASH, content), chainHash(GENESIS_HASH, { ...content, data: { a: 1, b: 2 } }))
  assert.is.not(chainHash(GENESIS_HASH, content), chainHash(GENESIS_HASH, { ...content, revision: 1 }))
})

const stream = (n: number, streamId = 's'): RecordedEvent[] =>
  chainBatch(
    GENESIS_HASH,
    Array.from({ length: n }, (_, i) => ({ streamId, revision: i, id: `${streamId}-${i}`, type: 'T', data: { i }, metadata: {} })),
  ).map((e, i) => ({ ...e, position: String(i + 1), recordedAt: '2026-01-01T00:00:00.000Z' }))

const brk = (r: E.Either<ChainBreak, unknown>): ChainBreak => {
  if (E.isRight(r)) throw new Error('expected a break')
  return r.left
}

test('an intact stream verifies and reports its head', () => {
  const s = stream(4)
  const ok = verifyStream(s)
  assert.ok(E.isRight(ok))
  if (E.isRight(ok)) assert.equal(ok.right.heads.get('s'), { revision: 3, hash: s[3]?.hash })
})

test('ciphertext is hashed like any data: destroying the key later does not break the chain', () => {
  const s = chainBatch(GENESIS_HASH, [
    { streamId: 'p', revision: 0, id: 'x', type: 'T', data: { iin: { enc: 'v1', kid: 'subject-1', ct: 'q83v...' } }, metadata: {} },
  ]).map((e) => ({ ...e, position: '1', recordedAt: '' }))
  assert.ok(E.isRight(verifyStream(s)))
})

test('each kind of break is named at the right event', () => {
  const s = stream(5)
  const at = (i: number): RecordedEvent => s[i] as RecordedEvent
  assert.equal(brk(verifyStream(s.map((e, i) => (i === 2 ? { ...e, data: { i: 9 } } : e)))).revision, 2)
  assert.is(brk(verifyStream(s.map((e, i) => (i === 2 ? { ...e, hash: 'f'.repeat(64) } : e)))).kind, 'altered')
  const removed = brk(verifyStream([at(0), at(1), at(3), at(4)]))
  assert.equal([removed.kind, removed.revision, removed.eventId], ['removed', 2, 's-3'])
  const first = brk(verifyStream([at(1), at(2)]))
  assert.equal([first.kind, first.revision], ['removed', 0])
  const dup = brk(verifyStream([at(0), at(1), at(1)]))
  assert.equal([dup.kind, dup.revision], ['reordered', 1])
  const swapped = brk(verifyStream([at(0), { ...at(3), revision: 1 }, at(2), { ...at(1), revision: 3 }]))
  assert.equal([swapped.kind, swapped.revision, swapped.eventId], ['reordered', 1, 's-3'])
  // Revision 1 replaced by a self-consistent forgery (hash recomputed): noticed where the next event links to it.
  const forged = chainBatch(at(0).hash, [{ ...at(1), data: { i: 'forged' } }])[0] as RecordedEvent
  const link = brk(verifyStream([at(0), forged, at(2)]))
  assert.equal([link.kind, link.revision], ['broken_link', 2])
})

test('anchors catch a cut tail and a wholesale rewrite', () => {
  const s = stream(5)
  const anchors = new Map([['s', { revision: 4, hash: (s[4] as RecordedEvent).hash }]])
  assert.ok(E.isRight(verifyStream(s, { anchors })))
  const cut = brk(verifyStream(s.slice(0, 3), { anchors }))
  assert.equal([cut.kind, cut.revision, cut.eventId], ['truncated', 3, undefined])
  const rewritten = chainBatch(GENESIS_HASH, s.map((e) => ({ ...e, data: { i: 'x' } }))).map((e) => ({ ...e }))
  const whole = brk(verifyStream(rewritten, { anchors }))
  assert.equal([whole.kind, whole.revision], ['rewritten', 4])
})

test('streams interleaved in global order are checked each on its own', () => {
  const a = stream(3, 'a')
  const b = stream(3, 'b')
  const mixed = [a[0], b[0], b[1], a[1], a[2], b[2]] as RecordedEvent[]
  const ok = verifyStream(mixed)
  assert.ok(E.isRight(ok) && ok.right.streams === 2 && ok.right.events === 6)
})

test.run()
