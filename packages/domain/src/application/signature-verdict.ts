import * as t from 'io-ts'
import { BIN, IIN } from '../kernel/iin.js'
import { Instant } from '../kernel/instant.js'
import { ERASED_IIN, personal, personalText } from '../kernel/personal.js'
import { SignatureFailure } from './rejection.js'

/** Who signed, as read from the certificate. Produced by a signature adapter; the domain only reads it. */
export const Signer = t.intersection(
  [
    t.type({
      /** From subject OID 2.5.4.5 `IIN…`. NCA test certificates carry an IIN that fails the checksum, so: string. */
      iin: personal(t.string, { kind: 'iin', erased: ERASED_IIN }),
      /** The certificate's CN: the signer's name. */
      commonName: personalText('name', t.string, 'iin'),
      certificateSerial: personalText('document', t.string, 'iin'),
      issuer: t.string,
    }),
    t.partial({ bin: BIN, notBefore: Instant, notAfter: Instant }),
  ],
  'Signer',
)
export type Signer = t.TypeOf<typeof Signer>

/**
 * The outcome of verifying an XML signature, handed to the decider as command data: the domain does no
 * cryptography and no I/O, it decides on what the verifier established.
 */
export const SignatureVerdict = t.union(
  [
    t.type({
      valid: t.literal(true),
      signer: Signer,
      algorithm: t.string,
      /** SHA-256 of the signed document as verified, hex: binds the event to the exact bytes. */
      documentDigest: t.string,
      signedAt: Instant,
    }),
    t.type({ valid: t.literal(false), failure: SignatureFailure, detail: t.string }),
  ],
  'SignatureVerdict',
)
export type SignatureVerdict = t.TypeOf<typeof SignatureVerdict>

export const signerIinMatches = (signer: Signer, iin: IIN): boolean => signer.iin === iin
