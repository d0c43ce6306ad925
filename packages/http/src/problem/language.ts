/**
 * Picks the reply language from `Accept-Language` (RFC 9110 §12.5.4): the highest-q tag among ru, kk and en,
 * Russian when none is acceptable — the language every regulation is published in.
 */
import { Languages, type Language } from '@kezek/domain'

const isLanguage = (s: string): s is Language => (Languages as readonly string[]).includes(s)

export const negotiateLanguage = (header: string | undefined): Language => {
  if (header === undefined || header.length > 500) return 'ru'
  let best: { readonly lang: Language; readonly q: number } | undefined
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';')
    const primary = tag.trim().toLowerCase().split('-')[0] ?? ''
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!isLanguage(primary) || !(q > 0)) continue
    if (best === undefined || q > best.q) best = { lang: primary, q }
  }
  return best?.lang ?? 'ru'
}
