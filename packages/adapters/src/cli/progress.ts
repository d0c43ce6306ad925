/**
 * Progress on stderr: a redrawn bar with events/s when stderr is a terminal, plain lines (at most one every few
 * seconds, and one at the end) when it is a pipe or a log file, so CI logs stay readable.
 */
import type { CliIo } from './io.js'
import { quoteIdent } from '../store/sql/schema.js'
import type { OpenedStore } from './open-store.js'

export interface Progress {
  /** Count `n` more events. */
  readonly tick: (n?: number) => void
  /** End the bar; prints the final line. */
  readonly finish: (note?: string) => void
}

const group = (n: number): string => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ')

/** 75 s → "1m 15s": what is left, to the second. */
const duration = (seconds: number): string => {
  const s = Math.ceil(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`
}

const TTY_EVERY_MS = 100
const PLAIN_EVERY_MS = 5_000

export const progress = (io: CliIo, label: string, total?: number): Progress => {
  const started = io.clock()
  let count = 0
  let drawn = started
  let printed = started
  const rate = (now: number): number => (now - started > 0 ? (count * 1000) / (now - started) : 0)

  const line = (now: number): string => {
    const speed = `${group(rate(now))} events/s`
    if (total === undefined || total <= 0) return `${label}: ${group(count)} events · ${speed}`
    const share = Math.min(1, count / total)
    const width = Math.max(10, Math.min(30, io.err.columns - 60))
    const filled = Math.round(share * width)
    const r = rate(now)
    const eta = r > 0 && count < total ? ` · ETA ${duration((total - count) / r)}` : ''
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${group(count)}/${group(total)} events · ${speed}${eta}`
  }

  return {
    tick: (n = 1) => {
      count += n
      const now = io.clock()
      if (io.err.isTTY) {
        if (now - drawn >= TTY_EVERY_MS) {
          drawn = now
          io.err.write(`\r${line(now)}\x1b[K`)
        }
      } else if (now - printed >= PLAIN_EVERY_MS) {
        printed = now
        io.err.write(`${line(now)}\n`)
      }
    },
    finish: (note) => {
      const now = io.clock()
      const seconds = ((now - started) / 1000).toFixed(2)
      const end = `${label}: ${group(count)} events in ${seconds} s (${group(rate(now))} events/s)${note === undefined ? '' : ` — ${note}`}`
      io.err.write(io.err.isTTY ? `\r${end}\x1b[K\n` : `${end}\n`)
    },
  }
}

/** The number of events, when the store can tell cheaply (SQL stores); undefined otherwise. */
export const countEvents = async (opened: OpenedStore): Promise<number | undefined> => (await countEventsOf(opened, []))?.all

/** The number of events, and of those of these types, in one statement (SQL stores); undefined otherwise. */
export const countEventsOf = async (opened: OpenedStore, types: readonly string[]): Promise<{ readonly all: number; readonly ofTypes: number } | undefined> => {
  if (opened.sql === undefined) return undefined
  const [row] = await opened.sql.driver.query<{ n: string; t: string }>(
    `SELECT count(*)::text AS n, count(*) FILTER (WHERE type = ANY($1::text[]))::text AS t FROM ${quoteIdent(opened.sql.schema)}.events`,
    [types],
  )
  return row === undefined ? undefined : { all: Number(row.n), ofTypes: Number(row.t) }
}
