/**
 * Verifications per second of a typical signed request (a few KB, NCALayer shape), the cost split by stage,
 * and, in the same run, the bare cost of one RSA-2048 verify through WebCrypto (the engine xmldsigjs uses, and
 * Node's built-in one) for comparison. The same for the request signed with GOST 34.10-2015/512 (Kalkan's
 * shape), with the bare GOST verify (the EC arithmetic alone, the limit) and Streebog-512 of the request.
 *
 *   node --import tsx packages/adapters/bench/signature.bench.ts [iterations] [rounds]
 *
 * `runSignatureBench` is exported so a smoke test (and `pnpm bench`) can run it with tiny numbers.
 */
import { cpus, totalmem } from 'node:os'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { forgetDecodedCertificates } from '../src/signature/certificate-cache.js'
import { webcrypto } from '../src/signature/engine.js'
import { verifyRequest, type VerificationStage } from '../src/signature/index.js'
import { TC26_512_A } from '../src/signature/gost/curve.js'
import { signDigest, verifyDigest } from '../src/signature/gost/gost3410.js'
import { streebog512 } from '../src/signature/gost/streebog.js'
import { createGostTestPki, createTestPki, generateGostKeys, sampleRequestXml, signAs, signAsGost } from '../src/signature/testing/index.js'

export interface BenchOptions {
  /** Verifications per round. */
  readonly iterations: number
  /** Rounds (the spread is over rounds). Default 5. */
  readonly rounds?: number
  /** Untimed verifications first (JIT, caches). Default `iterations`. */
  readonly warmup?: number
  /**
   * And for at least this long (default 1 s; 0 for a smoke test). By count alone a quick run warmed with 30
   * verifications and timed a cold JIT: 551/s and 3.3 ms of CPU each, against 1,600–1,870/s and 0.6 ms once warm,
   * in the same process minutes later (stop 16).
   */
  readonly warmupSeconds?: number
}

/** Microseconds per verification, by cost centre. */
export interface StageSplit {
  readonly parse: number
  readonly c14n: number
  readonly digest: number
  readonly signature: number
  readonly chainAndCrl: number
  readonly other: number
}

export interface Spread {
  readonly median: number
  readonly min: number
  readonly max: number
}

export interface BenchReport {
  readonly machine: { readonly cpu: string; readonly cores: number; readonly memoryGiB: number; readonly node: string }
  readonly documentBytes: number
  readonly iterations: number
  readonly rounds: number
  /** Verifications per second, wall clock, one at a time on one core. */
  readonly perSecond: Spread
  /** CPU time (user + system) per verification, µs. */
  readonly cpuMicros: Spread
  /**
   * Verifications per second when the signer's certificate is seen for the first time (the decoded-certificate
   * cache emptied before each one; trust anchors and CRLs stay loaded, as in a running service).
   */
  readonly firstSeenPerSecond: Spread
  readonly stages: StageSplit
  /** One RSA-2048 PKCS#1 v1.5 SHA-256 verify, µs: through @peculiar/webcrypto and through Node's WebCrypto. */
  readonly bareRsaVerifyMicros: { readonly peculiar: Spread; readonly nodeWebCrypto: Spread }
  readonly gost: GostReport
}

/** The GOST 2015/512 row: the same request signed with a GOST key of the GOST test PKI, a returning signer. */
export interface GostReport {
  readonly documentBytes: number
  readonly perSecond: Spread
  readonly cpuMicros: Spread
  /** Verifications per second when the signer is seen for the first time (its certificate decoded again, no key table). */
  readonly firstSeenPerSecond: Spread
  readonly stages: StageSplit
  /** One GOST R 34.10-2015/512 verify of a digest with a known key (decoded, tables made), µs wall: the limit. */
  readonly bareVerifyMicros: Spread
  /** The same, CPU µs (user + system): less sensitive to other processes on the machine than wall time. */
  readonly bareVerifyCpuMicros: Spread
  /** The same sum z1·G + z2·Q with @noble/curves' generic points (both precomputed), µs: what the kernel replaced. */
  readonly nobleVerifyMicros: Spread
  /** Streebog-512 of the request's bytes, µs. */
  readonly streebogMicros: Spread
}

