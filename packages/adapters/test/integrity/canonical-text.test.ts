/**
 * The bulk path's one-pass validation and hashing (issue 19) must give exactly what the append path gives: the
 * same canonical text, the same first error, the same hash.
 */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { canonicalJson, canonicalStorableJson, toStorableJson } from '../../src/integrity/canonical.js'
import { chainHash, chainHashOfText, GENESIS_HASH } from '../../src/integrity/chain.js'
import type { Json } from '../../src/store/port.js'

const protoKey = JSON.parse('{"__proto__": {"x": 1}, "b": 2}') as unknown

const values: unknown[] = [
  null, true, false, 0, -1.5, 1e21, 'Әлия', '', [], {}, [1, 'a', null, [2, {}]],
  { b: 1, a: { d: [1, 2], c: 'x' }, 'ä': 0, A: undefined, '': 'empty key' },
  { z: { y: { x: [{ w: 'deep', v: 4.5 }] } } },
  protoKey,
  // The text of an escape, not the character: the fast path's scan takes it for NUL or a surrogate and falls back.
  'not NUL: \\u0000, not a surrogate: \\ud800', { '\\u0000': '\\udfff' },
]

test('canonicalStorableJson gives the canonical text of what toStorableJson stores', () => {
  for (const v of values) {
    const copy = toStorableJson(v)
    const text = canonicalStorableJson(v)
    assert.ok(E.isRight(copy) && E.isRight(text), JSON.stringify(v))
    if (E.isRight(copy) && E.isRight(text)) assert.is(text.right, canonicalJson(copy.right))
  }
})

test('canonicalStorableJson refuses what toStorableJson refuses, at the same first path and for the same reason', () => {
  const bad: unknown[] = [
    Number.NaN, Infinity, 'a\u0000b', '\uD800', { k: undefined, a: [1, undefined] }, { b: { c: new Date(0) } },
    { 'x\u0000': 1 }, () => 1, 10n, { second: 1, first: { bad: Infinity }, later: Number.NaN },
  ]
  for (const v of bad) {
    const copy = toStorableJson(v)
    const text = canonicalStorableJson(v)
    assert.ok(E.isLeft(copy) && E.isLeft(text), String(v))
    if (E.isLeft(copy) && E.isLeft(text)) assert.equal(text.left, copy.left)
  }
})

test('a string, as a value or a key, is written exactly as JSON.stringify writes it, whatever it holds', () => {
  const strings = [
    ...Array.from({ length: 0x80 }, (_, c) => `a${String.fromCharCode(c)}b`),
    '', 'plain', 'Әлия Сәрсенбайқызы', 'line\u2028sep\u2029', 'del\u007f', 'emoji 😀 pair', 'quote " and \\ backslash',
    '\u00a0nbsp', 'tab\there', 'pii1.k_1.iv.body-_',
  ]
  for (const s of strings) {
    if (s.includes('\u0000')) continue // refused: not storable
    assert.is(canonicalJson(s), JSON.stringify(s), JSON.stringify(s))
    assert.is(canonicalJson({ [s]: s }), `{${JSON.stringify(s)}:${JSON.stringify(s)}}`, JSON.stringify(s))
  }
})

test('chainHashOfText over canonical text is chainHash over the event', () => {
  const events = values.map((v, i) => ({ streamId: `stream-${i}`, revision: i, id: `id-${i}`, type: 'T"ype', data: v as Json, metadata: { at: i } as Json }))
  let previous = GENESIS_HASH
  for (const e of events) {
    const stored = toStorableJson(e.data)
    if (E.isLeft(stored)) throw new Error('fixture')
    const expected = chainHash(previous, { ...e, data: stored.right })
    const text = canonicalStorableJson(e.data)
    const meta = canonicalStorableJson(e.metadata)
    if (E.isLeft(text) || E.isLeft(meta)) throw new Error('fixture')
    assert.is(chainHashOfText(previous, e, text.right, meta.right), expected)
    previous = expected
  }
})

test('object keys come out in UTF-16 code unit order for any key set, short or long', () => {
  // Keys whose code-unit and code-point orders differ (an astral letter against U+FF5E), digits that an integer-like
  // key would put first, and sizes on both sides of the in-place sort's bound.
  const pool = ['b', 'a', 'aa', 'A', '', 'ä', '\uD835\uDC00', '\uFF5E', 'z0', 'z10', 'z9', 'key', 'Key', 'ключ', 'кілт', '_', '~']
  let seed = 7
  const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n }
  for (const size of [0, 1, 2, 5, 17, 32, 33, 60]) {
    for (let round = 0; round < 20; round++) {
      const keys = Array.from({ length: size }, (_, i) => `${pool[next(pool.length)]}${next(3) === 0 ? '' : i}`)
      const value: Record<string, number> = {}
      for (const k of keys) value[k] = 1
      const expected = `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:1`).join(',')}}`
      const text = canonicalStorableJson(value)
      assert.ok(E.isRight(text))
      if (E.isRight(text)) assert.is(text.right, expected, `keys ${JSON.stringify(keys)}`)
      assert.is(canonicalJson(value), expected)
    }
  }
})

test.run()
