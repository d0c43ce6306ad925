/**
 * Why a signed document was not accepted. Every refusal has a stable `code` and belongs to one family, and the
 * family tells the caller what to do with it:
 *
 * - `bad_input` — the bytes are not a document we can attribute to anyone (too large, DTD, not XML, no or
 *   several signatures, a signature that covers something other than the document, digest mismatch…). The HTTP
 *   layer answers 4xx and nothing is appended to any stream: there is no application fact to record.
 * - `not_confirmed` — a well-formed signed document whose signature the state would not accept (regulation,
 *   condition 2: «неподтверждение подлинности ЭЦП»). The codes are exactly the domain's `SignatureFailure`, so
 *   the decider can record a `rejected { signature_not_confirmed }` with the cause.
 * - `indeterminate` — we cannot judge now (no current CRL for an issuer). Not the citizen's fault: answer 503,
 *   append nothing, retry when the CRL is refreshed.
 */
import type { SignatureFailure } from '@kezek/domain'
import type { SignerRole } from './signer-roles.js'

export const badInputCodes = [
  'too_large',
  'dtd_forbidden',
  'malformed_xml',
  'no_signature',
  'multiple_signatures',
  'signature_misplaced',
  'reference_not_root',
  'unsupported_transform',
  'digest_mismatch',
  'no_certificate',
  'invalid_document',
] as const
export type BadInputCode = (typeof badInputCodes)[number]

export const notConfirmedCodes = [
  'unsupported_algorithm',
  'signature_invalid',
  'untrusted_issuer',
  'certificate_expired',
  'certificate_not_yet_valid',
  'certificate_revoked',
  'wrong_key_usage',
  'iin_mismatch',
  'signer_role_missing',
  'policy_not_accepted',
] as const satisfies readonly SignatureFailure[]
export type NotConfirmedCode = (typeof notConfirmedCodes)[number]

export const indeterminateCodes = ['revocation_unknown'] as const
export type IndeterminateCode = (typeof indeterminateCodes)[number]

export interface BadInput {
  readonly family: 'bad_input'
  readonly code: BadInputCode
  readonly detail: string
}

export interface NotConfirmed {
  readonly family: 'not_confirmed'
  readonly code: NotConfirmedCode
  readonly detail: string
  /** With `signer_role_missing`: the NCA role the document needed and the certificate lacks (signer-roles.ts). */
  readonly missingRole?: SignerRole
}

export interface Indeterminate {
  readonly family: 'indeterminate'
  readonly code: IndeterminateCode
  readonly detail: string
}

export type SignatureRefusal = BadInput | NotConfirmed | Indeterminate
export type SignatureRefusalCode = SignatureRefusal['code']

export const badInput = (code: BadInputCode, detail: string): BadInput => ({ family: 'bad_input', code, detail })
export const roleMissing = (role: SignerRole, detail: string): NotConfirmed => ({
  family: 'not_confirmed',
  code: 'signer_role_missing',
  detail,
  missingRole: role,
})
export const notConfirmed = (code: NotConfirmedCode, detail: string): NotConfirmed => ({
  family: 'not_confirmed',
  code,
  detail,
})
export const indeterminate = (code: IndeterminateCode, detail: string): Indeterminate => ({
  family: 'indeterminate',
  code,
  detail,
})

/** Refusals after which nothing may be appended: the request is answered and forgotten. */
export const appendsNothing = (r: SignatureRefusal): r is BadInput | Indeterminate => r.family !== 'not_confirmed'

// Compile-time proof that every domain failure has a code here, so toSignatureVerdict can never drop one.
type MissingFailures = Exclude<SignatureFailure, NotConfirmedCode>
const _everyFailureCovered: MissingFailures extends never ? true : never = true
void _everyFailureCovered
