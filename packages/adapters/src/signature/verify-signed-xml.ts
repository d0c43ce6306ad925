/**
 * Verifies an enveloped XMLDSig document the way kezek accepts one, in a fixed order where the cheap and the
 * dangerous checks come first:
 *
 *  1. size limit             (before decoding)              → too_large
 *  2. DTD / ENTITY refusal   (before parsing)               → dtd_forbidden
 *  3. UTF-8, BOM, CRLF → LF  (what the signer hashed)       → malformed_xml
 *  4. parse (@xmldom/xmldom, strict)                        → malformed_xml
 *  5. exactly one ds:Signature, a child of the root         → no_signature, multiple_signatures, signature_misplaced
 *  6. algorithm allow-list (GOST said plainly)              → unsupported_algorithm
 *  7. one Reference, to the root, allowed transforms        → reference_not_root, unsupported_transform
 *  8. reference digest (c14n + hash)                        → digest_mismatch
 *  9. signer certificate from KeyInfo                       → no_certificate
 * 10. signature value with that certificate's key           → signature_invalid
 * 11. path to a trusted root                                → untrusted_issuer
 * 12. validity at the judging instant                       → certificate_expired, certificate_not_yet_valid
 * 13. CRL revocation                                       → certificate_revoked, revocation_unknown
 * 14. key usage / purpose                                  → wrong_key_usage
 * Document-specific checks (what the root says, the IIN match) follow in the readers of each document type.
 *
 * Pure in effect: no I/O, nothing stored. The only state is memoisation of what bytes alone decide — decoded signer
 * certificates (a bounded cache keyed by the SHA-256 of their DER, certificate-cache.ts) with their keys, subject
 * reading and issuer links, CA keys and links, CRL signature checks and serial indexes — never an outcome that
 * depends on the instant or the configuration.
 */
import { createHash } from 'node:crypto'
import type { Document, Element } from '@xmldom/xmldom'
import * as E from 'fp-ts/lib/Either.js'
import type { SignatureMethodUri } from './algorithms.js'
import { holderOf, parseCertificate, checkKeyUsage, type CertificateHolder, type KeyPurpose } from './certificate.js'
import { buildPath, checkValidity } from './chain.js'
import type { x509 } from './engine.js'
import { DEFAULT_MAX_BYTES, guardDocument } from './guard.js'
import { findSignatures, readLayout, readSignatureLayout, type SignatureLayout } from './layout.js'
import { parseXml } from './parse.js'
import type { SignatureRefusal } from './refusal.js'
import type { OcspPort, RevocationSource } from './ocsp/port.js'
import { checkRevocation, type RevocationScope } from './revocation.js'
import { checkRequiredSigners, policiesOf, rolesOf, type SignerRequirement, type SignerRole } from './signer-roles.js'
import type { TrustAnchors } from './trust.js'
import {
  canonicaliseReference,
  canonicaliseSignedInfo,
  checkDigest,
  checkSignatureValue,
  importSignerKey,
  loadSignature,
} from './xmldsig-check.js'

export type VerificationStage =
  | 'guard'
  | 'parse'
  | 'layout'
  | 'c14n'
  | 'digest'
  | 'certificate'
  | 'signature'
  | 'chain'
  | 'revocation'
  | 'policy'

export interface VerifyOptions {
  readonly trust: TrustAnchors
  readonly crls: readonly x509.X509Crl[]
  /** The instant to judge at (validity, revocation). The caller's clock, passed in: the verifier reads none. */
  readonly at: Date | string
  /** Refused before parsing when larger. Default 1 MiB. */
  readonly maxBytes?: number
  /** `sign` (default) for documents; `auth` for a login nonce signed with the AUTH key. */
  readonly purpose?: KeyPurpose
  /** Default `chain`: every certificate below the root needs a current CRL (or OCSP answer) from its issuer. */
  readonly revocation?: RevocationScope
  /** An OCSP responder (ocsp/http-ocsp.ts); asked before the CRLs unless `revocationSources` says otherwise. */
  readonly ocsp?: OcspPort
  /** Order of revocation sources; default `['ocsp', 'crl']` with `ocsp`, `['crl']` without. */
  readonly revocationSources?: readonly RevocationSource[]
  /** Observer of each stage's duration in milliseconds, for benchmarks and metrics. */
  readonly onStage?: (stage: VerificationStage, millis: number) => void
}

