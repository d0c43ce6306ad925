/**
 * The citizen's pages: my applications, and one application's status screen with the regulation's fields (ИИН
 * masked, request number, service, status, deadline, result), my place in the queue and how it moved, the signed
 * result document to download, notices and the questionnaire.
 */
import * as E from 'fp-ts/lib/Either.js'
import { Router, type Response } from 'express'
import { message } from '@kezek/domain'
import { canRead, partiesOf } from '../auth/policy.js'
import { contextOf } from '../middleware/context.js'
import type { Services } from '../http/services.js'
import { statusView } from '../http/views.js'
import { receiptDocument } from '../results/receipt.js'
import { noticeFeed } from '../notices/feed.js'
import { citizenOnly } from './citizen-only.js'
import type { PageContext } from './context.js'
import { svgChart } from './chart.js'
import { html, type Html } from './html.js'
import { maskIin } from './mask.js'
import type { MovementSource } from './movement.js'
import { failure, page, show, type PageDeps } from './page.js'
import { positionHistory } from './position-history.js'
import { questionnairePages, questionnaireSection } from './questionnaire.js'
import { estimateSection } from './public.js'
import { indexInYear, localDate, localDateTime, yearOf, yearOfQuarter } from './quarters.js'
import { categoryName, quarterLabel, tr } from './texts.js'

const enc = encodeURIComponent


const field = (label: string, value: Html | string): Html => html`<dt>${label}</dt><dd>${value}</dd>`

export const citizenPages = (s: Services, deps: PageDeps, movement: MovementSource): Router => {
  const r = Router()
  const providerOf = (id: string | undefined) => (id === undefined ? undefined : s.providers.get(id))
  const crumbs = (c: PageContext) => [{ label: tr('myApplications', c.lang), href: '/me' }]

  r.get('/me', page(deps, async (_req, _res, c) => {
    const p = citizenOnly(c)
    if ('kind' in p) return p
    const views = s.read.applicationsOf(p.iin).flatMap((id) => {
      const v = s.read.application(id)
      return v === undefined ? [] : [statusView(v, providerOf(v.status.providerId), c.lang)]
    })
    return show(tr('myApplications', c.lang), views.length === 0 ? html`<p>${tr('noApplications', c.lang)}</p>` : html`
<ul class="cards">${views.map((v) => html`<li>
  <a href="/me/applications/${enc(v.applicationId)}">${tr('requestNumber', c.lang)} ${v.requestNumber ?? '—'}</a>
  <br>${typeof v.serviceType === 'object' && v.serviceType !== null ? v.serviceType.name : (v.serviceType ?? '')}
  <br><strong>${v.statusText}</strong> · <time datetime="${v.since ?? ''}">${v.since === undefined ? '' : localDate(v.since)}</time></li>`)}</ul>`)
  }))

  r.get('/me/applications/:id', page(deps, async (req, _res, c) => {
    const p = citizenOnly(c)
    if ('kind' in p) return p
    const id = String(req.params['id'])
    const view = s.read.application(id)
    // Someone else's application reads as a missing one: a citizen cannot learn that an id exists.
    if (view === undefined || !canRead(p, partiesOf(view.status, view.successors))) return failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang))
    const v = statusView(view, providerOf(view.status.providerId), c.lang)
    const provider = providerOf(view.status.providerId)
    const result: Html = v.rejection !== undefined
      ? html`${v.rejection.text}`
      : v.removal !== undefined ? html`${v.removal.text}`
      : v.result !== undefined ? html`${v.result.text}`
      : v.status === 'queued' && v.queueNumberAtRegistration !== undefined
        ? html`${message('status.queued', c.lang)}: ${categoryName(v.list?.category ?? '', c.lang)}, ${tr('queueNumberAtRegistration', c.lang).toLowerCase()} № ${v.queueNumberAtRegistration}`
        : html`${tr('noResult', c.lang)}`
    // The citizen's «Уведомления» about this application (issue-17's feed, the same as GET /v1/me/notices).
    const notices = (await noticeFeed(s, p.iin)).filter((n) => n.applicationId === id)
    const loaded = await s.handler.load(id)
    const hasReceipt = E.isRight(loaded) && receiptDocument(loaded.right.events.map((e) => e.event)) !== undefined
    const download = html`${v.links.result === undefined ? '' : html`<p><a class="button" href="/me/applications/${enc(id)}/result" download>${tr('downloadResult', c.lang)}</a></p>`}
${hasReceipt ? html`<p><a href="/me/applications/${enc(id)}/receipt" download>${tr('downloadReceipt', c.lang)}</a></p>` : ''}`
    return show(`${tr('statusScreen', c.lang)} ${v.requestNumber ?? ''}`, html`
<dl class="fields">
${field(tr('iin', c.lang), maskIin(v.iin ?? ''))}
${field(tr('requestNumber', c.lang), v.requestNumber ?? '—')}
${field(tr('service', c.lang), typeof v.serviceType === 'object' && v.serviceType !== null ? v.serviceType.name : (v.serviceType ?? '—'))}
${field(tr('provider', c.lang), provider?.name ?? v.providerId ?? '—')}
${field(tr('channel', c.lang), v.channel === null ? '—' : message(`channel.${v.channel}`, c.lang))}
${field(tr('status', c.lang), html`<strong>${v.statusText}</strong> (${tr('since', c.lang).toLowerCase()} <time datetime="${v.since ?? ''}">${v.since === undefined ? '' : localDateTime(v.since)}</time>)`)}
${field(tr('deadline', c.lang), v.deadline === null ? tr('noDeadline', c.lang) : html`<time datetime="${v.deadline}">${localDateTime(v.deadline)}</time>`)}
${field(tr('result', c.lang), result)}
</dl>
${v.contactCentre === null ? '' : html`<p>${v.contactCentre.statusChannels} ${v.contactCentre.text}</p>`}
${download}
${positionSection(c, s, id, movement)}
<h2>${tr('notices', c.lang)}</h2>
${notices.length === 0 ? html`<p>${tr('noNotices', c.lang)}</p>` : html`<ul>${notices.map((n) => html`<li><time datetime="${n.at}">${localDateTime(n.at)}</time> — ${n.text[c.lang]}</li>`)}</ul>`}
${questionnaireSection(c, id, view)}`, crumbs(c))
  }))

  r.use(questionnairePages(s, deps))

  // Downloads are the API's own routes (the same signed bytes, ETag and filename), reached with the session: the
  // page hands the request on with the session's principal, and the API route decides who may read what.
  for (const document of ['result', 'receipt'] as const) {
    r.get(`/me/applications/:id/${document}`, page(deps, async (req, res: Response, c) => {
      const p = citizenOnly(c)
      if ('kind' in p) return p
      res.locals['kezek'] = { ...contextOf(res), lang: c.lang, principal: p }
      req.url = `/v1/applications/${enc(String(req.params['id']))}/${document}`
      return { kind: 'pass' }
    }))
  }
  return r
}

