/**
 * Waiting-list benchmark (not a test). Three figures, each beside the limit it is compared with in the same run:
 *
 * 1. rebuild from NDJSON, decode included (read + JSON.parse + decodeEvent + fold), against a bare loop that only
 *    reads and `JSON.parse`s the same lines; also the same rebuild without `decodeEvent`, to show what validation
 *    costs (a diagnostic: the headline figure always validates);
 * 2. rebuild from events already decoded in memory, against a bare loop that puts each event in a `Map`;
 * 3. incremental apply of one event, position and page queries on one list of n active entries (10k vs 1M).
 *
 *   node --import tsx packages/domain/bench/waiting-list.bench.ts <history.ndjson> [--repeats=3] [--sizes=10000,1000000]
 *
 * The NDJSON is `{ streamId, event, envelope }` per line, as the generator in @kezek/adapters writes it.
 */
import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { StringDecoder } from 'node:string_decoder'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent, type ApplicationEvent, type EventOf } from '../src/application/events.js'
import type { Instant } from '../src/kernel/instant.js'
import { filingOrder } from '../src/queue/ordering-policy.js'
import { listId } from '../src/queue/waiting-entry.js'
import { rebuildWaitingList } from '../src/queue/waiting-list.js'

export interface Spread {
  readonly median: number
  readonly min: number
  readonly max: number
  readonly runs: number
}

export interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly memoryGiB: number
  readonly node: string
}

export interface NdjsonRebuild {
  /** Events per second: read + JSON.parse + decodeEvent + fold. */
  readonly kezek: Spread
  /** Events per second: read + JSON.parse only (the limit). */
  readonly bareParse: Spread
  /** Events per second without decodeEvent (diagnostic: what validation costs). */
  readonly withoutDecode: Spread
  /** Peak resident set and heap seen while the kezek rebuild ran (MiB), and the bare loop's peak RSS. */
  readonly peakRssMiB: number
  readonly peakHeapMiB: number
  readonly bareRssMiB: number
}

export interface DecodedRebuild {
  readonly kezek: Spread
  /** Events per second of a loop that only does `map.set(applicationId, event)` (the limit). */
  readonly bareMap: Spread
  /** True when every repeat serialized to the same bytes. */
  readonly deterministic: boolean
  readonly lists: number
  readonly activeEntries: number
}

export interface IncrementalRow {
  /** Active entries in the one list the operations run on. */
  readonly size: number
  /** µs per applied event (a removal or a restoration: one ordered-set change each). */
  readonly applyMicros: Spread
  readonly positionMicros: Spread
  /** µs per page of 50 at a random offset. */
  readonly pageMicros: Spread
  readonly buildMs: number
}

/** Position queries as of past instants on the list rebuilt from the whole history. */
export interface PastRow {
  readonly entries: number
  readonly lists: number
  /** The one index build per list, done by the first past query (ms). */
  readonly buildMs: number
  /** µs per query: a new past view at a random instant, and the position of an entry active then. */
  readonly queryMicros: Spread
  /** The limit: ms per query when the lists are rebuilt at the instant from the records (the former asOf). */
  readonly rebuildAtMs: Spread
  /** Every checked past position equals the one of the lists rebuilt at that instant. */
  readonly agree: boolean
}

export interface WaitingListBenchReport {
  readonly machine: Machine
  readonly events: number
  readonly bytes: number
  readonly ndjson: NdjsonRebuild
  readonly decoded: DecodedRebuild
  readonly incremental: readonly IncrementalRow[]
  readonly past: PastRow
}

export interface WaitingListBenchOptions {
  readonly ndjson: string
  /** Repeats of each timed run (the spread is over these). Default 3. */
  readonly repeats?: number
  /** List sizes for the incremental figures. Default [10_000, 1_000_000]. */
  readonly sizes?: readonly number[]
  /** Operations per timed batch of the incremental figures. Default 10_000. */
  readonly ops?: number
}

const gc: () => void = (() => {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
})()

export const spread = (values: readonly number[]): Spread => {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >>> 1
  const median = s.length === 0 ? 0 : s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
  return { median, min: s[0] ?? 0, max: s[s.length - 1] ?? 0, runs: s.length }
}

