/**
 * What the adapter needs from the integrity module: the genesis link and the hash of one event given its
 * predecessor's. Injected, so the adapter hashes exactly like the SQL stores and the verifier.
 */
import type { RecordedEvent } from '../port.js'

/** An event as it is hashed: everything but the hashes themselves and the position the server assigns on commit. */
export type UnhashedEvent = Omit<RecordedEvent, 'hash' | 'previousHash' | 'position'>

export interface ChainHasher {
  /** `previousHash` of a stream's first event. */
  readonly genesis: string
  readonly hash: (previousHash: string, event: UnhashedEvent) => string
}
