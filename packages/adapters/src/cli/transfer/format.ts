/**
 * The kezek export format: newline-delimited JSON, one object per line.
 *
 *   {"kezek":"export","format":1,"chain":"kezek.event.v1","exportedAt":…,"source":…}     header
 *   {"streamId":…,"revision":…,"id":…,"type":…,"data":…,"metadata":…,"hash":…,"previousHash":…,"recordedAt":…,"position":…}
 *   …                                                                                    one line per event, global order
 *   {"kezek":"end","events":N,"streams":M}                                               trailer: a cut file is detectable
 *
 * `data` is the domain event and `metadata` its provenance envelope, exactly as stored (ciphertext where personal
 * data is encrypted), so the hashes recompute in any back-end. `position` and `recordedAt` are the source store's
 * and are informational: the target assigns its own, and neither is covered by the chain.
 *
 * `import` also reads the generator's NDJSON (`{"streamId","event","envelope"}` per line, no hashes): a seeded
 * history for demos and load tests goes into any store the same way.
 */
import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { CHAIN_VERSION } from '../../integrity/index.js'
import type { Json, RecordedEvent } from '../../store/port.js'

export const EXPORT_FORMAT = 1

export interface ExportHeader {
  readonly kezek: 'export'
  readonly format: typeof EXPORT_FORMAT
  readonly chain: typeof CHAIN_VERSION
  readonly exportedAt: string
  readonly source: string
  readonly stream?: string
}

export const headerLine = (h: Omit<ExportHeader, 'kezek' | 'format' | 'chain'>): string =>
  JSON.stringify({ kezek: 'export', format: EXPORT_FORMAT, chain: CHAIN_VERSION, ...h })

export const eventLine = (e: RecordedEvent): string =>
  JSON.stringify({
    streamId: e.streamId,
    revision: e.revision,
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    hash: e.hash,
    previousHash: e.previousHash,
    recordedAt: e.recordedAt,
    position: e.position,
  })

export const trailerLine = (events: number, streams: number): string => JSON.stringify({ kezek: 'end', events, streams })

const JsonValue = new t.Type<Json, Json, unknown>('Json', (u): u is Json => u !== undefined, (u, c) => (u === undefined ? t.failure(u, c) : t.success(u as Json)), t.identity)
const Hex64 = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'Hex64')
const Revision = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'Revision')

const ExportedEvent = t.type({
  streamId: t.string,
  revision: Revision,
  id: t.string,
  type: t.string,
  data: JsonValue,
  metadata: JsonValue,
  hash: Hex64,
  previousHash: Hex64,
  recordedAt: t.string,
  position: t.string,
})

const Header = t.intersection([
  t.type({ kezek: t.literal('export'), format: t.number, chain: t.string }),
  t.partial({ exportedAt: t.string, source: t.string, stream: t.string }),
])
const Trailer = t.type({ kezek: t.literal('end'), events: t.number, streams: t.number })
const GeneratedLine = t.type({ streamId: t.string, event: JsonValue, envelope: JsonValue })

export type Line =
  | { readonly kind: 'header'; readonly header: t.TypeOf<typeof Header> }
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'trailer'; readonly events: number; readonly streams: number }
  | { readonly kind: 'generated'; readonly streamId: string; readonly event: Json; readonly envelope: Json }

/** One line of an export or of a generated history, or why it is neither. */
export const readLine = (text: string): E.Either<string, Line> => {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return E.left(`not JSON: ${(e as Error).message}`)
  }
  const kezek = (raw as { kezek?: unknown } | null)?.kezek
  if (kezek === 'export') {
    const h = Header.decode(raw)
    return E.isRight(h) ? E.right({ kind: 'header', header: h.right }) : E.left('a malformed export header')
  }
  if (kezek === 'end') {
    const tr = Trailer.decode(raw)
    return E.isRight(tr) ? E.right({ kind: 'trailer', events: tr.right.events, streams: tr.right.streams }) : E.left('a malformed trailer')
  }
  const ev = ExportedEvent.decode(raw)
  if (E.isRight(ev)) return E.right({ kind: 'event', event: ev.right })
  const g = GeneratedLine.decode(raw)
  if (E.isRight(g)) return E.right({ kind: 'generated', ...g.right })
  return E.left('neither an exported event (streamId, revision, id, type, data, metadata, hash, previousHash, …) nor a generated record')
}
