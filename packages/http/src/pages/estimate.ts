/**
 * How long a given position may wait, from how many entries of the same list were housed in each of the last full
 * calendar years (up to five, and none before the list existed). The point estimate divides the position by the
 * yearly mean; the range divides it by the best and the worst year. Stated on the page with its method, because it
 * is a projection of the past, not a promise.
 */
export type WaitEstimate =
  | { readonly kind: 'estimate'; readonly years: number; readonly low: number; readonly high: number | undefined; readonly yearsUsed: readonly { readonly year: number; readonly housed: number }[]; readonly meanPerYear: number }
  | { readonly kind: 'no-history'; readonly yearsUsed: readonly { readonly year: number; readonly housed: number }[] }

export const estimateWait = (
  position: number, housedByYear: ReadonlyMap<number, number>, firstYear: number, currentYear: number, span = 5,
): WaitEstimate => {
  const yearsUsed: { year: number; housed: number }[] = []
  for (let y = Math.max(firstYear, currentYear - span); y < currentYear; y += 1) yearsUsed.push({ year: y, housed: housedByYear.get(y) ?? 0 })
  const counts = yearsUsed.map((y) => y.housed)
  const mean = counts.length === 0 ? 0 : counts.reduce((a, b) => a + b, 0) / counts.length
  if (mean === 0) return { kind: 'no-history', yearsUsed }
  const best = Math.max(...counts)
  const worst = Math.min(...counts)
  return { kind: 'estimate', years: position / mean, low: position / best, high: worst === 0 ? undefined : position / worst, yearsUsed, meanPerYear: mean }
}
