/**
 * Canonical JSON: one byte sequence per JSON value, whatever the key order or the back-end it came back from.
 *
 * For the `Json` subset kezek stores (finite numbers, well-formed strings, plain objects and arrays) the output is
 * the JSON Canonicalization Scheme (RFC 8785): object keys sorted by UTF-16 code units, no whitespace, numbers in
 * ECMAScript shortest round-trip form, strings escaped as `JSON.stringify` does. PostgreSQL `jsonb` reorders keys
 * and drops number formatting (`4.50` comes back as `4.5`), so the hash chain may only ever hash this form.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Json } from '../store/port.js'

/** Why a value cannot be stored as JSON, with the path to the first offending part (`$.data.items[2]`). */
export interface NotJson {
  readonly kind: 'not_json'
  readonly path: string
  readonly reason: string
}

// Lone surrogates and NUL survive JSON.stringify but not PostgreSQL text/jsonb: refuse them everywhere so every
// back-end accepts exactly the same values.
// eslint-disable-next-line no-control-regex
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Returns a reason when `s` cannot be stored in every back-end, or `undefined` when it can. */
export const unstorableString = (s: string): string | undefined =>
  unstorable.test(s) ? 'contains NUL or an unpaired surrogate' : undefined

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Checks that an unknown value is storable JSON (the `Json` type, enforced at run time) and returns a deep copy,
 * so a caller who mutates its object after an append cannot change what was stored. Object properties whose value
 * is `undefined` are dropped, as `JSON.stringify` and every database driver drop them; `undefined` anywhere else
 * (an array element, the value itself) is refused rather than silently turned into `null`.
 */
export const toStorableJson = (value: unknown, path = '$'): E.Either<NotJson, Json> => {
  const fail = (reason: string): E.Either<NotJson, Json> => E.left({ kind: 'not_json', path, reason })
  switch (typeof value) {
    case 'boolean':
      return E.right(value)
    case 'number':
      return Number.isFinite(value) ? E.right(value) : fail(`${value} is not a JSON number`)
    case 'string': {
      const bad = unstorableString(value)
      return bad === undefined ? E.right(value) : fail(`string ${bad}`)
    }
    case 'object': {
      if (value === null) return E.right(null)
      if (Array.isArray(value)) {
        const out: Json[] = []
        for (let i = 0; i < value.length; i++) {
          const r = toStorableJson(value[i], `${path}[${i}]`)
          if (E.isLeft(r)) return r
          out.push(r.right)
        }
        return E.right(out)
      }
      if (!isPlainObject(value)) return fail(`${Object.prototype.toString.call(value)} is not a plain object`)
      const out: Record<string, Json> = {}
      for (const key of Object.keys(value)) {
        const bad = unstorableString(key)
        if (bad !== undefined) return fail(`key ${JSON.stringify(key)} ${bad}`)
        const v = (value as Record<string, unknown>)[key]
        if (v === undefined) continue
        const r = toStorableJson(v, `${path}.${key}`)
        if (E.isLeft(r)) return r
        // defineProperty, not assignment, for "__proto__": it must stay an own property, as JSON.parse makes it.
        // Every other key is assigned: defineProperty per key cost a fifth of an append's CPU (--cpu-prof).
        if (key === '__proto__') Object.defineProperty(out, key, { value: r.right, enumerable: true, writable: true, configurable: true })
        else out[key] = r.right
      }
      return E.right(out)
    }
    default:
      return fail(`${typeof value} is not JSON`)
  }
}

/**
 * The canonical text of a JSON value. Assumes `checkJson` accepted it (the stores check before hashing); a number
 * that is not finite throws, because hashing `null` in its place would silently hash a different document. The
 * same walk as the bulk path's fast one (`fastCanonical`), so the hash chain has one definition of its text.
 */
export const canonicalJson = (value: Json): string => {
  const text = fastCanonical(value)
  if (text === undefined) throw new RangeError('canonicalJson: not JSON (a number that is not finite, or a value that is not plain JSON)')
  return text
}

/**
 * `toStorableJson` and `canonicalJson` in one pass, for the bulk path (`kezek import`), where both ran over every
 * event and the copy was thrown away at once: the same checks, the same first error (keys are checked in the
 * value's own order, as `toStorableJson` does), and the canonical text of what `toStorableJson` would return.
 */
