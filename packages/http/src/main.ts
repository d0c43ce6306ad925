/**
 * The runnable reference server (`pnpm start`). Reads its configuration from the environment (see config.ts and
 * docs/http.md), opens the store, and on the first start of a demo loads a small region's history plus a few live
 * applications, then prints the URL, demo tokens and curl lines.
 *
 * Shutdown on SIGINT/SIGTERM: readiness turns 503, the listener stops accepting, in-flight requests finish (up to
 * a grace period), then the read models stop and the store closes — nothing acknowledged is lost.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import type { ProviderId } from '@kezek/domain'
import { housingQueueEditions, kazakhstanNational } from '@kezek/domain'
import type { CommitBatch, EventStore, SqlEventStore } from '@kezek/adapters'
import { loadTrust, openPersonalDataStore, type LoadedTrust, type TrustSource } from '@kezek/adapters'
import { importSigningKey, x509 } from '@kezek/adapters'
import { createTestPki, TEST_IIN, type TestPki } from '@kezek/adapters/testing'
import { createApp } from './app.js'
import { demoUsers, longWaitingHolder, type DemoUser } from './pages/index.js'
import { DEFAULT_KID, issueToken, jwtAuthenticator, type TokenClaims } from './auth/jwt.js'
import { loadConfig, type ServerConfig } from './config.js'
import { DEMO_HISTORY, loadDemoHistory } from './demo/history.js'
import { DEMO_POWER_OF_ATTORNEY, driveLiveDemo, type DemoTokens } from './demo/live.js'
import type { ProviderConfig } from './http/services.js'
import { jsonLogger } from './observability/logger.js'
import { fileRegistries } from './registries/table.js'
import { xmlDsigVerifier } from './signature/adapter.js'
import { keyResultSigner, resultSignerProblem, type SigningIdentity } from './signature/result-signer.js'
import { revocationOf } from './signature/revocation.js'
import { workerPoolVerifier } from './signature/worker-pool.js'

const say = (line = ''): void => { process.stderr.write(line + '\n') }

const fail = (lines: readonly string[]): never => {
  say('kezek: cannot start:')
  for (const l of lines) say(`  - ${l}`)
  process.exit(2)
}

interface StoreWatch {
  readonly onCommitBatch: (b: CommitBatch) => void
  readonly onCheckpoint: (walBytes: number) => void
}

const openStore = async (c: ServerConfig['store'], { onCommitBatch, onCheckpoint }: StoreWatch): Promise<EventStore> => {
  switch (c.kind) {
    case 'pglite': {
      await mkdir(c.dataDir, { recursive: true })
      const { openPgliteStore } = await import('@kezek/adapters')
      return openPgliteStore({ dataDir: c.dataDir, onCommitBatch, checkpoints: { ...c.checkpoints, onCheckpoint } })
    }
    case 'postgres': {
      const { openPostgresStore } = await import('@kezek/adapters')
      return openPostgresStore({ connectionString: c.url, schema: c.schema, onCommitBatch })
    }
    case 'eventstoredb': {
      const { connectEventStoreDb } = await import('@kezek/adapters/eventstoredb')
      return connectEventStoreDb(c.url, {})
    }
  }
}

/** A secret of the demo, generated once and kept (mode 0600) in the data directory. Config refuses it outside the demo. */
const demoSecret = async (c: ServerConfig, name: string): Promise<string> => {
  if (c.demo !== 'auto') return fail([`${name} is not configured outside demo mode`])
  const file = `${c.dataDir}/${name}`
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  const secret = randomBytes(32).toString('base64url')
  await writeFile(file, secret + '\n', { mode: 0o600 })
  await chmod(file, 0o600)
  return secret
}

const tokenSecret = async (c: ServerConfig): Promise<{ readonly secret: string; readonly generated: boolean }> => {
  if (c.tokenSecret !== undefined) return { secret: c.tokenSecret, generated: false }
  if (c.demo !== 'auto') return fail(['KEZEK_TOKEN_SECRET is not configured outside demo mode'])
  const file = `${c.dataDir}/token-secret`
  if (existsSync(file)) return { secret: (await readFile(file, 'utf8')).trim(), generated: false }
  const secret = randomBytes(32).toString('base64url')
  await writeFile(file, secret + '\n', { mode: 0o600 })
  await chmod(file, 0o600)
  return { secret, generated: true }
}

