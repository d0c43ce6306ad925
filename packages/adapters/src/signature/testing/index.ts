/** Test PKI and signing helpers for tests and the demo server. Never use these keys for anything real. */
export { createTestPki, generateKeys, NCA_NAME, ROOT_NAME, TEST_BIN, TEST_IIN } from './pki.js'
export type { Authority, CrlParams, Identity, IssueParams, TestPki } from './pki.js'
export { signAs, signRequest } from './sign-request.js'
export { sampleRequest, sampleRequestXml } from './sample.js'
