/**
 * The pages over real HTTP (no browser): security headers and cookies, CSRF, language choice, what the public may
 * see, who may open a status screen, hostile query strings; and the figures behind the charts and the estimate
 * checked against the waiting list they come from.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { listId, type WaitingList } from '@kezek/domain'
import { applicationStream } from '@kezek/adapters'
import { estimateWait } from '../src/pages/estimate.js'
import { html } from '../src/pages/html.js'
import { positionHistory } from '../src/pages/position-history.js'
import { boundaryAtOrAfter, endOfLocalDay, quarterOf, quarterStart, yearOf } from '../src/pages/quarters.js'
import { PROVIDER } from './harness.js'
import { startPagesFixture, type PagesFixture } from './pages-fixture.js'

const test = suite<{ f?: PagesFixture }>('pages over HTTP')

test.before(async (ctx) => {
  ctx.f = await startPagesFixture(1500, {
    demoUsers: () => [{ key: 'officer', label: { ru: 'Сотрудник', kk: 'Қызметкер', en: 'Officer' }, token: '' }],
  })
})
test.after(async ({ f }) => { await f?.running.stop() })

const get = (f: PagesFixture, path: string, headers: Record<string, string> = {}) =>
  fetch(f.running.url + path, { headers, redirect: 'manual' })

const cookiesOf = (r: Response): string[] => r.headers.getSetCookie()

/** A CSRF cookie and field, as a browser gets them from a form page. */
const csrfFrom = async (f: PagesFixture): Promise<{ cookie: string; token: string }> => {
  const r = await get(f, '/sign-in')
  const set = cookiesOf(r).find((c) => c.startsWith('kezek_csrf='))!
  const token = /name="csrf" value="([^"]+)"/.exec(await r.text())![1]!
  return { cookie: set.split(';')[0]!, token }
}

const signIn = async (f: PagesFixture, bearer: string): Promise<string> => {
  const { cookie, token } = await csrfFrom(f)
  const r = await fetch(f.running.url + '/sign-in', {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf: token, token: bearer }).toString(),
  })
  assert.is(r.status, 303)
  const session = cookiesOf(r).find((c) => c.startsWith('kezek_session='))!
  return `${cookie}; ${session.split(';')[0]}`
}

test('public pages: strict CSP, no script, html lang, and not one IIN', async ({ f }) => {
  for (const path of ['/', `/providers/${PROVIDER}`, `/providers/${PROVIDER}/lists/${f!.waiting.category}`, `/providers/${PROVIDER}/lists/${f!.waiting.category}/movement?position=5`]) {
    const r = await get(f!, path)
    assert.is(r.status, 200, path)
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/)
    assert.not.match(r.headers.get('content-security-policy') ?? '', /unsafe-inline/)
    const body = await r.text()
    assert.not.match(body, /<script/i, `${path} has a script`)
    assert.not.match(body, /\bstyle=/i, `${path} has an inline style`)
    assert.not.match(body, /\b\d{12}\b/, `${path} shows an IIN`)
    assert.match(body, /<html lang="ru">/)
  }
})

test('language: ?lang= switches and is remembered in a cookie; Accept-Language is the fallback', async ({ f }) => {
  const r = await get(f!, '/?lang=kk')
  assert.match(await r.text(), /<html lang="kk">/)
  const remembered = cookiesOf(r).find((c) => c.startsWith('kezek_lang=kk'))
  assert.ok(remembered)
  assert.match(await (await get(f!, '/', { cookie: 'kezek_lang=kk' })).text(), /<html lang="kk">/)
  assert.match(await (await get(f!, '/', { 'accept-language': 'en-GB,en;q=0.9' })).text(), /<html lang="en">/)
})

test('sign-in: refused without the CSRF token or from another origin; the session cookie is HttpOnly and SameSite', async ({ f }) => {
  const form = (body: Record<string, string>, headers: Record<string, string>) => fetch(f!.running.url + '/sign-in', {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body).toString(),
  })
  assert.is((await form({ token: f!.waiting.token }, {})).status, 403)
  const { cookie, token } = await csrfFrom(f!)
  assert.is((await form({ csrf: token, token: f!.waiting.token }, { cookie, origin: 'https://evil.example' })).status, 403)
  assert.is((await form({ csrf: 'x'.repeat(43), token: f!.waiting.token }, { cookie })).status, 403)
  const bad = await form({ csrf: token, token: 'not-a-token' }, { cookie })
  assert.is(bad.status, 401)
  assert.equal(cookiesOf(bad).filter((c) => c.startsWith('kezek_session=')), [])
  const ok = await form({ csrf: token, token: f!.waiting.token }, { cookie })
  assert.is(ok.status, 303)
  assert.is(ok.headers.get('location'), '/me')
  const session = cookiesOf(ok).find((c) => c.startsWith('kezek_session='))!
  assert.match(session, /HttpOnly/)
  assert.match(session, /SameSite=Lax/)
  assert.not.match(session, /Secure/, 'not over plain HTTP')
})

