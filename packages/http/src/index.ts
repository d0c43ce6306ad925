/**
 * @kezek/http — the reference HTTP service: `createApp` plus the reference implementations of its ports.
 */
export { createApp, type AppOptions, type KezekApp, type KezekExtras } from './app.js'
export type { ProviderConfig } from './http/services.js'
export * from './auth/index.js'
export * from './registries/index.js'
export * from './problem/index.js'
export { jsonLogger, silentLogger, redactIins, maskIin, type Logger, type LogLevel } from './observability/index.js'
export type { SignatureVerifier, ResultSigner, VerifiedRequest, ApplicationDocument } from './signature/port.js'
export { xmlDsigVerifier, type TrustSourceNow } from './signature/adapter.js'
export { workerPoolVerifier, type WorkerPoolVerifier } from './signature/worker-pool.js'
export { keyResultSigner, type SigningIdentity } from './signature/result-signer.js'
export { openApiDocument } from './openapi.js'
export { buildResultXml, documentText, legalFooter, resultDocument, resultXml, RESULT_NS, type ResultDocument, type ResultDocumentKind } from './results/document.js'
export { receiptDocument } from './results/receipt.js'
