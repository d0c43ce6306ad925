/**
 * The reference `SignatureVerifier`: the signature adapter's `verifyRequest` (XMLDSig, chain, validity, CRL, key
 * usage, the signer's IIN) turned into the service's three outcomes.
 *
 * A signature that is well-formed but not confirmed (expired, revoked, untrusted issuer…) still names an
 * application, and the regulation answers it with a refusal: the document is read from the parsed XML (its
 * signature covers the root, the layout checks guaranteed that) so the refusal can be recorded for it.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { SignatureVerdict } from '@kezek/domain'
import { readApplicationRequest, toDomainRequest, type ApplicationRequestDocument } from '@kezek/adapters'
import { DEFAULT_MAX_BYTES, guardDocument } from '@kezek/adapters'
import { parseXml } from '@kezek/adapters'
import type { LoadedTrust, SignerPolicy } from '@kezek/adapters'
import { verifyRequest } from '@kezek/adapters'
import type { VerifiedSignature } from '@kezek/adapters'
import type { ApplicationDocument, SignatureVerifier, VerifiedRequest } from './port.js'
import { signatureDigest } from './signature-digest.js'
import type { VerifierRevocation } from './revocation.js'

const toDocument = (r: ApplicationRequestDocument): ApplicationDocument => ({
  serviceId: r.serviceId,
  providerId: r.providerId,
  applicantIin: r.applicantIin,
  request: toDomainRequest(r),
  signedBy: r.staff?.role ?? (r.representative === undefined ? 'applicant' : 'representative'),
})

const confirmed = (s: VerifiedSignature): SignatureVerdict => ({
  valid: true,
  signer: {
    iin: s.signer.iin ?? '',
    commonName: s.signer.commonName,
    certificateSerial: s.signer.certificateSerial,
    issuer: s.signer.issuer,
    notBefore: s.signer.notBefore.toISOString(),
    notAfter: s.signer.notAfter.toISOString(),
    ...(s.signer.bin === undefined ? {} : { bin: s.signer.bin }),
  },
  algorithm: s.algorithm,
  documentDigest: s.documentDigest,
  signedAt: s.signedAt.toISOString(),
} as SignatureVerdict)

/** Reads what an unconfirmed document states, to record the refusal against it. */
const readUnconfirmed = (xml: string, maxBytes: number): ApplicationDocument | undefined => {
  const text = guardDocument(xml, maxBytes)
  if (E.isLeft(text)) return undefined
  const doc = parseXml(text.right)
  if (E.isLeft(doc) || doc.right.documentElement === null) return undefined
  const read = readApplicationRequest(doc.right.documentElement)
  return E.isLeft(read) ? undefined : toDocument(read.right)
}

export interface TrustSourceNow {
  /** Trust anchors and CRLs as currently loaded (replaced when a fresh CRL is fetched). */
  readonly current: () => LoadedTrust
  readonly maxBytes?: number
  /** Revocation sources in order and the OCSP port (revocation.ts); CRLs alone when absent. */
  readonly revocation?: VerifierRevocation
  /** Accepted certificate policies of individuals' and staff keys; not checked when absent. */
  readonly signerPolicy?: SignerPolicy
}

export const xmlDsigVerifier = (trust: TrustSourceNow): SignatureVerifier => ({
  verifyRequest: async (xml, at): Promise<VerifiedRequest> => {
    const { trust: anchors, crls } = trust.current()
    const maxBytes = trust.maxBytes ?? DEFAULT_MAX_BYTES
    const r = trust.revocation
    const v = await verifyRequest(xml, {
      trust: anchors,
      crls,
      at,
      maxBytes,
      ...(trust.signerPolicy === undefined ? {} : { signerPolicy: trust.signerPolicy }),
      ...(r === undefined ? {} : { revocationSources: r.sources, ...(r.ocsp === undefined ? {} : { ocsp: r.ocsp }) }),
    })
    if (E.isRight(v)) {
      const s = v.right.signature
      return { kind: 'read', document: toDocument(v.right.request), verdict: confirmed(s), signatureDigest: s.signatureValueDigest }
    }
    const refusal = v.left
    if (refusal.family === 'bad_input') return { kind: 'bad_input', code: refusal.code, detail: refusal.detail }
    if (refusal.family === 'indeterminate') return { kind: 'indeterminate', code: refusal.code, detail: refusal.detail }
    const document = readUnconfirmed(xml, maxBytes)
    if (document === undefined) return { kind: 'bad_input', code: 'invalid_document', detail: refusal.detail }
    return { kind: 'read', document, verdict: { valid: false, failure: refusal.code, detail: refusal.detail }, signatureDigest: signatureDigest(xml) }
  },
})
