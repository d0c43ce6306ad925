/**
 * The server's configuration, from environment variables, decoded and checked at start: a wrong value stops the
 * server with a message naming the variable, never a failure at the first request.
 */
import { availableParallelism } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { housingQueueEditions, type HousingQueueEdition } from '@kezek/domain'
import type { CheckpointPolicy, PersonalDataConfig, SignerPolicy } from '@kezek/adapters'

export type StoreConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly checkpoints: PgliteCheckpoints }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string }
  | { readonly kind: 'eventstoredb'; readonly url: string }

/** When the PGlite store checkpoints itself (KEZEK_PGLITE_CHECKPOINT_WAL_MB, KEZEK_PGLITE_CHECKPOINT_SECONDS). */
export type PgliteCheckpoints = Required<Pick<CheckpointPolicy, 'maxWalBytes' | 'timeoutMs'>>

export interface ServerConfig {
  readonly port: number
  readonly host: string
  readonly store: StoreConfig
  /** Holds the token secret (when generated), the registry table and the demo marker. */
  readonly dataDir: string
  readonly tokenSecret: string | undefined
  /** The akimat identity provider's JWKS (RS256/ES256 tokens); with it, HS256 tokens are not accepted. */
  readonly jwksUrl: string | undefined
  /** Expected `iss` and `aud` of tokens, when set. */
  readonly tokenIssuer: string | undefined
  readonly tokenAudience: string | undefined
  /** Key of the keyed HMAC that masks IINs and tokens in logs; in demo mode generated into the data directory. */
  readonly logMaskKey: string | undefined
  readonly registryFile: string
  readonly providers: readonly { readonly id: string; readonly edition: HousingQueueEdition }[]
  /** Files (PEM or DER) of the NCA roots, intermediates and CRLs; none → a demo PKI made at start. */
  readonly trust: { readonly roots: readonly string[]; readonly intermediates: readonly string[]; readonly crls: readonly string[] } | undefined
  /** PKCS#8 private key and certificate (PEM) that sign result documents; required with real trust anchors. */
  readonly resultKey: { readonly keyFile: string; readonly certFile: string } | undefined
  readonly demo: 'auto' | 'off'
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error'
  readonly shutdownGraceMs: number
  /** Worker threads verifying signatures; 0 verifies in the service thread. */
  readonly verifyWorkers: number
  /** Where the revocation of a signer's certificate is asked, in order (KEZEK_REVOCATION), and NCA's OCSP responder. */
  readonly revocation: RevocationSettings
  /** Accepted certificatePolicies OIDs of citizens' and staff keys (KEZEK_INDIVIDUAL_POLICIES, KEZEK_STAFF_POLICIES). */
  readonly signerPolicy: SignerPolicy
  /** Per-person encryption of personal data (on unless KEZEK_PERSONAL_DATA=off); see docs/personal-data.md. */
  readonly personalData: PersonalDataConfig
}

export interface OcspSettings {
  /** NCA's responder (e.g. http://ocsp.pki.gov.kz); always the fallback. */
  readonly url: string
  /** Ask the URL the certificate's AIA names first (off by default: a document must not choose where we connect). */
  readonly useAiaUrl: boolean
  readonly timeoutMs: number
  /** The longest an answer is reused (never beyond its nextUpdate); 0 asks every time. */
  readonly cacheSeconds: number
}

export interface RevocationSettings {
  readonly sources: readonly ('ocsp' | 'crl')[]
  readonly ocsp: OcspSettings | undefined
}

type Env = Readonly<Record<string, string | undefined>>

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0)

