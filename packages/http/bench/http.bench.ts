/**
 * Loopback load benchmark of the reference service: status reads/s and signed portal submissions/s, with p50 and
 * p99 latency, on PGlite (in-memory) and PostgreSQL. No load-testing dependency: a small closed-loop client over
 * keep-alive sockets (load-client.cjs), `connections` requests in flight at once.
 *
 * The ceiling for submissions is signature verification, so the same run measures the verifier alone (in process,
 * one request at a time) and reports submissions as a share of it.
 *
 *   node --import tsx packages/http/bench/http.bench.ts [seconds] [connections]
 */
import { readdirSync, readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { availableParallelism, cpus } from 'node:os'
import { constants as gcKinds, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { randomBytes, randomUUID } from 'node:crypto'
import type { ProviderId } from '@kezek/domain'
import { housingQueueAlmaty2012, kazakhstanNational } from '@kezek/domain'
import type { CommitBatch, EventStore, PersonalDataConfig } from '@kezek/adapters'
import { buildApplicationRequestXml, openPersonalDataStore } from '@kezek/adapters'
import { createTestPki, signAs, TEST_IIN, type TestPki } from '@kezek/adapters/testing'
import {
  createApp, hmacAuthenticator, issueToken, keyResultSigner, silentLogger, tableRegistries, xmlDsigVerifier,
  RegistryTable, workerPoolVerifier, type TokenClaims,
} from '../src/index.js'
import { openBareService } from './bare-service.js'
import { serveOnLoopback } from './loopback.js'
import { runPagesBench } from './pages.bench.js'

export interface HttpBenchOptions {
  readonly seconds?: number
  readonly connections?: number
  /** Short run for the suite's quick mode and the smoke test. */
  readonly quick?: boolean
  readonly stores?: readonly ('pglite' | 'postgres')[]
  readonly postgresUrl?: string
  /**
   * Verify signatures in this many worker threads (0: in the service thread). Default: the service's own default
   * (config.ts): the cores Node may use, less the one the service thread needs, at most four.
   */
  readonly verifyWorkers?: number
  /** Small sizes for the suite's smoke test (the pages bench reads it). */
  readonly tiny?: boolean
  /** The suite's generated history (NDJSON) for the pages bench; without it the bench generates its own. */
  readonly history?: string
  /** Leave the pages bench out (the smoke test of the API half). */
  readonly skipPages?: boolean
  /** Reuse a test PKI (the smoke test shares its harness's); a new one is made when absent. */
  readonly pki?: TestPki
  /**
   * Also measure PostgreSQL submissions with personal data not encrypted (`KEZEK_PERSONAL_DATA=off`), as an info row
   * beside the service's default; default: on, except tiny runs.
   */
  readonly clearToo?: boolean
  /**
   * Also time the bare service (bare-service.ts) in the PostgreSQL rounds, right after kezek's half, as the floor
   * any service reaches on this machine; default: on.
   */
  readonly bareToo?: boolean
}

/** Personal data as the service stores it: encrypted per person (its default), or not (`KEZEK_PERSONAL_DATA=off`). */
export type PersonalData = PersonalDataConfig['mode']

export interface Measured {
  readonly requests: number
  readonly errors: number
  readonly perSecond: number
  readonly p50ms: number
  readonly p99ms: number
}

export interface StoreResult {
  readonly store: string
  readonly personalData: PersonalData
  readonly statusReads: Measured
  readonly submissions: Measured
  /** The verifier alone, sequential, in process: the ceiling for submissions on one core (median of the rounds). */
  readonly verifierPerSecond: number
  /** Submissions over the verifier alone: the median of the rounds' ratios (each round measures both). */
  readonly share: number
  readonly rounds: readonly Round[]
  readonly verifyWorkers: number
  /** CPU per submission during the timed rounds (medians of the rounds), in ms; see `SubmissionCpu`. */
  readonly cpu: SubmissionCpu
  /** Where a submission waits, over all the timed rounds; see `SubmissionWaits`. */
  readonly waits: SubmissionWaits
  /** The bare service (bare-service.ts) in the same rounds, right after kezek's half; PostgreSQL only. */
  readonly bare?: BareResult
}

/** The bare service's submissions, timed like kezek's on the same documents. */
export interface BareResult {
  readonly submissions: Measured
  /** Its submissions over the verifier alone, the median of the rounds. */
  readonly share: number
  /** kezek's submissions over the bare service's, the median of the rounds. */
  readonly ratio: number
  readonly cpu: SubmissionCpu
}

/**
 * What a submission waits on besides CPU (stop 25): the group commit's batch in flight, which appends arriving
 * meanwhile wait for, and the service thread's event loop, which every answer (the verify worker's, the database's)
 * waits to be heard on. Stop 51 added the two long waits of a submission, timed from the service's side, and the
 * service thread's collector, which stops everything on it while it runs.
 */
export interface SubmissionWaits {
  readonly appendsPerBatch: number
  readonly msPerBatch: number
  /** Share of the rounds' time with a batch in flight. */
  readonly batchBusy: number
  /** The event loop's delay, mean and p99, medians of the rounds. */
  readonly eventLoopMeanMs: number
  readonly eventLoopP99Ms: number
  /**
   * Mean wall time of a submission's `verifyRequest`: the queue at the worker, its work, and the trip back through
   * the event loop. Beside the workers' CPU per submission it shows how much of it is waiting.
   */
  readonly verifyMs: number
  /** Mean wall time of a submission's append: the batch ahead, its own batch with the durable commit, the way back. */
  readonly appendMs: number
  /** The service thread's young-generation collections (scavenges) and full ones, during the timed rounds. */
  readonly scavenges: Collections
  readonly fullCollections: Collections
}

/** Collections of one kind on the service thread: how often, and how long each stopped it. */
export interface Collections {
  readonly perThousandSubmissions: number
  readonly meanMs: number
}

/**
 * What a submission cost in CPU, in ms, by part of the machine. Counted from the moment the client starts sending:
 * the copying of its documents before that is not counted. Rates on a shared machine move with its load; these say
 * why a share is what it is: on `cores` cores a share of the verifier alone is only possible when all the work of a
 * submission, the database's included, fits in `cores / (share × verifier rate)`, and the service thread's part in
 * `1 / (share × verifier rate)`. The parts other than `process` are read from /proc (Linux; undefined elsewhere).
 */
export interface SubmissionCpu {
  /** The whole process: service thread, verify workers, the load client, V8's threads. */
  readonly process: number
  /** The service thread alone. */
  readonly serviceThread: number | undefined
  /**
   * The service thread's time ready to run but waiting for a core (stop 52): when another thread of the machine has
   * both cores, every answer the service thread owes waits too. Not CPU, so not part of `process`.
   */
  readonly serviceThreadWaiting: number | undefined
  /**
   * Times a submission the service thread was taken off its core while it could still run (involuntary context
   * switches, stop 54): another task ran first on its core. It follows the service thread's own socket writes (about
   * three in four), and the wait above follows the database's CPU: most likely the backend a batch's write wakes,
   * put on the writer's core (not traced in the kernel).
   */
  readonly serviceThreadPreemptions: number | undefined
  /**
   * Share of the round's time the service thread was running or waiting for a core (0–1): one thread serves every
   * submission, so as this nears 1 each one queues behind the others, whatever the cores have left.
   */
  readonly serviceThreadOccupied: number | undefined
  /** The load client's thread: the harness's, not the service's, but it runs on the same cores. */
  readonly loadClient: number | undefined
  /**
   * The verify workers' own threads (0 without workers). What is left of `process` after the service thread, the
   * workers and the load client is V8's threads (collector, compiler) and libuv's.
   */
  readonly verifyWorkers: number | undefined
  /**
   * The PostgreSQL server: all its processes on this machine (undefined for PGlite, which runs in the service
   * thread, and for a server elsewhere). Other work of the server's in the same seconds would be counted too.
   */
  readonly database: number | undefined
  /** Share of the machine's cores busy with the process and the database during the round (0–1). */
  readonly busy: number | undefined
}

/** One round: the verifier alone, then submissions right after it (and then the bare service's, when measured). */
export interface Round {
  readonly verifier: number
  readonly submissions: Measured
  readonly cpu: SubmissionCpu
  readonly bare?: { readonly submissions: Measured; readonly cpu: SubmissionCpu }
}

/**
 * A task's `schedstat`: ms on a CPU (user + system), and ms ready to run but waiting for one (its second field); /proc
 * counts both in nanoseconds. `stat`'s utime and stime count 10 ms ticks, too coarse for a round of a few hundred
 * submissions (a smoke round's bare service read 0).
 */
interface Sched { readonly running: number; readonly waiting: number }

const readSched = (path: string): Sched => {
  const [running, waiting] = readFileSync(path, 'utf8').split(' ')
  return { running: Number(running) / 1e6, waiting: Number(waiting) / 1e6 }
}

/** `schedstat` on Linux; undefined elsewhere, or when the task has ended. */
const sched = (path: string): Sched | undefined => {
  if (process.platform !== 'linux') return undefined
  try {
    return readSched(path)
  } catch {
    return undefined
  }
}

/** A task's CPU time in ms on Linux; undefined elsewhere, or when the task has ended. */
const schedMs = (path: string): number | undefined => sched(path)?.running

/** This thread's schedstat, and how often it has been taken off a core while it could run (`status`). */
interface ThreadSched extends Sched { readonly preemptions: number }

/** This thread's schedstat and preemptions (Linux; undefined elsewhere). */
const threadSched = (): ThreadSched | undefined => {
  const s = sched('/proc/thread-self/schedstat')
  const found = s === undefined ? null : /^nonvoluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync('/proc/thread-self/status', 'utf8'))
  return s === undefined || found === null ? undefined : { ...s, preemptions: Number(found[1]) }
}

/**
 * `target` with its function `name` timed into `add`: wall time from the call to the answer. One more promise per call
 * (about a microsecond), on kezek's side only.
 */
const timedMethod = <T extends object>(target: T, name: keyof T & string, add: (ms: number) => void): T => {
  const f: unknown = target[name]
  if (typeof f !== 'function') throw new TypeError(`${name} is not a function`)
  const timed = async (...args: unknown[]): Promise<unknown> => {
    const began = performance.now()
    try {
      return await f.apply(target, args)
    } finally {
      add(performance.now() - began)
    }
  }
  return new Proxy(target, { get: (t, key, receiver) => (key === name ? timed : Reflect.get(t, key, receiver)) })
}

/** Times added while `counting()`, and their mean: one wait of kezek's timed rounds. */
const meanWhile = (counting: () => boolean) => {
  let ms = 0
  let n = 0
  return {
    add: (x: number): void => {
      if (!counting()) return
      ms += x
      n += 1
    },
    mean: (): number => ms / Math.max(1, n),
    count: (): number => n,
  }
}

/**
 * The service thread's garbage collections inside the windows `open` and `close` bracket (kezek's timed rounds). The
 * observer hears of a collection after it ends; `count` takes what it has not yet been told.
 */
const collectionsDuringRounds = () => {
  const seen: { readonly kind: number; readonly start: number; readonly ms: number }[] = []
  const windows: [number, number][] = []
  const heard = (entries: readonly PerformanceEntry[]): void => {
    for (const e of entries) seen.push({ kind: ((e as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail?.kind ?? 0), start: e.startTime, ms: e.duration })
  }
  const observer = new PerformanceObserver((list) => heard(list.getEntries()))
  observer.observe({ entryTypes: ['gc'] })
  const of = (kind: number, submissions: number): Collections => {
    const inRounds = seen.filter((c) => c.kind === kind && windows.some(([a, b]) => c.start >= a && c.start <= b))
    const ms = inRounds.reduce((sum, c) => sum + c.ms, 0)
    return { perThousandSubmissions: (1000 * inRounds.length) / Math.max(1, submissions), meanMs: inRounds.length === 0 ? 0 : ms / inRounds.length }
  }
  return {
    open: (): void => { windows.push([performance.now(), Number.POSITIVE_INFINITY]) },
    close: (): void => {
      const last = windows[windows.length - 1]
      if (last !== undefined) last[1] = performance.now()
    },
    count: (submissions: number): Pick<SubmissionWaits, 'scavenges' | 'fullCollections'> => {
      heard(observer.takeRecords())
      return { scavenges: of(gcKinds.NODE_PERFORMANCE_GC_MINOR, submissions), fullCollections: of(gcKinds.NODE_PERFORMANCE_GC_MAJOR, submissions) }
    },
    stop: (): void => observer.disconnect(),
  }
}

/** This process's threads (Linux): their ids, as /proc/self/task lists them; empty elsewhere. */
const threadIds = (): ReadonlySet<string> => {
  if (process.platform !== 'linux') return new Set()
  try {
    return new Set(readdirSync('/proc/self/task'))
  } catch {
    return new Set()
  }
}

/**
 * The threads a verify pool started: those that appeared while it was made. `new Worker` starts its thread
 * synchronously and nothing else runs between the two listings, so these are the workers' threads and only they.
 */
const threadsStartedBy = <T>(make: () => T): { readonly made: T; readonly threads: readonly string[] } => {
  const before = threadIds()
  const made = make()
  return { made, threads: [...threadIds()].filter((t) => !before.has(t)) }
}

/** The CPU time in ms of these threads of this process, together; undefined when one cannot be read. */
const threadsCpuMs = (threads: readonly string[]): number | undefined =>
  threads.reduce<number | undefined>((ms, t) => {
    const own = schedMs(`/proc/self/task/${t}/schedstat`)
    return ms === undefined || own === undefined ? undefined : ms + own
  }, 0)

/** The CPU time in ms of each PostgreSQL server process on this machine, by pid. */
type DatabaseCpu = ReadonlyMap<string, number>

/**
 * The PostgreSQL server's processes on this machine (Linux), or undefined when none is seen. Every process named
 * `postgres` counts: the backends, the WAL writer, the checkpointer. Each is one thread, so its schedstat is all of it.
 */
const databaseCpu = (): DatabaseCpu | undefined => {
  if (process.platform !== 'linux') return undefined
  const byPid = new Map<string, number>()
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue
      byPid.set(pid, readSched(`/proc/${pid}/schedstat`).running)
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byPid.size === 0 ? undefined : byPid
}

/**
 * The server's CPU in ms between two readings, process by process: one that started meanwhile counts from zero, and
 * one that ended meanwhile (another client's backend) drops out instead of taking its whole past off the sum.
 */
const databaseCpuMsBetween = (before: DatabaseCpu, after: DatabaseCpu): number => {
  let ms = 0
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0)
  return ms
}

/** Whether a connection string names a server on this machine (its processes are then the ones /proc shows). */
const isLocal = (url: string): boolean => {
  try {
    const host = new URL(url).hostname
    return host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
  } catch {
    return false
  }
}

/** Rounds of the verifier alone and of submissions, alternating. */
const ROUNDS = 3

/** Documents signed at once by the harness (see `signedDocuments` in benchOne). */
const SIGN_BATCH = 64

/**
 * A full collection, when the process allows it (`pnpm bench` runs with --expose-gc), so that each timed phase
 * starts in a heap holding the service's own objects and not the harness's.
 */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.()

/** Submissions before the timed rounds (see the warm-up in benchOne). */
const WARM_SUBMISSIONS = 3000

const PROVIDER = 'bench-housing' as ProviderId
/** Issue 19: signed submissions over HTTP reach at least this share of the verifier alone. */
export const SUBMISSION_TARGET = 0.5
const SECRET = randomBytes(24).toString('base64url')

/** Untimed warm-up before each timed phase: half its length, at least a second (the smoke test's short runs: as long). */
const warmUpSeconds = (seconds: number): number => (seconds < 1 ? seconds : Math.max(1, seconds / 2))

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number)

