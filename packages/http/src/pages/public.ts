/**
 * The public pages: providers → their lists → a paged list (request number, filing date, place — never a name or
 * an IIN), search by request number, the list as of a past date, and the queue movement page with its charts and
 * the wait estimate. Anyone may read them; nothing here needs a session.
 */
import { Router, type Request } from 'express'
import type { Instant, Language, WaitingList } from '@kezek/domain'
import type { Services } from '../http/services.js'
import type { PageContext } from './context.js'
import { svgChart } from './chart.js'
import { estimateWait } from './estimate.js'
import { html, type Html } from './html.js'
import { findByRequestNumber, listsOf, REQUEST_NUMBER } from './lists.js'
import type { ListMovement, MovementSource } from './movement.js'
import { failure, page, show, type PageDeps, type PageOutcome } from './page.js'
import { endOfLocalDay, indexInYear, localDate, localDateTime, yearOf, yearOfQuarter } from './quarters.js'
import { categoryName, quarterLabel, tr } from './texts.js'

export const PAGE_SIZE = 50

const enc = encodeURIComponent
const listHref = (providerId: string, category: string): string => `/providers/${enc(providerId)}/lists/${enc(category)}`
const fmt = (n: number): string => n.toLocaleString('ru-RU').replace(/\u00a0/g, ' ')
const one = (req: Request, name: string): string | undefined => {
  const v = req.query[name]
  return typeof v === 'string' ? v : undefined
}

/** Parses a 1-based page or position from the query; undefined when absent, null when malformed. */
const positiveInt = (v: string | undefined, max: number): number | undefined | null => {
  if (v === undefined || v === '') return undefined
  if (!/^\d{1,9}$/.test(v)) return null
  const n = Number(v)
  return n >= 1 && n <= max ? n : null
}

const searchForm = (c: PageContext, providerId: string, value = ''): Html => html`
<form class="row" method="get" action="/providers/${enc(providerId)}/search" role="search">
  <div><label for="number">${tr('search', c.lang)}</label>
  <input id="number" name="number" inputmode="numeric" autocomplete="off" maxlength="40" value="${value}" aria-describedby="number-hint">
  <small id="number-hint">${tr('searchHint', c.lang)}</small></div>
  <button type="submit">${tr('searchButton', c.lang)}</button>
</form>`

/** One slot of "the list as of a day": rebuilding a past list is O(n log n), so a repeated look is not. */
const pastLists = (list: WaitingList, eventsSeen: () => number) => {
  let slot: { key: string; list: WaitingList } | undefined
  return (instant: string): WaitingList => {
    const key = `${instant}@${eventsSeen()}`
    if (slot?.key !== key) slot = { key, list: list.asOf(instant as Instant) }
    return slot.list
  }
}

