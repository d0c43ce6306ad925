/**
 * HTTP optimistic concurrency: the stream revision is the ETag; `If-Match` carries the revision the client
 * last saw. `*` means "any existing application" (RFC 9110 §13.1.1).
 */
import type { Response } from 'express'
import { problem, type Problem } from '../problem/problem.js'

export const etagOf = (revision: number): string => `"${revision}"`

export const setEtag = (res: Response, revision: number | undefined): void => {
  if (revision !== undefined) res.setHeader('ETag', etagOf(revision))
}

/** `undefined` when the header is absent or `*`; a number; or a problem when it names no revision. */
export const expectedRevisionOf = (ifMatch: string | undefined): number | undefined | Problem => {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch)
  if (m === null || m[1] === undefined) return problem('invalid-precondition', `If-Match ${JSON.stringify(ifMatch.slice(0, 40))} is not an ETag this service issued`)
  return Number(m[1])
}
