/**
 * The staff's pages: the provider's applications with overdue steps highlighted (from the service definition's
 * deadlines and the provider's working calendar), and one application's audit timeline — who did what, when,
 * through which channel, under which rule, signed by whom, and the hash chain's verdict — built by the same
 * `buildTimeline` the `kezek audit` command prints.
 */
import * as E from 'fp-ts/lib/Either.js'
import { Router } from 'express'
import { message, progressOf, type Fact } from '@kezek/domain'
import { applicationStream, type RecordedEvent } from '@kezek/adapters'
import { buildTimeline } from '@kezek/adapters/cli'
import { canReadAudit } from '../auth/policy.js'
import { isStaff, type Principal } from '../auth/principal.js'
import { definitionOf, type Services } from '../http/services.js'
import type { ApplicationView } from '../read-model/projections.js'
import type { PageContext } from './context.js'
import { html, type Html } from './html.js'
import { failure, page, show, type PageDeps, type PageOutcome } from './page.js'
import { localDateTime } from './quarters.js'
import { texts, tr, type TextKey } from './texts.js'

const enc = encodeURIComponent
const PAGE = 50

const staffOnly = (c: PageContext): Exclude<Principal, { role: 'citizen' }> | PageOutcome => {
  const p = c.principal
  if (p === undefined) return { kind: 'redirect', to: '/sign-in' }
  if (p.role === 'citizen') return failure(c, 403, 'forbidden', tr('forbiddenText', c.lang))
  return p
}

/** When the pending step is due, and whether that moment has passed. */
const dueOf = (s: Services, v: ApplicationView, nowMs: number): { readonly dueAt: string; readonly overdue: boolean } | undefined => {
  const st = v.status
  const provider = st.providerId === undefined ? undefined : s.providers.get(st.providerId)
  const def = provider === undefined || st.serviceId === undefined ? undefined : definitionOf(provider, st.serviceId)
  if (provider === undefined || def === undefined || st.channel === undefined) return undefined
  const p = progressOf(def, provider.calendar, { applicationId: st.applicationId, channel: st.channel, facts: v.facts as readonly Fact[] })
  return p.kind === 'pending' ? { dueAt: p.dueAt, overdue: Date.parse(p.dueAt) < nowMs } : undefined
}

