/**
 * Charts as server-rendered SVG: readable with no script, scaled by the browser (viewBox), named and summarised
 * for screen readers (`role="img"` with a title and a description), and always followed by the same figures as a
 * table. Marks use classes from the stylesheet; the strict CSP allows no inline style.
 */
import { html, raw, type Html } from './html.js'

export interface ChartPoint {
  /** Position on the x axis (a quarter index). */
  readonly x: number
  readonly value: number
}

export interface ChartSpec {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly points: readonly ChartPoint[]
  /** Label for an x tick, or undefined for no tick at this x. */
  readonly tick: (x: number) => string | undefined
  readonly kind: 'bars' | 'line'
}

const W = 760
const H = 300
const LEFT = 70
const RIGHT = 12
const TOP = 14
const BOTTOM = 50

const niceStep = (max: number): number => {
  if (max <= 4) return 1
  const rough = max / 4
  const p = 10 ** Math.floor(Math.log10(rough))
  const m = rough / p
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p
}

const n = (x: number): string => (Math.round(x * 10) / 10).toString()

export const svgChart = (c: ChartSpec): Html => {
  const pts = c.points
  const minX = pts.length === 0 ? 0 : Math.min(...pts.map((p) => p.x))
  const maxX = pts.length === 0 ? 1 : Math.max(...pts.map((p) => p.x))
  const step = niceStep(Math.max(1, ...pts.map((p) => p.value)))
  const top = Math.max(step, Math.ceil(Math.max(1, ...pts.map((p) => p.value)) / step) * step)
  const plotW = W - LEFT - RIGHT
  const plotH = H - TOP - BOTTOM
  const slots = maxX - minX + 1
  const slotW = plotW / slots
  const xOf = (x: number) => LEFT + (x - minX + 0.5) * slotW
  const yOf = (v: number) => TOP + plotH - (v / top) * plotH
  const parts: string[] = []
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${n(yOf(v))}" y2="${n(yOf(v))}"/>`)
    parts.push(`<text x="${LEFT - 6}" y="${n(yOf(v) + 4)}" text-anchor="end">${v.toLocaleString('en').replace(/,/g, ' ')}</text>`)
  }
  parts.push(`<line class="axis" x1="${LEFT}" x2="${W - RIGHT}" y1="${TOP + plotH}" y2="${TOP + plotH}"/>`)
  const everyOther = slots > 28
  for (let x = minX; x <= maxX; x += 1) {
    const label = c.tick(x)
    if (label === undefined) continue
    parts.push(`<line class="axis" x1="${n(xOf(x) - slotW / 2)}" x2="${n(xOf(x) - slotW / 2)}" y1="${TOP + plotH}" y2="${TOP + plotH + 6}"/>`)
    if (!everyOther || Number(label) % 2 === 0) parts.push(`<text x="${n(xOf(x) - slotW / 2 + 2)}" y="${TOP + plotH + 26}">${label.replace(/[^0-9A-Za-z .-]/g, '')}</text>`)
  }
  if (c.kind === 'bars') {
    const bw = Math.max(1, slotW * 0.7)
    for (const p of pts) {
      if (p.value <= 0) continue
      parts.push(`<rect class="bar" x="${n(xOf(p.x) - bw / 2)}" y="${n(yOf(p.value))}" width="${n(bw)}" height="${n(TOP + plotH - yOf(p.value))}"/>`)
    }
  } else if (pts.length > 0) {
    parts.push(`<polyline class="line" points="${pts.map((p) => `${n(xOf(p.x))},${n(yOf(p.value))}`).join(' ')}"/>`)
    if (pts.length <= 60) for (const p of pts) parts.push(`<circle class="dot" cx="${n(xOf(p.x))}" cy="${n(yOf(p.value))}" r="3"/>`)
  }
  // Everything in `parts` is built from numbers and digit-only labels above, so it is safe as markup.
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${c.id}-t ${c.id}-d" focusable="false">
<title id="${c.id}-t">${c.title}</title><desc id="${c.id}-d">${c.description}</desc>
${raw(parts.join('\n'))}
</svg>`
}
