/**
 * Test harness: one test PKI per process (real RSA keys and X.509 certificates, made at start), a provider, the
 * registry table, tokens, and a real server on an ephemeral port around any store.
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { ProviderId } from '@kezek/domain'
import { housingQueueAlmaty2012, kazakhstanNational, KAZAKHSTAN_OFFSET_MINUTES, localDateAt, type Instant, type LocalDate } from '@kezek/domain'
import type { EventStore, ProtectedStore } from '@kezek/adapters'
import { buildApplicationRequestXml, type ApplicationRequestInput } from '@kezek/adapters'
import { createTestPki, signAs, TEST_BIN, TEST_IIN, type Identity, type TestPki } from '@kezek/adapters/testing'
import {
  createApp, hmacAuthenticator, issueToken, keyResultSigner, silentLogger, tableRegistries, xmlDsigVerifier,
  RegistryTable, type AppOptions, type KezekApp, type Logger, type Registries, type SignatureVerifier, type TokenClaims,
} from '../src/index.js'
import type { ProviderConfig } from '../src/http/services.js'
import type { NoticeChannel } from '../src/notices/port.js'

export const PROVIDER = 'almaty-housing' as ProviderId
export const OTHER_PROVIDER = 'akzhar-housing' as ProviderId
export const SECRET = 'test-secret-0123456789abcdef'
export const IIN = TEST_IIN
/** Valid checksum, absent from ГБД ФЛ. */
export const UNKNOWN_PERSON = '800416300257'
export const POA = 'PoA 2024-118'
/** Today on the service's calendar (Kazakhstan, UTC+5): a commission decision filed now may carry this date. */
export const serviceToday = (): LocalDate => localDateAt(new Date().toISOString() as Instant, KAZAKHSTAN_OFFSET_MINUTES)

const decodeTable = (raw: unknown): RegistryTable => {
  const r = RegistryTable.decode(raw)
  if (r._tag === 'Left') throw new Error('test registry table does not decode')
  return r.right
}

export const registryTableJson = {
  persons: [{ iin: TEST_IIN.citizen }, { iin: TEST_IIN.otherCitizen }],
  powersOfAttorney: [{ number: POA, principalIin: TEST_IIN.citizen, representativeIin: TEST_IIN.otherCitizen }],
}
export const registryTable: RegistryTable = decodeTable(registryTableJson)

let shared: Promise<TestPki> | undefined
export const testPki = (): Promise<TestPki> => (shared ??= createTestPki())

export const token = (claims: Omit<TokenClaims, 'exp'> & { exp?: number }): string =>
  issueToken(SECRET, { exp: Math.floor(Date.now() / 1000) + 3600, ...claims } as TokenClaims)

export const tokens = {
  citizen: token({ role: 'citizen', sub: 'c1', iin: TEST_IIN.citizen } as TokenClaims),
  otherCitizen: token({ role: 'citizen', sub: 'c2', iin: TEST_IIN.otherCitizen } as TokenClaims),
  officer: token({ role: 'provider_officer', sub: 'officer-1', providerId: PROVIDER } as TokenClaims),
  officer2: token({ role: 'provider_officer', sub: 'officer-2', providerId: PROVIDER } as TokenClaims),
  foreignOfficer: token({ role: 'provider_officer', sub: 'officer-x', providerId: OTHER_PROVIDER } as TokenClaims),
  operator: token({ role: 'service_centre_operator', sub: 'operator-1', providerId: PROVIDER } as TokenClaims),
  auditor: token({ role: 'auditor', sub: 'auditor-1' } as TokenClaims),
}

export interface Running {
  readonly url: string
  readonly app: KezekApp
  readonly server: Server
  /** Stops the server and the read models; the store stays open. */
  readonly stop: () => Promise<void>
}