export const machine = (): Machine => {
  const c = cpus()
  return { cpu: c[0]?.model.trim() ?? 'unknown', cores: c.length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version }
}

const MiB = 2 ** 20

/** Peak memory seen by explicit samples (the loops are synchronous, so a timer would never fire). */
class Peak {
  rss = 0
  heap = 0
  sample(): void {
    const m = process.memoryUsage()
    if (m.rss > this.rss) this.rss = m.rss
    if (m.heapUsed > this.heap) this.heap = m.heapUsed
  }
}

/** The lines of a file, read in 8 MiB chunks; shared by the bare loop and the rebuild so both pay the same I/O. */
function* lines(path: string, peak?: Peak): Generator<string> {
  const fd = openSync(path, 'r')
  const chunk = Buffer.allocUnsafe(8 * MiB)
  const decoder = new StringDecoder('utf8')
  let carry = ''
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      const text = carry + decoder.write(chunk.subarray(0, n))
      let start = 0
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        if (nl > start) yield text.slice(start, nl)
        start = nl + 1
      }
      carry = text.slice(start)
      peak?.sample()
    }
    const rest = carry + decoder.end()
    if (rest.length > 0) yield rest
  } finally {
    closeSync(fd)
  }
}

const eventOf = (line: string): unknown => (JSON.parse(line) as { event?: unknown }).event

function* decoded(path: string, peak?: Peak): Generator<ApplicationEvent> {
  for (const line of lines(path, peak)) {
    const d = decodeEvent(eventOf(line))
    if (E.isLeft(d)) throw new Error(`the history holds an event that does not decode: ${JSON.stringify(d.left).slice(0, 300)}`)
    yield d.right
  }
}

function* undecoded(path: string): Generator<ApplicationEvent> {
  for (const line of lines(path)) yield eventOf(line) as ApplicationEvent
}

let sink = 0

const timed = (f: () => number): { perSecond: number; count: number } => {
  gc()
  const t0 = process.hrtime.bigint()
  const count = f()
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return { perSecond: count / seconds, count }
}

const benchNdjson = (path: string, repeats: number): NdjsonRebuild & { events: number } => {
  const bare: number[] = []
  const kezek: number[] = []
  const plain: number[] = []
  const peak = new Peak()
  const barePeak = new Peak()
  let events = 0
  // Interleaved, so drifting machine load spreads over all three.
  for (let r = 0; r < repeats; r++) {
    const b = timed(() => {
      let n = 0
      for (const line of lines(path, barePeak)) {
        sink += (JSON.parse(line) as { streamId: string }).streamId.length
        n++
      }
      return n
    })
    bare.push(b.perSecond)
    events = b.count
    const k = timed(() => {
      const list = rebuildWaitingList(decoded(path, peak), filingOrder)
      peak.sample()
      return list.records().size > 0 ? events : 0
    })
    kezek.push(k.perSecond)
    const p = timed(() => (rebuildWaitingList(undecoded(path), filingOrder).records().size > 0 ? events : 0))
    plain.push(p.perSecond)
  }
  return {
    events,
    kezek: spread(kezek),
    bareParse: spread(bare),
    withoutDecode: spread(plain),
    peakRssMiB: peak.rss / MiB,
    peakHeapMiB: peak.heap / MiB,
    bareRssMiB: barePeak.rss / MiB,
  }
}

const benchDecoded = (events: readonly ApplicationEvent[], repeats: number): DecodedRebuild => {
  const bare: number[] = []
  const kezek: number[] = []
  const digests = new Set<string>()
  let lists = 0
  let activeEntries = 0
  for (let r = 0; r < repeats; r++) {
    bare.push(
      timed(() => {
        const m = new Map<string, ApplicationEvent>()
        for (const e of events) m.set(e.applicationId, e)
        sink += m.size
        return events.length
      }).perSecond,
    )
    let text = ''
    kezek.push(
      timed(() => {
        const list = rebuildWaitingList(events, filingOrder)
        lists = list.listIds().length
        activeEntries = list.listIds().reduce((n, id) => n + list.size(id), 0)
        text = list.serialize.length > 0 ? list.serialize() : ''
        return events.length
      }).perSecond,
    )
    digests.add(createHash('sha256').update(text).digest('hex'))
  }
  return { kezek: spread(kezek), bareMap: spread(bare), deterministic: digests.size === 1, lists, activeEntries }
}

