/**
 * Query-string codecs: numbers arrive as text, so they are decoded (and bounded) here, never `Number(x)` in a
 * route.
 */
import * as t from 'io-ts'

export const IntFromString = (name: string, min: number, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => {
      if (typeof u !== 'string' || !/^\d{1,9}$/.test(u)) return t.failure(u, c, `${name} must be an integer in [${min}, ${max}]`)
      const n = Number(u)
      return n >= min && n <= max ? t.success(n) : t.failure(u, c, `${name} must be an integer in [${min}, ${max}]`)
    },
    String,
  )

export const Paging = t.partial({ offset: IntFromString('offset', 0, 100_000_000), limit: IntFromString('limit', 1, 500) }, 'Paging')
