/**
 * Verifies a signed application request: the signature checks of `verifySignedXml`, then the request read from
 * the signed root, then the identity match — the IIN in the certificate must be the IIN of whoever the
 * document says signs it (regulation, condition 2: «ИИН в запросе = ИИН в регистрационном свидетельстве»), and the
 * IIN of the logged-in user when the caller knows it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { expectedSigner, readApplicationRequest, type ApplicationRequestDocument } from './application-request.js'
import { notConfirmed, type SignatureRefusal } from './refusal.js'
import { checkSignerKind, type SignerPolicy } from './signer-roles.js'
import { verifySignedXml, type VerifiedSignature, type VerifyOptions } from './verify-signed-xml.js'

export interface VerifyRequestOptions extends VerifyOptions {
  /** The IIN of the authenticated user (portal login, staff session); the certificate must carry it. */
  readonly expectedIin?: string
  /** Accepted certificate policies for individuals' and staff keys (NCA roles are always checked). */
  readonly signerPolicy?: SignerPolicy
}

export interface VerifiedRequest {
  readonly signature: VerifiedSignature
  readonly request: ApplicationRequestDocument
}

export const checkSignerIdentity = (
  signer: VerifiedSignature['signer'],
  expected: { readonly iin: string; readonly bin?: string; readonly who: string },
  expectedIin: string | undefined,
): E.Either<SignatureRefusal, true> => {
  if (signer.iin === undefined) return E.left(notConfirmed('iin_mismatch', 'the certificate carries no IIN (subject serialNumber IIN…)'))
  if (signer.iin !== expected.iin) {
    return E.left(notConfirmed('iin_mismatch', `the ${expected.who}'s IIN in the document differs from the IIN in the certificate`))
  }
  if (expected.bin !== undefined && signer.bin !== expected.bin) {
    return E.left(notConfirmed('iin_mismatch', `the ${expected.who}'s BIN in the document differs from the BIN in the certificate`))
  }
  if (expectedIin !== undefined && signer.iin !== expectedIin) {
    return E.left(notConfirmed('iin_mismatch', 'the certificate belongs to someone other than the signed-in user'))
  }
  return E.right(true)
}

export const verifyRequest = async (
  xml: Uint8Array | string,
  options: VerifyRequestOptions,
): Promise<E.Either<SignatureRefusal, VerifiedRequest>> => {
  const verified = await verifySignedXml(xml, options)
  if (E.isLeft(verified)) return verified
  const request = readApplicationRequest(verified.right.signedElement)
  if (E.isLeft(request)) return request
  const expected = expectedSigner(request.right)
  const identity = checkSignerIdentity(verified.right.signature.signer, expected, options.expectedIin)
  if (E.isLeft(identity)) return identity
  const kind = checkSignerKind(verified.right.signature, expected.bin === undefined ? 'individual' : 'staff', options.signerPolicy)
  if (E.isLeft(kind)) return kind
  return E.right({ signature: verified.right.signature, request: request.right })
}
