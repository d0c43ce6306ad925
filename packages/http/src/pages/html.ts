/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is already `Html` (made by this
 * module), so a request number or a rejection text from the store can never become markup.
 */
export interface Html {
  readonly __html: string
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string)

const isHtml = (x: unknown): x is Html => typeof x === 'object' && x !== null && '__html' in x

type Value = Html | string | number | boolean | null | undefined | readonly Value[]

const render = (v: Value): string => {
  if (v === null || v === undefined || v === false) return ''
  if (Array.isArray(v)) return (v as readonly Value[]).map(render).join('')
  if (isHtml(v)) return v.__html
  return escapeHtml(String(v))
}

export const html = (strings: TemplateStringsArray, ...values: readonly Value[]): Html => {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i += 1) out += render(values[i] as Value) + (strings[i + 1] ?? '')
  return { __html: out }
}

/** Markup this module trusts: only for constants written in this source (SVG paths built from numbers). */
export const raw = (s: string): Html => ({ __html: s })

export const join = (parts: readonly Html[], separator = ''): Html => ({ __html: parts.map((p) => p.__html).join(separator) })