export const publicPages = (s: Services, deps: PageDeps, movement: MovementSource): Router => {
  const r = Router()
  const pastList = pastLists(s.read.waitingList, () => s.read.stats().eventsProjected)
  const providerOf = (c: PageContext, id: string) => {
    const p = s.providers.get(id)
    return p === undefined ? failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang)) : p
  }
  const crumbsTo = (c: PageContext, providerId: string, category?: string) => [
    { label: tr('providers', c.lang), href: '/' },
    { label: s.providers.get(providerId)?.name ?? providerId, href: `/providers/${enc(providerId)}` },
    ...(category === undefined ? [] : [{ label: categoryName(category, c.lang), href: listHref(providerId, category) }]),
  ]

  r.get('/', page(deps, async (_req, _res, c) => show(tr('providers', c.lang), html`
<p>${tr('providersIntro', c.lang)}</p>
<ul class="cards">${[...s.providers.values()].map((p) => html`<li><a href="/providers/${enc(p.id)}">${p.name}</a>
  <br><small>${tr('entries', c.lang)}: ${fmt(listsOf(p).reduce((sum, cat) => sum + s.read.waitingList.size(`${p.id}/${cat}`), 0))}</small></li>`)}</ul>`)))

  r.get('/providers/:providerId', page(deps, async (req, _res, c) => {
    const p = providerOf(c, String(req.params['providerId']))
    if ('kind' in p) return p
    return show(p.name, html`
${searchForm(c, p.id)}
<h2>${tr('lists', c.lang)}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">${tr('list', c.lang)}</th><th scope="col" class="num">${tr('entries', c.lang)}</th><th scope="col">${tr('movement', c.lang)}</th></tr></thead>
<tbody>${listsOf(p).map((cat) => html`<tr><td><a href="${listHref(p.id, cat)}">${categoryName(cat, c.lang)}</a></td>
<td class="num">${fmt(s.read.waitingList.size(`${p.id}/${cat}`))}</td>
<td><a href="${listHref(p.id, cat)}/movement">${tr('movement', c.lang)}<span class="visually-hidden">: ${categoryName(cat, c.lang)}</span></a></td></tr>`)}</tbody>
</table></div>`, crumbsTo(c, p.id).slice(0, 1))
  }))

  r.get('/providers/:providerId/search', page(deps, async (req, _res, c) => {
    const p = providerOf(c, String(req.params['providerId']))
    if ('kind' in p) return p
    const number = (one(req, 'number') ?? '').trim()
    if (!REQUEST_NUMBER.test(number)) return failure(c, 400, 'badRequest', tr('searchHint', c.lang))
    const found = findByRequestNumber(s.read.waitingList, p.id, number)
    const body = found.length === 0
      ? html`<p class="note" role="status">${tr('notFound', c.lang)}</p>`
      : html`<ul>${found.map((f) => {
          const pageNo = Math.ceil(f.position / PAGE_SIZE)
          return html`<li role="status">${tr('found', c.lang)}: ${categoryName(f.list.category, c.lang)} — ${tr('position', c.lang)} <strong>${fmt(f.position)}</strong> ${tr('of', c.lang)} ${fmt(f.of)}.
            <a href="${listHref(p.id, f.list.category)}?page=${pageNo}&amp;mark=${enc(number)}#r${f.position}">${tr('open', c.lang)}</a>
            · <a href="${listHref(p.id, f.list.category)}/movement?position=${f.position}">${tr('estimate', c.lang)}</a></li>`
        })}</ul>`
    return show(`${tr('requestNumber', c.lang)} ${number}`, html`${searchForm(c, p.id, number)}${body}`, crumbsTo(c, p.id))
  }))

  r.get('/providers/:providerId/lists/:category', page(deps, async (req, _res, c) => {
    const p = providerOf(c, String(req.params['providerId']))
    if ('kind' in p) return p
    const category = String(req.params['category'])
    if (!listsOf(p).includes(category)) return failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang))
    const id = `${p.id}/${category}`
    const asOfDay = one(req, 'asOf')
    const asOf = asOfDay === undefined || asOfDay === '' ? undefined : endOfLocalDay(asOfDay)
    if (asOfDay !== undefined && asOfDay !== '' && asOf === undefined) return failure(c, 400, 'badRequest', `${tr('asOfLabel', c.lang)}: YYYY-MM-DD`)
    const list = asOf === undefined ? s.read.waitingList : pastList(asOf)
    const total = list.size(id)
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
    const pageNo = positiveInt(one(req, 'page'), 10_000_000)
    if (pageNo === null) return failure(c, 400, 'badRequest', tr('page', c.lang))
    const current = Math.min(pageNo ?? 1, pages)
    const mark = one(req, 'mark')
    const rows = list.page(id, (current - 1) * PAGE_SIZE, PAGE_SIZE)
    const keep = asOf === undefined ? '' : `&asOf=${enc(asOfDay ?? '')}`
    const link = (n: number) => `${listHref(p.id, category)}?page=${n}${keep}`
    const pager = pages <= 1 ? html`` : html`<nav class="pager" aria-label="${tr('pages', c.lang)}"><ul>
      ${current > 1 ? html`<li><a href="${link(1)}">${tr('first', c.lang)}</a></li><li><a href="${link(current - 1)}" rel="prev">${tr('previous', c.lang)}</a></li>` : ''}
      <li aria-current="page">${tr('page', c.lang)} ${fmt(current)} ${tr('of', c.lang)} ${fmt(pages)}</li>
      ${current < pages ? html`<li><a href="${link(current + 1)}" rel="next">${tr('next', c.lang)}</a></li><li><a href="${link(pages)}">${tr('last', c.lang)}</a></li>` : ''}
    </ul></nav>`
    const table = rows.length === 0 ? html`<p>${tr('empty', c.lang)}</p>` : html`<div class="scroll"><table>
<caption>${categoryName(category, c.lang)} — ${tr('entries', c.lang)}: ${fmt(total)}</caption>
<thead><tr><th scope="col" class="num">${tr('position', c.lang)}</th><th scope="col">${tr('requestNumber', c.lang)}</th><th scope="col">${tr('filedAt', c.lang)}</th><th scope="col" class="num">${tr('queueNumberAtRegistration', c.lang)}</th></tr></thead>
<tbody>${rows.map((x) => html`<tr id="r${x.position}"${x.entry.requestNumber === mark ? html` class="hit" aria-current="true"` : ''}>
<td class="num">${fmt(x.position)}</td><td>${x.entry.requestNumber}</td><td><time datetime="${x.entry.filedAt}">${localDate(x.entry.filedAt)}</time></td><td class="num">${fmt(x.entry.queueNumberAtRegistration)}</td></tr>`)}</tbody>
</table></div>`
    return show(categoryName(category, c.lang), html`
${asOf === undefined ? '' : html`<p class="note" role="status">${tr('asOfShown', c.lang)} <time datetime="${asOf}">${asOfDay}</time>. <a href="${listHref(p.id, category)}">${tr('current', c.lang)}</a></p>`}
<p><a href="${listHref(p.id, category)}/movement">${tr('movement', c.lang)}</a></p>
${searchForm(c, p.id)}
<form class="row" method="get" action="${listHref(p.id, category)}">
  <div><label for="asOf">${tr('asOf', c.lang)}</label><input id="asOf" name="asOf" type="date" value="${asOfDay ?? ''}"></div>
  <button type="submit">${tr('asOfButton', c.lang)}</button>
</form>
${pager}${table}${pager}`, crumbsTo(c, p.id, category).slice(0, 2))
  }))

  r.get('/providers/:providerId/lists/:category/movement', page(deps, async (req, _res, c) => {
    const p = providerOf(c, String(req.params['providerId']))
    if ('kind' in p) return p
    const category = String(req.params['category'])
    if (!listsOf(p).includes(category)) return failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang))
    const position = positiveInt(one(req, 'position'), 100_000_000)
    if (position === null) return failure(c, 400, 'badRequest', tr('position', c.lang))
    const { movement: m, asOf: computedAt } = movement.of(`${p.id}/${category}`)
    return show(`${tr('movement', c.lang)}: ${categoryName(category, c.lang)}`, html`
<p class="note">${tr('dataAsOf', c.lang)} <time datetime="${computedAt.toISOString()}">${localDateTime(computedAt.toISOString())}</time>.</p>
${m === undefined ? html`<p>${tr('noMovement', c.lang)}</p>` : movementFigures(c, m)}
${estimateSection(c, m, position, yearOf(s.clock().getTime()), `${listHref(p.id, category)}/movement`)}`, crumbsTo(c, p.id, category))
  }))
  return r
}

