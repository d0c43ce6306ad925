/**
 * Fault tests, on a throwaway PostgreSQL cluster of their own (never the shared server) and on the embedded store:
 * the service runs as its own process (`main.ts`) under a bounded write load (officers recording data changes on
 * queued applications), and
 *  1. the postmaster is killed with SIGKILL and restarted a few seconds later: the service process stays up,
 *     clients get 503 problems with Retry-After (no hangs, no 500s), /health stays 200, /ready goes 503 and back
 *     to 200, every acknowledged write is in the store, and the resumed read models equal a rebuild;
 *  2. the service itself is killed with SIGKILL and restarted, over PostgreSQL and over PGlite: every acknowledged
 *     write survives, the restarted read models equal a rebuild, and SIGTERM then stops it with exit code 0.
 * The recovery figures are printed (`fault figures`) and recorded in docs/operations.md.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeEvent, housingQueueEditions, kazakhstanNational, type ProviderId } from '@kezek/domain'
import { openPersonalDataStore, openPgliteStore, openPostgresStore, type EventStore } from '@kezek/adapters'
import { loadDemoHistory } from '../src/demo/history.js'
import { startReadModels } from '../src/read-model/projections.js'
import { silentLogger } from '../src/index.js'
import { freePort, throwawayCluster, type ThrowawayCluster } from './fault/cluster.js'
import { startService, type ServiceProcess } from './fault/service.js'

const PROVIDER = 'almaty-housing' as ProviderId
const PROVIDERS = [{ id: PROVIDER, name: PROVIDER, definition: housingQueueEditions['almaty-2012'], calendar: kazakhstanNational() }]
/** A request that takes longer than this is a hang. */
const HANG_MS = 15_000
const WORKERS = 4

