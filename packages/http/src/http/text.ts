/**
 * Text the store can hold: no NUL and no lone UTF-16 surrogate (PostgreSQL refuses both in text and JSON, and the
 * refusal would surface as an outage). Checked on every decoded body and on every command before it is handled, so
 * such input is a 422 naming the field, never a 503.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const unsafe = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s)

/** Paths of the strings (values or keys) in `value` that no store can hold. */
export const unstorableText = (value: unknown, path = ''): string[] => {
  if (typeof value === 'string') return unsafe(value) ? [path === '' ? '(root)' : path] : []
  if (Array.isArray(value)) return value.flatMap((x, i) => unstorableText(x, `${path}[${i}]`))
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => {
      const at = path === '' ? k : `${path}.${k}`
      return unsafe(k) ? [at] : unstorableText(v, at)
    })
  return []
}