const spread = (values: readonly number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 }
}

const STAGE_GROUP: Record<VerificationStage, keyof StageSplit> = {
  guard: 'parse',
  parse: 'parse',
  layout: 'parse',
  c14n: 'c14n',
  digest: 'digest',
  certificate: 'other',
  signature: 'signature',
  chain: 'chainAndCrl',
  revocation: 'chainAndCrl',
  policy: 'other',
}

const bareVerify = async (subtle: SubtleCrypto, iterations: number, rounds: number): Promise<Spread> => {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }
  const keys = (await subtle.generateKey(algorithm, false, ['sign', 'verify'])) as CryptoKeyPair
  const data = new TextEncoder().encode('<ds:SignedInfo>'.padEnd(900, '.'))
  const signature = await subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, data)
  const perRound: number[] = []
  for (let r = 0; r < rounds + 1; r++) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) {
      if (!(await subtle.verify('RSASSA-PKCS1-v1_5', keys.publicKey, signature, data))) throw new Error('bare verify failed')
    }
    if (r > 0) perRound.push(((performance.now() - start) * 1000) / iterations) // round 0 is warm-up
  }
  return spread(perRound)
}

const timed = (iterations: number, rounds: number, work: () => void): { readonly wall: Spread; readonly cpu: Spread } => {
  const wall: number[] = []
  const cpu: number[] = []
  for (let r = 0; r < rounds + 1; r++) {
    const cpu0 = process.cpuUsage()
    const start = performance.now()
    for (let i = 0; i < iterations; i++) work()
    const used = process.cpuUsage(cpu0)
    if (r === 0) continue // round 0 is warm-up
    wall.push(((performance.now() - start) * 1000) / iterations)
    cpu.push((used.user + used.system) / iterations)
  }
  return { wall: spread(wall), cpu: spread(cpu) }
}

const microsPer = (iterations: number, rounds: number, work: () => void): Spread => timed(iterations, rounds, work).wall

/** What verifying one signed request costs: rounds of `iterations`, wall and CPU, split by stage, and for a new signer. */
interface VerificationFigures {
  readonly perSecond: Spread
  readonly cpuMicros: Spread
  readonly firstSeenPerSecond: Spread
  readonly stages: StageSplit
}

const measureVerification = async (
  xml: string,
  trust: Parameters<typeof verifyRequest>[1],
  options: BenchOptions,
  rounds: number,
): Promise<VerificationFigures> => {
  const stageTotals = new Map<keyof StageSplit, number>()
  let observing = false
  const verifyOptions = {
    ...trust,
    onStage: (stage: VerificationStage, ms: number) => {
      if (observing) stageTotals.set(STAGE_GROUP[stage], (stageTotals.get(STAGE_GROUP[stage]) ?? 0) + ms)
    },
  }
  const once = async (): Promise<void> => {
    const result = await verifyRequest(xml, verifyOptions)
    if (E.isLeft(result)) throw new Error(`the benchmark document did not verify: ${result.left.detail}`)
  }
  const warmUntil = performance.now() + (options.warmupSeconds ?? 1) * 1000
  for (let i = 0; i < (options.warmup ?? options.iterations) || performance.now() < warmUntil; i++) await once()
  const perSecond: number[] = []
  const cpuMicros: number[] = []
  const stageRounds: Map<keyof StageSplit, number>[] = []
  for (let r = 0; r < rounds; r++) {
    stageTotals.clear()
    observing = true
    const cpu0 = process.cpuUsage()
    const start = performance.now()
    for (let i = 0; i < options.iterations; i++) await once()
    const elapsed = performance.now() - start
    const cpu = process.cpuUsage(cpu0)
    observing = false
    perSecond.push((options.iterations * 1000) / elapsed)
    cpuMicros.push((cpu.user + cpu.system) / options.iterations)
    stageRounds.push(new Map(stageTotals))
  }
  const firstSeen: number[] = []
  for (let r = 0; r < rounds; r++) {
    const start = performance.now()
    for (let i = 0; i < options.iterations; i++) {
      // A new certificate object: its key is decoded again and has no table (the CA's key keeps its own).
      forgetDecodedCertificates()
      await once()
    }
    firstSeen.push((options.iterations * 1000) / (performance.now() - start))
  }
  const stage = (k: keyof StageSplit): number => spread(stageRounds.map((m) => ((m.get(k) ?? 0) * 1000) / options.iterations)).median
  return {
    perSecond: spread(perSecond),
    cpuMicros: spread(cpuMicros),
    firstSeenPerSecond: spread(firstSeen),
    stages: {
      parse: stage('parse'),
      c14n: stage('c14n'),
      digest: stage('digest'),
      signature: stage('signature'),
      chainAndCrl: stage('chainAndCrl'),
      other: stage('other'),
    },
  }
}

