/**
 * The keyring: one AES-256 key per data subject (a person, named by IIN). Erasing a person destroys their keys;
 * everything encrypted under them becomes unreadable, while the ciphertext — and the hash chain over it — stays.
 *
 * Keys have ids (`kid`) and the ciphertext names its kid, never the subject: the IIN must not survive in the
 * stored event, not even as a key reference. A destroyed key leaves a tombstone, so "erased" (expected, read as the
 * erased marker) is told apart from "unknown" (a lost or wrong keyring: an operational fault that must be loud).
 */

export interface SubjectKey {
  readonly kid: string
  /** 32 bytes. */
  readonly key: Uint8Array
}

export type KeyLookup =
  | { readonly kind: 'live'; readonly key: SubjectKey }
  | { readonly kind: 'erased'; readonly kid: string; readonly erasedAt: string }
  | { readonly kind: 'unknown'; readonly kid: string }

/** What an erasure destroyed. Holds no personal data, so it may be logged or stored as proof. */
export interface ErasureReceipt {
  readonly kids: readonly string[]
  readonly erasedAt: string
}

export interface Keyring {
  /** The subject's live key, created on first use (again after an erasure: new data, new key). */
  readonly keyFor: (subject: string) => Promise<SubjectKey>
  /**
   * `keyFor` for many subjects at once: each subject's live key, created where missing, the same keys `keyFor` one
   * by one would give. In a few statements instead of up to three per new subject: `kezek import` seals a history
   * of thousands of people with it. Absent where one call per subject costs nothing (a keyring in memory).
   */
  readonly keysFor?: (subjects: readonly string[]) => Promise<ReadonlyMap<string, SubjectKey>>
  readonly lookup: (kid: string) => Promise<KeyLookup>
  /**
   * `lookup` for many kids in one statement, each kid's answer by kid. A reader of the log opens the events of
   * thousands of people: one statement per person was most of a waiting-list rebuild's time. Absent where one call
   * per kid costs nothing (a keyring in memory).
   */
  readonly lookupMany?: (kids: readonly string[]) => Promise<ReadonlyMap<string, KeyLookup>>
  /** Destroys every key of the subject (current and retired); a subject without keys gives an empty receipt. */
  readonly erase: (subject: string) => Promise<ErasureReceipt>
  /**
   * Retires the current key of one subject, or of every subject: it still opens what it sealed, and the next
   * `keyFor` makes a new key with a new kid. Returns how many keys were retired.
   */
  readonly rotate: (subject?: string) => Promise<number>
  /** The keys as stored, for a backup apart from the events (`kezek keys export`); absent for a keyring in memory. */
  readonly backup?: KeyBackup
}

/**
 * One stored key as a backup holds it: the kid, the subject reference (an HMAC, never the IIN), the key as stored
 * (wrapped when the keyring has a master key; null once erased) and its dates. Restoring it needs the same master key.
 */
export interface StoredKey {
  readonly kid: string
  readonly subject: string | null
  /** base64; null for an erased key (its tombstone). */
  readonly key: string | null
  readonly createdAt: string
  readonly retiredAt: string | null
  readonly erasedAt: string | null
}

export interface KeyBackup {
  readonly rows: () => Promise<readonly StoredKey[]>
  /**
   * Adds the rows of a backup. A kid the keyring already holds is left as it is — an erased key is never brought
   * back — and so is a row whose subject already has a current key (it comes in retired).
   */
  readonly restore: (rows: readonly StoredKey[]) => Promise<{ readonly added: number; readonly present: number }>
  /** Destroys these kids where they still hold a key: erasures re-applied after a restore. Returns how many. */
  readonly destroy: (kids: readonly string[]) => Promise<number>
}

export const KEY_BYTES = 32