export interface VerifiedSignature {
  readonly signer: CertificateHolder
  /** NCA roles the signer's certificate carries (extended key usage 1.2.398.3.3.4.1.x), see signer-roles.ts. */
  readonly roles: readonly SignerRole[]
  /** certificatePolicies OIDs of the signer's certificate. */
  readonly policies: readonly string[]
  readonly algorithm: SignatureMethodUri
  readonly canonicalization: string
  /** SHA-256 (hex) of the document text as verified: UTF-8, BOM removed, line ends normalised to LF. */
  readonly documentDigest: string
  /**
   * SHA-256 (hex) of the signature value's bytes: what identifies this signing of the document (a replay of the same
   * signed file has it too; a new signing of the same text does not). Taken from the value the check decoded.
   */
  readonly signatureValueDigest: string
  /** The judging instant (XMLDSig as NCALayer makes it carries no trusted signing time). */
  readonly signedAt: Date
  /** Subjects from the signer to the trusted root. */
  readonly path: readonly string[]
}

export interface VerifiedDocument {
  readonly signature: VerifiedSignature
  /** The element the signature covers — the document root. Readers take their data from here only. */
  readonly signedElement: Element
}

export const toInstant = (at: Date | string): Date => {
  const date = typeof at === 'string' ? new Date(at) : at
  if (Number.isNaN(date.getTime())) throw new RangeError(`verification instant is not a date: ${String(at)}`)
  return date
}

type Step<T> = E.Either<SignatureRefusal, T>

type Lap = (stage: VerificationStage) => void

const stopwatch = (observe: VerifyOptions['onStage']): Lap => {
  if (observe === undefined) return () => undefined
  let mark = performance.now()
  return (stage) => {
    const now = performance.now()
    observe(stage, now - mark)
    mark = now
  }
}

interface Parsed {
  readonly text: string
  readonly doc: Document
}

const guardAndParse = (input: Uint8Array | string, options: VerifyOptions, lap: Lap): Step<Parsed> => {
  const text = guardDocument(input, options.maxBytes ?? DEFAULT_MAX_BYTES)
  lap('guard')
  if (E.isLeft(text)) return text
  const doc = parseXml(text.right)
  lap('parse')
  if (E.isLeft(doc)) return doc
  return E.right({ text: text.right, doc: doc.right })
}

/** Steps 7–14 for one signature, a child of the root; signatures appended after it are out of the document. */
const verifyOne = async (
  parsed: Parsed,
  layout: SignatureLayout,
  options: VerifyOptions,
  at: Date,
  lap: Lap,
): Promise<Step<VerifiedSignature>> => {
  const loaded = loadSignature(parsed.doc, layout)
  lap('layout')
  if (E.isLeft(loaded)) return loaded

  const canonical = canonicaliseReference(loaded.right)
  lap('c14n')
  if (E.isLeft(canonical)) return canonical
  const digest = await checkDigest(loaded.right, layout, canonical.right)
  lap('digest')
  if (E.isLeft(digest)) return digest

  const cert = parseCertificate(layout.certificates[0] ?? '')
  lap('certificate')
  if (E.isLeft(cert)) return cert
  const signedInfo = canonicaliseSignedInfo(loaded.right)
  lap('c14n')
  if (E.isLeft(signedInfo)) return signedInfo
  const key = await importSignerKey(layout, cert.right)
  if (E.isLeft(key)) return key
  const value = await checkSignatureValue(loaded.right, signedInfo.right, key.right)
  lap('signature')
  if (E.isLeft(value)) return value

  const path = await buildPath(cert.right, options.trust)
  if (E.isLeft(path)) return path
  const valid = checkValidity(path.right, at)
  lap('chain')
  if (E.isLeft(valid)) return valid
  const revocation = await checkRevocation(
    path.right,
    { crls: options.crls, ...(options.ocsp === undefined ? {} : { ocsp: options.ocsp }), ...(options.revocationSources === undefined ? {} : { sources: options.revocationSources }) },
    at,
    options.revocation ?? 'chain',
  )
  lap('revocation')
  if (E.isLeft(revocation)) return revocation
  const usage = checkKeyUsage(cert.right, options.purpose ?? 'sign')
  if (E.isLeft(usage)) return usage

  return E.right({
    signer: holderOf(cert.right),
    roles: rolesOf(cert.right),
    policies: policiesOf(cert.right),
    algorithm: layout.signatureMethod,
    canonicalization: layout.canonicalization,
    documentDigest: createHash('sha256').update(parsed.text, 'utf8').digest('hex'),
    signatureValueDigest: createHash('sha256').update(loaded.right.signed.signatureValue()).digest('hex'),
    signedAt: at,
    path: path.right.map((c) => c.subject),
  })
}