/**
 * The load client runs in a worker thread, so it does not share the server's event loop: on two cores one runs
 * the service, the other the client. See load-client.cjs for why it is not `node:http`'s client.
 */
const CLIENT = new URL('./load-client.cjs', import.meta.url)

interface Req { readonly method: string; readonly path: string; readonly headers: Record<string, string>; readonly body?: string }

/**
 * `once`: send each request at most once (signed submissions: the same document again is a replay, not a submission).
 * `started` runs when the client has its requests as bytes, right before it starts: copying the requests into the
 * worker and serialising them is the harness's work, not the service's, and a CPU count taken from there leaves it out.
 */
const load = async (base: string, seconds: number, connections: number, requests: readonly Req[], expect: number, once = false, started?: () => void): Promise<Measured & { readonly latencies: readonly number[]; readonly clientCpuMs: number | undefined }> => {
  const out = await new Promise<{ latencies: number[]; errors: number; elapsed: number; cpuMs?: number }>((resolve, reject) => {
    const w = new Worker(CLIENT, { workerData: { base, seconds, connections, requests, expect, once } })
    w.on('message', (m: { ready?: true; latencies: number[]; errors: number; elapsed: number; cpuMs?: number }) => {
      if (m.ready !== true) return resolve(m)
      started?.()
      w.postMessage('go')
    })
    w.once('error', reject)
  })
  const latencies = out.latencies.sort((a, b) => a - b)
  return {
    latencies,
    clientCpuMs: out.cpuMs,
    requests: latencies.length,
    errors: out.errors,
    perSecond: Math.round(latencies.length / out.elapsed),
    p50ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99ms: Math.round(percentile(latencies, 99) * 100) / 100,
  }
}