export const loadConfig = (env: Env, base: string): E.Either<readonly string[], ServerConfig> => {
  const errors: string[] = []
  const path = (p: string) => (isAbsolute(p) ? p : resolve(base, p))

  const portText = env['PORT'] ?? '3000'
  const port = Number(portText)
  if (!/^\d{1,5}$/.test(portText) || port > 65535) errors.push(`PORT must be a TCP port (0–65535), got ${JSON.stringify(portText)}`)

  const dataDir = path(env['KEZEK_DATA_DIR'] ?? './.data')
  const storeText = env['KEZEK_STORE'] ?? './.data/kezek'
  const checkpoints = pgliteCheckpointsFrom(env, errors)
  let store: StoreConfig = { kind: 'pglite', dataDir: path(storeText), checkpoints }
  if (/^postgres(ql)?:\/\//.test(storeText)) {
    const schema = env['KEZEK_PG_SCHEMA'] ?? 'kezek'
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) errors.push('KEZEK_PG_SCHEMA must be a plain lower-case SQL identifier')
    store = { kind: 'postgres', url: storeText, schema }
  } else if (/^(esdb|kurrentdb)(\+discover)?:\/\//.test(storeText)) {
    store = { kind: 'eventstoredb', url: storeText }
  } else if (/^[a-z]+:\/\//i.test(storeText)) {
    errors.push(`KEZEK_STORE must be a directory (PGlite), postgres://… or esdb://…, got ${storeText.split('://')[0]}://…`)
  }
  const pgliteOnly = ['KEZEK_PGLITE_CHECKPOINT_WAL_MB', 'KEZEK_PGLITE_CHECKPOINT_SECONDS'].filter((v) => env[v] !== undefined)
  if (pgliteOnly.length > 0 && store.kind !== 'pglite') errors.push(`${pgliteOnly.join(', ')} set but KEZEK_STORE is not a PGlite directory`)

  const secret = env['KEZEK_TOKEN_SECRET']
  if (secret !== undefined && secret.length < 32) errors.push('KEZEK_TOKEN_SECRET must be at least 32 characters')

  const providers = list(env['KEZEK_PROVIDERS'] ?? 'almaty-housing:almaty-2012').map((entry) => {
    const [id = '', edition = ''] = entry.split(':')
    if (!/^[a-z0-9][a-z0-9._/-]{0,99}$/.test(id)) errors.push(`KEZEK_PROVIDERS: provider id ${JSON.stringify(id)} is not a plain identifier`)
    if (!Object.hasOwn(housingQueueEditions, edition))
      errors.push(`KEZEK_PROVIDERS: edition ${JSON.stringify(edition)} is not one of ${Object.keys(housingQueueEditions).join(', ')}`)
    return { id, edition: edition as HousingQueueEdition }
  })
  if (providers.length === 0) errors.push('KEZEK_PROVIDERS names no provider')

  const roots = list(env['KEZEK_TRUST_ROOTS']).map(path)
  const trust = roots.length === 0 ? undefined : {
    roots, intermediates: list(env['KEZEK_TRUST_INTERMEDIATES']).map(path), crls: list(env['KEZEK_CRLS']).map(path),
  }
  const keyFile = env['KEZEK_RESULT_KEY']
  const certFile = env['KEZEK_RESULT_CERT']
  if ((keyFile === undefined) !== (certFile === undefined)) errors.push('KEZEK_RESULT_KEY and KEZEK_RESULT_CERT go together')
  if (trust !== undefined && keyFile === undefined) errors.push('with KEZEK_TRUST_ROOTS, result documents need KEZEK_RESULT_KEY and KEZEK_RESULT_CERT')

  const jwksUrl = env['KEZEK_JWKS_URL']
  if (jwksUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(jwksUrl)) errors.push('KEZEK_JWKS_URL must be an http(s) URL of the identity provider’s JWKS')
  if (jwksUrl !== undefined && secret !== undefined) errors.push('KEZEK_JWKS_URL and KEZEK_TOKEN_SECRET exclude each other: tokens come from one issuer')
  const logMaskKey = env['KEZEK_LOG_MASK_KEY']
  if (logMaskKey !== undefined && logMaskKey.length < 32) errors.push('KEZEK_LOG_MASK_KEY must be at least 32 characters')

  // The demo (its PKI, its generated secrets, its printed tokens) runs only when nothing of a real deployment is
  // configured; outside it every secret and trust root must be named, never silently replaced by the demo's.
  const real = trust !== undefined || secret !== undefined || jwksUrl !== undefined
  const demo = env['KEZEK_DEMO'] ?? (real ? 'off' : 'auto')
  if (demo !== 'auto' && demo !== 'off') errors.push('KEZEK_DEMO must be auto or off')
  if (demo === 'auto' && trust !== undefined) errors.push('KEZEK_DEMO=auto needs the demo PKI: leave KEZEK_TRUST_ROOTS unset')
  if (demo === 'auto' && jwksUrl !== undefined) errors.push('KEZEK_DEMO=auto signs its own tokens: leave KEZEK_JWKS_URL unset')
  if (demo === 'off') {
    if (trust === undefined) errors.push('KEZEK_TRUST_ROOTS is required outside demo mode (the NCA root certificates, PEM or DER); set KEZEK_DEMO=auto for the demo PKI')
    if (secret === undefined && jwksUrl === undefined) errors.push('KEZEK_JWKS_URL (the identity provider’s keys) or KEZEK_TOKEN_SECRET is required outside demo mode')
    if (logMaskKey === undefined) errors.push('KEZEK_LOG_MASK_KEY is required outside demo mode (at least 32 random characters; it keys the IIN mask in logs)')
  }

  const logLevel = env['LOG_LEVEL'] ?? 'info'
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) errors.push('LOG_LEVEL must be debug, info, warn or error')

  const workersText = env['KEZEK_VERIFY_WORKERS'] ?? String(Math.max(0, Math.min(4, availableParallelism() - 1)))
  if (!/^\d{1,2}$/.test(workersText)) errors.push('KEZEK_VERIFY_WORKERS must be a number of worker threads (0 = in process)')

  const personalData = personalDataFrom(env, path, errors)
  const revocation = revocationFrom(env, errors)
  const signerPolicy = signerPolicyFrom(env, errors)

  if (errors.length > 0) return E.left(errors)
  return E.right({
    port,
    host: env['HOST'] ?? '127.0.0.1',
    store,
    dataDir,
    tokenSecret: secret,
    jwksUrl,
    tokenIssuer: env['KEZEK_TOKEN_ISSUER'],
    tokenAudience: env['KEZEK_TOKEN_AUDIENCE'],
    logMaskKey,
    registryFile: path(env['KEZEK_REGISTRY_FILE'] ?? resolve(dataDir, 'registries.json')),
    providers,
    trust,
    resultKey: keyFile === undefined || certFile === undefined ? undefined : { keyFile: path(keyFile), certFile: path(certFile) },
    demo: demo as 'auto' | 'off',
    logLevel: logLevel as ServerConfig['logLevel'],
    shutdownGraceMs: 10_000,
    verifyWorkers: Number(workersText),
    personalData,
    revocation,
    signerPolicy,
  })
}