const until = async (what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 120_000, detail: () => string = () => ''): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${detail()}`)
    await delay(50)
  }
}

const statusOf = async (url: string): Promise<number | 'down'> => {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(HANG_MS) })
    await r.text()
    return r.status
  } catch (e) {
    if ((e as Error).name === 'TimeoutError') return 0 // a hang: asserted against below
    return 'down'
  }
}

/** Applications the seeded history left queued (the ones a data change may be recorded on). */
const seed = async (store: EventStore): Promise<string[]> => {
  await loadDemoHistory(store, PROVIDERS, { seed: 12, events: 500 })
  const read = startReadModels(store, { logger: silentLogger, now: () => new Date() })
  await read.caughtUp
  const ids = read.applicationsOfProvider(PROVIDER).filter((id) => read.application(id)?.status.status === 'queued')
  await read.stop()
  if (ids.length < WORKERS) throw new Error(`the seed left only ${ids.length} queued applications`)
  return ids
}

interface Load {
  readonly acknowledged: Map<string, string>
  readonly outcomes: Map<string, number>
  readonly samples: string[]
  readonly stop: () => Promise<void>
}

/** WORKERS officers, each on applications of their own (no lost races), one request at a time, paced. */
const writeLoad = (url: string, token: () => string, apps: readonly string[]): Load => {
  const acknowledged = new Map<string, string>()
  const outcomes = new Map<string, number>()
  const samples: string[] = []
  const count = (k: string): void => { outcomes.set(k, (outcomes.get(k) ?? 0) + 1) }
  let seq = 0
  let stopped = false
  const worker = async (w: number): Promise<void> => {
    const mine = apps.filter((_, i) => i % WORKERS === w)
    while (!stopped) {
      const n = seq++
      const id = mine[n % mine.length] as string
      const note = `fault-${n}`
      try {
        const r = await fetch(`${url}/v1/applications/${id}/data-change`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json', 'idempotency-key': `fault-key-${n}` },
          body: JSON.stringify({ familySize: 1 + (n % 7), note }),
          signal: AbortSignal.timeout(HANG_MS),
        })
        const text = await r.text()
        if (r.status === 200) acknowledged.set(note, id)
        else if (r.status === 503 && r.headers.get('retry-after') !== null && /problem\+json/.test(r.headers.get('content-type') ?? '')) count('503')
        else { count(String(r.status)); if (samples.length < 5) samples.push(`${r.status} ${text.slice(0, 300)}`) }
      } catch (e) {
        count((e as Error).name === 'TimeoutError' ? 'hang' : 'connection')
      }
      await delay(20)
    }
  }
  const running = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
  return { acknowledged, outcomes, samples, stop: async () => { stopped = true; await running } }
}

const progress = (load: Load): string =>
  `(acknowledged ${load.acknowledged.size}; other answers ${JSON.stringify(Object.fromEntries(load.outcomes))}; samples:\n${load.samples.join('\n')})`

/** Watches /health and /ready every 100 ms. */
const watch = (url: string) => {
  const seen: { at: number; health: number | 'down'; ready: number | 'down' }[] = []
  let stopped = false
  const running = (async () => {
    while (!stopped) {
      const [health, ready] = await Promise.all([statusOf(`${url}/health`), statusOf(`${url}/ready`)])
      seen.push({ at: Date.now(), health, ready })
      await delay(100)
    }
  })()
  return { seen, stop: async () => { stopped = true; await running } }
}

/** Every acknowledged data change is in the store. */
const lostWrites = async (store: EventStore, acknowledged: ReadonlyMap<string, string>): Promise<string[]> => {
  const stored = new Set<string>()
  for await (const r of store.readAll()) {
    const e = decodeEvent(r.data)
    if (e._tag === 'Right' && e.right.type === 'data_changed') stored.add(`${e.right.applicationId} ${e.right.note}`)
  }
  return [...acknowledged].filter(([note, id]) => !stored.has(`${id} ${note}`)).map(([note]) => note)
}

/**
 * The service's read models against a rebuild from the store: the same number of events applied (nothing skipped,
 * nothing twice) and, for every application written to, the same status and revision.
 */
const sameAsRebuild = async (url: string, token: string, store: EventStore, ids: readonly string[]): Promise<void> => {
  const head = await store.headPosition()
  const rebuild = startReadModels(store, { logger: silentLogger, now: () => new Date() })
  try {
    if (head !== undefined) await rebuild.reached(head)
    const headers = { authorization: `Bearer ${token}`, ...(head === undefined ? {} : { 'kezek-min-position': head }) }
    const ready = await fetch(`${url}/ready`, { headers })
    assert.is(ready.status, 200)
    const body = (await ready.json()) as { readModels: { eventsProjected: number; applications: number } }
    assert.is(body.readModels.eventsProjected, rebuild.stats().eventsProjected, 'events applied: service vs rebuild')
    assert.is(body.readModels.applications, rebuild.stats().applications)
    for (const id of new Set(ids)) {
      const r = await fetch(`${url}/v1/applications/${id}`, { headers })
      const view = (await r.json()) as { status: string; revision: number }
      assert.is(r.status, 200)
      assert.is(view.revision, rebuild.application(id)?.revision, `revision of ${id}`)
      assert.is(view.status, rebuild.application(id)?.status.status)
    }
  } finally {
    await rebuild.stop()
  }
}

/** A store opened as the service opens it: personal data encrypted, keys beside the events (its default). */
const asService = async (inner: Promise<EventStore>): Promise<EventStore> =>
  (await openPersonalDataStore(await inner, { mode: 'encrypted' }, () => undefined)).store

const figures: Record<string, unknown>[] = []

let cluster: ThrowawayCluster | undefined
const dirs: string[] = []
const services: ServiceProcess[] = []
test.after(async () => {
  for (const s of services) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL')
  await cluster?.destroy()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  console.log(`fault figures ${JSON.stringify(figures)}`)
})

const tempDir = (label: string): string => {
  const d = mkdtempSync(join(tmpdir(), `kezek-fault-${label}-`))
  dirs.push(d)
  return d
}

test('PostgreSQL killed (SIGKILL) under write load and restarted: the service rides it out, loses nothing, recovers by itself', async () => {
  cluster = await throwawayCluster()
  await cluster.start()
  const seeding = await asService(openPostgresStore({ connectionString: cluster.url }))
  const apps = await seed(seeding).finally(() => seeding.close())
  const port = await freePort()
  const env = { PORT: String(port), KEZEK_STORE: cluster.url, KEZEK_DATA_DIR: tempDir('pg'), KEZEK_TOKEN_SECRET: 'fault-test-secret-0123456789abcdef', KEZEK_DEMO: 'auto' }
  let svc = await startService(env, PROVIDER)
  services.push(svc)
  await until('ready', async () => (await statusOf(`${svc.url}/ready`)) === 200)
  const load = writeLoad(svc.url, () => svc.officer, apps)
  const watcher = watch(svc.url)
  try {
    await until('acknowledged writes before the kill', () => load.acknowledged.size >= 20, 120_000, () => progress(load))
    const killedAt = Date.now()
    await cluster.kill9()
    await until('/ready 503 during the outage', () => watcher.seen.some((s) => s.at > killedAt && s.ready === 503))
    await until('a 503 answer to a write', () => (load.outcomes.get('503') ?? 0) > 0)
    await delay(3000) // the outage lasts a few seconds
    const restartAt = Date.now()
    await cluster.start()
    let lastReady = ''
    await until('/ready 200 again', async () => {
      if (watcher.seen.some((s) => s.at > restartAt && s.ready === 200)) return true
      lastReady = await fetch(`${svc.url}/ready`).then((r) => r.text(), (e: Error) => e.message)
      return false
    }, 120_000, () => `(last /ready: ${lastReady}; ${progress(load)}; service stderr:\n${svc.stderr().slice(-2000)})`)
    const readyAt = watcher.seen.find((s) => s.at > restartAt && s.ready === 200)?.at ?? Date.now()
    const before = load.acknowledged.size
    await until('acknowledged writes after recovery', () => load.acknowledged.size >= before + 20, 120_000, () => progress(load))
    await load.stop()
    await watcher.stop()

    assert.is(svc.child.exitCode, null, `the service process stayed up:\n${svc.stderr()}`)
    assert.is(load.outcomes.get('hang'), undefined, 'no request hung')
    assert.equal([...load.outcomes.keys()].sort(), ['503'], `only 200s and 503 problems with Retry-After: ${load.samples.join('\n')}`)
    assert.ok(watcher.seen.every((s) => s.health === 200), '/health stayed 200 throughout')
    const check = await asService(openPostgresStore({ connectionString: cluster.url }))
    try {
      const lost = await lostWrites(check, load.acknowledged)
      assert.equal(lost, [], 'every acknowledged write is in the store')
      await sameAsRebuild(svc.url, svc.officer, check, [...load.acknowledged.values()])
    } finally {
      await check.close()
    }
    figures.push({
      scenario: 'postgres SIGKILL', outageToReadyMs: readyAt - killedAt, restartToReadyMs: readyAt - restartAt,
      acknowledged: load.acknowledged.size, answered503: load.outcomes.get('503') ?? 0, lost: 0,
    })

    // The service itself killed and restarted on the same port, over the same database.
    const load2 = writeLoad(svc.url, () => svc.officer, apps)
    await until('acknowledged writes before the service is killed', () => load2.acknowledged.size >= 20, 120_000, () => progress(load2))
    const serviceKilledAt = Date.now()
    svc.child.kill('SIGKILL')
    await svc.exited
    svc = await startService(env, PROVIDER)
    services.push(svc)
    await until('the restarted service ready', async () => (await statusOf(`${svc.url}/ready`)) === 200)
    const serviceReadyAt = Date.now()
    const before2 = load2.acknowledged.size
    await until('acknowledged writes after the restart', () => load2.acknowledged.size >= before2 + 20, 120_000, () => progress(load2))
    await load2.stop()
    assert.is(load2.outcomes.get('hang'), undefined, 'no request hung')
    const check2 = await asService(openPostgresStore({ connectionString: cluster.url }))
    try {
      assert.equal(await lostWrites(check2, load2.acknowledged), [], 'every acknowledged write survived the service kill')
      await sameAsRebuild(svc.url, svc.officer, check2, [...load2.acknowledged.values()])
    } finally {
      await check2.close()
    }
    figures.push({ scenario: 'service SIGKILL on postgres', killToReadyMs: serviceReadyAt - serviceKilledAt, acknowledged: load2.acknowledged.size, lost: 0 })
    svc.child.kill('SIGTERM')
    assert.is(await svc.exited, 0, `SIGTERM stops the service cleanly:\n${svc.stderr()}`)
  } finally {
    await load.stop()
    await watcher.stop()
  }
})

test('the service on PGlite killed (SIGKILL) under write load and restarted: nothing acknowledged is lost', async () => {
  const dataDir = join(tempDir('pglite'), 'kezek')
  const seeding = await asService(openPgliteStore({ dataDir }))
  const apps = await seed(seeding).finally(() => seeding.close())
  const port = await freePort()
  // Checkpoints looked for every second (the default is five minutes), so the run shows them on /metrics.
  const env = {
    PORT: String(port), KEZEK_STORE: dataDir, KEZEK_DATA_DIR: tempDir('pglite-data'), KEZEK_TOKEN_SECRET: 'fault-test-secret-0123456789abcdef', KEZEK_DEMO: 'auto',
    KEZEK_PGLITE_CHECKPOINT_SECONDS: '1',
  }
  let svc = await startService(env, PROVIDER)
  services.push(svc)
  await until('ready', async () => (await statusOf(`${svc.url}/ready`)) === 200)
  const load = writeLoad(svc.url, () => svc.officer, apps)
  try {
    await until('acknowledged writes before the kill', () => load.acknowledged.size >= 20, 120_000, () => progress(load))
    const killedAt = Date.now()
    svc.child.kill('SIGKILL')
    await svc.exited
    svc = await startService(env, PROVIDER) // takes over the dead process's directory lock
    services.push(svc)
    await until('the restarted service ready', async () => (await statusOf(`${svc.url}/ready`)) === 200)
    const readyAt = Date.now()
    const before = load.acknowledged.size
    await until('acknowledged writes after the restart', () => load.acknowledged.size >= before + 20, 120_000, () => progress(load))
    await load.stop()
    assert.is(load.outcomes.get('hang'), undefined, 'no request hung')
    // What the running service shows, before it stops and the directory can be opened here.
    const views = new Map<string, unknown>()
    const ready = (await (await fetch(`${svc.url}/ready`)).json()) as { readModels: { eventsProjected: number } }
    for (const id of new Set(load.acknowledged.values())) {
      const r = await fetch(`${svc.url}/v1/applications/${id}`, { headers: { authorization: `Bearer ${svc.officer}` } })
      const v = (await r.json()) as { status: string; revision: number }
      views.set(id, { status: v.status, revision: v.revision })
    }
    // The restarted process's group commit, as its metrics show it (main.ts wires the store's batches to them).
    const metrics = await (await fetch(`${svc.url}/metrics`)).text()
    const appended = Number(/^kezek_store_commit_batch_appends_sum (\d+)$/m.exec(metrics)?.[1] ?? 0)
    assert.ok(appended >= 20, `the batches counted at least the 20 writes acknowledged after the restart: ${appended}`)
    assert.match(metrics, /^kezek_store_commit_batch_seconds_count [1-9]\d*$/m)
    // And its checkpoints (main.ts wires KEZEK_PGLITE_CHECKPOINT_SECONDS to the store, the store's checkpoints to
    // the metrics): the writes after the restart are due one within a second.
    let counted = ''
    await until('a checkpoint counted on /metrics', async () => {
      counted = await (await fetch(`${svc.url}/metrics`)).text()
      return /^kezek_store_checkpoints_total [1-9]\d*$/m.test(counted)
    }, 30_000)
    assert.ok(Number(/^kezek_store_checkpoint_wal_bytes_total (\d+)$/m.exec(counted)?.[1] ?? 0) > 0, 'the WAL a checkpoint let go is counted')
    svc.child.kill('SIGTERM')
    assert.is(await svc.exited, 0, `SIGTERM stops the service cleanly:\n${svc.stderr()}`)
    const check = await asService(openPgliteStore({ dataDir }))
    try {
      assert.equal(await lostWrites(check, load.acknowledged), [], 'every acknowledged write survived the kill')
      const rebuild = startReadModels(check, { logger: silentLogger, now: () => new Date() })
      await rebuild.caughtUp
      assert.is(ready.readModels.eventsProjected, rebuild.stats().eventsProjected)
      for (const [id, v] of views) assert.equal(v, { status: rebuild.application(id)?.status.status, revision: rebuild.application(id)?.revision })
      await rebuild.stop()
    } finally {
      await check.close()
    }
    figures.push({ scenario: 'service SIGKILL on PGlite', killToReadyMs: readyAt - killedAt, acknowledged: load.acknowledged.size, lost: 0 })
  } finally {
    await load.stop()
  }
})

test.run()