test('citizen pages: signed out goes to sign-in; another citizen’s application reads as missing', async ({ f }) => {
  const out = await get(f!, `/me/applications/${f!.waiting.applicationId}`)
  assert.is(out.status, 303)
  assert.match(out.headers.get('location') ?? '', /^\/sign-in/)
  const mine = await signIn(f!, f!.waiting.token)
  const r = await get(f!, `/me/applications/${f!.waiting.applicationId}`, { cookie: mine })
  assert.is(r.status, 200)
  assert.is(r.headers.get('cache-control'), 'no-store')
  const body = await r.text()
  assert.match(body, /••••••••\d{4}/)
  assert.match(body, new RegExp(f!.waiting.requestNumber))
  const other = await signIn(f!, f!.tokens.otherCitizen)
  assert.is((await get(f!, `/me/applications/${f!.waiting.applicationId}`, { cookie: other })).status, 404)
  assert.is((await get(f!, '/staff', { cookie: other })).status, 403)
})

test('the questionnaire on the status screen: a form with the CSRF token, answered once through the domain command', async ({ f }) => {
  const id = f!.waiting.applicationId
  const screen = `/me/applications/${id}`
  const mine = await signIn(f!, f!.waiting.token)
  const before = await (await get(f!, `${screen}?lang=kk`, { cookie: mine })).text()
  assert.match(before, /<form method="post" action="\/me\/applications\/[^"]+\/questionnaire"/)
  assert.match(before, /name="quality" value="3"/)
  assert.match(before, /қанағаттандым/, 'answers in Kazakh')
  const token = /name="csrf" value="([^"]+)"/.exec(before)![1]!
  const post = (cookie: string, fields: Record<string, string>, extra: Record<string, string> = {}) => fetch(f!.running.url + `${screen}/questionnaire?lang=kk`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...extra },
    body: new URLSearchParams(fields).toString(),
  })
  // Without the token, with a foreign origin, with a field the form does not have, with an answer out of range: refused, nothing written.
  const revision = f!.running.app.readModels.application(id)!.revision
  assert.is((await post(mine, { quality: '3', information: '2' })).status, 403)
  assert.is((await post(mine, { csrf: token, quality: '3', information: '2' }, { origin: 'https://evil.example' })).status, 403)
  assert.is((await post(mine, { csrf: token, quality: '3', information: '2', type: 'allocate_housing' })).status, 422)
  assert.is((await post(mine, { csrf: token, quality: '4', information: '2' })).status, 422)
  assert.is((await post(`${mine.split('; ')[0]}`, { csrf: token, quality: '3', information: '2' })).status, 303, 'signed out: to the sign-in page')
  const other = await signIn(f!, f!.tokens.otherCitizen)
  assert.is((await post(other, { csrf: /kezek_csrf=([^;]+)/.exec(other)![1]!, quality: '1', information: '1' })).status, 404, 'another citizen’s application reads as missing')
  assert.is(f!.running.app.readModels.application(id)!.revision, revision)
  const ok = await post(mine, { csrf: token, quality: '3', information: '2' })
  assert.is(ok.status, 303)
  assert.is(ok.headers.get('location'), `${screen}#questionnaire`)
  const events = await f!.store.readStream(applicationStream(id))
  const answered = events._tag === 'Right' ? events.right.map((r) => r.data as { type: string; quality?: number; information?: number }).filter((e) => e.type === 'questionnaire_answered') : []
  assert.equal(answered.map((e) => [e.quality, e.information]), [[3, 2]])
  assert.match(await (await get(f!, `${screen}?lang=kk`, { cookie: mine })).text(), /сауалнамаға жауаптарыңыз қабылданды/)
  const again = await post(mine, { csrf: token, quality: '1', information: '1' })
  assert.is(again.status, 409, 'answered once: the decider refuses a second time')
  assert.match(await again.text(), /role="alert"/)
})