const yearTick = (q: number): string | undefined => (indexInYear(q) === 0 ? String(yearOfQuarter(q)) : undefined)

export const movementFigures = (c: PageContext, m: ListMovement): Html => {
  const qs = m.quarters
  const label = (q: number) => quarterLabel(yearOfQuarter(q), indexInYear(q), c.lang)
  const housedTotal = qs.reduce((a, q) => a + q.housed, 0)
  const busiest = qs.reduce((best, q) => (q.housed > best.housed ? q : best), qs[0] ?? { quarter: 0, housed: 0 })
  const first = qs[0]
  const last = qs.at(-1)
  const range = first === undefined || last === undefined ? '' : `${label(first.quarter)} — ${label(last.quarter)}`
  const longest = qs.reduce((best, q) => (q.lengthAtEnd > best.lengthAtEnd ? q : best), qs[0] ?? { quarter: 0, lengthAtEnd: 0 })
  return html`
<figure>
<figcaption id="housed-caption">${tr('housedPerQuarter', c.lang)}</figcaption>
${svgChart({
    id: 'housed', kind: 'bars', tick: yearTick, points: qs.map((q) => ({ x: q.quarter, value: q.housed })),
    title: `${tr('housedPerQuarter', c.lang)}, ${range}`,
    description: `${range}: ${tr('total', c.lang)} ${fmt(housedTotal)}; ${tr('max', c.lang)} ${fmt(busiest.housed)} (${label(busiest.quarter)}).`,
  })}
</figure>
<figure>
<figcaption id="length-caption">${tr('lengthOverTime', c.lang)}</figcaption>
${svgChart({
    id: 'length', kind: 'line', tick: yearTick, points: qs.map((q) => ({ x: q.quarter, value: q.lengthAtEnd })),
    title: `${tr('lengthOverTime', c.lang)}, ${range}`,
    description: `${range}: ${fmt(first?.lengthAtEnd ?? 0)} → ${fmt(last?.lengthAtEnd ?? 0)}; ${tr('max', c.lang)} ${fmt(longest.lengthAtEnd)} (${label(longest.quarter)}).`,
  })}
</figure>
<details>
<summary>${tr('tableAlternative', c.lang)}</summary>
<div class="scroll"><table>
<caption>${tr('movement', c.lang)}, ${tr('chartTitleSuffix', c.lang)}</caption>
<thead><tr><th scope="col">${tr('quarter', c.lang)}</th><th scope="col" class="num">${tr('added', c.lang)}</th><th scope="col" class="num">${tr('housed', c.lang)}</th><th scope="col" class="num">${tr('removed', c.lang)}</th><th scope="col" class="num">${tr('length', c.lang)}</th></tr></thead>
<tbody>${qs.map((q) => html`<tr><th scope="row">${label(q.quarter)}</th><td class="num">${fmt(q.added)}</td><td class="num">${fmt(q.housed)}</td><td class="num">${fmt(q.removed)}</td><td class="num">${fmt(q.lengthAtEnd)}</td></tr>`)}</tbody>
</table></div>
</details>`
}