const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * One list of `size` active entries, shaped like `template` (a real queued event): filing times over 15 years at
 * minute resolution, so ties happen and the request number has to break them.
 */
const syntheticList = (template: EventOf<'queued'>, size: number, random: () => number): EventOf<'queued'>[] => {
  const start = Date.UTC(2010, 0, 1)
  const span = 15 * 365 * 24 * 60
  const out: EventOf<'queued'>[] = new Array(size)
  for (let i = 0; i < size; i++) {
    out[i] = {
      ...template,
      applicationId: `bench-${i}` as EventOf<'queued'>['applicationId'],
      commandId: `bench-cmd-${i}` as EventOf<'queued'>['commandId'],
      filedAt: new Date(start + Math.floor(random() * span) * 60_000).toISOString() as EventOf<'queued'>['filedAt'],
      requestNumber: String(1_000_000 + i) as EventOf<'queued'>['requestNumber'],
    }
  }
  return out
}

const perOp = (repeats: number, ops: number, batch: (r: number) => void): Spread => {
  batch(-1)
  const micros: number[] = []
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint()
    batch(r)
    micros.push(Number(process.hrtime.bigint() - t0) / 1e3 / ops)
  }
  return spread(micros)
}

const benchIncremental = (template: EventOf<'queued'>, size: number, repeats: number, ops: number): IncrementalRow => {
  const random = mulberry32(size)
  const queued = syntheticList(template, size, random)
  gc()
  const t0 = process.hrtime.bigint()
  const list = rebuildWaitingList(queued, filingOrder)
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6
  const id = listId(template.list)
  if (list.size(id) !== size) throw new Error(`expected ${size} entries, got ${list.size(id)}`)

  const pick = (): EventOf<'queued'> => queued[Math.floor(random() * size)] as EventOf<'queued'>
  const pairs = Math.max(1, Math.min(ops >>> 1, size >>> 2))
  const at = '2025-06-02T05:00:00.000Z' as EventOf<'removed'>['at']
  const targets = [...new Set(Array.from({ length: pairs * 3 }, pick))].slice(0, pairs)
  const removals: ApplicationEvent[] = targets.map((q, i) => ({
    type: 'removed', schema: 1, applicationId: q.applicationId, commandId: `rm-${i}` as EventOf<'removed'>['commandId'], at,
    ground: 'grounds_ceased', decisionRef: 'bench', decidedOn: '2025-06-02' as EventOf<'removed'>['decidedOn'],
  }))
  const restorations: ApplicationEvent[] = targets.map((q, i) => ({
    type: 'restored', schema: 1, applicationId: q.applicationId, commandId: `rs-${i}` as EventOf<'restored'>['commandId'], at,
    appealRef: 'bench', decidedOn: '2025-06-02' as EventOf<'restored'>['decidedOn'],
  }))
  // A removal and the restoration that undoes it: two events, the list back to its size after every batch.
  const applyMicros = perOp(repeats, pairs * 2, () => {
    for (let i = 0; i < pairs; i++) {
      list.apply(removals[i] as ApplicationEvent)
      list.apply(restorations[i] as ApplicationEvent)
    }
  })
  if (list.size(id) !== size) throw new Error(`apply changed the list size to ${list.size(id)}`)

  const probes = Array.from({ length: ops }, () => pick().applicationId)
  const offsets = Array.from({ length: ops }, () => Math.floor(random() * size))
  const positionMicros = perOp(repeats, ops, () => {
    for (let i = 0; i < ops; i++) sink += list.position(probes[i] as string)?.position ?? 0
  })
  const pageMicros = perOp(repeats, ops, () => {
    for (let i = 0; i < ops; i++) sink += list.page(id, offsets[i] as number, 50).length
  })
  // A fast but wrong answer must not pass: position and page agree.
  for (let i = 0; i < 50; i++) {
    const p = list.position(probes[i] as string)
    if (p === undefined || list.page(id, p.position - 1, 1)[0]?.entry.applicationId !== probes[i]) throw new Error('position and page disagree')
  }
  return { size, applyMicros, positionMicros, pageMicros, buildMs }
}

