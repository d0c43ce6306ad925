/**
 * RankedSet benchmark (not a test): per-operation cost of one incremental apply (insert a new entry and remove an
 * existing one, so the size holds) and of the read queries (rank, at, a page of 50) on waiting lists of the given
 * sizes, plus the cost of a full rebuild (fromSorted) and the heap the tree adds over its keys.
 *
 *   node --import tsx packages/domain/bench/ranked-set.bench.ts [--sizes=10000,100000,1000000] [--capacity=64]
 *
 * Keys have the waiting list's shape and are compared field by field. Every figure is the median of several
 * repeats of a batch of operations on random keys (seeded, so runs are comparable); queries hit random places in
 * the list, so at 1M they pay cache misses as a real service would.
 */
import { cpus, totalmem } from 'node:os'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { RankedSet } from '../src/queue/ranked-set.js'

interface Key {
  readonly filedAtMs: number
  readonly requestNumber: string
  readonly applicationId: string
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const compareKeys = (a: Key, b: Key): number =>
  a.filedAtMs - b.filedAtMs || byText(a.requestNumber, b.requestNumber) || byText(a.applicationId, b.applicationId)

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

/** Filing times over 15 years at minute resolution (many ties), 7-digit request numbers, unique ids. */
const makeKeys = (count: number, seed: number, idPrefix: string): Key[] => {
  const random = mulberry32(seed)
  const start = Date.UTC(2010, 0, 1)
  const span = 15 * 365 * 24 * 60
  const keys: Key[] = new Array(count)
  for (let i = 0; i < count; i++) {
    keys[i] = {
      filedAtMs: start + Math.floor(random() * span) * 60_000,
      requestNumber: String(1_000_000 + Math.floor(random() * 9_000_000)),
      applicationId: `${idPrefix}${i.toString(16).padStart(8, '0')}-${Math.floor(random() * 0xffffffff).toString(16)}`,
    }
  }
  return keys
}

const gc: () => void = (() => {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
})()

const heapUsed = (): number => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >>> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** Median over `repeats` of the mean ns per operation of `batch(r)`, which runs `ops` operations. */
const measure = (repeats: number, ops: number, batch: (repeat: number) => void): number => {
  batch(-1) // warm-up: let V8 optimise before timing
  const perOp: number[] = []
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint()
    batch(r)
    perOp.push(Number(process.hrtime.bigint() - t0) / ops)
  }
  return median(perOp)
}

export interface RankedSetBenchOptions {
  readonly sizes: readonly number[]
  readonly capacity?: number
  readonly repeats?: number
  /** Operations per timed batch. */
  readonly ops?: number
}

export interface RankedSetBenchRow {
  readonly size: number
  readonly buildMs: number
  readonly treeHeapMB: number
  readonly keysHeapMB: number
  readonly applyNs: number
  readonly rankNs: number
  readonly atNs: number
  readonly page50Ns: number
}

let sink = 0

const benchSize = (size: number, options: RankedSetBenchOptions): RankedSetBenchRow => {
  const repeats = options.repeats ?? 9
  const ops = options.ops ?? 10_000
  const capacity = options.capacity ?? 64

  const before = heapUsed()
  const keys = makeKeys(size, size, 'a').sort(compareKeys)
  const withKeys = heapUsed()
  const t0 = process.hrtime.bigint()
  let set = RankedSet.fromSorted(keys, compareKeys, { capacity })
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6
  const withTree = heapUsed()
  // A few more builds for a steadier build time; keep the median.
  const builds = [buildMs]
  for (let i = 0; i < 4; i++) {
    const t = process.hrtime.bigint()
    set = RankedSet.fromSorted(keys, compareKeys, { capacity })
    builds.push(Number(process.hrtime.bigint() - t) / 1e6)
  }

  const random = mulberry32(size ^ 0x5eed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  // Removals must be distinct present keys, so small sets get smaller apply batches.
  const applies = Math.max(1, Math.min(ops, Math.floor(size / 4)))
  const fresh = makeKeys(applies, size + 1, 'new-')
  const present = [...new Set(Array.from({ length: applies * 3 }, () => pick(keys)))].slice(0, applies)
  if (present.length < applies) throw new Error(`could not pick ${applies} distinct keys to remove`)

  // One apply = insert one new entry + remove one existing entry. Batches alternate direction so the set returns
  // to its original content and size after every pair of batches.
  const applyNs = measure(repeats * 2, applies, (r) => {
    const [ins, rem] = r % 2 === 0 || r === -1 ? [fresh, present] : [present, fresh]
    for (let i = 0; i < applies; i++) {
      if (!set.insert(ins[i] as Key) || !set.remove(rem[i] as Key)) throw new Error('apply did not change the set')
    }
    if (r === -1) for (let i = 0; i < applies; i++) set.insert(present[i] as Key), set.remove(fresh[i] as Key)
  })
  if (set.size !== size) throw new Error(`size drifted to ${set.size}`)

  const probes = Array.from({ length: ops }, () => pick(keys))
  const indices = Array.from({ length: ops }, () => Math.floor(random() * size))
  const rankNs = measure(repeats, ops, () => {
    for (let i = 0; i < ops; i++) sink += set.rank(probes[i] as Key)
  })
  const atNs = measure(repeats, ops, () => {
    for (let i = 0; i < ops; i++) sink += (set.at(indices[i] as number) as Key).filedAtMs
  })
  const page50Ns = measure(repeats, ops, () => {
    for (let i = 0; i < ops; i++) sink += set.slice(indices[i] as number, 50).length
  })
  // Correctness spot check, so a fast but wrong structure cannot pass as a result.
  for (let i = 0; i < 100; i++) {
    const k = probes[i] as Key
    if (set.at(set.rank(k)) !== k) throw new Error('rank/at disagree')
  }

  return {
    size,
    buildMs: median(builds),
    treeHeapMB: (withTree - withKeys) / 2 ** 20,
    keysHeapMB: (withKeys - before) / 2 ** 20,
    applyNs,
    rankNs,
    atNs,
    page50Ns,
  }
}

const fmtTime = (ns: number): string => (ns >= 1_000 ? `${(ns / 1_000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)

export const runRankedSetBench = (options: RankedSetBenchOptions): RankedSetBenchRow[] => {
  const cpu = cpus()
  console.log(
    `RankedSet bench — node ${process.version}, ${process.platform}/${process.arch}, ` +
      `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `capacity ${options.capacity ?? 64}, median of ${options.repeats ?? 9} × ${options.ops ?? 10_000} ops`,
  )
  const rows = options.sizes.map((size) => benchSize(size, options))
  const header = ['entries', 'apply (ins+rm)', 'rank', 'at', 'slice(·,50)', 'fromSorted', 'tree heap', 'keys heap']
  const lines = rows.map((r) => [
    r.size.toLocaleString('en-US'),
    fmtTime(r.applyNs),
    fmtTime(r.rankNs),
    fmtTime(r.atNs),
    fmtTime(r.page50Ns),
    `${r.buildMs.toFixed(1)} ms`,
    `${r.treeHeapMB.toFixed(1)} MB`,
    `${r.keysHeapMB.toFixed(1)} MB`,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)))
  const row = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ')
  console.log(row(header))
  for (const l of lines) console.log(row(l))
  if (sink === 0.5) console.log('') // keeps the query results observable
  return rows
}

const argument = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = argument('sizes')?.split(',').map(Number) ?? [10_000, 1_000_000]
  const capacity = Number(argument('capacity') ?? 64)
  runRankedSetBench({ sizes, capacity })
}
