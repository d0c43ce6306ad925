/**
 * The proof that erasure works end to end, run on PGlite and on PostgreSQL: one citizen files an application of
 * every service over HTTP (with a representative, children, a ward, a second parent), the store is exported, the
 * data-protection officer erases the citizen over HTTP; then a pg_dump of the schema (PostgreSQL) or every file
 * of the PGlite directory after a checkpoint (WAL included), an export made after the erasure, the service's log
 * output and every HTTP answer after the erasure are searched for every IIN, name and address the applications held
 * — as text, base64 and hex. Zero hits. List positions are unchanged, the hash chain verifies, export files are 0600.
 *
 * The needles are not a hand list either: they are every value of every marked personal field (iin, name,
 * address, phone) the applications held before the erasure, read through the decrypting store.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { checkDigit, ServiceRequest, type LocalDate } from '@kezek/domain'
import {
  disabledChildAllowanceKokpekty2012, guardianshipCertificateKokpekty2012, guardianshipInheritanceKokpekty2012,
  guardianshipPropertyDealKokpekty2012, housingAssistanceKaraganda2014, housingQueueAlmaty2012, kazakhstanNational,
  kindergartenQueueKokpekty2012, unemploymentCertificateKokpekty2012,
} from '@kezek/domain'
import {
  buildApplicationRequestXml, kezekPersonalFields, mapPersonalFields, openPersonalDataStore, verifyStore,
  type EventStore, type Json,
} from '@kezek/adapters'
import { signAs, TEST_BIN } from '@kezek/adapters/testing'
import { runCli, type CliIo } from '@kezek/adapters/cli'
import { jsonLogger, tableRegistries } from '../src/index.js'
import { call, IIN, POA, PROVIDER, registryTable, serviceToday, startServer, testPki, token, tokens, walkInBody, type Answer, type Running } from './harness.js'

const iinBorn = (date: string, serialFrom = 100): string => {
  const [y, m, d] = date.split('-') as [string, string, string]
  for (let serial = serialFrom; serial < serialFrom + 100; serial++) {
    const first11 = `${y.slice(2)}${m}${d}5${String(serial).padStart(4, '0')}`
    const digit = checkDigit(first11)
    if (digit !== undefined) return `${first11}${digit}`
  }
  throw new Error('no IIN')
}

const today = serviceToday() // the service's local date (UTC+5): a UTC date is the day before from 19:00 UTC
const CHILD = iinBorn(`${Number(today.slice(0, 4)) - 3}-06-01`)
const WARD = iinBorn('2012-02-03')
const MINOR = iinBorn('2015-09-09', 300)
const SECOND_PARENT = iinBorn('1987-04-12', 500)
const ADDRESS = 'г. Алматы, ул. Жандосова 58, кв. 114'
const docs = [{ kind: 'application', digest: 'ef'.repeat(32) }]
const dpo = token({ role: 'data_protection_officer', sub: 'dpo-1' } as never)

const req = (input: unknown): ServiceRequest => {
  const d = ServiceRequest.decode(input)
  if (E.isLeft(d)) throw new Error(`test request does not decode: ${JSON.stringify(input)}`)
  return d.right
}

const providers = [{
  id: PROVIDER, name: 'Отдел образования и занятости', definition: housingQueueAlmaty2012, calendar: kazakhstanNational(),
  services: [
    unemploymentCertificateKokpekty2012, disabledChildAllowanceKokpekty2012, kindergartenQueueKokpekty2012,
    guardianshipCertificateKokpekty2012, guardianshipPropertyDealKokpekty2012, guardianshipInheritanceKokpekty2012,
    housingAssistanceKaraganda2014,
  ],
}]

const portalXml = async (request: ServiceRequest) =>
  signAs((await testPki()).citizen, buildApplicationRequestXml({ providerId: PROVIDER, applicantIin: IIN.citizen, request }))

const centreBody = async (request: ServiceRequest) => ({
  applicantIin: IIN.citizen,
  request,
  signedXml: await signAs((await testPki()).officer, buildApplicationRequestXml({
    providerId: PROVIDER, applicantIin: IIN.citizen, request, staff: { role: 'operator', iin: IIN.officer, bin: TEST_BIN.provider },
  })),
})

/** Every way the bytes of a needle could stand in a file: text, hex (both cases), base64 at each alignment. */
const encodings = (needle: string): Buffer[] => {
  const bytes = Buffer.from(needle, 'utf8')
  const out = [bytes, Buffer.from(bytes.toString('hex')), Buffer.from(bytes.toString('hex').toUpperCase())]
  for (let k = 0; k < 3; k++) {
    const shifted = Buffer.concat([Buffer.alloc(k), bytes])
    for (const b64 of [shifted.toString('base64'), shifted.toString('base64url')]) {
      out.push(Buffer.from(b64.slice(Math.ceil((k * 8) / 6), Math.floor(((k + bytes.length) * 8) / 6))))
    }
  }
  return out
}

