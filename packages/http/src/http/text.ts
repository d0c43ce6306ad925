/**
 * Text the store can hold: no NUL and no lone UTF-16 surrogate (PostgreSQL refuses both in text and JSON, and the
 * refusal would surface as an outage). Checked on every decoded body and on every command before it is handled, so
 * such input is a 422 naming the field, never a 503.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const unsafe = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s)

/** Whether any string (value or key) in `value` is one no store can hold: the usual answer, found without garbage. */
const holdsUnstorable = (value: unknown): boolean => {
  if (typeof value === 'string') return unsafe(value)
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) {
    for (const x of value) if (holdsUnstorable(x)) return true
    return false
  }
  for (const k in value) {
    if (Object.hasOwn(value, k) && (unsafe(k) || holdsUnstorable((value as Record<string, unknown>)[k]))) return true
  }
  return false
}

/**
 * Paths of the strings (values or keys) in `value` that no store can hold. Every command of every request passes
 * here, and nearly always holds none: the paths are built only when something was found (building them for every
 * key was a percent of a signed submission's service thread, --cpu-prof).
 */
export const unstorableText = (value: unknown, path = ''): string[] => (holdsUnstorable(value) ? pathsOf(value, path) : [])

const pathsOf = (value: unknown, path: string): string[] => {
  if (typeof value === 'string') return unsafe(value) ? [path === '' ? '(root)' : path] : []
  if (Array.isArray(value)) return value.flatMap((x, i) => pathsOf(x, `${path}[${i}]`))
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => {
      const at = path === '' ? k : `${path}.${k}`
      return unsafe(k) ? [at] : pathsOf(v, at)
    })
  return []
}