export const canonicalStorableJson = (value: unknown, path = '$'): E.Either<NotJson, string> => {
  // Fast path first: the text with no per-node checks, paths or Either values (their garbage was a fifth of the
  // import's CPU, --cpu-prof). It gives up on anything unusual, and JSON.stringify writes a NUL or a lone surrogate
  // as an escape (`\u0000`, `\ud800`…) that one scan of the whole text finds; either way the checked walk below
  // answers, with the first error's path. A false alarm (the text `\u0000` typed in a value) only costs time.
  const text = fastCanonical(value)
  if (text !== undefined && !ESCAPED_UNSTORABLE.test(text)) return E.right(text)
  return checkedCanonical(value, path)
}

const ESCAPED_UNSTORABLE = /\\u(?:0000|d[89a-f])/

/**
 * A string as JSON text. Most strings of an event (keys, ids, codes, names) hold nothing `JSON.stringify` would
 * escape — no quote, backslash, control character or surrogate — and for those it is the string in quotes: one
 * regular-expression test instead of a call into the serializer, a third of the canonical walk's time (issue 19,
 * stop 27). Anything else goes to `JSON.stringify`, so the text is always exactly what it writes.
 */
// eslint-disable-next-line no-control-regex
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/
const quoted = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s))

/**
 * The canonical text of plain JSON; undefined for anything else (the checked walk then says what is wrong). One
 * string built by concatenation, not arrays joined: this runs over every event an append hashes, and the map/join
 * version's garbage was a large share of an append's CPU (--cpu-prof, issue 19).
 */
const fastCanonical = (value: unknown): string | undefined => {
  switch (typeof value) {
    case 'string':
      return quoted(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined
    case 'object': {
      if (value === null) return 'null'
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) {
          const t = fastCanonical(value[i])
          if (t === undefined) return undefined
          out += i === 0 ? t : `,${t}`
        }
        return `${out}]`
      }
      if (!isPlainObject(value)) return undefined
      const keys = sortedKeys(value)
      let out = '{'
      let first = true
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k]
        if (v === undefined) continue
        const t = fastCanonical(v)
        if (t === undefined) return undefined
        out += `${first ? '' : ','}${quoted(k)}:${t}`
        first = false
      }
      return `${out}}`
    }
    default:
      return undefined
  }
}

/**
 * An object's own keys in UTF-16 code unit order (the order `Array.prototype.sort` gives strings, and the checked
 * walk's comparator). Sorted in place by insertion: an event's objects have a few keys each, and the default sort
 * allocated a work array per object, 14 KB of a signed submission's 244 KB of garbage (heap sampling, issue 19).
 */
const sortedKeys = (value: object): string[] => {
  const keys = Object.keys(value)
  if (keys.length > 32) return keys.sort()
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string
    let j = i - 1
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string
      j--
    }
    keys[j + 1] = k
  }
  return keys
}

const checkedCanonical = (value: unknown, path: string): E.Either<NotJson, string> => {
  const fail = (reason: string): E.Either<NotJson, string> => E.left({ kind: 'not_json', path, reason })
  switch (typeof value) {
    case 'boolean':
      return E.right(value ? 'true' : 'false')
    case 'number':
      return Number.isFinite(value) ? E.right(JSON.stringify(value)) : fail(`${value} is not a JSON number`)
    case 'string': {
      const bad = unstorableString(value)
      return bad === undefined ? E.right(JSON.stringify(value)) : fail(`string ${bad}`)
    }
    case 'object': {
      if (value === null) return E.right('null')
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) {
          const r = checkedCanonical(value[i], `${path}[${i}]`)
          if (E.isLeft(r)) return r
          out += (i === 0 ? '' : ',') + r.right
        }
        return E.right(`${out}]`)
      }
      if (!isPlainObject(value)) return fail(`${Object.prototype.toString.call(value)} is not a plain object`)
      const members: [string, string][] = []
      for (const key of Object.keys(value)) {
        const bad = unstorableString(key)
        if (bad !== undefined) return fail(`key ${JSON.stringify(key)} ${bad}`)
        const v = (value as Record<string, unknown>)[key]
        if (v === undefined) continue
        const r = checkedCanonical(v, `${path}.${key}`)
        if (E.isLeft(r)) return r
        members.push([key, r.right])
      }
      members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      let out = '{'
      for (let i = 0; i < members.length; i++) {
        const [k, text] = members[i] as [string, string]
        out += `${i === 0 ? '' : ','}${JSON.stringify(k)}:${text}`
      }
      return E.right(`${out}}`)
    }
    default:
      return fail(`${typeof value} is not JSON`)
  }
}