const rootOf = (doc: Document): Element => {
  const root = doc.documentElement
  if (root === null) throw new Error('unreachable: parsed document without root')
  return root
}

export const verifySignedXml = async (
  input: Uint8Array | string,
  options: VerifyOptions,
): Promise<Step<VerifiedDocument>> => {
  const at = toInstant(options.at)
  const lap = stopwatch(options.onStage)
  const parsed = guardAndParse(input, options, lap)
  if (E.isLeft(parsed)) return parsed
  const layout = readLayout(parsed.right.doc)
  if (E.isLeft(layout)) return layout
  const signature = await verifyOne(parsed.right, layout.right, options, at, lap)
  if (E.isLeft(signature)) return signature
  const result: VerifiedDocument = { signature: signature.right, signedElement: rootOf(parsed.right.doc) }
  lap('policy')
  return E.right(result)
}

export interface VerifySeveralOptions extends VerifyOptions {
  /** At most this many signatures (default 8); more is refused before any cryptography. */
  readonly maxSignatures?: number
  /** Signers the document needs, each met by a different signature (e.g. an officer and the head of the office). */
  readonly requiredSigners?: readonly SignerRequirement[]
}

export interface VerifiedSeveral {
  /** In document order: the first signer first. */
  readonly signatures: readonly VerifiedSignature[]
  readonly signedElement: Element
}

/**
 * Verifies a document signed one after another (NCANode / Kalkan multi-signing): every ds:Signature is a child of
 * the root, and signature k covers the root with signatures 1..k−1 inside it and the later ones absent (its
 * enveloped transform removes only itself). So the last is verified first, then taken out, then the one before…,
 * each through every check of `verifySignedXml` (one Reference to the root, transforms, digest, value, chain,
 * validity, revocation, key usage). The first refusal is returned, naming which signature it concerns.
 * The document is put back as parsed before returning.
 */
export const verifyEverySignature = async (
  input: Uint8Array | string,
  options: VerifySeveralOptions,
): Promise<Step<VerifiedSeveral>> => {
  const at = toInstant(options.at)
  const lap = stopwatch(options.onStage)
  const parsed = guardAndParse(input, options, lap)
  if (E.isLeft(parsed)) return parsed
  const found = findSignatures(parsed.right.doc, options.maxSignatures ?? 8)
  if (E.isLeft(found)) return found
  const root = rootOf(parsed.right.doc)
  const signatures = found.right
  const removed: { readonly node: Element; readonly next: ChildNode | null }[] = []
  const verified: VerifiedSignature[] = []
  try {
    for (let i = signatures.length - 1; i >= 0; i--) {
      const signature = signatures[i]
      if (signature === undefined) break
      const layout = readSignatureLayout(parsed.right.doc, signature)
      const one = E.isLeft(layout) ? layout : await verifyOne(parsed.right, layout.right, options, at, lap)
      if (E.isLeft(one)) {
        return E.left({ ...one.left, detail: `signature ${i + 1} of ${signatures.length}: ${one.left.detail}` } as SignatureRefusal)
      }
      verified.unshift(one.right)
      removed.push({ node: signature, next: signature.nextSibling as ChildNode | null })
      root.removeChild(signature)
    }
  } finally {
    for (const { node, next } of removed.reverse()) root.insertBefore(node, next as never)
  }
  const required = checkRequiredSigners(
    verified.map((v) => ({ roles: v.roles, policies: v.policies, signer: v.signer })),
    options.requiredSigners ?? [],
  )
  lap('policy')
  if (E.isLeft(required)) return required
  return E.right({ signatures: verified, signedElement: root })
}
