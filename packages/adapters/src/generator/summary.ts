/**
 * Counts over a generated history: what the CLI prints and what the tests compare with the profile.
 */
import type { ApplicationEvent } from '@kezek/domain'

export interface HistorySummary {
  events: number
  streams: number
  byType: Record<string, number>
  /** Channel of every authorized application. */
  channels: Record<string, number>
  /** Provider of every authorized application. */
  providers: Record<string, number>
  /** Category list of every queued entry. */
  categories: Record<string, number>
  rejections: Record<string, number>
  signatureFailures: Record<string, number>
  removalGrounds: Record<string, number>
  successionGrounds: Record<string, number>
  firstAt: string | undefined
  lastAt: string | undefined
}

const bump = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1
}

export const emptySummary = (): HistorySummary => ({
  events: 0,
  streams: 0,
  byType: {},
  channels: {},
  providers: {},
  categories: {},
  rejections: {},
  signatureFailures: {},
  removalGrounds: {},
  successionGrounds: {},
  firstAt: undefined,
  lastAt: undefined,
})

/** Adds one event; `firstOfStream` counts streams without keeping their ids. */
export const count = (s: HistorySummary, e: ApplicationEvent, firstOfStream: boolean): void => {
  s.events++
  if (firstOfStream) s.streams++
  bump(s.byType, e.type)
  if (s.firstAt === undefined || e.at < s.firstAt) s.firstAt = e.at
  if (s.lastAt === undefined || e.at > s.lastAt) s.lastAt = e.at
  switch (e.type) {
    case 'authorized':
      bump(s.channels, e.channel)
      bump(s.providers, e.providerId)
      return
    case 'queued':
      bump(s.categories, e.list.category)
      return
    case 'rejected':
      bump(s.rejections, e.reason.code)
      if (e.reason.code === 'signature_not_confirmed') bump(s.signatureFailures, e.reason.failure)
      return
    case 'removed':
      bump(s.removalGrounds, e.ground)
      return
    case 'position_kept_by_family':
      bump(s.successionGrounds, e.ground)
      return
    default:
      return
  }
}

/** Shares of a count table, for comparing with a profile's weights. */
export const shares = (m: Readonly<Record<string, number>>): Record<string, number> => {
  const total = Object.values(m).reduce((a, b) => a + b, 0)
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, total === 0 ? 0 : v / total]))
}
