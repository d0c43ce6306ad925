/**
 * From a verification result to the domain's `SignatureVerdict` (command data of `sign`). Only the
 * `not_confirmed` refusals become a verdict — the domain records them as `signature_not_confirmed`. Bad input
 * and indeterminate refusals stay on the left: there is nothing to record, the HTTP layer answers 4xx / 503.
 */
import type { SignatureVerdict, Signer } from '@kezek/domain'
import { BIN } from '@kezek/domain'
import type { Instant } from '@kezek/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { BadInput, Indeterminate, SignatureRefusal } from './refusal.js'
import type { VerifiedSignature } from './verify-signed-xml.js'

const instant = (d: Date): Instant => d.toISOString() as Instant

export const toSigner = (s: VerifiedSignature['signer']): Signer => ({
  iin: s.iin ?? '',
  commonName: s.commonName,
  certificateSerial: s.certificateSerial,
  issuer: s.issuer,
  notBefore: instant(s.notBefore),
  notAfter: instant(s.notAfter),
  ...(s.bin !== undefined && BIN.is(s.bin) ? { bin: s.bin } : {}),
})

export const toSignatureVerdict = (
  result: E.Either<SignatureRefusal, { readonly signature: VerifiedSignature }>,
): E.Either<BadInput | Indeterminate, SignatureVerdict> => {
  if (E.isRight(result)) {
    const s = result.right.signature
    return E.right({
      valid: true,
      signer: toSigner(s.signer),
      algorithm: s.algorithm,
      documentDigest: s.documentDigest,
      signedAt: instant(s.signedAt),
    })
  }
  const refusal = result.left
  return refusal.family === 'not_confirmed'
    ? E.right({ valid: false, failure: refusal.code, detail: refusal.detail })
    : E.left(refusal)
}