const withoutLatencies = ({ latencies: _, clientCpuMs: _cpu, ...m }: Measured & { readonly latencies: readonly number[]; readonly clientCpuMs?: number | undefined }): Measured => m

/** Several rounds' measurements as one: the median round's rate, latencies over all of them. */
const merged = (ms: readonly (Measured & { readonly latencies: readonly number[] })[]): Measured => {
  const latencies = ms.flatMap((m) => m.latencies).sort((a, b) => a - b)
  const rates = ms.map((m) => m.perSecond).sort((a, b) => a - b)
  return {
    requests: ms.reduce((n, m) => n + m.requests, 0),
    errors: ms.reduce((n, m) => n + m.errors, 0),
    perSecond: rates[Math.floor(rates.length / 2)] ?? 0,
    p50ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99ms: Math.round(percentile(latencies, 99) * 100) / 100,
  }
}

const openStore = async (kind: 'pglite' | 'postgres', pgUrl: string, onCommitBatch: (b: CommitBatch) => void): Promise<{ store: EventStore; dispose: () => Promise<void> }> => {
  if (kind === 'pglite') {
    const { openPgliteStore } = await import('@kezek/adapters')
    const store = await openPgliteStore({ onCommitBatch })
    return { store, dispose: () => store.close() }
  }
  const { openPostgresStore, postgresDriver } = await import('@kezek/adapters')
  const schema = `bench_http_${randomBytes(5).toString('hex')}`
  const store = await openPostgresStore({ connectionString: pgUrl, schema, onCommitBatch })
  return {
    store,
    dispose: async () => {
      await store.close()
      const d = postgresDriver({ connectionString: pgUrl, maxConnections: 1 })
      try { await d.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) } finally { await d.close() }
    },
  }
}

