/**
 * A citizen's notices feed: the notices of every application they are the applicant of, newest first. Derived on
 * demand from the streams (see `notice.ts`), so pages and the HTTP route read the same thing.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Services } from '../http/services.js'
import { noticesOf, type Notice } from './notice.js'

export const noticeFeed = async (s: Pick<Services, 'read' | 'handler'>, iin: string, limit = 50): Promise<readonly Notice[]> => {
  const all: Notice[] = []
  for (const id of s.read.applicationsOf(iin)) {
    const loaded = await s.handler.load(id)
    if (E.isLeft(loaded)) continue
    all.push(...noticesOf(loaded.right.events).filter((n) => n.recipientIin === iin))
  }
  return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1)).slice(0, limit)
}
