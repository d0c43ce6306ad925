import * as t from 'io-ts'

/**
 * Why the signature was not confirmed (condition 2 of the portal channel). The regulation has a single message;
 * the causes are ours, so an auditor can tell an expired certificate from a forged signature.
 */
export const SignatureFailure = t.keyof(
  {
    certificate_expired: null,
    certificate_not_yet_valid: null,
    certificate_revoked: null,
    untrusted_issuer: null,
    wrong_key_usage: null,
    iin_mismatch: null,
    signature_invalid: null,
    unsupported_algorithm: null,
  },
  'SignatureFailure',
)
export type SignatureFailure = t.TypeOf<typeof SignatureFailure>

/**
 * Every refusal the regulation knows. Each is terminal: none loops back to an earlier step.
 * `documents_nonconforming` is the motivated refusal (мотивированный отказ): it carries the officer's reasons and
 * the right to appeal.
 */
export const RejectionReason = t.union(
  [
    t.type({ code: t.literal('authorization_refused') }),
    t.type({ code: t.literal('signature_not_confirmed'), failure: SignatureFailure, detail: t.string }),
    t.type({ code: t.literal('person_not_found') }),
    t.type({ code: t.literal('power_of_attorney_not_found'), powerOfAttorney: t.string }),
    t.type({
      code: t.literal('documents_nonconforming'),
      reasons: t.readonlyArray(t.string),
      appealable: t.literal(true),
    }),
  ],
  'RejectionReason',
)
export type RejectionReason = t.TypeOf<typeof RejectionReason>
export type RejectionCode = RejectionReason['code']
export const rejectionCodes: readonly RejectionCode[] = [
  'authorization_refused',
  'signature_not_confirmed',
  'person_not_found',
  'power_of_attorney_not_found',
  'documents_nonconforming',
]
