/** An entry change in words: "moved 12 → 9: 3 earlier entries housed/removed (2 housed, 1 removed)". */
import { findPolicy } from '@kezek/domain'
import type { EntryChange, ListDiff } from './diff.js'

/** What a policy orders by, in a phrase; the policy's own `basis` for policies this table does not know. */
const ordersBy: Readonly<Record<string, string>> = {
  'filing-order@1': 'orders by the time of filing with all documents (Art. 74 p.1)',
  'decision-date-order@1': 'orders by commission decision date',
}

export const policyPhrase = (id: string): string => {
  const p = findPolicy(id)
  return ordersBy[id] ?? (p === undefined ? 'orders differently' : `orders by: ${p.basis}`)
}

const entries = (n: number): string => (n === 1 ? '1 earlier entry' : `${n} earlier entries`)

export const reasonsOf = (c: EntryChange, diff: ListDiff, asOf: string | undefined): string[] => {
  const reasons: string[] = []
  const l = c.leftAhead
  const housedOrRemoved = (l.housed ?? 0) + (l.removed ?? 0)
  if (housedOrRemoved > 0) {
    const parts = [l.housed === undefined ? '' : `${l.housed} housed`, l.removed === undefined ? '' : `${l.removed} removed`].filter((s) => s !== '')
    reasons.push(`${entries(housedOrRemoved)} housed/removed (${parts.join(', ')})`)
  }
  if ((l.not_yet_queued ?? 0) > 0) reasons.push(`${entries(l.not_yet_queued ?? 0)} not on the list at ${asOf ?? 'that instant'}`)
  if ((l.gone ?? 0) > 0) reasons.push(`${entries(l.gone ?? 0)} no longer on the list`)
  if (c.joinedAhead > 0) reasons.push(`${c.joinedAhead} ${c.joinedAhead === 1 ? 'entry' : 'entries'} joined ahead`)
  if (c.overtaken > 0 || c.passed > 0) {
    const sides = [
      c.passed > 0 ? `now ahead of ${c.passed} that were ahead of it` : '',
      c.overtaken > 0 ? `now behind ${c.overtaken} that were behind it` : '',
    ].filter((s) => s !== '').join(', ')
    reasons.push(
      diff.before.policy !== diff.after.policy
        ? `policy ${diff.after.policy} ${policyPhrase(diff.after.policy)} (${sides})`
        : `${sides} (their ordering data changed)`,
    )
  }
  return reasons
}

const departureText: Readonly<Record<NonNullable<EntryChange['departure']>, string>> = {
  housed: 'housed',
  removed: 'removed from the list',
  not_yet_queued: 'not yet on the list at that instant',
  gone: 'no longer on the list',
}

export const describeChange = (c: EntryChange, diff: ListDiff, asOf: string | undefined): string => {
  if (c.after === undefined) return `left the list (was ${c.before}): ${departureText[c.departure ?? 'gone']}`
  if (c.before === undefined) return `joined at ${c.after}`
  return `moved ${c.before} → ${c.after}: ${reasonsOf(c, diff, asOf).join('; ')}`
}
