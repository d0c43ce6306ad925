/**
 * ЭЦП signatures: verify the XML that citizens, officers and operators sign with NCALayer, and sign (and verify)
 * the provider's result documents. See docs/signatures.md.
 */
export type { Canonicalization, DigestMethodUri, SignatureMethodUri } from './algorithms'
export { isKazakhGost } from './algorithms'
export {
  APPLICATION_NS,
  buildApplicationRequestXml,
  expectedSigner,
  readApplicationRequest,
  toDomainRequest,
} from './application-request'
export type { ApplicationRequestDocument, ApplicationRequestInput, StaffRole } from './application-request'
export { holderOf } from './certificate'
export type { CertificateHolder, KeyPurpose } from './certificate'
export { DEFAULT_MAX_BYTES } from './guard'
export {
  appendsNothing,
  badInputCodes,
  indeterminateCodes,
  notConfirmedCodes,
} from './refusal'
export type {
  BadInput,
  BadInputCode,
  Indeterminate,
  IndeterminateCode,
  NotConfirmed,
  NotConfirmedCode,
  SignatureRefusal,
  SignatureRefusalCode,
} from './refusal'
export {
  buildResultXml,
  readResultDocument,
  RESULT_NS,
  signResultDocument,
  verifyResultDocument,
} from './result-document'
export type {
  MotivatedRefusalInput,
  NotificationInput,
  ResultDocument,
  ResultInputError,
  VerifiedResult,
} from './result-document'
export { APPEAL_CLAUSE, CATEGORY_TITLES, LEGAL_FOOTER } from './result-texts'
export type { RevocationScope } from './revocation'
export { signXml } from './sign'
export type { SignXmlOptions } from './sign'
export { loadTrust } from './trust'
export type { EncodedObject, LoadedTrust, TrustAnchors, TrustConfigError, TrustSource } from './trust'
export { toSignatureVerdict, toSigner } from './verdict'
export { verifyRequest } from './verify-request'
export type { VerifiedRequest, VerifyRequestOptions } from './verify-request'
export { verifySignedXml } from './verify-signed-xml'
export type { VerificationStage, VerifiedDocument, VerifiedSignature, VerifyOptions } from './verify-signed-xml'
