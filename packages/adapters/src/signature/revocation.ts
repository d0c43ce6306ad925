/**
 * Revocation by CRL (NCA publishes full and delta CRLs per CA). Each certificate below the root is looked up in
 * the CRLs of its issuer:
 * - a CRL counts only if its issuer name matches and its signature verifies with the issuer's key (a forged
 *   CRL could otherwise "un-revoke" a certificate);
 * - it must be current at the judging instant (issued by then, `nextUpdate` not passed; a delta CRL only with its
 *   base); with no current CRL we cannot judge, which is `revocation_unknown` (indeterminate) — never silently
 *   "not revoked";
 * - a certificate revoked *after* the instant was good at the instant (an old document judged at its time).
 * x509's `findRevoked` walks every entry on every call (NCA's CRLs list tens of thousands), so the serials a CRL
 * lists are put in a Set once per CRL object; only a serial found there is looked up with `findRevoked`, which
 * gives the entry (and its date) exactly as before.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { CertificatePath } from './chain.js'
import { x509 } from './engine.js'
import { gostSignedBy, isGostSignatureAlgorithm } from './gost/signed-object.js'
import type { OcspPort, RevocationSource } from './ocsp/port.js'
import { indeterminate, notConfirmed, type Indeterminate, type NotConfirmed } from './refusal.js'
import { verificationKey } from './trust.js'

/** `chain`: every certificate below the root (NCA publishes root CRLs too); `signer`: the signer's only. */
export type RevocationScope = 'chain' | 'signer'

const crlCheckCache = new WeakMap<x509.X509Crl, WeakMap<x509.X509Certificate, Promise<boolean>>>()

const crlSignedBy = (crl: x509.X509Crl, issuer: x509.X509Certificate): Promise<boolean> => {
  const perIssuer = crlCheckCache.get(crl) ?? new WeakMap<x509.X509Certificate, Promise<boolean>>()
  crlCheckCache.set(crl, perIssuer)
  const cached = perIssuer.get(issuer)
  if (cached !== undefined) return cached
  if (isGostSignatureAlgorithm(crl.signatureAlgorithm.name)) {
    const checked = Promise.resolve(gostSignedBy(crl, issuer))
    perIssuer.set(issuer, checked)
    return checked
  }
  const hash = (crl.signatureAlgorithm as { hash?: { name?: string } }).hash?.name ?? 'SHA-256'
  const result = verificationKey(issuer, hash)
    .then((key) => crl.verify({ publicKey: key }))
    .catch(() => false)
  perIssuer.set(issuer, result)
  return result
}