/** One decimal, with the language's decimal mark (23,6 in Russian and Kazakh, 23.6 in English). */
const decimal = (x: number, lang: Language): string => (Math.round(x * 10) / 10).toLocaleString(lang === 'en' ? 'en' : 'ru')

const yearsText = (x: number, lang: Language): string => `${x < 10 ? decimal(x, lang) : fmt(Math.round(x))} ${tr('years', lang)}`

export const estimateSection = (c: PageContext, m: ListMovement | undefined, position: number | undefined, currentYear: number, action: string): Html => {
  const form = html`<form class="row" method="get" action="${action}">
  <div><label for="position">${tr('estimateFor', c.lang)}</label><input id="position" name="position" type="number" min="1" step="1" inputmode="numeric" value="${position ?? ''}"></div>
  <button type="submit">${tr('estimateButton', c.lang)}</button></form>`
  const method = html`<h3>${tr('method', c.lang)}</h3><p>${tr('methodText', c.lang)}</p>`
  if (position === undefined) return html`<section aria-labelledby="estimate-h"><h2 id="estimate-h">${tr('estimate', c.lang)}</h2>${form}${method}</section>`
  const e = m === undefined ? { kind: 'no-history' as const, yearsUsed: [] } : estimateWait(position, m.housedByYear, m.firstYear, currentYear)
  const years = e.yearsUsed.map((y) => `${y.year}: ${fmt(y.housed)}`).join('; ')
  const result = e.kind === 'no-history'
    ? html`<p class="note" role="status">${tr('cannotEstimate', c.lang)}</p>`
    : html`<p class="note" role="status" id="estimate-result">${tr('position', c.lang)} ${fmt(position)}: ${tr('about', c.lang)} <strong>${yearsText(e.years, c.lang)}</strong>;
        ${e.high === undefined
          ? html`${tr('noUpperBound', c.lang)}.`
          : html`${tr('between', c.lang)} ${yearsText(e.low, c.lang)} ${tr('and', c.lang)} ${yearsText(e.high, c.lang)}.`}
        <br>${tr('yearsUsed', c.lang)} (${tr('housed', c.lang).toLowerCase()}): ${years} — ${decimal(e.meanPerYear, c.lang)} ${tr('perYear', c.lang)}.</p>`
  return html`<section aria-labelledby="estimate-h"><h2 id="estimate-h">${tr('estimate', c.lang)}</h2>${form}${result}${method}</section>`
}