const hits = (haystack: Buffer, needles: readonly string[]): string[] =>
  needles.filter((n) => encodings(n).some((e) => haystack.includes(e)))

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]))

const cliIo = (cwd: string): CliIo & { output: () => string } => {
  let out = ''
  return {
    out: { write: (t) => { out += t } },
    err: { write: () => undefined, isTTY: false, columns: 80 },
    env: {},
    now: () => new Date(),
    clock: () => performance.now(),
    stdin: process.stdin,
    cwd,
    output: () => out,
  }
}

/** Every personal value (IINs, names, addresses, phones) the store's events hold, read decrypted. */
const personalValues = async (store: EventStore): Promise<string[]> => {
  const found = new Set<string>()
  const collect = async (json: Json, section: 'data' | 'metadata', type: string) => {
    const index = section === 'data' ? kezekPersonalFields.data(type) : kezekPersonalFields.metadata
    await mapPersonalFields(json, section, index, async (value, { field }) => {
      if (typeof value === 'string' && value.length >= 6 && ['iin', 'name', 'address', 'phone'].includes(field.mark.kind)) found.add(value)
      return value
    })
  }
  for await (const e of store.readAll()) {
    await collect(e.data, 'data', e.type)
    await collect(e.metadata, 'metadata', e.type)
  }
  return [...found].sort()
}

export interface Backend {
  readonly name: string
  /** Opens (or reopens) the raw store. */
  readonly open: () => Promise<EventStore>
  /** The `--store` of the CLI for it. */
  readonly locator: string
  /** The bytes to search at rest after the erasure: a pg_dump of the schema, or every PGlite file after a checkpoint. */
  readonly atRest: () => Promise<Buffer[]>
  readonly dispose: () => Promise<void>
}

/** KEZEK_TEST_TRACE=1 prints each stage (the test is long on a loaded machine). */
const stage = (what: string): void => { if (process.env['KEZEK_TEST_TRACE'] !== undefined) process.stderr.write(`[erasure proof] ${new Date().toISOString()} ${what}\n`) }

export const proveErasure = async (backend: Backend): Promise<void> => {
  const work = mkdtempSync(join(tmpdir(), 'kezek-erasure-'))
  const logs: string[] = []
  const logger = jsonLogger({ sink: (l) => logs.push(l), level: 'debug' })
  const warnings: string[] = []
  let open: (() => Promise<void>) | undefined
  const openService = async (): Promise<{ r: Running; store: EventStore; close: () => Promise<void> }> => {
    const opened = await openPersonalDataStore(await backend.open(), { mode: 'encrypted' }, (m) => warnings.push(m))
    const r = await startServer(opened.store, {
      registries: tableRegistries(registryTable), providers, logger, ...(opened.protected === undefined ? {} : { personalData: opened.protected }),
    })
    const close = async () => { open = undefined; await r.stop(); await opened.store.close() }
    open = close
    return { r, store: opened.store, close }
  }
  try {
    await prove(backend, work, logs, warnings, openService)
  } finally {
    await open?.()
  }
}

