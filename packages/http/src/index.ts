/**
 * @kezek/http — the reference HTTP service: `createApp` plus the reference implementations of its ports.
 */
export { createApp, type AppOptions, type KezekApp, type KezekExtras } from './app'
export type { ProviderConfig } from './http/services'
export * from './auth/index'
export * from './registries/index'
export * from './problem/index'
export { jsonLogger, silentLogger, redactIins, maskIin, type Logger, type LogLevel } from './observability/index'
export type { SignatureVerifier, ResultSigner, VerifiedRequest, ApplicationDocument } from './signature/port'
export { xmlDsigVerifier, type TrustSourceNow } from './signature/adapter'
export { workerPoolVerifier, type WorkerPoolVerifier } from './signature/worker-pool'
export { keyResultSigner, type SigningIdentity } from './signature/result-signer'
export { openApiDocument } from './openapi'
export { buildResultXml, RESULT_NS } from './results/document'