const positionSection = (c: PageContext, s: Services, id: string, movement: MovementSource): Html => {
  const placement = s.read.waitingList.position(id)
  if (placement === undefined) return html``
  const points = positionHistory(s.read.waitingList, id, s.clock().getTime())
  const label = (q: number) => quarterLabel(yearOfQuarter(q), indexInYear(q), c.lang)
  const first = points[0]
  const m = movement.of(placement.listId).movement
  return html`
<h2>${tr('myPosition', c.lang)}</h2>
<p>${tr('positionNow', c.lang)}: <strong>${placement.position}</strong> ${tr('of', c.lang)} ${placement.of} (${categoryName(placement.list.category, c.lang)})</p>
${points.length < 2 ? '' : html`<figure>
<figcaption>${tr('positionOverTime', c.lang)}</figcaption>
${svgChart({
    id: 'position', kind: 'line', points: points.map((x) => ({ x: x.quarter, value: x.position })),
    tick: (q) => (indexInYear(q) === 0 ? String(yearOfQuarter(q)) : undefined),
    title: tr('positionOverTime', c.lang),
    description: `${first === undefined ? '' : `${label(first.quarter)}: ${first.position}`} → ${tr('positionNow', c.lang)}: ${placement.position}.`,
  })}
</figure>
<details><summary>${tr('tableAlternative', c.lang)}</summary><div class="scroll"><table>
<caption>${tr('positionOverTime', c.lang)}</caption>
<thead><tr><th scope="col">${tr('quarter', c.lang)}</th><th scope="col" class="num">${tr('position', c.lang)}</th></tr></thead>
<tbody>${points.map((x) => html`<tr><th scope="row">${label(x.quarter)}</th><td class="num">${x.position}</td></tr>`)}</tbody>
</table></div></details>`}
${estimateSection(c, m, placement.position, yearOf(s.clock().getTime()), `/providers/${enc(placement.list.providerId)}/lists/${enc(placement.list.category)}/movement`)}`
}