export const staffPages = (s: Services, deps: PageDeps): Router => {
  const r = Router()

  r.get('/staff', page(deps, async (req, _res, c) => {
    const p = staffOnly(c)
    if ('kind' in p) return p
    const asked = typeof req.query['provider'] === 'string' ? req.query['provider'] : undefined
    const providerId = isStaff(p) ? p.providerId : (asked ?? [...s.providers.keys()][0] ?? '')
    if (!s.providers.has(providerId)) return failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang))
    const overdueOnly = req.query['overdue'] === '1'
    const pageNo = typeof req.query['page'] === 'string' && /^\d{1,7}$/.test(req.query['page']) ? Math.max(1, Number(req.query['page'])) : 1
    const now = s.clock().getTime()
    // Newest first: the desk works on what came in last; overdue ones are marked wherever they are.
    const ids = [...s.read.applicationsOfProvider(providerId)].reverse()
    const rows = ids.flatMap((id) => {
      const v = s.read.application(id)
      if (v === undefined) return []
      if (!overdueOnly) return [{ id, v }]
      return dueOf(s, v, now)?.overdue === true ? [{ id, v }] : []
    })
    const total = rows.length
    const shown = rows.slice((pageNo - 1) * PAGE, pageNo * PAGE)
    const keep = `${isStaff(p) ? '' : `provider=${enc(providerId)}&`}${overdueOnly ? 'overdue=1&' : ''}`
    return show(`${tr('staffApplications', c.lang)}: ${s.providers.get(providerId)?.name ?? providerId}`, html`
<form class="row" method="get" action="/staff">
  ${isStaff(p) ? '' : html`<div><label for="provider">${tr('provider', c.lang)}</label><select id="provider" name="provider">${[...s.providers.values()].map((x) => html`<option value="${x.id}"${x.id === providerId ? html` selected` : ''}>${x.name}</option>`)}</select></div>`}
  <div><label for="overdue"><input id="overdue" name="overdue" type="checkbox" value="1"${overdueOnly ? html` checked` : ''}> ${tr('overdueOnly', c.lang)}</label></div>
  <button type="submit">${tr('filter', c.lang)}</button>
</form>
<p>${tr('entries', c.lang)}: ${total}</p>
<div class="scroll"><table>
<caption>${tr('staffApplications', c.lang)}</caption>
<thead><tr><th scope="col">${tr('requestNumber', c.lang)}</th><th scope="col">${tr('status', c.lang)}</th><th scope="col">${tr('channel', c.lang)}</th><th scope="col">${tr('dueAt', c.lang)}</th><th scope="col">${tr('timeline', c.lang)}</th></tr></thead>
<tbody>${shown.map(({ id, v }) => {
      const due = dueOf(s, v, now)
      return html`<tr${due?.overdue === true ? html` class="overdue"` : ''}>
<td>${v.status.requestNumber ?? '—'}</td>
<td>${message(`status.${v.status.status}`, c.lang)}</td>
<td>${v.status.channel === undefined ? '—' : message(`channel.${v.status.channel}`, c.lang)}</td>
<td>${due === undefined ? '—' : html`<time datetime="${due.dueAt}">${localDateTime(due.dueAt)}</time>${due.overdue ? html` <span class="badge overdue">${tr('overdue', c.lang)}</span>` : ''}`}</td>
<td><a href="/staff/applications/${enc(id)}">${tr('timeline', c.lang)}<span class="visually-hidden"> ${v.status.requestNumber ?? id}</span></a></td></tr>`
    })}</tbody></table></div>
<nav class="pager" aria-label="${tr('pages', c.lang)}"><ul>
${pageNo > 1 ? html`<li><a href="/staff?${keep}page=${pageNo - 1}" rel="prev">${tr('previous', c.lang)}</a></li>` : ''}
<li aria-current="page">${tr('page', c.lang)} ${pageNo} ${tr('of', c.lang)} ${Math.max(1, Math.ceil(total / PAGE))}</li>
${pageNo * PAGE < total ? html`<li><a href="/staff?${keep}page=${pageNo + 1}" rel="next">${tr('next', c.lang)}</a></li>` : ''}
</ul></nav>`)
  }))

  r.get('/staff/applications/:id', page(deps, async (req, _res, c) => {
    const p = staffOnly(c)
    if ('kind' in p) return p
    const id = String(req.params['id'])
    const view = s.read.application(id)
    if (view === undefined || !canReadAudit(p, view.status.providerId)) return failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang))
    const read = await s.store.readStream(applicationStream(id))
    if (E.isLeft(read)) return failure(c, 404, 'notFoundTitle', tr('notFoundText', c.lang))
    const t = buildTimeline({ applicationId: id, streamId: applicationStream(id), matchedBy: 'application_id' }, read.right as readonly RecordedEvent[], c.lang)
    return show(`${tr('timeline', c.lang)}: ${t.requestNumber ?? id}`, html`
<p class="${t.chainIntact ? 'note' : 'error'}" role="status">${tr('chain', c.lang)}: <span class="badge ${t.chainIntact ? 'ok' : 'bad'}">${t.chainIntact ? tr('chainIntact', c.lang) : tr('chainBroken', c.lang)}</span>
 (${t.events.length})</p>
<ol class="timeline">${t.events.map((e) => html`<li><article aria-labelledby="ev-${e.revision}">
<h2 id="ev-${e.revision}">${e.text ?? e.type}</h2>
<dl class="fields">
<dt>${tr('when', c.lang)}</dt><dd>${e.validTime === undefined ? '—' : html`<time datetime="${e.validTime}">${localDateTime(e.validTime)}</time>`} (${tr('recorded', c.lang)} <time datetime="${e.storedAt}">${localDateTime(e.storedAt)}</time>)</dd>
<dt>${tr('who', c.lang)}</dt><dd>${e.actor === undefined ? '—' : html`${e.actor.id} · ${roleText(e.actor.role, c)}`}${e.onBehalfOf === undefined ? '' : html` · ${tr('onBehalfOf', c.lang)} ${e.onBehalfOf.iin} (${e.onBehalfOf.powerOfAttorney})`}</dd>
<dt>${tr('channel', c.lang)}</dt><dd>${e.actor === undefined ? '—' : channelText(e.actor.channel, c)}</dd>
<dt>${tr('rule', c.lang)}</dt><dd>${e.ruleVersion ?? '—'}</dd>
<dt>${tr('signedBy', c.lang)}</dt><dd>${signatureText(e.signature, c)}</dd>
<dt>${tr('chain', c.lang)}</dt><dd>${e.chainLink.ok ? tr('linkOk', c.lang) : html`<span class="badge bad">${tr('linkBroken', c.lang)}</span> ${e.chainLink.kind}: ${e.chainLink.detail}`} <span class="mono">${e.hash.slice(0, 16)}…</span></dd>
</dl></article></li>`)}</ol>`, [{ label: tr('staffApplications', c.lang), href: '/staff' }])
  }))
  return r
}

const roleText = (role: string, c: PageContext): string => {
  const key = `role_${role}`
  return key in texts ? tr(key as TextKey, c.lang) : role
}

const channelText = (channel: string, c: PageContext): string =>
  channel === 'portal' || channel === 'provider_desk' || channel === 'service_centre' ? message(`channel.${channel}`, c.lang) : channel

const signatureText = (sig: ReturnType<typeof buildTimeline>['events'][number]['signature'], c: PageContext): Html | string => {
  if (sig === undefined) return tr('signatureNone', c.lang)
  switch (sig.kind) {
    case 'recorded_valid': return html`${sig.commonName} (${tr('iin', c.lang)} ${sig.iin}), ${sig.algorithm}, № ${sig.certificateSerial}`
    case 'recorded_invalid': return html`<span class="badge bad">✗</span> ${sig.failure}: ${sig.detail}`
    default: return html`${sig.kind}`
  }
}