/**
 * KEZEK_INDIVIDUAL_POLICIES, KEZEK_STAFF_POLICIES: comma-separated certificatePolicies OIDs, one of which a signer's
 * key must carry (NCA: 1.2.398.3.3.2.3 individuals' signing, 1.2.398.3.3.2.1 legal entities' signing); unset: not
 * checked, since NCA's CA generations write different ones (docs/signatures.md, *Roles and policies*).
 */
const signerPolicyFrom = (env: Env, errors: string[]): SignerPolicy => {
  const read = (name: string): readonly string[] | undefined => {
    const text = env[name]
    if (text === undefined) return undefined
    const oids = list(text)
    if (oids.length === 0 || oids.some((o) => !/^[0-2](\.(0|[1-9]\d{0,9})){1,30}$/.test(o))) errors.push(`${name} must be comma-separated OIDs (e.g. 1.2.398.3.3.2.3)`)
    return oids
  }
  const individualPolicies = read('KEZEK_INDIVIDUAL_POLICIES')
  const staffPolicies = read('KEZEK_STAFF_POLICIES')
  return { ...(individualPolicies === undefined ? {} : { individualPolicies }), ...(staffPolicies === undefined ? {} : { staffPolicies }) }
}

/**
 * KEZEK_REVOCATION (crl | ocsp,crl | crl,ocsp: the first conclusive answer wins), KEZEK_OCSP_URL,
 * KEZEK_OCSP_USE_AIA (on | off), KEZEK_OCSP_TIMEOUT_MS, KEZEK_OCSP_CACHE_SECONDS.
 */
