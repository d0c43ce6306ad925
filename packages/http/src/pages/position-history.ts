/**
 * How one application's place moved: its position at the end of every quarter since it was queued, from the
 * valid-time intervals of the entries of its list that the list's policy puts ahead of it. One pass over the
 * records; the last point is the live position.
 */
import { listId, type WaitingList } from '@kezek/domain'
import { boundaryAtOrAfter, quarterOf, quarterStart, type Quarter } from './quarters.js'

export interface PositionPoint {
  readonly quarter: Quarter
  readonly position: number
}

const activeAt = (iv: readonly number[], ms: number): boolean => {
  for (let i = 0; i < iv.length; i += 2) if ((iv[i] as number) <= ms && ms < (iv[i + 1] as number)) return true
  return false
}

export const positionHistory = (list: WaitingList, applicationId: string, nowMs: number): readonly PositionPoint[] => {
  const me = list.record(applicationId)
  if (me === undefined || me.intervals.length < 2) return []
  const id = listId(me.entry.list)
  const compare = list.policy.compare
  const delta = new Map<Quarter, number>()
  const bump = (k: Quarter, by: number) => delta.set(k, (delta.get(k) ?? 0) + by)
  for (const r of list.records().values()) {
    if (r === me || listId(r.entry.list) !== id || compare(r.entry, me.entry) >= 0) continue
    for (let i = 0; i < r.intervals.length; i += 2) {
      bump(boundaryAtOrAfter(r.intervals[i] as number), 1)
      const to = r.intervals[i + 1] as number
      if (to !== Infinity) bump(boundaryAtOrAfter(to), -1)
    }
  }
  const firstQ = quarterOf(me.intervals[0] as number)
  const nowQ = quarterOf(nowMs)
  let ahead = 0
  for (const [k, d] of delta) if (k <= firstQ) ahead += d
  const points: PositionPoint[] = []
  for (let q = firstQ; q < nowQ; q += 1) {
    ahead += delta.get(q + 1) ?? 0
    if (activeAt(me.intervals, quarterStart(q + 1))) points.push({ quarter: q, position: ahead + 1 })
  }
  const live = list.position(applicationId)
  if (live !== undefined) points.push({ quarter: nowQ, position: live.position })
  return points
}