const runGostBench = async (options: BenchOptions, rounds: number): Promise<GostReport> => {
  const at = new Date()
  const pki = await createGostTestPki({ at })
  const xml = await signAsGost(pki.citizen, sampleRequestXml())
  const measured = await measureVerification(xml, { trust: pki.trust, crls: pki.crls, at }, options, rounds)

  const keys = generateGostKeys()
  const bytes = Buffer.from(xml, 'utf8')
  const digest = streebog512(bytes)
  const signature = signDigest(keys.privateKey, digest)
  // A returning signer: the second use builds the key's tables, as a returning signer's verification does.
  for (let i = 0; i < 2; i++) verifyDigest(keys.publicKey, digest, signature)
  const bare = timed(options.iterations, rounds, () => {
    if (!verifyDigest(keys.publicKey, digest, signature)) throw new Error('bare GOST verify failed')
  })
  const Q = TC26_512_A.fromAffine(keys.publicKey.point.toAffine()).precompute(6, false)
  const z1 = TC26_512_A.Fn.create(BigInt(`0x${Buffer.from(digest).toString('hex')}`))
  const z2 = TC26_512_A.Fn.neg(z1)
  return {
    documentBytes: bytes.length,
    ...measured,
    bareVerifyMicros: bare.wall,
    bareVerifyCpuMicros: bare.cpu,
    nobleVerifyMicros: microsPer(Math.max(1, Math.ceil(options.iterations / 4)), rounds, () => {
      if (TC26_512_A.BASE.multiplyUnsafe(z1).add(Q.multiplyUnsafe(z2)).is0()) throw new Error('unexpected infinity')
    }),
    streebogMicros: microsPer(options.iterations, rounds, () => void streebog512(bytes)),
  }
}

export const runSignatureBench = async (options: BenchOptions): Promise<BenchReport> => {
  const rounds = options.rounds ?? 5
  const at = new Date()
  const pki = await createTestPki({ at })
  const xml = await signAs(pki.citizen, sampleRequestXml())
  const measured = await measureVerification(xml, { trust: pki.trust, crls: pki.crls, at }, options, rounds)

  const c = cpus()
  return {
    machine: {
      cpu: c[0]?.model.trim() ?? 'unknown',
      cores: c.length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
    },
    documentBytes: Buffer.byteLength(xml, 'utf8'),
    iterations: options.iterations,
    rounds,
    ...measured,
    bareRsaVerifyMicros: {
      peculiar: await bareVerify(webcrypto.subtle, options.iterations, rounds),
      nodeWebCrypto: await bareVerify(globalThis.crypto.subtle, options.iterations, rounds),
    },
    gost: await runGostBench(options, rounds),
  }
}

