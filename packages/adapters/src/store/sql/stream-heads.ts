/**
 * The last known head (revision and hash) of recently used streams, so an append can chain its events without
 * first reading the head from the database. It is only a guess: the database checks every append against the real
 * head under the stream's lock and reports the head when the guess was wrong (another process appended), so a
 * stale entry costs one more round trip, never a wrong write.
 */
import { GENESIS_HASH } from '../../integrity/chain.js'

export interface StreamHead {
  /** The last revision; -1 for a stream with no events. */
  readonly revision: number
  readonly hash: string
}

export const NO_STREAM: StreamHead = { revision: -1, hash: GENESIS_HASH }

export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>()

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId)
  }

  /**
   * Remembers a head; the least recently set stream is forgotten beyond the capacity. A stream only grows, so an
   * older head (a read that raced an append) never replaces a newer one.
   */
  set(streamId: string, head: StreamHead): void {
    const known = this.heads.get(streamId)
    if (known !== undefined && known.revision > head.revision) return
    this.heads.delete(streamId)
    this.heads.set(streamId, head)
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next()
      if (oldest.done !== true) this.heads.delete(oldest.value)
    }
  }
}
