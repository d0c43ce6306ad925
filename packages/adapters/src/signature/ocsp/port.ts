/**
 * OCSP as a port: the verifier asks "what was this certificate's status at this instant?" and gets a checked
 * answer or a reason there is none. NCA RK runs OCSP responders (the certificates' AIA names them); the HTTP
 * adapter (http-ocsp.ts) is one implementation, a test responder another. The verifier stays free of I/O of its own:
 * whatever asks the network is passed in.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { x509 } from '../engine.js'

export interface OcspAnswer {
  readonly status: 'good' | 'revoked' | 'unknown'
  /** When `revoked`. */
  readonly revokedAt?: Date
  readonly thisUpdate: Date
  readonly nextUpdate?: Date
}

export interface OcspPort {
  /** Left: no usable answer (network, responder error, bad signature, nonce, timing), with the reason. */
  readonly status: (certificate: x509.X509Certificate, issuer: x509.X509Certificate, at: Date) => Promise<E.Either<string, OcspAnswer>>
}

/** Which sources speak for revocation, in order: the first conclusive answer wins (e.g. OCSP, then CRL). */
export type RevocationSource = 'ocsp' | 'crl'
