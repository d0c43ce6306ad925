/** Test PKI and signing helpers for tests and the demo server. Never use these keys for anything real. */
export { createTestPki, generateKeys, NCA_NAME, ROOT_NAME, TEST_BIN, TEST_IIN } from './pki.js'
export type { Authority, CrlParams, Identity, IssueParams, TestPki } from './pki.js'
export { signAs, signRequest } from './sign-request.js'
export { sampleRequest, sampleRequestXml } from './sample.js'
export { createGostTestPki, generateGostKeys, GOST_NCA_NAME, GOST_ROOT_NAME, makeGostCrl, signAsGost } from './gost-pki.js'
export type { GostAuthority, GostCrlParams, GostIdentity, GostIssueParams, GostKeys, GostTestPki } from './gost-pki.js'
export { startOcspResponder } from './ocsp-responder.js'
export type { ResponderBehaviour, TestOcspResponder } from './ocsp-responder.js'
