/**
 * ЭЦП signatures: verify the XML that citizens, officers and operators sign with NCALayer, and sign (and verify)
 * the provider's result documents. See docs/signatures.md.
 */
export type { Canonicalization, DigestMethodUri, SignatureMethodUri } from './algorithms.js'
export { GOST_DIGEST_METHOD, GOST_SIGNATURE_METHOD, isKazakhGost } from './algorithms.js'
export {
  APPLICATION_NS,
  buildApplicationRequestXml,
  expectedSigner,
  readApplicationRequest,
  toDomainRequest,
} from './application-request.js'
export type { ApplicationRequestDocument, ApplicationRequestInput, StaffRole } from './application-request.js'
export { holderOf } from './certificate.js'
export type { CertificateHolder, KeyPurpose } from './certificate.js'
export { DEFAULT_MAX_BYTES } from './guard.js'
export {
  appendsNothing,
  badInputCodes,
  indeterminateCodes,
  notConfirmedCodes,
} from './refusal.js'
export type {
  BadInput,
  BadInputCode,
  Indeterminate,
  IndeterminateCode,
  NotConfirmed,
  NotConfirmedCode,
  SignatureRefusal,
  SignatureRefusalCode,
} from './refusal.js'
export {
  buildResultXml,
  readResultDocument,
  RESULT_NS,
  signResultDocument,
  verifyResultDocument,
} from './result-document.js'
export type {
  MotivatedRefusalInput,
  NotificationInput,
  ResultDocument,
  ResultInputError,
  VerifiedResult,
  VerifyResultOptions,
} from './result-document.js'
export { APPEAL_CLAUSE, CATEGORY_TITLES, LEGAL_FOOTER } from './result-texts.js'
export type { RevocationScope } from './revocation.js'
export { httpOcsp } from './ocsp/http-ocsp.js'
export { cachedOcsp } from './ocsp/cached-ocsp.js'
export type { OcspCacheOptions } from './ocsp/cached-ocsp.js'
export type { HttpOcspOptions } from './ocsp/http-ocsp.js'
export { buildOcspRequest, certIdOf, readOcspResponse } from './ocsp/ocsp-messages.js'
export type { OcspAnswer, OcspPort, RevocationSource } from './ocsp/port.js'
export { signXml } from './sign.js'
export { appendGostSignature, appendRsaSignature, isGostSigningKey } from './append-signature.js'
export type { AppendOptions as AppendSignatureOptions, GostSigningKey } from './append-signature.js'
export type { SignXmlOptions } from './sign.js'
export { loadTrust } from './trust.js'
export type { EncodedObject, LoadedTrust, TrustAnchors, TrustConfigError, TrustSource } from './trust.js'
export { toSignatureVerdict, toSigner } from './verdict.js'
export { verifyRequest } from './verify-request.js'
export type { VerifiedRequest, VerifyRequestOptions } from './verify-request.js'
export { verifyEverySignature, verifySignedXml } from './verify-signed-xml.js'
export type {
  VerificationStage,
  VerifiedDocument,
  VerifiedSeveral,
  VerifiedSignature,
  VerifyOptions,
  VerifySeveralOptions,
} from './verify-signed-xml.js'
export { checkRequiredSigners, checkResultSigner, checkSignerKind, NCA_ROLE_OIDS, policiesOf, RESULT_SIGNER_ROLES, rolesOf, STAFF_ROLES } from './signer-roles.js'
export type { ResultSignerRule, SignerKind, SignerPolicy, SignerRequirement, SignerRole } from './signer-roles.js'
// The crypto engine (one WebCrypto provider for xmldsigjs and @peculiar/x509) and the XML guards, for adapters
// that verify or sign off the main thread (the HTTP service's worker pool) and must use the same ones.
export { webcrypto, x509 } from './engine.js'
export { guardDocument } from './guard.js'
export { parseXml } from './parse.js'
export { escapeXml } from './xml-reading.js'
export { serviceRequestFields } from './service-request-fields.js'
export { encodeGostPrivateKey, importSigningKey } from './signing-key.js'