/** The parsed CRL x509 keeps (a protected member; read-only use). Absent in another x509 version: then no index. */
interface ParsedCrl {
  readonly asn?: { readonly tbsCertList?: { readonly revokedCertificates?: readonly { readonly userCertificate: unknown }[] } }
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')

/** Hex of each entry's serial bytes as encoded — what `findRevoked` compares; undefined when x509 hides them. */
const listedSerials = (crl: x509.X509Crl): ReadonlySet<string> | undefined => {
  const entries = (crl as unknown as ParsedCrl).asn?.tbsCertList?.revokedCertificates ?? []
  const serials = new Set<string>()
  for (const entry of entries) {
    if (!(entry.userCertificate instanceof ArrayBuffer)) return undefined
    serials.add(hex(new Uint8Array(entry.userCertificate)))
  }
  return serials
}

const serialIndex = new WeakMap<x509.X509Crl, ReadonlySet<string> | undefined>()

/**
 * The certificate's serial as `findRevoked` compares it (x509's normalizeCertificateSerialNumber): the hex of
 * `serialNumber` as bytes, leading zero bytes dropped, one zero byte put back when the top bit is set.
 */
const comparedSerial = (cert: x509.X509Certificate): string => {
  const text = cert.serialNumber
  const bytes = Buffer.from(text.length % 2 === 1 ? `0${text}` : text, 'hex')
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const octets = bytes.length === 0 ? Buffer.from([0]) : bytes.subarray(start)
  return (octets[0] ?? 0) > 0x7f ? `00${hex(octets)}` : hex(octets)
}

export const findRevokedEntry = (crl: x509.X509Crl, cert: x509.X509Certificate): x509.X509CrlEntry | null => {
  if (!serialIndex.has(crl)) serialIndex.set(crl, listedSerials(crl))
  const serials = serialIndex.get(crl)
  if (serials !== undefined && !serials.has(comparedSerial(cert))) return null
  return crl.findRevoked(cert)
}

const DELTA_CRL_INDICATOR = '2.5.29.27'
const CRL_NUMBER = '2.5.29.20'

/** A small non-negative DER INTEGER (CRL numbers), or undefined. */
const integerOf = (der: ArrayBuffer): number | undefined => {
  const bytes = new Uint8Array(der)
  if (bytes[0] !== 0x02 || (bytes[1] ?? 0) > 6 || bytes.length !== 2 + (bytes[1] ?? 0)) return undefined
  let n = 0
  for (const b of bytes.subarray(2)) n = n * 256 + b
  return n
}

const extensionInteger = (crl: x509.X509Crl, oid: string): number | undefined => {
  const ext = crl.extensions.find((e) => e.type === oid)
  return ext === undefined ? undefined : integerOf(ext.value)
}

/** A delta CRL names the base CRL it completes (deltaCRLIndicator, RFC 5280 §5.2.4). */
export const baseNumberOf = (crl: x509.X509Crl): number | undefined => extensionInteger(crl, DELTA_CRL_INDICATOR)
export const crlNumberOf = (crl: x509.X509Crl): number | undefined => extensionInteger(crl, CRL_NUMBER)

/**
 * Whether a CRL can speak for the instant: issued at or before it (a CRL whose thisUpdate is after the instant
 * says nothing about the status *then*) and not superseded by then (nextUpdate not passed). A delta CRL speaks only
 * together with a complete CRL of the same issuer numbered at least its base (RFC 5280 §5.2.4); that complete CRL
 * need not be current itself — the delta brings it up to date.
 */
const speaksFor = (crl: x509.X509Crl, completes: readonly x509.X509Crl[], at: Date): boolean => {
  if (crl.thisUpdate.getTime() > at.getTime()) return false
  if (crl.nextUpdate !== undefined && crl.nextUpdate.getTime() < at.getTime()) return false
  const base = baseNumberOf(crl)
  if (base === undefined) return true
  return completes.some((c) => (crlNumberOf(c) ?? -1) >= base)
}

const checkOne = async (
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  crls: readonly x509.X509Crl[],
  at: Date,
): Promise<E.Either<NotConfirmed | Indeterminate, true>> => {
  const fromIssuer: x509.X509Crl[] = []
  for (const crl of crls) {
    if (crl.issuer === issuer.subject && (await crlSignedBy(crl, issuer))) fromIssuer.push(crl)
  }
  const completes = fromIssuer.filter((c) => baseNumberOf(c) === undefined)
  const current = fromIssuer.filter((c) => speaksFor(c, completes, at))
  // A revocation dated at or before the instant is a fact whichever CRL (full, delta, older or newer) reports it.
  for (const crl of fromIssuer) {
    const entry = findRevokedEntry(crl, cert)
    if (entry !== null && entry.revocationDate.getTime() <= at.getTime()) {
      return E.left(
        notConfirmed('certificate_revoked', `certificate ${cert.serialNumber} was revoked at ${entry.revocationDate.toISOString()}`),
      )
    }
  }
  if (current.length === 0) {
    return E.left(
      indeterminate(
        'revocation_unknown',
        fromIssuer.length === 0
          ? `no CRL signed by "${issuer.subject}" is configured`
          : `no CRL of "${issuer.subject}" speaks for ${at.toISOString()} (issued after it, out of date, or a delta without its base)`,
      ),
    )
  }
  return E.right(true)
}

/** Where revocation is asked, in order; the first conclusive answer (revoked, or good/current) wins. */
export interface RevocationConfig {
  readonly crls: readonly x509.X509Crl[]
  readonly ocsp?: OcspPort
  /** Default: OCSP then CRL when an OCSP port is given, CRL alone otherwise. */
  readonly sources?: readonly RevocationSource[]
}

type LinkResult = E.Either<NotConfirmed | Indeterminate, true>

const askOcsp = async (ocsp: OcspPort, cert: x509.X509Certificate, issuer: x509.X509Certificate, at: Date): Promise<LinkResult> => {
  const answer = await ocsp.status(cert, issuer, at)
  if (E.isLeft(answer)) return E.left(indeterminate('revocation_unknown', answer.left))
  const a = answer.right
  if (a.status === 'revoked' && a.revokedAt !== undefined && a.revokedAt.getTime() <= at.getTime()) {
    return E.left(notConfirmed('certificate_revoked', `certificate ${cert.serialNumber} was revoked at ${a.revokedAt.toISOString()} (OCSP)`))
  }
  if (a.status === 'unknown') return E.left(indeterminate('revocation_unknown', `the OCSP responder does not know certificate ${cert.serialNumber}`))
  return E.right(true)
}

/**
 * OCSP speaks for the signer's certificate only. NCA's responders answer for the certificates NCA issues; asked about
 * the issuing CA itself (whose issuer is the root), no answer they give can be checked — signed by the CA, not by the
 * root — so each verification would pay a round trip for nothing (failures are not cached). The links above the signer
 * are judged by the CRLs (the root's CRL for the issuing CA).
 */
const checkLink = async (
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  config: RevocationConfig,
  at: Date,
  signerLink: boolean,
): Promise<LinkResult> => {
  const configured = config.sources ?? (config.ocsp === undefined ? ['crl'] : ['ocsp', 'crl'])
  const sources = signerLink ? configured : configured.filter((s) => s !== 'ocsp')
  if (sources.length === 0) return E.left(indeterminate('revocation_unknown', `only OCSP is configured, and OCSP speaks for the signer's certificate only: "${cert.subject}" needs a CRL of "${issuer.subject}"`))
  const reasons: string[] = []
  for (const source of sources) {
    const result =
      source === 'ocsp'
        ? config.ocsp === undefined
          ? E.left(indeterminate('revocation_unknown', 'no OCSP responder is configured'))
          : await askOcsp(config.ocsp, cert, issuer, at)
        : await checkOne(cert, issuer, config.crls, at)
    if (E.isRight(result) || result.left.family === 'not_confirmed') return result
    reasons.push(result.left.detail)
  }
  return E.left(indeterminate('revocation_unknown', reasons.join('; ')))
}

export const checkRevocation = async (
  path: CertificatePath,
  config: RevocationConfig,
  at: Date,
  scope: RevocationScope,
): Promise<E.Either<NotConfirmed | Indeterminate, true>> => {
  const links = scope === 'signer' ? 1 : path.length - 1
  for (let i = 0; i < links; i++) {
    const cert = path[i]
    const issuer = path[i + 1]
    if (cert === undefined || issuer === undefined) break
    const checked = await checkLink(cert, issuer, config, at, i === 0)
    if (E.isLeft(checked)) return checked
  }
  return E.right(true)
}
