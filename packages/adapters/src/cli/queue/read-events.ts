/**
 * The events a waiting list is built from, read once from the store with progress. Only the types the
 * projection reads are decoded; one of them that does not decode stops the rebuild — a list built around a hole
 * would put people in the wrong place — and the message points at `kezek verify`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent, type ApplicationEvent } from '@kezek/domain'
import { applicationIdOfStream } from '../../handler/stream.js'
import type { EventHeader } from '../../store/port.js'
import { cliError, fail } from '../errors.js'
import type { CliIo } from '../io.js'
import type { OpenedStore } from '../open-store.js'
import { countEventsOf, progress } from '../progress.js'

const READ = new Set(['queued', 'removed', 'housing_allocated', 'restored', 'data_changed', 'position_kept_by_family'])

export interface ListEvents {
  readonly events: readonly ApplicationEvent[]
  /** The events of the log they were picked from. */
  readonly read: number
}

export const readListEvents = async (io: CliIo, opened: OpenedStore, label: string): Promise<ListEvents> => {
  // A SQL store sends only these types (a fifth of a generated log's events and bytes) and counts the rest; another
  // store is walked whole, and counted as it goes.
  const counted = await countEventsOf(opened, [...READ])
  const bar = progress(io, label, counted?.ofTypes)
  const events: ApplicationEvent[] = []
  let walked = 0
  // Only these types' data is read: the others stay sealed on an encrypted store.
  const needsData = (h: EventHeader): boolean => READ.has(h.type) && applicationIdOfStream(h.streamId) !== undefined
  for await (const r of opened.store.readAll({ batchSize: 1000, needsData, ...(counted === undefined ? {} : { types: [...READ] }) })) {
    walked++
    bar.tick()
    if (applicationIdOfStream(r.streamId) === undefined) continue
    const type = (r.data as { type?: unknown } | null)?.type
    if (typeof type !== 'string' || !READ.has(type)) continue
    const d = decodeEvent(r.data)
    if (E.isLeft(d)) {
      bar.finish('stopped')
      fail(
        cliError(
          'problems',
          `event ${r.id} (stream ${r.streamId} revision ${r.revision}, a ${type}) does not decode, so no list can be built around it`,
          'run `kezek verify` to see what happened to it and `kezek history` for its application',
        ),
      )
    }
    events.push((d as E.Right<ApplicationEvent>).right)
  }
  bar.finish(`${events.length} waiting-list events`)
  return { events, read: counted?.all ?? walked }
}
