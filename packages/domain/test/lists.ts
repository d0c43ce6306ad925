/** A seeded generator of queue-relevant histories for the waiting-list properties. */
import type { ApplicationEvent } from '../src/application/events.js'
import type { Category } from '../src/application/category.js'

export const mulberry32 = (seed: number) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const IINS = ['871008401427', '760212350620', '800416300257', '680503450037', '800416100254', '680503250034']
const CATEGORIES: Category[] = ['war_veterans', 'orphans', 'socially_vulnerable', 'state_employees', 'emergency_dwelling']
const PROVIDERS = ['almaty/zhkh', 'atyrau/zhkh']
const iso = (ms: number) => new Date(ms).toISOString()

/** Per-application streams: queued, then maybe data changes, succession, removal, restoration or housing. */
export const streams = (count: number, seed: number): ApplicationEvent[][] => {
  const rnd = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const out: ApplicationEvent[][] = []
  const start = Date.parse('2013-01-01T00:00:00Z')
  for (let i = 0; i < count; i++) {
    const applicationId = `app-${String(i).padStart(6, '0')}`
    // few distinct filing minutes, so ties on filing time are common and the tie-breaker matters
    const filed = start + Math.floor(rnd() * 2000) * 3_600_000
    let at = filed + 86_400_000 * (1 + Math.floor(rnd() * 30))
    let n = 0
    const base = () => ({ schema: 1 as const, applicationId, commandId: `${applicationId}-${n++}`, at: iso((at += 86_400_000 * (1 + Math.floor(rnd() * 400)))) })
    const s: ApplicationEvent[] = [{
      ...base(), type: 'queued',
      list: { providerId: pick(PROVIDERS), category: pick(CATEGORIES) },
      applicantIin: pick(IINS), familySize: 1 + Math.floor(rnd() * 6), filedAt: iso(filed),
      requestNumber: String(1 + Math.floor(rnd() * 5000)), commissionDecisionDate: iso(at).slice(0, 10),
      queueNumberAtRegistration: 1 + Math.floor(rnd() * 100),
    } as ApplicationEvent]
    const r = rnd()
    if (r < 0.15) s.push({ ...base(), type: 'data_changed', familySize: 3, note: 'birth' } as ApplicationEvent)
    if (r < 0.05) s.push({ ...base(), type: 'position_kept_by_family', ground: 'applicant_died', successorIin: pick(IINS) } as ApplicationEvent)
    const fate = rnd()
    if (fate < 0.2) s.push({ ...base(), type: 'removed', ground: 'acquired_housing', decisionRef: 'r', decidedOn: '2020-01-01' } as ApplicationEvent)
    if (fate < 0.07) s.push({ ...base(), type: 'restored', appealRef: 'a', decidedOn: '2020-02-01' } as ApplicationEvent)
    else if (fate > 0.8) s.push({ ...base(), type: 'housing_allocated', dwellingRef: 'd', decisionRef: 'h', decidedOn: '2021-01-01' } as ApplicationEvent)
    out.push(s)
  }
  return out
}

/** Interleaves streams in a seeded random order, keeping each stream's own order. */
export const interleave = (ss: readonly ApplicationEvent[][], seed: number): ApplicationEvent[] => {
  const rnd = mulberry32(seed)
  const cursors = ss.map(() => 0)
  const live = ss.map((_, i) => i).filter((i) => ss[i]!.length > 0)
  const out: ApplicationEvent[] = []
  while (live.length > 0) {
    const k = Math.floor(rnd() * live.length)
    const i = live[k]!
    out.push(ss[i]![cursors[i]!]!)
    cursors[i]! += 1
    if (cursors[i] === ss[i]!.length) live.splice(k, 1)
  }
  return out
}