export const startServer = async (
  store: EventStore,
  options: {
    registries?: Registries; providers?: readonly ProviderConfig[]; pages?: AppOptions['pages']; noticeChannels?: readonly NoticeChannel[]
    logger?: Logger; personalData?: ProtectedStore; verifier?: SignatureVerifier
  } = {},
): Promise<Running> => {
  const pki = await testPki()
  const app = createApp({
    store,
    verifier: options.verifier ?? xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }) }),
    resultSigner: keyResultSigner(() => ({ privateKey: pki.head.keys.privateKey, certificate: pki.head.certificate })),
    registries: options.registries ?? tableRegistries(registryTable),
    providers: options.providers ?? [
      { id: PROVIDER, name: 'Almaty housing department', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() },
      { id: OTHER_PROVIDER, name: 'Akzhar housing department', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() },
    ],
    auth: hmacAuthenticator(SECRET, () => new Date()),
    clock: () => new Date(),
    ids: { next: randomUUID },
    logger: options.logger ?? silentLogger,
    ...(options.personalData === undefined ? {} : { personalData: options.personalData }),
    ...(options.pages === undefined ? {} : { pages: options.pages }),
    ...(options.noticeChannels === undefined ? {} : { noticeChannels: options.noticeChannels }),
  })
  await app.ready
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)) })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url, app, server,
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await app.close()
    },
  }
}

let documentSerial = 0

export const requestInput = (over: Partial<ApplicationRequestInput> = {}): ApplicationRequestInput => ({
  serviceId: 'housing-queue',
  providerId: PROVIDER,
  applicantIin: TEST_IIN.citizen,
  category: 'socially_vulnerable',
  familySize: 4,
  // Each request attaches its own identity-card scan, so each signed document (and its signature value, which names
  // the application) is new unless a test reuses it on purpose to replay it.
  documents: [
    { kind: 'identity_card', sha256: (++documentSerial).toString(16).padStart(64, '0') },
    { kind: 'income_certificate', sha256: 'c3'.repeat(32) },
  ],
  ...over,
})

export const signedRequest = async (by: (p: TestPki) => Identity, over: Partial<ApplicationRequestInput> = {}): Promise<string> =>
  signAs(by(await testPki()), buildApplicationRequestXml(requestInput(over)))

/** The JSON a desk officer or ЦОН operator posts, with their signature over the same data. */
export const walkInBody = async (
  role: 'officer' | 'operator',
  over: Partial<ApplicationRequestInput> = {},
  by: (p: TestPki) => Identity = (p) => p.officer,
) => {
  const input = requestInput({ ...over, staff: { role, iin: TEST_IIN.officer, bin: TEST_BIN.provider } })
  return {
    applicantIin: input.applicantIin,
    category: input.category,
    familySize: input.familySize,
    documents: input.documents.map((d) => ({ kind: d.kind, digest: d.sha256 })),
    ...(input.representative === undefined ? {} : { representative: input.representative }),
    signedXml: await signAs(by(await testPki()), buildApplicationRequestXml(input)),
  }
}

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly body: any
  readonly text: string
}

export const call = async (
  url: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; xml?: string; body?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`
  let body: string | undefined
  if (options.json !== undefined) { body = JSON.stringify(options.json); headers['content-type'] ??= 'application/json' }
  if (options.xml !== undefined) { body = options.xml; headers['content-type'] ??= 'application/xml' }
  if (options.body !== undefined) body = options.body
  if (options.contentType !== undefined) headers['content-type'] = options.contentType
  const r = await fetch(url + path, { method, headers, ...(body === undefined ? {} : { body }) })
  const text = await r.text()
  let parsed: unknown = text
  try { parsed = JSON.parse(text) } catch { /* XML or text */ }
  return { status: r.status, headers: r.headers, body: parsed, text }
}

/** Every event in the store, for "nothing was appended" checks. */
export const countEvents = async (store: EventStore): Promise<number> => {
  let n = 0
  for await (const _ of store.readAll()) n += 1
  return n
}
