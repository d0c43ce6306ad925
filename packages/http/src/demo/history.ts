/**
 * The demo's background: ten years of a region's applications from the seeded generator (every history decided
 * by the real decider, wrapped in the application service's envelopes), for the configured providers.
 *
 * Ten years, and ending shortly before `endsBefore` (the demo passes now): the generated history is placed so its
 * last quarters are the ones just gone, so the movement charts and the wait estimate (the last five full years)
 * read real figures rather than an empty tail. Decisions that would fall after `endsBefore` are left out.
 *
 * Loading: one append per decision is the store's ordinary path and costs a transaction each — tens of seconds for
 * the demo's eight thousand events on the embedded store. A SQL store takes the whole history in ONE bulk transaction
 * instead (store/sql/bulk.ts: the same checks and hash chain as `append`), and when personal data is encrypted each
 * decision is sealed first exactly as the encrypting store's `append` seals it, with its keys created in that same
 * transaction — nothing personal reaches the store in clear on either path.
 */
import * as E from 'fp-ts/lib/Either.js'
import { appendDecisions, generateDecisions, realisticProfile, toAppend, type GeneratedDecision } from '@kezek/adapters/generator'
import type { EventStore, Json, ProtectedStore, SqlEventStore } from '@kezek/adapters'
import type { ProviderConfig } from '../http/services.js'

/** How long the generated history runs, about: its arrivals are paced over ten years. */
const SPAN_MS = 10 * 365.25 * 24 * 3600 * 1000

export interface DemoHistoryOptions {
  readonly seed: number
  readonly events: number
  /** Place the history so it ends shortly before this instant (and drop anything after it). */
  readonly endsBefore?: Date
  /** Share of a list's active entries housed per year (the realistic profile's by default). */
  readonly housingPerYear?: number
  /** The store's SQL form and its encryption, for the bulk path; without them, one append per decision. */
  readonly bulk?: { readonly sql: SqlEventStore; readonly personal?: ProtectedStore }
}

/**
 * What `pnpm start` loads on a first start: ten years of one region, 8,000 events (about 1,100 applications), 12 % of
 * each list's active entries housed per year — the realistic profile's 5 % houses one or two entries a quarter in a
 * region this small, too few for a chart to say anything. With this, entries housed per year climb from a handful to
 * about fifty as the lists grow, and the lists' lengths rise and level off: trends the charts show.
 */
export const DEMO_HISTORY = { seed: 2012, events: 8_000, housingPerYear: 0.12 } as const

export const demoDecisions = (providers: readonly ProviderConfig[], o: DemoHistoryOptions): Iterable<GeneratedDecision> => {
  const profile = {
    ...realisticProfile,
    ...(o.endsBefore === undefined ? {} : { startsAt: new Date(o.endsBefore.getTime() - SPAN_MS).toISOString() }),
    afterQueue: { ...realisticProfile.afterQueue, housingPerYear: o.housingPerYear ?? realisticProfile.afterQueue.housingPerYear },
    providers: providers.map((p, i) => ({
      id: p.id,
      weight: 1 / (i + 1),
      ruleVersion: p.definition.ruleVersion,
      decisionMinutes: 20 * 24 * 60,
    })),
  }
  const all = generateDecisions({ seed: o.seed, events: o.events, profile })
  const until = o.endsBefore?.toISOString()
  if (until === undefined) return all
  // Stop at the first decision with anything after the end: what follows in the sequence may continue its streams.
  return (function* () {
    for (const d of all) {
      if (d.records.some((r) => r.envelope.recordedAt > until)) return
      yield d
    }
  })()
}

/** Every decision in one bulk transaction of the SQL store, sealed first when personal data is encrypted. */
const loadInBulk = async (
  bulk: NonNullable<DemoHistoryOptions['bulk']>, decisions: Iterable<GeneratedDecision>,
): Promise<{ readonly decisions: number; readonly events: number; readonly last: string | undefined }> => {
  let n = 0
  let events = 0
  const done = await bulk.sql.bulk(async (w) => {
    // A stream's later decisions are sealed under its applicant's key: the applicant as stored (sealed) in its
    // `authorized` event, which this same load wrote.
    const applicants = new Map<string, Json | undefined>()
    const sealer = bulk.personal?.sealerIn(w.tx, async (streamId) => applicants.get(streamId))
    for (const d of decisions) {
      const a = toAppend(d)
      const sealed = sealer === undefined ? E.right(a.events) : await sealer.sealEvents(a.streamId, a.events)
      if (E.isLeft(sealed)) throw new Error(`demo history could not be sealed: ${sealed.left.kind}`)
      const first = sealed.right[0]
      if (first?.type === 'authorized') applicants.set(a.streamId, (first.data as { applicantIin?: Json }).applicantIin)
      const written = await w.append(a.streamId, sealed.right, a.options.expected)
      if (E.isLeft(written)) throw new Error(`demo history could not be appended: ${written.left.kind}`)
      n += 1
      events += d.records.length
    }
  })
  return { decisions: n, events, last: done.last }
}

export const loadDemoHistory = async (
  store: EventStore,
  providers: readonly ProviderConfig[],
  options: DemoHistoryOptions,
): Promise<{ readonly decisions: number; readonly events: number }> => {
  const decisions = demoDecisions(providers, options)
  if (options.bulk !== undefined) return loadInBulk(options.bulk, decisions)
  const loaded = await appendDecisions(store, decisions)
  if (E.isLeft(loaded)) throw new Error(`demo history could not be appended: ${loaded.left.kind}`)
  return loaded.right
}
