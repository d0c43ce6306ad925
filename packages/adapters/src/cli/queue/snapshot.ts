/** From the domain's waiting list to the diff's plain snapshot, and back from a file `--out` wrote. */
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { policyId, type WaitingList } from '@kezek/domain'
import { cliError, describeCause, fail } from '../errors.js'
import type { Departure, ListSnapshot } from './diff.js'

export const snapshotOf = (list: WaitingList, label: string): ListSnapshot => {
  const lists = new Map<string, string[]>()
  for (const id of list.listIds()) lists.set(id, [...list.entries(id)].map((e) => e.applicationId))
  return { label, policy: policyId(list.policy), lists }
}

/** Why an application is not on `list` (the newer list), from its records. */
export const departureIn = (list: WaitingList) => (applicationId: string): Departure => {
  const r = list.record(applicationId)
  if (r === undefined) return 'gone'
  if (r.status === 'housed') return 'housed'
  if (r.status === 'removed') return 'removed'
  // Active now but not in this list: the list shows an instant before it was queued (or restored).
  return 'not_yet_queued'
}

/** Reads a list written by `rebuild-queue --out` (the domain's `serialize()` form). */
export const readSnapshotFile = (path: string): ListSnapshot => {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    return fail(cliError('not_found', `cannot read ${path}: ${describeCause(e)}`, 'pass a file written by `kezek rebuild-queue --out`, or a policy id'))
  }
  const parsed = parseSerialized(text)
  return E.isLeft(parsed) ? fail(cliError('usage', `${path}: ${parsed.left}`, 'pass a file written by `kezek rebuild-queue --out`')) : parsed.right
}

export const parseSerialized = (text: string): E.Either<string, ListSnapshot> => {
  const lines = text.split('\n').filter((l) => l !== '')
  const head = /^policy (\S+)$/.exec(lines[0] ?? '')
  if (head === null) return E.left('the first line is not "policy <id>"')
  const lists = new Map<string, string[]>()
  for (const [i, line] of lines.slice(1).entries()) {
    const [list, position, applicationId] = line.split('\t')
    if (list === undefined || applicationId === undefined || !/^\d+$/.test(position ?? '')) return E.left(`line ${i + 2} is not "list<TAB>position<TAB>application id…"`)
    const entries = lists.get(list) ?? []
    if (Number(position) !== entries.length + 1) return E.left(`line ${i + 2}: position ${position} out of sequence in ${list}`)
    entries.push(applicationId)
    lists.set(list, entries)
  }
  return E.right({ label: `the list in the file (${head[1]})`, policy: head[1] as string, lists })
}