test('staff pages: the timeline is for staff of the provider; a citizen gets 403', async ({ f }) => {
  const officer = await signIn(f!, f!.tokens.officer)
  const r = await get(f!, `/staff/applications/${f!.waiting.applicationId}`, { cookie: officer })
  assert.is(r.status, 200)
  assert.match(await r.text(), /цела: журнал не изменялся/)
  const foreign = await signIn(f!, f!.tokens.foreignOfficer)
  assert.is((await get(f!, `/staff/applications/${f!.waiting.applicationId}`, { cookie: foreign })).status, 404)
  const citizen = await signIn(f!, f!.waiting.token)
  assert.is((await get(f!, `/staff/applications/${f!.waiting.applicationId}`, { cookie: citizen })).status, 403)
})

test('demo mode only: /demo lists the demo users when the app is given some', async ({ f }) => {
  const r = await get(f!, '/demo?lang=en')
  assert.is(r.status, 200)
  assert.match(await r.text(), /Officer/)
})

test('hostile query strings are a 400 page, never echoed as markup', async ({ f }) => {
  const bad = [
    `/providers/${PROVIDER}/search?number=%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
    `/providers/${PROVIDER}/lists/${f!.waiting.category}?page=abc`,
    `/providers/${PROVIDER}/lists/${f!.waiting.category}?asOf=2020-02-31`,
    `/providers/${PROVIDER}/lists/${f!.waiting.category}/movement?position=-3`,
  ]
  for (const path of bad) {
    const r = await get(f!, path)
    assert.is(r.status, 400, path)
    assert.not.match(await r.text(), /<script>alert/)
  }
  assert.is((await get(f!, '/providers/nowhere')).status, 404)
  assert.is((await get(f!, `/providers/${PROVIDER}/lists/not_a_list`)).status, 404)
  assert.is(html`<b>${'<i>&"'}</b>`.__html, '<b>&lt;i&gt;&amp;&quot;</b>')
})

test('mounted under a path (server.use(\'/housing\', app)), the pages link and redirect under it', async ({ f }) => {
  const outer = express().use('/housing', f!.running.app)
  const server = await new Promise<Server>((resolve) => { const s = outer.listen(0, '127.0.0.1', () => resolve(s)) })
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/housing`
    const body = await (await fetch(`${base}/providers/${PROVIDER}`)).text()
    assert.match(body, new RegExp(`href="/housing/providers/${PROVIDER}/lists/`))
    assert.match(body, /href="\/housing\/assets\/kezek\.css"/)
    assert.match(body, /href="\/housing\/providers\/[^"]+\?lang=kk"/, 'the language switch stays under the mount path')
    assert.not.match(body, /(href|action)="\/(?!housing\/)/, 'no link leaves the mount path')
    const me = await fetch(`${base}/me`, { redirect: 'manual' })
    assert.match(me.headers.get('location') ?? '', /^\/housing\/sign-in/)
  } finally {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  }
})

test('search by request number finds the entry and its place', async ({ f }) => {
  const r = await get(f!, `/providers/${PROVIDER}/search?number=${f!.waiting.requestNumber}&lang=en`)
  const place = f!.running.app.readModels.waitingList.position(f!.waiting.applicationId)!
  assert.match(await r.text(), new RegExp(`Position <strong>${place.position}</strong> of ${place.of}`))
})

/** The movement figures recounted from scratch, one pass over the records: what the incremental read model must equal. */
const recount = (list: WaitingList, nowMs: number) => {
  const out = new Map<string, { quarters: { quarter: number; added: number; housed: number; removed: number; lengthAtEnd: number }[]; housedByYear: Map<number, number> }>()
  const ids = new Set([...list.records().values()].map((r) => listId(r.entry.list)))
  for (const id of ids) {
    const records = [...list.records().values()].filter((r) => listId(r.entry.list) === id && r.intervals.length >= 2)
    const firstQ = quarterOf(Math.min(...records.map((r) => r.intervals[0]!)))
    const quarters = []
    for (let q = firstQ; q <= quarterOf(nowMs); q += 1) {
      const ends = (status: string) => records.filter((r) => r.status === status && quarterOf(r.intervals.at(-1)!) === q).length
      // Active at the end of the quarter: counted from the boundary at or after each interval's start, until the one at or after its end.
      const lengthAtEnd = records.filter((r) => r.intervals.some((from, i) => i % 2 === 0 && boundaryAtOrAfter(from) <= q + 1 &&
        (r.intervals[i + 1] === Infinity || boundaryAtOrAfter(r.intervals[i + 1]!) > q + 1))).length
      quarters.push({ quarter: q, added: records.filter((r) => quarterOf(r.intervals[0]!) === q).length, housed: ends('housed'), removed: ends('removed'), lengthAtEnd })
    }
    const housedByYear = new Map<number, number>()
    for (const r of records) if (r.status === 'housed') housedByYear.set(yearOf(r.intervals.at(-1)!), (housedByYear.get(yearOf(r.intervals.at(-1)!)) ?? 0) + 1)
    out.set(id, { quarters, housedByYear })
  }
  return out
}

test('movement figures, kept event by event, equal a recount from the records; housed counted once, the last length is the list size', ({ f }) => {
  const list = f!.running.app.readModels.waitingList
  const now = Date.now()
  const expected = recount(list, now)
  assert.ok(expected.size > 0)
  for (const [id, want] of expected) {
    const m = f!.running.app.readModels.movement.of(id, now)!
    assert.equal(m.quarters, want.quarters, id)
    assert.equal([...m.housedByYear].sort(), [...want.housedByYear].sort(), id)
  }
  for (const id of expected.keys()) {
    const m = f!.running.app.readModels.movement.of(id, now)!
    const housed = [...list.records().values()].filter((r) => listId(r.entry.list) === id && r.status === 'housed').length
    assert.is(m.quarters.reduce((a, q) => a + q.housed, 0), housed, id)
    assert.is(m.quarters.at(-1)!.lengthAtEnd, list.size(id), id)
    assert.is(m.quarters.at(-1)!.quarter, quarterOf(Date.now()))
    assert.ok(m.quarters.every((q) => q.lengthAtEnd >= 0))
  }
  const all = [...expected.values()].flatMap((m) => m.quarters)
  assert.ok(all.some((q) => q.housed > 0) && all.some((q) => q.removed > 0), 'the history houses and removes entries, so both paths are checked')
  const points = positionHistory(list, f!.waiting.applicationId, Date.now())
  assert.ok(points.length > 1)
  assert.is(points.at(-1)!.position, list.position(f!.waiting.applicationId)!.position)
})

test('the wait estimate: position over the yearly mean, range from the best and worst year, honest when there is no history', () => {
  const byYear = new Map([[2021, 5], [2022, 4], [2023, 7], [2024, 7], [2025, 2]])
  const e = estimateWait(25, byYear, 2015, 2026)
  assert.is(e.kind, 'estimate')
  if (e.kind !== 'estimate') return
  assert.is(e.meanPerYear, 5)
  assert.is(e.years, 5)
  assert.is(e.low, 25 / 7)
  assert.is(e.high, 25 / 2)
  assert.equal(e.yearsUsed.map((y) => y.year), [2021, 2022, 2023, 2024, 2025])
  const gap = estimateWait(10, new Map([[2024, 3]]), 2020, 2026)
  assert.is(gap.kind === 'estimate' ? gap.high : 'none', undefined, 'a year with nobody housed leaves no upper bound')
  assert.is(estimateWait(10, new Map(), 2020, 2026).kind, 'no-history')
  assert.equal(estimateWait(10, new Map([[2025, 4]]), 2025, 2026).yearsUsed, [{ year: 2025, housed: 4 }], 'no year before the list existed')
})

test('quarters are Kazakhstan time (UTC+05:00): the table lookup agrees with the calendar at every boundary', () => {
  const byDate = (ms: number) => { const d = new Date(ms + 5 * 3600e3); return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3) }
  for (let q = 1990 * 4; q < 2100 * 4; q += 1) {
    assert.is(quarterOf(quarterStart(q)), q)
    assert.is(quarterOf(quarterStart(q) - 1), q - 1)
  }
  for (let ms = Date.UTC(2000, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7 * 3600e3 + 123_457) assert.is(quarterOf(ms), byDate(ms))
  assert.is(yearOf(Date.UTC(2024, 11, 31, 19, 0)), 2025, 'midnight in Almaty is 19:00 UTC')
  assert.is(yearOf(Date.UTC(2024, 11, 31, 18, 59)), 2024)
  assert.is(quarterOf(Date.UTC(1800, 0, 1)), 1800 * 4, 'outside the table the calendar answers')
  assert.is(endOfLocalDay('2020-05-01'), '2020-05-01T18:59:59.999Z')
  assert.is(endOfLocalDay('2020-02-30'), undefined)
})

test.run()
