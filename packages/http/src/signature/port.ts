/**
 * What the service needs from the signature adapter, in its own words: read a signed application document and
 * say what it states and whether its signature is confirmed; sign a result document with the provider's key.
 *
 * The three outcomes follow the adapter's refusal families: `bad_input` is not an application at all (4xx,
 * nothing stored), `indeterminate` cannot be judged now (503, nothing stored), and `read` is a document whose
 * signature verdict — confirmed or not — the decider records.
 */
import type { ApplicationRequest, ServiceRequest, SignatureVerdict } from '@kezek/domain'

/** What the signed application XML states. */
export interface ApplicationDocument {
  readonly serviceId: string
  readonly providerId: string
  readonly applicantIin: string
  /** The housing request, or the typed request of another service. */
  readonly request: ApplicationRequest | ServiceRequest
  /** Who the document says signs it: staff at a desk or a service centre, else the representative or the applicant. */
  readonly signedBy: 'applicant' | 'representative' | 'officer' | 'operator'
}

export type VerifiedRequest =
  | {
    readonly kind: 'read'
    readonly document: ApplicationDocument
    readonly verdict: SignatureVerdict
    /**
     * SHA-256 (hex) of the decoded signature value, which names the application a replay of the same signed file
     * finds (signature-digest.ts); undefined when the document does not hold exactly one. Worked out where the
     * document was verified, so with verify workers it costs the service thread nothing. A verifier that leaves it
     * out has the service work it out from the document's text.
     */
    readonly signatureDigest?: string | undefined
  }
  | { readonly kind: 'bad_input'; readonly code: string; readonly detail: string }
  | { readonly kind: 'indeterminate'; readonly code: string; readonly detail: string }

export interface SignatureVerifier {
  readonly verifyRequest: (xml: string, at: Date) => Promise<VerifiedRequest>
}

/** Signs result documents (notification, motivated refusal) with the provider's key. */
export interface ResultSigner {
  readonly signResult: (providerId: string, unsignedXml: string) => Promise<string>
}