/**
 * Past positions on the list of the whole history: the first query builds the past index of every list (timed
 * apart), then each query takes a view at a random instant and asks the position of an entry that was in a list
 * then. The limit is what a past query cost when the view rebuilt the lists at the instant (`withPolicy` of the
 * view does exactly that); a few of those also check the fast answers.
 */
const benchPast = (events: readonly ApplicationEvent[], repeats: number, ops: number): PastRow => {
  const list = rebuildWaitingList(events, filingOrder)
  const random = mulberry32(4242)
  const records = [...list.records()]
  const probes: { readonly id: string; readonly at: Instant }[] = []
  for (let guard = 0; probes.length < ops && guard < ops * 20; guard++) {
    const [id, r] = records[Math.floor(random() * records.length)] as (typeof records)[number]
    const k = Math.floor(random() * (r.intervals.length / 2))
    const from = r.intervals[2 * k] as number
    const to = Math.min(r.intervals[2 * k + 1] as number, from + 5 * 365 * 86_400_000)
    probes.push({ id, at: new Date(from + Math.floor(random() * (to - from))).toISOString() as Instant })
  }
  gc()
  const t0 = process.hrtime.bigint()
  sink += list.asOf(probes[0]?.at ?? ('2020-01-01T00:00:00.000Z' as Instant)).position(probes[0]?.id ?? '')?.position ?? 0
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6
  const queryMicros = perOp(repeats, probes.length, () => {
    for (const p of probes) sink += list.asOf(p.at).position(p.id)?.position ?? 0
  })
  const rebuilds: number[] = []
  let agree = true
  for (const p of probes.slice(0, Math.max(3, repeats))) {
    const t1 = process.hrtime.bigint()
    const rebuilt = list.asOf(p.at).withPolicy(filingOrder)
    const expected = rebuilt.position(p.id)
    rebuilds.push(Number(process.hrtime.bigint() - t1) / 1e6)
    const fast = list.asOf(p.at).position(p.id)
    if (expected === undefined || fast?.position !== expected.position || fast.of !== expected.of) agree = false
  }
  return { entries: records.length, lists: list.listIds().length, buildMs, queryMicros, rebuildAtMs: spread(rebuilds), agree }
}

export const runWaitingListBench = (options: WaitingListBenchOptions): WaitingListBenchReport => {
  const repeats = options.repeats ?? 3
  const nd = benchNdjson(options.ndjson, repeats)
  const events = [...decoded(options.ndjson)]
  const decodedFigures = benchDecoded(events, Math.max(repeats, 3))
  const past = benchPast(events, Math.max(repeats, 5), Math.min(options.ops ?? 10_000, 2_000))
  const template = events.find((e): e is EventOf<'queued'> => e.type === 'queued')
  events.length = 0
  if (template === undefined) throw new Error('the history has no queued event to shape the synthetic list on')
  const incremental = (options.sizes ?? [10_000, 1_000_000]).map((n) =>
    benchIncremental(template, n, Math.max(repeats, 5), options.ops ?? 10_000),
  )
  if (sink === 0.5) console.log('')
  return {
    machine: machine(),
    events: nd.events,
    bytes: statSync(options.ndjson).size,
    ndjson: nd,
    decoded: decodedFigures,
    incremental,
    past,
  }
}

const argument = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2]
  if (path === undefined || path.startsWith('--')) {
    console.error('usage: waiting-list.bench.ts <history.ndjson> [--repeats=3] [--sizes=10000,1000000]')
    process.exit(2)
  }
  const report = runWaitingListBench({
    ndjson: path,
    repeats: Number(argument('repeats') ?? 3),
    sizes: argument('sizes')?.split(',').map(Number) ?? [10_000, 1_000_000],
  })
  console.log(JSON.stringify(report, null, 2))
}
