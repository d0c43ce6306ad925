import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { checkInvariants, RankedSet } from '../src/queue/ranked-set.js'

/** mulberry32: a tiny seeded PRNG, so every run replays the same operations. */
const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const byNumber = (a: number, b: number): number => a - b

/** The reference model: a plain sorted array. */
const lowerBound = (xs: readonly number[], x: number): number => {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((xs[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

const assertSound = <K>(set: RankedSet<K>, label: string): void => {
  const problems = checkInvariants(set)
  assert.equal(problems, [], `${label}: ${problems.slice(0, 5).join('; ')}`)
}

/** Compares every query of the set with the model; `universe` bounds the keys so absent keys are probed too. */
const assertMatchesModel = (set: RankedSet<number>, model: readonly number[], universe: number, label: string): void => {
  assertSound(set, label)
  assert.is(set.size, model.length, `${label}: size`)
  assert.equal([...set], model, `${label}: iteration`)
  for (let i = 0; i < model.length; i++) {
    if (set.at(i) !== model[i]) assert.unreachable(`${label}: at(${i}) = ${set.at(i)}, model ${model[i]}`)
  }
  for (let k = -1; k <= universe; k++) {
    const expected = lowerBound(model, k)
    if (set.rank(k) !== expected) assert.unreachable(`${label}: rank(${k}) = ${set.rank(k)}, model ${expected}`)
    const present = model[expected] === k
    if (set.has(k) !== present) assert.unreachable(`${label}: has(${k}) = ${set.has(k)}`)
  }
  for (const [offset, limit] of [[0, 50], [Math.floor(model.length / 2), 7], [Math.max(0, model.length - 3), 50], [model.length, 5], [3, 0]] as const) {
    assert.equal(set.slice(offset, limit), model.slice(offset, offset + limit), `${label}: slice(${offset}, ${limit})`)
  }
}

/**
 * Random inserts and removes against the model, checked in full after every batch. Phases grow the set, churn it
 * at a steady size, then drain it, so splits, merges, redistribution and root collapse all happen.
 */
const randomWalk = (seed: number, capacity: number, universe: number, ops: number, batch: number): void => {
  const random = mulberry32(seed)
  const set = new RankedSet<number>(byNumber, { capacity })
  const model: number[] = []
  const label = `seed ${seed}, capacity ${capacity}`
  for (let op = 0; op < ops; op++) {
    const phase = op / ops
    const insertBias = phase < 0.4 ? 0.8 : phase < 0.7 ? 0.5 : 0.15
    const key = Math.floor(random() * universe)
    const i = lowerBound(model, key)
    const present = model[i] === key
    if (random() < insertBias) {
      if (set.insert(key) !== !present) assert.unreachable(`${label} op ${op}: insert(${key}) disagrees with model`)
      if (!present) model.splice(i, 0, key)
    } else {
      if (set.remove(key) !== present) assert.unreachable(`${label} op ${op}: remove(${key}) disagrees with model`)
      if (present) model.splice(i, 1)
    }
    if ((op + 1) % batch === 0) assertMatchesModel(set, model, universe, `${label} op ${op}`)
  }
  for (const key of [...model]) assert.ok(set.remove(key), `${label}: drain ${key}`)
  assertMatchesModel(set, [], universe, `${label} drained`)
}

test('random inserts and removes match a sorted array (capacity 4: deep trees)', () => {
  randomWalk(1, 4, 3_000, 30_000, 1_000)
})

test('random inserts and removes match a sorted array (capacity 5: odd fill bounds)', () => {
  randomWalk(2, 5, 2_000, 20_000, 1_000)
})

test('random inserts and removes match a sorted array (default capacity)', () => {
  randomWalk(3, 64, 20_000, 40_000, 5_000)
})

test('ascending appends and descending removals (the waiting list’s common shape) keep the tree sound', () => {
  const set = new RankedSet<number>(byNumber, { capacity: 4 })
  for (let k = 0; k < 2_000; k++) assert.ok(set.insert(k))
  assertMatchesModel(set, Array.from({ length: 2_000 }, (_, i) => i), 2_000, 'appended')
  for (let k = 0; k < 1_990; k++) assert.ok(set.remove(k))
  assertMatchesModel(set, Array.from({ length: 10 }, (_, i) => 1_990 + i), 2_000, 'front removed')
})

test('fromSorted gives the same content and answers as incremental inserts', () => {
  for (const [n, capacity] of [[0, 4], [1, 4], [4, 4], [5, 4], [17, 4], [1_000, 4], [1_001, 5], [64, 64], [65, 64], [10_000, 64]] as const) {
    const random = mulberry32(n + capacity)
    const keys = [...new Set(Array.from({ length: n * 3 }, () => Math.floor(random() * n * 10)))].slice(0, n).sort(byNumber)
    const built = RankedSet.fromSorted(keys, byNumber, { capacity })
    const incremental = new RankedSet<number>(byNumber, { capacity })
    for (const k of keys) incremental.insert(k)
    const label = `fromSorted n=${keys.length} capacity=${capacity}`
    assertMatchesModel(built, keys, n * 10, label)
    assert.equal([...built], [...incremental], label)
    for (let i = 0; i < keys.length; i += 7) assert.is(built.rank(keys[i] as number), incremental.rank(keys[i] as number))
  }
})

test('a set built by fromSorted stays sound under later changes', () => {
  const keys = Array.from({ length: 5_000 }, (_, i) => i * 2)
  const set = RankedSet.fromSorted(keys, byNumber, { capacity: 4 })
  const model = [...keys]
  const random = mulberry32(9)
  for (let op = 0; op < 5_000; op++) {
    const key = Math.floor(random() * 10_000)
    const i = lowerBound(model, key)
    if (model[i] === key) {
      assert.ok(set.remove(key))
      model.splice(i, 1)
    } else {
      assert.ok(set.insert(key))
      model.splice(i, 0, key)
    }
  }
  assertMatchesModel(set, model, 10_000, 'after churn')
})

test('fromSorted rejects unsorted or duplicated input, naming the index', () => {
  assert.throws(() => RankedSet.fromSorted([1, 3, 2], byNumber), /index 2/)
  assert.throws(() => RankedSet.fromSorted([1, 1], byNumber), /index 1/)
  assert.equal(RankedSet.tryFromSorted([1, 2, 2, 3], byNumber), {
    _tag: 'Left',
    left: { _tag: 'KeysNotStrictlyAscending', index: 2 },
  })
  const ok = RankedSet.tryFromSorted([1, 2, 3], byNumber)
  assert.is(ok._tag, 'Right')
  if (ok._tag === 'Right') assert.equal([...ok.right], [1, 2, 3])
})

test('fromSorted does not alias the caller’s array', () => {
  const keys = [1, 2, 3]
  const set = RankedSet.fromSorted(keys, byNumber)
  keys[0] = 99
  set.insert(0)
  assert.equal(keys, [99, 2, 3])
  assert.equal([...set], [0, 1, 2, 3])
})

test('empty set answers every query without failing', () => {
  const set = new RankedSet<number>(byNumber)
  assert.is(set.size, 0)
  assert.equal([...set], [])
  assert.is(set.at(0), undefined)
  assert.equal(set.slice(0, 10), [])
  assert.is(set.rank(5), 0)
  assert.not.ok(set.has(5))
  assert.not.ok(set.remove(5))
  assertSound(set, 'empty')
})

test('single key: rank of absent keys below and above, at and slice bounds', () => {
  const set = new RankedSet<number>(byNumber)
  assert.ok(set.insert(10))
  assert.is(set.rank(10), 0)
  assert.is(set.rank(-1_000), 0)
  assert.is(set.rank(1_000), 1)
  assert.is(set.at(0), 10)
  assert.is(set.at(1), undefined)
  assert.is(set.at(-1), undefined)
  assert.is(set.at(0.5), undefined)
  assert.is(set.at(Number.NaN), undefined)
  assert.equal(set.slice(0, 1), [10])
  assert.equal(set.slice(1, 5), [])
  assert.equal(set.slice(0, 0), [])
})

test('rank of absent keys below and above all keys of a deep tree', () => {
  const keys = Array.from({ length: 500 }, (_, i) => 10 + i * 3)
  const set = RankedSet.fromSorted(keys, byNumber, { capacity: 4 })
  assert.is(set.rank(0), 0)
  assert.is(set.rank(10), 0)
  assert.is(set.rank(11), 1)
  assert.is(set.rank(10 + 499 * 3), 499)
  assert.is(set.rank(100_000), 500)
})

test('duplicate insert is refused and changes nothing; removing an absent key changes nothing', () => {
  const set = RankedSet.fromSorted([1, 2, 3, 4, 5, 6, 7, 8, 9], byNumber, { capacity: 4 })
  assert.not.ok(set.insert(5))
  assert.not.ok(set.remove(50))
  assert.is(set.size, 9)
  assert.equal([...set], [1, 2, 3, 4, 5, 6, 7, 8, 9])
  assertSound(set, 'after refused changes')
})

test('removing every key leaves an empty, reusable set', () => {
  const set = RankedSet.fromSorted(Array.from({ length: 300 }, (_, i) => i), byNumber, { capacity: 4 })
  for (let i = 299; i >= 0; i -= 2) assert.ok(set.remove(i))
  for (let i = 0; i < 300; i += 2) assert.ok(set.remove(i))
  assert.is(set.size, 0)
  assert.equal([...set], [])
  assertSound(set, 'emptied')
  assert.ok(set.insert(42))
  assert.equal([...set], [42])
  assertSound(set, 'reused')
})

test('slice clamps its bounds like Array.prototype.slice on a non-negative range', () => {
  const set = RankedSet.fromSorted(Array.from({ length: 100 }, (_, i) => i), byNumber, { capacity: 4 })
  assert.equal(set.slice(-5, 3), [0, 1, 2])
  assert.equal(set.slice(98, 50), [98, 99])
  assert.equal(set.slice(100, 5), [])
  assert.equal(set.slice(1_000, 5), [])
  assert.equal(set.slice(2.7, 2.9), [2, 3])
  assert.equal(set.slice(95, Number.POSITIVE_INFINITY), [95, 96, 97, 98, 99])
  assert.equal(set.slice(Number.NaN, 2), [0, 1])
  assert.equal(set.slice(5, -1), [])
})

test('waiting-list keys compared field by field keep their order', () => {
  interface Key { filedAtMs: number; requestNumber: string; applicationId: string }
  const compare = (a: Key, b: Key): number =>
    a.filedAtMs - b.filedAtMs ||
    (a.requestNumber < b.requestNumber ? -1 : a.requestNumber > b.requestNumber ? 1 : 0) ||
    (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0)
  const random = mulberry32(7)
  const keys: Key[] = Array.from({ length: 3_000 }, (_, i) => ({
    filedAtMs: 1_700_000_000_000 + Math.floor(random() * 50) * 60_000,
    requestNumber: String(Math.floor(random() * 20)).padStart(6, '0'),
    applicationId: `app-${i}`,
  }))
  const set = new RankedSet<Key>(compare, { capacity: 8 })
  for (const k of keys) assert.ok(set.insert(k))
  const sorted = [...keys].sort(compare)
  assert.equal([...set].map((k) => k.applicationId), sorted.map((k) => k.applicationId))
  // An equal-valued copy is the same key: found, ranked, refused as a duplicate.
  const probe = sorted[1_234] as Key
  const copy = { ...probe }
  assert.ok(set.has(copy))
  assert.is(set.rank(copy), 1_234)
  assert.not.ok(set.insert(copy))
  assert.ok(set.remove(copy))
  assert.not.ok(set.has(probe))
  assertSound(set, 'object keys')
})

test('same operations give the same content (deterministic)', () => {
  const run = (): number[] => {
    const random = mulberry32(11)
    const set = new RankedSet<number>(byNumber, { capacity: 6 })
    for (let i = 0; i < 5_000; i++) {
      const k = Math.floor(random() * 1_000)
      if (random() < 0.6) set.insert(k)
      else set.remove(k)
    }
    return [...set]
  }
  assert.equal(run(), run())
})

test('iterating while the set changes fails fast instead of skipping keys', () => {
  const set = RankedSet.fromSorted([1, 2, 3, 4, 5], byNumber)
  assert.throws(() => {
    for (const k of set) if (k === 2) set.insert(10)
  }, /changed during iteration/)
})

test('capacity below 4 or not an integer is refused', () => {
  assert.throws(() => new RankedSet<number>(byNumber, { capacity: 3 }), /capacity/)
  assert.throws(() => new RankedSet<number>(byNumber, { capacity: 8.5 }), /capacity/)
})

test.run()
