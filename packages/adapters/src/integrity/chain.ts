/**
 * The per-stream hash chain. Every event's `hash` is SHA-256 over the previous event's hash and this event's
 * content, so changing, removing or moving any stored event breaks the chain at that event.
 *
 * What is covered, and why:
 * - `previousHash`: links the event to everything before it in its stream.
 * - `streamId`, `revision`: an event cannot be moved to another stream or another place in its stream.
 * - `id`, `type`, `data`, `metadata`: the event itself. `metadata` carries the provenance envelope (actor,
 *   occurredAt, the application's recordedAt, rule version), so the audit facts are covered.
 *
 * What is deliberately NOT covered:
 * - `position`: it is back-end specific (`<xid>:<seq>` in PostgreSQL, a commit position in EventStoreDB) and
 *   changes on export/import, while the chain must verify the same in every back-end.
 * - the store's `recordedAt`: it is the store's clock at the moment it accepted the row; a migration to another
 *   back-end records a new one. The time that matters for the audit is in the metadata, which is covered.
 *
 * Personal data is encrypted per data subject before it reaches the store (crypto-shredding), so `data` here is
 * ciphertext: the chain covers exactly the stored bytes and keeps verifying after a subject's key is destroyed. It
 * must never be recomputed over decrypted data.
 *
 * The hashed text is the canonical JSON of a tuple, not a concatenation: field boundaries are unambiguous, and the
 * leading label lets a future v2 be told apart.
 */
import type { Json } from '../store/port.js'
import { canonicalJson } from './canonical.js'
import { sha256Hex } from './sha256.js'

/** `previousHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64)

export const CHAIN_VERSION = 'kezek.event.v1'

/** The preimage's first member, as canonical text: the same for every event. */
const VERSION_TEXT = canonicalJson(CHAIN_VERSION)

/** The part of a recorded event the chain covers. */
export interface ChainedContent {
  readonly streamId: string
  readonly revision: number
  readonly id: string
  readonly type: string
  readonly data: Json
  readonly metadata: Json
}

/** The exact text that is hashed: exposed so auditors can re-derive a hash with any SHA-256 tool. */
export const chainPreimage = (previousHash: string, e: ChainedContent): string =>
  canonicalJson([CHAIN_VERSION, previousHash, e.streamId, e.revision, e.id, e.type, e.data, e.metadata])

export const chainHash = (previousHash: string, e: ChainedContent): string => sha256Hex(chainPreimage(previousHash, e))

/** Hashes a batch that continues a stream whose last hash is `previousHash`, in order. */
export const chainBatch = <T extends ChainedContent>(
  previousHash: string,
  events: readonly T[],
): ReadonlyArray<T & { readonly hash: string; readonly previousHash: string }> => {
  let prev = previousHash
  return events.map((e) => {
    const hash = chainHash(prev, e)
    const out = { ...e, hash, previousHash: prev }
    prev = hash
    return out
  })
}

/**
 * `chainHash` over content whose `data` and `metadata` are already canonical JSON text (`canonicalStorableJson`):
 * the same preimage, byte for byte — the canonical text of an array is its members' canonical texts joined — with
 * no second pass over the event.
 */
export const chainHashOfText = (
  previousHash: string,
  e: { readonly streamId: string; readonly revision: number; readonly id: string; readonly type: string },
  dataText: string,
  metadataText: string,
): string =>
  sha256Hex(
    `[${VERSION_TEXT},${canonicalJson(previousHash)},${canonicalJson(e.streamId)},${canonicalJson(e.revision)},${canonicalJson(e.id)},${canonicalJson(e.type)},${dataText},${metadataText}]`,
  )
