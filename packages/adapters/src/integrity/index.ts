export { canonicalJson, toStorableJson, unstorableString, type NotJson } from './canonical.js'
export { chainHash, chainPreimage, chainBatch, GENESIS_HASH, CHAIN_VERSION, type ChainedContent } from './chain.js'
export {
  verifyStream,
  verifyStore,
  checkLink,
  ChainVerifier,
  type BreakKind,
  type ChainBreak,
  type StreamHead,
  type VerifiedChains,
  type VerifyOptions,
} from './verify.js'