const fmt = (n: number, digits = 0): string => n.toFixed(digits)
const fmtSpread = (s: Spread, digits = 0): string => `${fmt(s.median, digits)}  (${fmt(s.min, digits)}–${fmt(s.max, digits)})`

export const formatReport = (r: BenchReport): string => {
  const total = Object.values(r.stages).reduce((a, b) => a + b, 0)
  const row = (name: string, us: number): string =>
    `| ${name.padEnd(30)} | ${fmt(us).padStart(8)} | ${fmt((us / total) * 100).padStart(4)} % |`
  return [
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, node ${r.machine.node}`,
    `document: ${r.documentBytes} bytes signed request; ${r.rounds} rounds × ${r.iterations} verifications, sequential`,
    '',
    `verifications/s (wall, one core): median ${fmtSpread(r.perSecond)}`,
    `CPU µs per verification:          median ${fmtSpread(r.cpuMicros)}`,
    `verifications/s, signer certificate seen for the first time: median ${fmtSpread(r.firstSeenPerSecond)}`,
    '',
    `| stage                          |    µs/op | share  |`,
    `|--------------------------------|----------|--------|`,
    row('parse (guard, xmldom, layout)', r.stages.parse),
    row('canonicalise (ref + SignedInfo)', r.stages.c14n),
    row('digest (SHA-256)', r.stages.digest),
    row('signature (key import + RSA)', r.stages.signature),
    row('chain + CRL', r.stages.chainAndCrl),
    row('certificate decode, policy', r.stages.other),
    '',
    `bare RSA-2048 verify, @peculiar/webcrypto: ${fmtSpread(r.bareRsaVerifyMicros.peculiar, 1)} µs`,
    `bare RSA-2048 verify, Node WebCrypto:      ${fmtSpread(r.bareRsaVerifyMicros.nodeWebCrypto, 1)} µs`,
    '',
    `GOST 34.10-2015/512 + Streebog-512 (Kalkan URIs), ${r.gost.documentBytes}-byte request, returning signer:`,
    `verifications/s (wall, one core): median ${fmtSpread(r.gost.perSecond)}`,
    `CPU µs per verification:          median ${fmtSpread(r.gost.cpuMicros)}`,
    `verifications/s, signer seen for the first time (no key tables yet): median ${fmtSpread(r.gost.firstSeenPerSecond)}`,
    ...gostRows(r.gost),
    `bare GOST 2015/512 verify (known key, the limit): ${fmtSpread(r.gost.bareVerifyMicros)} µs ≈ ${fmt(1e6 / r.gost.bareVerifyMicros.median)}/s; CPU ${fmtSpread(r.gost.bareVerifyCpuMicros)} µs`,
    `the same sum with @noble/curves' generic points:  ${fmtSpread(r.gost.nobleVerifyMicros)} µs`,
    `Streebog-512 of the request:                      ${fmtSpread(r.gost.streebogMicros)} µs`,
  ].join('\n')
}

const gostRows = (g: GostReport): string[] => {
  const total = Object.values(g.stages).reduce((a, b) => a + b, 0)
  const row = (name: string, us: number): string =>
    `| ${name.padEnd(30)} | ${fmt(us).padStart(8)} | ${fmt((us / total) * 100).padStart(4)} % |`
  return [
    `| stage                          |    µs/op | share  |`,
    `|--------------------------------|----------|--------|`,
    row('parse (guard, xmldom, layout)', g.stages.parse),
    row('canonicalise (ref + SignedInfo)', g.stages.c14n),
    row('digest (Streebog-512)', g.stages.digest),
    row('signature (Streebog + EC)', g.stages.signature),
    row('chain + CRL', g.stages.chainAndCrl),
    row('certificate decode, policy', g.stages.other),
  ]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const iterations = Number(process.argv[2] ?? 500)
  const rounds = Number(process.argv[3] ?? 5)
  console.log(formatReport(await runSignatureBench({ iterations, rounds })))
}