const ensureDemoRegistry = async (file: string): Promise<void> => {
  if (existsSync(file)) return
  const table = {
    persons: [{ iin: TEST_IIN.citizen }, { iin: TEST_IIN.otherCitizen }, { iin: TEST_IIN.head }],
    powersOfAttorney: [{ number: DEMO_POWER_OF_ATTORNEY, principalIin: TEST_IIN.citizen, representativeIin: TEST_IIN.otherCitizen }],
  }
  await writeFile(file, JSON.stringify(table, null, 2) + '\n')
}

const realTrust = async (t: NonNullable<ServerConfig['trust']>): Promise<{ loaded: LoadedTrust; source: TrustSource }> => {
  const read = (files: readonly string[]) => Promise.all(files.map(async (f) => new Uint8Array(await readFile(f))))
  const source = { roots: await read(t.roots), intermediates: await read(t.intermediates), crls: await read(t.crls) }
  const loaded = loadTrust(source)
  if (E.isLeft(loaded)) return fail([`trust anchors: ${loaded.left.detail}`])
  return { loaded: loaded.right, source }
}

const realResultKey = async (k: NonNullable<ServerConfig['resultKey']>): Promise<SigningIdentity> => {
  const certificate = new x509.X509Certificate(await readFile(k.certFile))
  const problem = resultSignerProblem(certificate)
  if (problem !== undefined) return fail([`KEZEK_RESULT_CERT: ${problem}`])
  // RSA or GOST 2015/512 PKCS#8; a GOST key must reproduce the certificate's public key.
  const privateKey = await importSigningKey(await readFile(k.keyFile, 'utf8'), certificate)
  if (E.isLeft(privateKey)) return fail([`KEZEK_RESULT_KEY: ${privateKey.left}`])
  return { privateKey: privateKey.right, certificate }
}

const demoTokens = (secret: string, providerId: string): DemoTokens => {
  const exp = Math.floor(Date.now() / 1000) + 30 * 24 * 3600
  const t = (c: Omit<TokenClaims, 'exp'>) => issueToken(secret, { ...c, exp } as TokenClaims)
  return {
    citizen: t({ role: 'citizen', sub: 'demo-citizen', iin: TEST_IIN.citizen } as TokenClaims),
    otherCitizen: t({ role: 'citizen', sub: 'demo-citizen-2', iin: TEST_IIN.otherCitizen } as TokenClaims),
    officer: t({ role: 'provider_officer', sub: 'demo-officer', providerId } as TokenClaims),
    operator: t({ role: 'service_centre_operator', sub: 'demo-operator', providerId } as TokenClaims),
    auditor: t({ role: 'auditor', sub: 'demo-auditor' } as TokenClaims),
  }
}

/** Processor time of this process: what the demo's load costs whatever else the machine is doing. */
const cpuSeconds = (u: NodeJS.CpuUsage): string => ((u.user + u.system) / 1e6).toFixed(1)

