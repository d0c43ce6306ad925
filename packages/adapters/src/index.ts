/**
 * @kezek/adapters — everything around the pure domain that does I/O.
 *
 * Each area is also importable on its own (`@kezek/adapters/store/index`, …), which keeps start-up light for
 * callers that need only one of them.
 */
export * from './store/index'
export * from './integrity/index'
export * from './handler/index'
export * from './privacy/index'
export * from './projection/index'
export * from './signature/index'
// Both areas have verify options: the root name is the hash chain's; each also has a name saying what it tunes.
export type { VerifyOptions } from './integrity/index'
export type { VerifyOptions as ChainVerifyOptions } from './integrity/index'
export type { VerifyOptions as SignatureVerifyOptions } from './signature/index'
