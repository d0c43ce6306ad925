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

/** An opaque position in a list: base64url text of what the server put there, at most 200 characters. */
export const Cursor = t.refinement(t.string, (c) => /^[A-Za-z0-9_-]{1,200}$/.test(c), 'Cursor')

/** Keyset paging for the citizen's own applications: at most 100 a page. */
export const CursorPaging = t.partial({ limit: IntFromString('limit', 1, 100), cursor: Cursor }, 'CursorPaging')

export const encodeCursor = (after: string): string => Buffer.from(after, 'utf8').toString('base64url')
export const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8')
