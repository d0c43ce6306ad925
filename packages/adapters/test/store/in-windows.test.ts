/**
 * inWindows: the items in order, in windows that grow from the first size to the last; a reader that stops early
 * has pulled no more of the source than the window it was given.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { inWindows } from '../../src/store/in-windows.js'

/** A source of 0..n-1 that counts what was pulled from it and whether it was closed. */
const counted = (n: number) => {
  const seen = { pulled: 0, closed: false }
  async function* source(): AsyncGenerator<number> {
    try {
      for (let i = 0; i < n; i++) {
        seen.pulled++
        yield i
      }
    } finally {
      seen.closed = true
    }
  }
  return { seen, items: source() }
}

const sizes = async (n: number, size: number, first?: number): Promise<number[]> => {
  const out: number[] = []
  let next = 0
  for await (const w of inWindows(counted(n).items, size, first)) {
    assert.equal(w, Array.from({ length: w.length }, (_, i) => next + i), 'in order, nothing lost or repeated')
    next += w.length
    out.push(w.length)
  }
  assert.is(next, n)
  return out
}

test('windows grow four times from the first size up to the last, and the rest comes as it is', async () => {
  assert.equal(await sizes(2000, 1000, 16), [16, 64, 256, 1000, 664])
  assert.equal(await sizes(10, 1000, 16), [10])
  assert.equal(await sizes(0, 1000, 16), [])
  assert.equal(await sizes(5, 2), [2, 2, 1], 'without a first size, every window is the size')
  assert.equal(await sizes(3, 1, 16), [1, 1, 1], 'a first size above the size is the size')
})

test('a reader that stops after the first item has pulled only the first window, and the source is closed', async () => {
  const { seen, items } = counted(5000)
  for await (const w of inWindows(items, 1000, 16)) {
    assert.is(w.length, 16)
    break
  }
  assert.is(seen.pulled, 16)
  assert.ok(seen.closed)
})

test.run()
