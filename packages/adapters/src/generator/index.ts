/**
 * A deterministic generator of realistic housing waiting-list histories, for benchmarks, demos and load tests:
 * the same seed gives the same events, byte for byte, and every history is one the real decider accepts.
 */
export { generateDecisions, generateRecords, type GenerateOptions, type GeneratedDecision, type GeneratedRecord } from './simulate.js'
export { realisticProfile, type GeneratorProfile, type ProviderProfile } from './profile.js'
export { seededRandom, type Random } from './random.js'
export { randomIin } from './identity.js'
export { writeNdjson, readNdjson, toNdjsonLine, toStoreEvent, toAppend, appendDecisions, type Loaded } from './output.js'
export { count, emptySummary, shares, type HistorySummary } from './summary.js'
