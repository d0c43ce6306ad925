/**
 * The values this process sealed last, remembered clear for the read that follows the write.
 *
 * A running service reads back every event it appends (its subscription feeds the read models), so each personal
 * value it seals is opened again a few milliseconds later: a second AES-GCM pass, under a key it already holds, to
 * learn a value it already knew. A signed submission seals nine values and opened all nine again; this answers
 * those reads from memory (docs/benchmarks-history.md, stop 27).
 *
 * What it may answer, and what not:
 * - Only the exact sealed text in the exact place it was sealed for (`at`, which the ciphertext is bound to): a
 *   value moved to another field misses here and fails to open, as it always did.
 * - Nothing after an erasure this process knows of: `forget()` drops every entry, as the key cache drops the kids.
 *   Until then it holds no more than the key cache could decrypt, and it is used only where keys are cached.
 * - At most `limit` values, the oldest dropped first (half of them at a time): what the subscription has not read
 *   by then is opened as before.
 */
export interface RecentlySealed {
  readonly remember: (sealed: string, at: string, plainJson: string) => void
  /** The clear JSON text of `sealed`, when this process sealed it for `at` and nothing was erased since. */
  readonly recall: (sealed: string, at: string) => string | undefined
  readonly forget: () => void
}

interface Remembered {
  readonly at: string
  readonly plainJson: string
}

/**
 * Two generations of at most `limit / 2` values each: a full one becomes the older and the older is dropped whole.
 * Dropping one value at a time from the front of a `Map` left the deleted entries for every later
 * `keys().next()` to step over, and remembering cost more than the decryption it saves.
 */
export const recentlySealed = (limit: number): RecentlySealed => {
  const half = Math.floor(limit / 2)
  let newer = new Map<string, Remembered>()
  let older = new Map<string, Remembered>()
  return {
    remember: (sealed, at, plainJson) => {
      if (half <= 0) return
      if (newer.size >= half) {
        older = newer
        newer = new Map()
      }
      newer.set(sealed, { at, plainJson })
    },
    recall: (sealed, at) => {
      const known = newer.get(sealed) ?? older.get(sealed)
      return known !== undefined && known.at === at ? known.plainJson : undefined
    },
    forget: () => {
      newer = new Map()
      older = new Map()
    },
  }
}