const prove = async (
  backend: Backend, work: string, logs: readonly string[], warnings: readonly string[],
  openService: () => Promise<{ r: Running; store: EventStore; close: () => Promise<void> }>,
): Promise<void> => {

  stage('opening the service')
  // ── One citizen, every service, with a representative, children, a ward and a second parent.
  let service = await openService()
  const { r } = service
  const ids: string[] = []
  const file = async (answer: Promise<Answer>) => {
    const a = await answer
    assert.is(a.status, 201, a.text)
    ids.push(a.body.applicationId as string)
    return a.body.applicationId as string
  }
  const portal = (request: ServiceRequest) => file((async () => call(r.url, 'POST', '/v1/portal/applications', { token: tokens.citizen, xml: await portalXml(request) }))())
  const centre = (request: ServiceRequest) => file((async () => call(r.url, 'POST', '/v1/service-centre/applications', { token: tokens.operator, json: await centreBody(request) }))())

  const withRepresentative = await file((async () => call(r.url, 'POST', '/v1/service-centre/applications', {
    token: tokens.operator, json: await walkInBody('operator', { representative: { iin: IIN.otherCitizen, powerOfAttorney: POA } }),
  }))())
  assert.is((await call(r.url, 'POST', `/v1/applications/${withRepresentative}/document-check`, { token: tokens.officer, json: { conforming: true } })).status, 200)
  const queued = await call(r.url, 'POST', `/v1/applications/${withRepresentative}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: today } })
  assert.is(queued.status, 200, queued.text)
  await portal(req({ service: 'unemployment-certificate', periodFrom: '2025-01-01', periodTo: '2025-12-31', documents: docs }))
  await portal(req({ service: 'disabled-child-allowance', child: { iin: CHILD }, bankAccount: 'KZ86125KZT5004100100', bankName: 'АО «Народный банк»', documents: docs }))
  const kindergarten = await portal(req({ service: 'kindergarten-queue', child: { iin: CHILD }, documents: docs }))
  assert.is((await call(r.url, 'POST', `/v1/applications/${kindergarten}/document-check`, { token: tokens.officer, json: { conforming: true } })).status, 200)
  assert.is((await call(r.url, 'POST', `/v1/applications/${kindergarten}/queue-decision`, { token: tokens.officer, json: { commissionDecisionDate: today, journal: { number: '77', date: today } } })).status, 200)
  await centre(req({ service: 'guardianship-certificate', ward: { iin: WARD }, documents: docs }))
  await portal(req({ service: 'guardianship-property-deal', deal: 'sale', propertyAddress: ADDRESS, children: [{ iin: MINOR, consent: true }], secondParentIin: SECOND_PARENT, documents: docs }))
  await portal(req({ service: 'guardianship-inheritance', variant: 'bank', addressee: 'АО «Халык банк»', children: [{ iin: MINOR, consent: true }], documents: docs }))
  await portal(req({ service: 'housing-assistance', familySize: 3, documents: docs }))

  stage('filed every service')
  const needles = await personalValues(service.store)
  for (const n of [IIN.citizen, IIN.otherCitizen, CHILD, WARD, MINOR, SECOND_PARENT, ADDRESS]) assert.ok(needles.includes(n), `${n} is among the personal values`)
  assert.ok(needles.some((n) => /[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{3,}/.test(n) && !/^\d+$/.test(n)), `a signer's name is among them: ${needles.join(' | ')}`)
  // The search is not vacuous: it finds the IIN in an answer before the erasure, and in base64/hex at any alignment.
  const named = await call(r.url, 'GET', `/v1/applications/${withRepresentative}`, { token: tokens.auditor })
  assert.ok(hits(Buffer.from(named.text), needles).includes(IIN.citizen), 'before erasure the answer names the citizen')
  for (const wrapped of [`x${Buffer.from(`ab${IIN.citizen}`).toString('base64')}`, Buffer.from(`:${ADDRESS}`).toString('hex').toUpperCase()]) {
    assert.is(hits(Buffer.from(wrapped), needles).length, 1, wrapped)
  }
  const positionsBefore = await Promise.all([withRepresentative, kindergarten].map(async (id) =>
    (await call(r.url, 'GET', `/v1/applications/${id}/position`, { token: tokens.auditor })).body))

  stage('collected the personal values')
  // ── Export before the erasure: a backup holds ciphertext only.
  await service.close()
  const before = join(work, 'before.ndjson')
  assert.is(await runCli(['export', '--store', backend.locator, '--out', before], cliIo(work)), 0)
  assert.is(statSync(before).mode & 0o777, 0o600, 'export files are written 0600')
  assert.equal(hits(readFileSync(before), needles), [], 'the export before erasure holds no personal value in clear')

  stage('exported before erasure')
  // ── The data-protection officer erases the citizen over HTTP (the service restarted: read models rebuilt).
  service = await openService()
  const r2 = service.r
  const refused = await call(r2.url, 'POST', '/v1/personal-data/erasures', { token: tokens.auditor, json: { iin: IIN.citizen, ground: 'заявление № ПД-12' } })
  assert.is(refused.status, 403, 'only the data-protection officer erases')
  const withIin = await call(r2.url, 'POST', '/v1/personal-data/erasures', { token: dpo, json: { iin: IIN.citizen, ground: `заявление ${IIN.citizen}` } })
  assert.is(withIin.status, 422, 'the ground must not hold an IIN')
  stage('service reopened; erasing')
  const erased = await call(r2.url, 'POST', '/v1/personal-data/erasures', { token: dpo, json: { iin: IIN.citizen, ground: 'заявление субъекта № ПД-12 от 01.03.2025' } })
  assert.is(erased.status, 201, erased.text)
  assert.is(erased.body.applications, ids.length, 'every application of the citizen was named')
  assert.ok(erased.body.keysDestroyed >= 1)

  stage('erased')
  // ── Every answer after the erasure, at once (no restart).
  const answers: Answer[] = [erased]
  const get = async (path: string, t?: string) => {
    const a = await call(r2.url, 'GET', path, t === undefined ? {} : { token: t })
    answers.push(a)
    return a
  }
  const mine = await get('/v1/me/applications', tokens.citizen)
  assert.is(mine.status, 200, mine.text)
  assert.equal(mine.body.applications ?? mine.body.items ?? [], [], 'the citizen has no applications any more')
  for (const id of ids) {
    const view = await get(`/v1/applications/${id}`, tokens.auditor)
    assert.is(view.status, 200, view.text)
    await get(`/v1/applications/${id}/history`, tokens.auditor)
    await get(`/v1/applications/${id}/result`, tokens.auditor)
    await get(`/v1/applications/${id}/position`, tokens.auditor)
    await get(`/v1/applications/${id}`, tokens.officer)
  }
  await get(`/v1/providers/${PROVIDER}/applications`, tokens.officer)
  await get(`/v1/providers/${PROVIDER}/lists`)
  for (const category of ['socially_vulnerable', 'preschool_journal']) {
    await get(`/v1/providers/${PROVIDER}/lists/${category}`)
    const entries = await get(`/v1/providers/${PROVIDER}/lists/${category}/entries`, tokens.officer)
    assert.is(entries.status, 200, entries.text)
  }
  // The HTML pages too (public list pages; staff pages answer whatever their sign-in gives a bearer caller).
  for (const path of [`/providers/${PROVIDER}`, `/providers/${PROVIDER}/lists/socially_vulnerable`, `/providers/${PROVIDER}/lists/preschool_journal`]) await get(path)
  await get('/staff', tokens.officer)
  for (const id of ids) await get(`/staff/applications/${id}`, tokens.officer)
  const positionsAfter = await Promise.all([withRepresentative, kindergarten].map(async (id) => (await get(`/v1/applications/${id}/position`, tokens.auditor)).body))
  assert.equal(positionsAfter.map((p) => p.position), positionsBefore.map((p) => p.position), 'list positions do not change')
  for (const a of answers) assert.equal(hits(Buffer.from(a.text), needles), [], `an answer names the person: ${a.text.slice(0, 300)}`)

  stage('answers searched')
  // ── The hash chain still verifies (on what is stored) and every event still decodes (kezek verify).
  const inner = await verifyStoreOf(service.store)
  assert.ok(inner, 'the stored chain verifies')
  await service.close()
  assert.is(await runCli(['verify', '--store', backend.locator], cliIo(work)), 0, 'kezek verify passes after erasure')

  stage('verified')
  // ── An export after the erasure, the store at rest, the logs: nothing.
  const after = join(work, 'after.ndjson')
  assert.is(await runCli(['export', '--store', backend.locator, '--out', after], cliIo(work)), 0)
  assert.is(statSync(after).mode & 0o777, 0o600)
  assert.equal(hits(readFileSync(after), needles), [], 'the export after erasure')
  for (const [i, bytes] of (await backend.atRest()).entries()) assert.equal(hits(bytes, needles), [], `${backend.name} at rest (#${i})`)
  assert.equal(hits(Buffer.from(logs.join('\n')), needles), [], 'the service log')
  assert.equal(warnings, [], 'no warning: encryption is on')
}

/** `verifyStore` over what is stored under the decorator. */
const verifyStoreOf = async (store: EventStore): Promise<boolean> => {
  const inner = (store as { inner?: EventStore }).inner ?? store
  return E.isRight(await verifyStore(inner))
}

export const pgliteBackend = (): Backend => {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-pglite-erasure-'))
  return {
    name: 'PGlite',
    open: async () => (await import('@kezek/adapters')).openPgliteStore({ dataDir: dir }),
    locator: dir,
    atRest: async () => {
      const store = await (await import('@kezek/adapters')).openPgliteStore({ dataDir: dir })
      await store.driver.exec('CHECKPOINT')
      await store.close()
      return filesUnder(dir).map((f) => readFileSync(f))
    },
    dispose: async () => undefined,
  }
}

export const postgresBackend = (url: string, schema: string): Backend => ({
  name: 'PostgreSQL',
  open: async () => (await import('@kezek/adapters')).openPostgresStore({ connectionString: url, schema, pollIntervalMs: 200 }),
  locator: `${url}?schema=${schema}`,
  atRest: async () => {
    const u = new URL(url)
    return [execFileSync('pg_dump', ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', '-n', schema, u.pathname.slice(1)], { maxBuffer: 1 << 28 })]
  },
  dispose: async () => {
    const { postgresDriver } = await import('@kezek/adapters')
    const driver = postgresDriver({ connectionString: url, maxConnections: 1 })
    try { await driver.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) } finally { await driver.close() }
  },
})
