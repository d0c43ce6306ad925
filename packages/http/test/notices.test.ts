/**
 * Notices over HTTP on PGlite: each status change of a citizen's application reaches the notice channels (an
 * in-memory one here, standing for SMS, e-mail or push) and the citizen's feed, in the service's own words.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomUUID } from 'node:crypto'
import { createCommandHandler, openMemoryStore, openPgliteStore, type EventStore } from '@kezek/adapters'
import { memoryNoticeChannel, silentLogger, type MemoryNoticeChannel } from '../src/index.js'
import { startNoticeDispatch } from '../src/notices/dispatch.js'
import { call, IIN, PROVIDER, serviceToday, signedRequest, startServer, tokens, type Running } from './harness.js'

const s = suite<{ r: Running; store: EventStore; channel: MemoryNoticeChannel }>('notices')
s.before(async (ctx) => {
  ctx.store = await openPgliteStore()
  ctx.channel = memoryNoticeChannel('sms')
  ctx.r = await startServer(ctx.store, { noticeChannels: [ctx.channel] })
})
s.after(async (ctx) => {
  await ctx.r.stop()
  await ctx.store.close()
})

s('registered, checked, queued: a notice for each, the last one saying the result is ready; the feed lists them newest first', async ({ r, channel }) => {
  const filed = await call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await signedRequest((p) => p.citizen) })
  assert.is(filed.status, 201, filed.text)
  const id = filed.body.applicationId as string
  const number = filed.body.requestNumber as string
  const registered = await channel.waitFor((n) => n.applicationId === id && n.status === 'registered')
  assert.is(registered.kind, 'status_changed')
  assert.is(registered.recipientIin, IIN.citizen)
  assert.ok(registered.text.ru.startsWith(`Статус заявления № ${number} на услугу «Постановка на учет`), registered.text.ru)
  assert.ok(registered.text.kk.includes('мәртебесі өзгерді'), registered.text.kk)
  assert.is((await call(r.url, 'POST', `/v1/applications/${id}/document-check`, { token: tokens.officer, json: { conforming: true } })).status, 200)
  const queued = await call(r.url, 'POST', `/v1/applications/${id}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: serviceToday() } })
  assert.is(queued.status, 200, queued.text)
  const ready = await channel.waitFor((n) => n.applicationId === id && n.status === 'queued')
  assert.is(ready.kind, 'result_ready')
  assert.match(ready.text.ru, /готов \(Поставлен на учет\)/)
  const mine = channel.delivered.filter((n) => n.applicationId === id)
  assert.equal(mine.map((n) => n.status), ['registered', 'documents_checked', 'queued'], 'one notice per status change, none twice')

  const feed = await call(r.url, 'GET', '/v1/me/notices', { token: tokens.citizen, headers: { 'accept-language': 'kk' } })
  assert.is(feed.status, 200, feed.text)
  const items = (feed.body.items as { applicationId: string; status: string; text: string; id: string }[]).filter((i) => i.applicationId === id)
  assert.equal(items.map((i) => i.status), ['queued', 'documents_checked', 'registered'])
  assert.equal(items.map((i) => i.id), [...mine].reverse().map((n) => n.id), 'the feed and the channel speak of the same notices')
  assert.match(items[0]?.text ?? '', /нәтижесі дайын/)
  const other = await call(r.url, 'GET', '/v1/me/notices', { token: tokens.otherCitizen })
  assert.ok(!(other.body.items as { applicationId: string }[]).some((i) => i.applicationId === id), 'nobody else’s feed shows it')
  const staff = await call(r.url, 'GET', '/v1/me/notices', { token: tokens.officer })
  assert.is(staff.status, 403)
})

s.run()

const dispatch = suite('notice dispatch')

dispatch('follows streams and revisions only: it asks for no event’s data (a decrypting store leaves it sealed)', async () => {
  const store = openMemoryStore()
  let answered: (needed: boolean | undefined) => void = () => undefined
  const asked = new Promise<boolean | undefined>((resolve) => { answered = resolve })
  const asking: EventStore = { ...store, subscribe: (o) => store.subscribe({ ...o, onEvent: (r) => { answered(o.needsData?.(r)); return o.onEvent(r) } }) }
  const handler = createCommandHandler({ store, clock: () => new Date(), newId: randomUUID, ruleVersion: () => 'housing-queue/test@1' })
  const notices = startNoticeDispatch(asking, handler, [memoryNoticeChannel('sms')], silentLogger)
  await notices.started
  const filed = await handler.handle('d1', [
    { type: 'authorize', commandId: 'd1.a', applicationId: 'd1', at: new Date().toISOString(), serviceId: 'housing-queue', providerId: PROVIDER, channel: 'portal', applicantIin: IIN.citizen, outcome: 'granted' },
  ], { actor: { id: IIN.citizen, role: 'citizen', channel: 'portal' }, correlationId: 'c' })
  assert.ok(filed._tag === 'Right')
  assert.is(await asked, false)
  await notices.stop()
  await store.close()
})

dispatch.run()
