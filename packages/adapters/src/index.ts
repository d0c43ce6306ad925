/**
 * @kezek/adapters — everything around the pure domain that does I/O.
 *
 * Each area is also importable on its own (`@kezek/adapters/store/index`, …), which keeps start-up light for
 * callers that need only one of them.
 */
export * from './store/index.js'
export * from './integrity/index.js'
export * from './handler/index.js'
export * from './privacy/index.js'
export * from './projection/index.js'
export * from './signature/index.js'
// Both areas have verify options: the root name is the hash chain's; each also has a name saying what it tunes.
export type { VerifyOptions } from './integrity/index.js'
export type { VerifyOptions as ChainVerifyOptions } from './integrity/index.js'
export type { VerifyOptions as SignatureVerifyOptions } from './signature/index.js'
