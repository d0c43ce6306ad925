/**
 * Published stream heads ("anchors"). A chain alone cannot show that someone with write access rewrote a stream
 * and recomputed every hash after the change, or cut its tail; heads saved by one `verify` and kept where the
 * database administrator cannot write catch both on the next one.
 */
import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { cliError, describeCause, fail } from '../errors.js'
import type { Problem } from './auditor.js'

const Head = t.type({ revision: t.number, hash: t.string })
const AnchorsFile = t.type({ kezek: t.literal('anchors'), version: t.literal(1), heads: t.record(t.string, Head) })

export type Anchors = ReadonlyMap<string, { readonly revision: number; readonly hash: string }>

export const readAnchors = (path: string): Anchors => {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    return fail(cliError('usage', `cannot read the anchors file ${path}: ${describeCause(e)}`, 'pass a file written by `kezek verify --save-heads`'))
  }
  const decoded = AnchorsFile.decode(raw)
  if (E.isLeft(decoded)) return fail(cliError('usage', `${path} is not a kezek anchors file`, 'pass a file written by `kezek verify --save-heads`'))
  return new Map(Object.entries(decoded.right.heads))
}

export const anchorsJson = (heads: Anchors, savedAt: string): string =>
  `${JSON.stringify({ kezek: 'anchors', version: 1, savedAt, heads: Object.fromEntries([...heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }, null, 2)}\n`

/** Checks one event against the anchors; collects `rewritten` problems on the way. */
export const anchorCheck = (anchors: Anchors) => {
  const problems: Problem[] = []
  return {
    push: (e: { streamId: string; revision: number; hash: string; id: string; position: string }): void => {
      const a = anchors.get(e.streamId)
      if (a !== undefined && a.revision === e.revision && a.hash !== e.hash) {
        problems.push({
          kind: 'chain.rewritten',
          streamId: e.streamId,
          revision: e.revision,
          eventId: e.id,
          position: e.position,
          detail: 'the chain is consistent but differs from the published anchor at this revision',
        })
      }
    },
    /** After the walk: streams that end before their anchor were truncated. */
    finish: (heads: ReadonlyMap<string, { readonly revision: number }>, only?: string): readonly Problem[] => {
      for (const [streamId, a] of anchors) {
        if (only !== undefined && streamId !== only) continue
        const head = heads.get(streamId)?.revision ?? -1
        if (head < a.revision) {
          problems.push({
            kind: 'chain.truncated',
            streamId,
            revision: head + 1,
            detail: `the stream ends at revision ${head}; the anchor holds revision ${a.revision}`,
          })
        }
      }
      return problems
    },
  }
}