const benchOne = async (kind: 'pglite' | 'postgres', personalData: PersonalData, seconds: number, connections: number, pgUrl: string, pki: TestPki, workers: number, warmSubmissions: number, withBare = false): Promise<StoreResult> => {
  // The group commit's batches, counted during the timed submissions only.
  const batches = { counting: false, n: 0, appends: 0, seconds: 0 }
  const { store: stored, dispose } = await openStore(kind, pgUrl, (b) => {
    if (!batches.counting) return
    batches.n += 1
    batches.appends += b.appends
    batches.seconds += b.seconds
  })
  // The PostgreSQL server's CPU, when it runs on this machine; PGlite's is the service thread's own.
  const database = (): DatabaseCpu | undefined => (kind === 'postgres' && isLocal(pgUrl) ? databaseCpu() : undefined)
  // As the service opens it (main.ts): personal fields sealed before they reach the store, keys beside the events.
  // Every submission here is one citizen's, so their key is made once and then cached; a new applicant's first
  // submission also writes their key.
  const personal = await openPersonalDataStore(stored, { mode: personalData }, () => undefined)
  // The two long waits of a submission, timed during kezek's rounds only (the bare service is not wrapped).
  const verifyWait = meanWhile(() => batches.counting)
  const appendWait = meanWhile(() => batches.counting)
  const store = timedMethod(personal.store, 'append', appendWait.add)
  const collector = collectionsDuringRounds()
  // A monitor of its own per round: one re-enabled after a pause counts the pause as one long delay.
  const loopRounds: { readonly mean: number; readonly p99: number }[] = []
  let roundsMs = 0
  const table = RegistryTable.decode({ persons: [], powersOfAttorney: [] })
  if (table._tag === 'Left') throw new Error('registry table')
  const inProcess = xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }) })
  const bytes = (x: { readonly rawData: ArrayBuffer }) => new Uint8Array(x.rawData)
  const started = workers > 0
    ? threadsStartedBy(() => workerPoolVerifier({ roots: pki.trust.roots.map(bytes), intermediates: pki.trust.intermediates.map(bytes), crls: pki.crls.map(bytes) }, workers))
    : undefined
  const pool = started?.made
  // The workers' threads, counted apart from V8's: until stop 43 the two were one figure, and which grew was a guess.
  const workersCpu = (): number | undefined => (started === undefined ? 0 : started.threads.length === workers ? threadsCpuMs(started.threads) : undefined)
  const app = createApp({
    store,
    verifier: timedMethod(pool ?? inProcess, 'verifyRequest', verifyWait.add),
    resultSigner: keyResultSigner(() => ({ privateKey: pki.head.keys.privateKey, certificate: pki.head.certificate })),
    registries: tableRegistries(table.right),
    providers: [{ id: PROVIDER, name: 'bench', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() }],
    auth: hmacAuthenticator(SECRET, () => new Date()),
    clock: () => new Date(),
    ids: { next: randomUUID },
    logger: silentLogger,
    ...(personal.protected === undefined ? {} : { personalData: personal.protected }),
  })
  await app.ready
  const { base, close: stopServing } = await serveOnLoopback(app)
  // The floor beside it: the same verifier, the same database server, the same cores (bare-service.ts).
  const bareService = withBare && kind === 'postgres' ? await openBareService(pgUrl, pool ?? inProcess, connections) : undefined
  try {
    const citizen = issueToken(SECRET, { role: 'citizen', sub: 'bench', iin: TEST_IIN.citizen, exp: Math.floor(Date.now() / 1000) + 3600 } as TokenClaims)
    // Every submission is a document of its own: posting one signed document again is a replay, answered with the
    // application it made (no new append), so it would measure the replay path instead.
    const signed = (n: number) => signAs(pki.citizen, buildApplicationRequestXml({
      serviceId: 'housing-queue', providerId: PROVIDER, applicantIin: TEST_IIN.citizen, category: 'socially_vulnerable', familySize: 4,
      documents: [{ kind: 'identity_card', sha256: n.toString(16).padStart(64, '0') }, { kind: 'income_certificate', sha256: 'c3'.repeat(32) }],
    }))
    const xml = await signed(0)

    // Both sides are timed warm: a service that has just started (the JIT cold, the verify worker's certificate
    // cache empty) is not what either figure describes, and in a one-second quick run it was most of the time.
    const warm = warmUpSeconds(seconds)
    let serial = 1
    // The verifier alone: in process, one request at a time.
    const verifyFor = async (s: number): Promise<number> => {
      let verified = 0
      const vEnd = performance.now() + s * 1000
      const vStart = performance.now()
      while (performance.now() < vEnd) { await inProcess.verifyRequest(xml, new Date()); verified += 1 }
      return verified / ((performance.now() - vStart) / 1000)
    }
    const documentsFor = (perSecond: number, s: number) => signedDocuments(Math.min(20_000, Math.ceil(perSecond * s * 1.5) + connections))
    // Signed a batch at a time, then the harness's garbage collected before the clock starts: signing thousands at
    // once kept every document's DOM alive together, V8 promoted them, and the service was then timed in a heap of
    // 1–2 GB of the harness's garbage (stop 23: the service thread's scavenges paused 12–17 ms each instead of 5).
    const signedDocuments = async (count: number): Promise<string[]> => {
      const out: string[] = []
      while (out.length < count) out.push(...(await Promise.all(Array.from({ length: Math.min(SIGN_BATCH, count - out.length) }, () => signed(serial++)))))
      collectGarbage()
      return out
    }
    const submit = (body: string) => ({ method: 'POST', path: '/v1/portal/applications', headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/xml' }, body })
    const rate = await verifyFor(warm)
    // Submissions warm by count as well as by time: their code is far larger than the verifier's, and V8 was still
    // optimizing it during the timed rounds (--trace-opt: 391 functions compiled in a timed run after 300 warm-up
    // submissions, 114 after 3,000; V8's compiler threads' CPU per submission fell from 1.5 to 0.6 ms).
    if (warmSubmissions > 0) await load(base, 600, connections, (await signedDocuments(warmSubmissions)).map(submit), 201, true)
    // Every round's documents are signed now, before the last warm-up, and none between the rounds (stop 53). Signing
    // leaves garbage that the full collection after it clears, and a full collection throws away the optimized code
    // of every function whose embedded objects died: 195–240 functions each time (--trace-deopt, "weak objects"),
    // the service's HTTP, router and driver code and the verifier's among them. Signed between the rounds, each timed
    // round began deoptimized and compiled 82–109 functions again on the same two cores; signed here, none is thrown
    // away between the rounds, and they compiled 63, 38 and 29. Twice what the warm verifier rate needs, since a
    // round can no longer be sized on the rate of the one before.
    const slice = seconds / ROUNDS
    const roundDocuments: string[][] = []
    for (let i = 0; i < ROUNDS; i++) roundDocuments.push(await documentsFor((rate * 4) / 3, slice))
    const warmDocuments = await documentsFor(rate, warm)
    await load(base, warm, connections, warmDocuments.map(submit), 201, true)
    if (bareService !== undefined) await load(bareService.base, warm, connections, warmDocuments.map(submit), 201, true)

    // Interleaved rounds, verifier then submissions, each a share of the time: on a machine shared with other jobs
    // the load moves within seconds, and a ratio of two figures taken a minute apart measured the load instead.
    /**
     * A timed load of signed documents at `to`, and what each submission cost by part. `around` brackets what only
     * kezek's half counts (its batches, its event loop); the CPU is counted from the moment the client starts.
     */
    const timedLoad = async (to: string, documents: readonly string[], around?: { readonly start: () => void; readonly stop: () => void }) => {
      let process0 = process.cpuUsage()
      let thread0 = threadSched()
      let workers0 = workersCpu()
      let database0 = database()
      let began = performance.now()
      const measured = await load(to, slice, connections, documents.map(submit), 201, true, () => {
        process0 = process.cpuUsage()
        thread0 = threadSched()
        workers0 = workersCpu()
        database0 = database()
        began = performance.now()
        around?.start()
      })
      around?.stop()
      const ms = performance.now() - began
      const { user, system } = process.cpuUsage(process0)
      const thread1 = threadSched()
      const workers1 = workersCpu()
      const database1 = database()
      const done = Math.max(1, measured.requests)
      const processMs = (user + system) / 1000
      const databaseMs = database0 === undefined || database1 === undefined ? undefined : databaseCpuMsBetween(database0, database1)
      // The service thread's running, waiting and preemptions during the round, read once for the four figures made of them.
      const thread = thread0 === undefined || thread1 === undefined ? undefined
        : { running: thread1.running - thread0.running, waiting: thread1.waiting - thread0.waiting, preemptions: thread1.preemptions - thread0.preemptions }
      const cpu: SubmissionCpu = {
        process: processMs / done,
        serviceThread: thread === undefined ? undefined : thread.running / done,
        serviceThreadWaiting: thread === undefined ? undefined : thread.waiting / done,
        serviceThreadPreemptions: thread === undefined ? undefined : thread.preemptions / done,
        serviceThreadOccupied: thread === undefined ? undefined : (thread.running + thread.waiting) / ms,
        loadClient: measured.clientCpuMs === undefined ? undefined : measured.clientCpuMs / done,
        verifyWorkers: workers0 === undefined || workers1 === undefined ? undefined : (workers1 - workers0) / done,
        database: databaseMs === undefined ? undefined : databaseMs / done,
        busy: kind === 'postgres' && databaseMs === undefined ? undefined : (processMs + (databaseMs ?? 0)) / (cpus().length * ms),
      }
      return { measured, cpu, ms }
    }
    const rounds: Round[] = []
    const timed: (Measured & { readonly latencies: readonly number[] })[] = []
    const bareTimed: (Measured & { readonly latencies: readonly number[] })[] = []
    for (const documents of roundDocuments) {
      const verifier = await verifyFor(slice)
      const eventLoop = monitorEventLoopDelay({ resolution: 1 })
      const mine = await timedLoad(base, documents, {
        start: () => { batches.counting = true; eventLoop.enable(); collector.open() },
        stop: () => { batches.counting = false; eventLoop.disable(); collector.close() },
      })
      loopRounds.push({ mean: eventLoop.mean / 1e6, p99: eventLoop.percentile(99) / 1e6 })
      roundsMs += mine.ms
      timed.push(mine.measured)
      // The bare service right after, on the same documents (it keeps no record of them, so none is a replay there).
      // Second is the kinder place: whichever half runs right after the verifier alone is 5-18 % slower (stop 29),
      // so kezek keeps the place it has always had and the ratio does not flatter it.
      const floor = bareService === undefined ? undefined : await timedLoad(bareService.base, documents)
      if (floor !== undefined) bareTimed.push(floor.measured)
      rounds.push({
        verifier: Math.round(verifier), submissions: withoutLatencies(mine.measured), cpu: mine.cpu,
        ...(floor === undefined ? {} : { bare: { submissions: withoutLatencies(floor.measured), cpu: floor.cpu } }),
      })
    }
    const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
    const verifierPerSecond = Math.round(median(rounds.map((r) => r.verifier)))
    const submissions = merged(timed)
    const share = median(rounds.map((r) => r.submissions.perSecond / Math.max(1, r.verifier)))
    // Each part's median over the rounds, when every round measured it.
    const medianCpu = (of: readonly SubmissionCpu[]): SubmissionCpu => {
      const part = (pick: (c: SubmissionCpu) => number | undefined): number | undefined => {
        const xs = of.flatMap((c) => { const x = pick(c); return x === undefined ? [] : [x] })
        return xs.length === of.length ? median(xs) : undefined
      }
      return {
        process: median(of.map((c) => c.process)),
        serviceThread: part((c) => c.serviceThread),
        serviceThreadWaiting: part((c) => c.serviceThreadWaiting),
        serviceThreadPreemptions: part((c) => c.serviceThreadPreemptions),
        serviceThreadOccupied: part((c) => c.serviceThreadOccupied),
        loadClient: part((c) => c.loadClient),
        verifyWorkers: part((c) => c.verifyWorkers),
        database: part((c) => c.database),
        busy: part((c) => c.busy),
      }
    }
    const cpu = medianCpu(rounds.map((r) => r.cpu))
    const floors = rounds.flatMap((r) => (r.bare === undefined ? [] : [{ ...r.bare, verifier: r.verifier, kezek: r.submissions.perSecond }]))
    const bare: BareResult | undefined = floors.length === 0 ? undefined : {
      submissions: merged(bareTimed),
      share: median(floors.map((f) => f.submissions.perSecond / Math.max(1, f.verifier))),
      ratio: median(floors.map((f) => f.kezek / Math.max(1, f.submissions.perSecond))),
      cpu: medianCpu(floors.map((f) => f.cpu)),
    }
    const ids = app.readModels.applicationsOf(TEST_IIN.citizen)
    if (ids.length === 0) throw new Error(`no submission was accepted (${submissions.errors} refused)`)
    const reads = ids.map((id) => ({ method: 'GET', path: `/v1/applications/${id}`, headers: { authorization: `Bearer ${citizen}` } }))
    await load(base, warm, connections, reads, 200)
    const statusReads = withoutLatencies(await load(base, seconds, connections, reads, 200))
    const waits: SubmissionWaits = {
      appendsPerBatch: batches.appends / Math.max(1, batches.n),
      msPerBatch: (1000 * batches.seconds) / Math.max(1, batches.n),
      batchBusy: (1000 * batches.seconds) / Math.max(1, roundsMs),
      eventLoopMeanMs: median(loopRounds.map((r) => r.mean)),
      eventLoopP99Ms: median(loopRounds.map((r) => r.p99)),
      verifyMs: verifyWait.mean(),
      appendMs: appendWait.mean(),
      ...collector.count(verifyWait.count()),
    }
    return { store: kind, personalData, statusReads, submissions, verifierPerSecond, share, rounds, verifyWorkers: workers, cpu, waits, ...(bare === undefined ? {} : { bare }) }
  } finally {
    collector.stop()
    await bareService?.close()
    await pool?.close()
    await stopServing()
    await app.close()
    await dispose()
  }
}

/** CPU per submission, in ms, that `threads` busy threads allow at SUBMISSION_TARGET of the verifier's rate. */
const budget = (threads: number, verifierPerSecond: number): number => (threads * 1000) / (SUBMISSION_TARGET * Math.max(1, verifierPerSecond))

const millis = (x: number): string => `${x.toFixed(2)} ms`

const collections = (c: Collections): string => `${c.perThousandSubmissions.toFixed(1)} per 1,000 submissions of ${millis(c.meanMs)}`

/**
 * A submission's CPU by part: the service thread; the verify workers; the rest of the process but the load client
 * (V8's threads: garbage collection and the optimizing compiler, and libuv's); the load client; the database.
 */
const cpuParts = (r: StoreResult): string => {
  const c = r.cpu
  if (c.serviceThread === undefined) return `whole process ${millis(c.process)}`
  const waited = c.serviceThreadWaiting === undefined || c.serviceThreadOccupied === undefined ? ''
    : ` (and ${millis(c.serviceThreadWaiting)} ready but waiting for a core${c.serviceThreadPreemptions === undefined ? '' : `, taken off it ${c.serviceThreadPreemptions.toFixed(2)} times`}; running or waiting ${Math.round(100 * c.serviceThreadOccupied)}% of the time)`
  const parts = [`service thread ${millis(c.serviceThread)}${waited}`]
  if (c.loadClient !== undefined && c.verifyWorkers !== undefined) {
    parts.push(
      `verify workers ${millis(c.verifyWorkers)}`,
      `V8's and libuv's threads ${millis(c.process - c.serviceThread - c.verifyWorkers - c.loadClient)}`,
      `load client ${millis(c.loadClient)}`,
    )
  } else if (c.loadClient !== undefined) {
    parts.push(`verify workers and V8's threads ${millis(c.process - c.serviceThread - c.loadClient)}`, `load client ${millis(c.loadClient)}`)
  } else parts.push(`other threads ${millis(c.process - c.serviceThread)}`)
  if (c.database !== undefined) parts.push(`PostgreSQL server ${millis(c.database)}`)
  const all = c.process + (c.database ?? 0)
  const db = r.store === 'pglite' ? ' (PGlite runs in the service thread)' : c.database === undefined ? ' (the database server not counted)' : ''
  return `${parts.join(', ')}: ${millis(all)} in all${db}${c.busy === undefined ? '' : `, the cores ${Math.round(100 * c.busy)}% busy`}`
}

const fmt = (m: Measured, unit: string) => `${m.perSecond.toLocaleString('en')} ${unit}/s (p50 ${m.p50ms} ms, p99 ${m.p99ms} ms${m.errors > 0 ? `, ${m.errors} errors` : ''})`

export const runHttpBench = async (options: HttpBenchOptions = {}) => {
  const seconds = options.seconds ?? (options.tiny ? 0.5 : options.quick ? 2 : 5)
  const connections = options.connections ?? 16
  const pgUrl = options.postgresUrl ?? process.env['KEZEK_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'
  const pki = options.pki ?? (await createTestPki())
  const results: StoreResult[] = []
  const workers = options.verifyWorkers ?? Math.max(0, Math.min(4, availableParallelism() - 1))
  const warm = options.tiny === true ? 0 : WARM_SUBMISSIONS
  const stores = options.stores ?? ['pglite', 'postgres']
  const bare = options.bareToo ?? true
  for (const kind of stores) results.push(await benchOne(kind, 'encrypted', seconds, connections, pgUrl, pki, workers, warm, bare))
  const clear = (options.clearToo ?? options.tiny !== true) && stores.includes('postgres')
    ? await benchOne('postgres', 'off', seconds, connections, pgUrl, pki, workers, warm)
    : undefined
  const rows = results.flatMap((r) => [
    {
      figure: `status reads/s, ${r.store}, ${connections} connections, ${cpus().length} cores`,
      kezek: fmt(r.statusReads, 'reads'), limit: '—', ratio: '—', target: '≥ 2,000 /s',
      verdict: r.statusReads.perSecond >= 2000 && r.statusReads.errors === 0 ? 'ok' : 'MISS',
    },
    {
      figure: `signed portal submissions/s, ${r.store}, personal data encrypted, ${r.verifyWorkers} verify worker(s)`,
      kezek: fmt(r.submissions, 'submissions'),
      limit: `verifier alone: ${r.verifierPerSecond}/s (one core, sequential; ${ROUNDS} rounds alternating with submissions, medians)`,
      ratio: `${Math.round(100 * r.share)}%`,
      target: `≥ ${Math.round(SUBMISSION_TARGET * 100)}% of the verifier alone`,
      verdict: r.submissions.errors === 0 && r.share >= SUBMISSION_TARGET ? 'ok' : 'MISS',
    },
    {
      figure: `  CPU per signed submission, ${r.store}, by part (why the share is what it is)`,
      kezek: cpuParts(r),
      limit: `${Math.round(SUBMISSION_TARGET * 100)}% on ${cpus().length} cores needs ≤ ${budget(cpus().length, r.verifierPerSecond).toFixed(2)} ms in all, ≤ ${budget(1, r.verifierPerSecond).toFixed(2)} ms on the service thread`,
      ratio: '—', target: '—', verdict: 'info',
    },
    ...(r.bare === undefined ? [] : [{
      figure: `  the bare service on the same cores, ${r.store} (express, the same verify worker, one prepared INSERT and commit per submission; bench/bare-service.ts)`,
      kezek: `${fmt(r.bare.submissions, 'submissions')}, ${Math.round(100 * r.bare.share)}% of the verifier alone; ${cpuParts({ ...r, cpu: r.bare.cpu })}`,
      limit: `kezek's submissions over the bare service's (medians of the same rounds)`,
      ratio: `${r.bare.ratio.toFixed(2)}×`, target: '—', verdict: 'info',
    }]),
    {
      figure: `  where a signed submission waits, ${r.store} (stops 25 and 51)`,
      kezek: `verify ${millis(r.waits.verifyMs)} a submission${r.cpu.verifyWorkers === undefined ? '' : ` (the workers' CPU ${millis(r.cpu.verifyWorkers)} of it)`}, append ${millis(r.waits.appendMs)} (means); `
        + `group commit: ${r.waits.appendsPerBatch.toFixed(1)} appends and ${r.waits.msPerBatch.toFixed(1)} ms a batch, one in flight ${Math.round(100 * r.waits.batchBusy)}% of the time; `
        + `event loop late ${r.waits.eventLoopMeanMs.toFixed(1)} ms on average, ${r.waits.eventLoopP99Ms.toFixed(1)} ms at p99 (medians of the rounds); `
        + `the service thread's collector: ${collections(r.waits.scavenges)} young-generation and ${collections(r.waits.fullCollections)} full collections`,
      limit: '—', ratio: '—', target: '—', verdict: 'info',
    },
  ])
  if (clear !== undefined) {
    rows.push({
      figure: `  same, postgres, personal data not encrypted (KEZEK_PERSONAL_DATA=off; what encryption costs)`,
      kezek: `${fmt(clear.submissions, 'submissions')}; ${cpuParts(clear)}`,
      limit: `verifier alone: ${clear.verifierPerSecond}/s`, ratio: `${Math.round(100 * clear.share)}%`, target: '—', verdict: 'info',
    })
  }
  // The public pages' server time on a large history (bench/pages.bench.ts): the suite's history when it passes one.
  const pages = options.skipPages === true ? undefined
    : await runPagesBench({ ...(options.quick === undefined ? {} : { quick: options.quick }), ...(options.tiny === undefined ? {} : { tiny: options.tiny }),
      ...(options.history === undefined ? {} : { history: options.history }) })
  return { seconds, connections, cores: cpus().length, results: clear === undefined ? results : [...results, clear], rows: [...rows, ...(pages?.rows ?? [])], pages }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 5)
  const connections = Number(process.argv[3] ?? 16)
  const workers = process.argv[4] === undefined ? undefined : Number(process.argv[4])
  const out = await runHttpBench({ seconds, connections, ...(workers === undefined ? {} : { verifyWorkers: workers }) })
  for (const r of out.rows) console.log(`${r.figure}\n  ${r.kezek}${r.limit === '—' ? '' : `\n  ${r.limit} → ${r.ratio}`}`)
}
