import * as t from 'io-ts'
import { personalText, PersonalIin } from '../kernel/personal.js'
import { Registry } from './registry.js'
import { BirthDate } from './service-request.js'

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
    signer_role_missing: null,
    policy_not_accepted: null,
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
    t.type({ code: t.literal('power_of_attorney_not_found'), powerOfAttorney: personalText('document', t.string) }),
    t.type({
      code: t.literal('documents_nonconforming'),
      reasons: t.readonlyArray(personalText('free_text', t.string)),
      appealable: t.literal(true),
    }),
    // ── Refusals of the other services (seed 002, seed 003).
    /** An outside register has no record: «запись не найдена в Электронном реестре по опеке и попечительству». */
    t.type({ code: t.literal('record_not_found'), registry: Registry }),
    /** ЦОН refuses to accept an incomplete package (seed 003 п.12, receipt of прил.4 of the Standard). */
    t.type({ code: t.literal('package_incomplete'), missing: t.readonlyArray(t.string) }),
    /** The kindergarten queue is for children «до 7 лет»: the child's age at the filing instant. */
    t.type({ code: t.literal('child_over_age'), birthDate: BirthDate, ageYears: t.number, limitYears: t.number }),
    /** A child older than 10 did not sign «согласны» (seed 002, services 5 and 6). */
    t.type({ code: t.literal('child_consent_missing'), children: t.readonlyArray(PersonalIin) }),
  ],
  'RejectionReason',
)
export type RejectionReason = t.TypeOf<typeof RejectionReason>
export type RejectionCode = RejectionReason['code']
/** The housing queue regulation's refusals (the original vocabulary). */
export const rejectionCodes: readonly RejectionCode[] = [
  'authorization_refused',
  'signature_not_confirmed',
  'person_not_found',
  'power_of_attorney_not_found',
  'documents_nonconforming',
]

/** The refusals the other services add (seed 002 services 3–6, seed 003). */
export const serviceRejectionCodes: readonly RejectionCode[] = [
  'record_not_found',
  'package_incomplete',
  'child_over_age',
  'child_consent_missing',
]

/** Every refusal code; `rejectionCodes` keeps the housing queue's five. */
export const allRejectionCodes: readonly RejectionCode[] = [...rejectionCodes, ...serviceRejectionCodes]