const main = async (): Promise<void> => {
  const base = process.env['INIT_CWD'] ?? process.cwd()
  const decoded = loadConfig(process.env, base)
  if (E.isLeft(decoded)) return fail(decoded.left)
  const config = decoded.right
  await mkdir(config.dataDir, { recursive: true })
  const logger = jsonLogger({ level: config.logLevel, maskKey: config.logMaskKey ?? await demoSecret(config, 'log-mask-key') })
  // With the identity provider's JWKS there is no shared secret (and no demo: config refuses KEZEK_DEMO=auto with it).
  const { secret, generated } = config.jwksUrl === undefined ? await tokenSecret(config) : { secret: '', generated: false }

  let pki: TestPki | undefined
  let trust: LoadedTrust
  let trustSource: TrustSource
  let resultKey: SigningIdentity
  if (config.trust === undefined) {
    // Demo PKI: keys are non-extractable and never written to disk, so a new one is made at every start.
    pki = await createTestPki()
    trust = { trust: pki.trust, crls: pki.crls }
    const bytes = (x: { readonly rawData: ArrayBuffer }) => new Uint8Array(x.rawData)
    trustSource = { roots: pki.trust.roots.map(bytes), intermediates: pki.trust.intermediates.map(bytes), crls: pki.crls.map(bytes) }
    resultKey = { privateKey: pki.head.keys.privateKey, certificate: pki.head.certificate }
    await ensureDemoRegistry(config.registryFile)
  } else {
    const real = await realTrust(config.trust)
    trust = real.loaded
    trustSource = real.source
    resultKey = await realResultKey(config.resultKey!)
  }
  const pool = config.verifyWorkers > 0 ? workerPoolVerifier(trustSource, config.verifyWorkers, config.revocation, config.signerPolicy) : undefined
  if (!existsSync(config.registryFile)) logger.log('warn', 'registry table not found: ГБД ФЛ and ЕНИС look-ups will answer 503', { file: config.registryFile })

  const providers: ProviderConfig[] = config.providers.map((p) => ({
    id: p.id as ProviderId, name: p.id, definition: housingQueueEditions[p.edition], calendar: kazakhstanNational(),
  }))
  // The store is opened before the app that counts its batches: the first batches (the demo's) wait for nobody.
  let watch: StoreWatch | undefined
  const raw = await openStore(config.store, { onCommitBatch: (b) => watch?.onCommitBatch(b), onCheckpoint: (bytes) => watch?.onCheckpoint(bytes) })
  const personal = await openPersonalDataStore(raw, config.personalData, (m) => logger.log('warn', m))
  const store = personal.store
  const empty = (await store.headPosition()) === undefined
  // Filled once the demo's history is in: the /demo page reads it at each request.
  let pickable: readonly DemoUser[] = []
  const app = createApp({
    store,
    verifier: pool ?? xmlDsigVerifier({ current: () => trust, revocation: revocationOf(config.revocation, () => new Date()), signerPolicy: config.signerPolicy }),
    resultSigner: keyResultSigner(() => resultKey),
    registries: fileRegistries(config.registryFile),
    providers,
    auth: jwtAuthenticator({
      ...(config.jwksUrl === undefined ? { secrets: { [DEFAULT_KID]: secret } } : { jwksUrl: config.jwksUrl }),
      ...(config.tokenIssuer === undefined ? {} : { issuer: config.tokenIssuer }),
      ...(config.tokenAudience === undefined ? {} : { audience: config.tokenAudience }),
      now: () => new Date(),
    }),
    clock: () => new Date(),
    ids: { next: randomUUID },
    logger,
    ...(personal.protected === undefined ? {} : { personalData: personal.protected }),
    ...(config.demo === 'auto' ? { pages: { demoUsers: () => pickable } } : {}),
  })

  watch = { onCommitBatch: app.metrics.observeCommitBatch, onCheckpoint: app.metrics.observeCheckpoint }

  // Not `app.listen`: express 5 calls its callback on a listen error too, so a busy port looked like a start.
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app)
    s.once('error', reject)
    s.listen(config.port, config.host, () => {
      s.off('error', reject)
      resolve(s)
    })
  }).catch(async (e: unknown) => {
    await app.close().catch(() => undefined)
    await store.close().catch(() => undefined)
    const code = (e as { code?: string }).code
    return fail([code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is already in use (set PORT to another port)`
      : `cannot listen on ${config.host}:${config.port}: ${e instanceof Error ? e.message : String(e)}`])
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  await app.ready

  // Installed before the demo loads: a stop while it is loading (Ctrl+C at the first start, an orchestrator's
  // SIGTERM) is a stop like any other, answered with exit code 0, not the default action's 143.
  let stopping = false
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    say(`kezek: ${signal} — finishing in-flight requests…`)
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs)
    await closed
    clearTimeout(grace)
    // Closing the store waits for nothing acknowledged (every answered write has committed); a store that is down
    // must not hold the stop forever.
    const release = (async () => {
      await app.close()
      await pool?.close()
      await store.close()
    })()
    const released = await Promise.race([release.then(() => true, () => false), new Promise<false>((r) => setTimeout(() => r(false), config.shutdownGraceMs).unref())])
    say(released ? 'kezek: stopped cleanly' : 'kezek: stopped (the store did not close in time)')
    process.exit(0)
  }
  // `on`, not `once`: Ctrl+C reaches this process twice (from the terminal and forwarded by pnpm), and a second
  // signal must not kill a shutdown under way.
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  const provider = providers[0]!.id
  const tokens = demoTokens(secret, provider)
  let live: readonly string[] = []
  if (config.demo === 'auto' && empty && pki !== undefined) {
    say('kezek: first start — loading the demo (ten years of a region, then a few live applications)…')
    const started = performance.now()
    const cpu = process.cpuUsage()
    // On a SQL store (PGlite, PostgreSQL) the history goes in as one bulk transaction, sealed as appends seal it.
    const bulk = 'bulk' in raw ? { sql: raw as SqlEventStore, ...(personal.protected === undefined ? {} : { personal: personal.protected }) } : undefined
    // A stop while loading closes the server and the store under the demo, which then fails: that failure is the
    // stop's, not the start's. On a SQL store the history goes in as one transaction, so a stopped load leaves the
    // store empty and the next start loads the demo again.
    const loading = (async () => {
      const loaded = await loadDemoHistory(store, providers, { ...DEMO_HISTORY, endsBefore: new Date(), ...(bulk === undefined ? {} : { bulk }) })
      const head = await store.headPosition()
      if (head !== undefined) await app.readModels.reached(head)
      live = await driveLiveDemo(url, provider, pki, tokens)
      return loaded
    })()
    const loaded = await loading.catch((e: unknown) => { if (stopping) return undefined; throw e })
    if (loaded === undefined || stopping) return
    say(`kezek: demo loaded — ${loaded.events} events in ${app.readModels.stats().applications} applications, ${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${cpuSeconds(process.cpuUsage(cpu))} s)`)
  }

  if (config.demo === 'auto') {
    const holder = longWaitingHolder(app.readModels)
    const exp = Math.floor(Date.now() / 1000) + 30 * 24 * 3600
    pickable = demoUsers(tokens, holder === undefined ? undefined
      : issueToken(secret, { role: 'citizen', sub: 'demo-waiting-citizen', iin: holder, exp } as TokenClaims))
  }

  const mine = app.readModels.applicationsOf(TEST_IIN.citizen)
  const sample = live[0] ?? mine[0] ?? '<application-id>'
  // An application still waiting for the provider's decision, for the walkthrough in docs/http.md.
  const waiting = mine.find((id) => app.readModels.application(id)?.status.status === 'registered')
  say('')
  say(`kezek is listening on ${url}  (store: ${config.store.kind}${config.store.kind === 'pglite' ? ` ${config.store.dataDir}` : ''})`)
  say(`Pages (waiting lists, queue movement, status screens): ${url}/${config.demo === 'auto' ? `   demo users: ${url}/demo` : ''}`)
  if (generated) say(`token secret generated and kept in ${config.dataDir}/token-secret (set KEZEK_TOKEN_SECRET to choose your own)`)
  say('')
  // Tokens are printed only by the demo with its own generated secret: a deployment's secret never signs a token
  // that lands in a terminal.
  const printTokens = config.demo === 'auto' && config.tokenSecret === undefined
  if (printTokens) {
    say('Demo tokens (30 days; the demo citizens’ IINs are test numbers):')
    say(`  export CITIZEN=${tokens.citizen}`)
    say(`  export OFFICER=${tokens.officer}`)
    say(`  export OPERATOR=${tokens.operator}`)
    say(`  export AUDITOR=${tokens.auditor}`)
  }
  if (waiting !== undefined) say(`  export DESK=${waiting}   # registered, waiting for the officer's document check`)
  say('')
  say('Try:')
  say(`  curl -s ${url}/ready`)
  say(`  curl -s ${url}/v1/providers/${provider}/lists/socially_vulnerable?limit=5`)
  say(`  curl -s -H "Authorization: Bearer $CITIZEN" -H 'Accept-Language: kk' ${url}/v1/me/applications`)
  say(`  curl -s -H "Authorization: Bearer $CITIZEN" ${url}/v1/applications/${sample}/position`)
  say(`  curl -s -H "Authorization: Bearer $CITIZEN" ${url}/v1/applications/${sample}/result`)
  say(`  curl -s -H "Authorization: Bearer $AUDITOR" ${url}/v1/applications/${sample}/history`)
  say(`  curl -s -H "Authorization: Bearer $OFFICER" "${url}/v1/providers/${provider}/applications?limit=3"`)
  say(`  curl -s ${url}/openapi.json | head -c 300; echo`)
  say('')

}

// A stray rejection (a driver callback nobody awaited) is logged, not a crash: the service keeps answering, and
// readiness reports what is actually wrong.
process.on('unhandledRejection', (reason) => {
  say(`kezek: unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`)
})

main().catch((e: unknown) => fail([e instanceof Error ? e.message : String(e)]))
