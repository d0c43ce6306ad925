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
 * - At most `limit` values, the oldest dropped first: what the subscription has not read by then is opened as before.
 */
export interface RecentlySealed {
  readonly remember: (sealed: string, at: string, plainJson: string) => void
  /** The clear JSON text of `sealed`, when this process sealed it for `at` and nothing was erased since. */
  readonly recall: (sealed: string, at: string) => string | undefined
  readonly forget: () => void
}

export const recentlySealed = (limit: number): RecentlySealed => {
  const values = new Map<string, { readonly at: string; readonly plainJson: string }>()
  return {
    remember: (sealed, at, plainJson) => {
      if (limit <= 0) return
      values.set(sealed, { at, plainJson })
      if (values.size > limit) values.delete(values.keys().next().value as string)
    },
    recall: (sealed, at) => {
      const known = values.get(sealed)
      return known !== undefined && known.at === at ? known.plainJson : undefined
    },
    forget: () => values.clear(),
  }
}