const revocationFrom = (env: Env, errors: string[]): RevocationSettings => {
  const named = list(env['KEZEK_REVOCATION'] ?? 'crl')
  const sources = named.filter((s): s is 'ocsp' | 'crl' => s === 'ocsp' || s === 'crl')
  if (sources.length !== named.length || sources.length === 0 || new Set(sources).size !== sources.length)
    errors.push(`KEZEK_REVOCATION must list ocsp and/or crl once each, in the order they are asked (e.g. ocsp,crl), got ${JSON.stringify(env['KEZEK_REVOCATION'])}`)
  // OCSP speaks for the signer's certificate only; the issuing CA's own link is judged by the root's CRL.
  else if (!sources.includes('crl')) errors.push('KEZEK_REVOCATION must include crl (crl, ocsp,crl or crl,ocsp): OCSP answers for the signer’s certificate only, the issuing CA needs the root’s CRL')
  const url = env['KEZEK_OCSP_URL']
  const ocspVariables = ['KEZEK_OCSP_URL', 'KEZEK_OCSP_USE_AIA', 'KEZEK_OCSP_TIMEOUT_MS', 'KEZEK_OCSP_CACHE_SECONDS'].filter((v) => env[v] !== undefined)
  if (!sources.includes('ocsp')) {
    if (ocspVariables.length > 0) errors.push(`${ocspVariables.join(', ')} set but KEZEK_REVOCATION does not name ocsp (e.g. KEZEK_REVOCATION=ocsp,crl)`)
    return { sources, ocsp: undefined }
  }
  if (url === undefined || !/^https?:\/\/[^\s]+$/.test(url)) errors.push('KEZEK_OCSP_URL must be the http(s) URL of the OCSP responder when KEZEK_REVOCATION names ocsp')
  const aia = env['KEZEK_OCSP_USE_AIA'] ?? 'off'
  if (aia !== 'on' && aia !== 'off') errors.push('KEZEK_OCSP_USE_AIA must be on or off')
  const timeoutText = env['KEZEK_OCSP_TIMEOUT_MS'] ?? '5000'
  if (!/^[1-9]\d{1,5}$/.test(timeoutText)) errors.push('KEZEK_OCSP_TIMEOUT_MS must be a whole number of milliseconds (10–999999)')
  const cacheText = env['KEZEK_OCSP_CACHE_SECONDS'] ?? '300'
  if (!/^\d{1,6}$/.test(cacheText)) errors.push('KEZEK_OCSP_CACHE_SECONDS must be a whole number of seconds (0 = no cache)')
  return { sources, ocsp: { url: url ?? '', useAiaUrl: aia === 'on', timeoutMs: Number(timeoutText), cacheSeconds: Number(cacheText) } }
}

/**
 * KEZEK_PGLITE_CHECKPOINT_WAL_MB (default 64) and KEZEK_PGLITE_CHECKPOINT_SECONDS (default 300): PGlite has no
 * checkpointer, so the store checkpoints past that much WAL, or that long after the last checkpoint when anything
 * was written since (store/pglite-checkpoints.ts in @kezek/adapters).
 */
const pgliteCheckpointsFrom = (env: Env, errors: string[]): PgliteCheckpoints => {
  const walText = env['KEZEK_PGLITE_CHECKPOINT_WAL_MB'] ?? '64'
  if (!/^[1-9]\d{0,4}$/.test(walText)) errors.push('KEZEK_PGLITE_CHECKPOINT_WAL_MB must be a whole number of MiB (1–99999)')
  const secondsText = env['KEZEK_PGLITE_CHECKPOINT_SECONDS'] ?? '300'
  if (!/^[1-9]\d{0,5}$/.test(secondsText)) errors.push('KEZEK_PGLITE_CHECKPOINT_SECONDS must be a whole number of seconds (1–999999)')
  return { maxWalBytes: Number(walText) * 1024 * 1024, timeoutMs: Number(secondsText) * 1000 }
}

/** KEZEK_PERSONAL_DATA (encrypted | off), KEZEK_KEYRING, KEZEK_KEYRING_MASTER_KEY (base64, 32 bytes), KEZEK_KEY_ROTATE_DAYS. */
const personalDataFrom = (env: Env, path: (p: string) => string, errors: string[]): PersonalDataConfig => {
  const mode = env['KEZEK_PERSONAL_DATA'] ?? 'encrypted'
  if (mode === 'off') return { mode: 'off' }
  if (mode !== 'encrypted') errors.push('KEZEK_PERSONAL_DATA must be encrypted (the default) or off')
  const keyring = env['KEZEK_KEYRING']
  const masterText = env['KEZEK_KEYRING_MASTER_KEY']
  const masterKey = masterText === undefined ? undefined : new Uint8Array(Buffer.from(masterText, 'base64'))
  if (masterKey !== undefined && masterKey.length !== 32) errors.push('KEZEK_KEYRING_MASTER_KEY must be 32 bytes in base64')
  const rotateText = env['KEZEK_KEY_ROTATE_DAYS']
  if (rotateText !== undefined && !/^[1-9]\d{0,4}$/.test(rotateText)) errors.push('KEZEK_KEY_ROTATE_DAYS must be a whole number of days')
  return {
    mode: 'encrypted',
    ...(keyring === undefined ? {} : { keyring: /^postgres(ql)?:\/\//.test(keyring) ? keyring : path(keyring) }),
    ...(masterKey === undefined ? {} : { masterKey }),
    ...(rotateText === undefined ? {} : { rotateAfterDays: Number(rotateText) }),
  }
}
