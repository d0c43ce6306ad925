/**
 * A served history for the page tests: ten years of a region from the seeded generator (the same as the demo) in
 * a memory store, the test server around it, and a citizen from that history who has waited on a list for years.
 */
import { openMemoryStore, type EventStore } from '@kezek/adapters'
import type { AppOptions, TokenClaims } from '../src/index.js'
import { loadDemoHistory } from '../src/demo/history.js'
import { PROVIDER, startServer, token, tokens, type Running } from './harness.js'
import { housingQueueAlmaty2012, kazakhstanNational } from '@kezek/domain'

export interface PagesFixture {
  readonly running: Running
  readonly store: EventStore
  /** A queued application from the history, its holder's token, and one of the provider's applications. */
  readonly waiting: { readonly applicationId: string; readonly requestNumber: string; readonly category: string; readonly token: string }
  readonly tokens: typeof tokens
}

export const startPagesFixture = async (events = 3000, pages?: AppOptions['pages']): Promise<PagesFixture> => {
  const store = openMemoryStore()
  const providers = [{ id: PROVIDER, name: 'Алматы: отдел жилья', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() }]
  await loadDemoHistory(store, providers, { seed: 2012, events })
  const running = await startServer(store, { providers, ...(pages === undefined ? {} : { pages }) })
  const head = await store.headPosition()
  if (head !== undefined) await running.app.readModels.reached(head)
  const list = running.app.readModels.waitingList
  // The longest-waiting active entry still some way down its list: its position has moved over the years. One
  // whose holder has not answered the questionnaire yet, so the status screen offers it.
  let pick: { id: string; at: number } | undefined
  for (const [id, r] of list.records()) {
    if (r.status !== 'active') continue
    if (running.app.readModels.application(id)?.facts.some((x) => x.type === 'questionnaire_answered') !== false) continue
    const p = list.position(id)
    if (p === undefined || p.position < 3) continue
    const at = r.intervals[0] as number
    if (pick === undefined || at < pick.at) pick = { id, at }
  }
  if (pick === undefined) throw new Error('the generated history has no waiting entry')
  const r = list.record(pick.id)!
  return {
    running,
    store,
    tokens,
    waiting: {
      applicationId: pick.id,
      requestNumber: r.entry.requestNumber,
      category: r.entry.list.category,
      token: token({ role: 'citizen', sub: 'history-citizen', iin: r.entry.holderIin } as TokenClaims),
    },
  }
}
