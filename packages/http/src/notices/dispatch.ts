/**
 * Hands each new notice to the notice channels (SMS, e-mail, push), once per running service. It follows the store
 * from its head at start: notices of facts recorded while no service ran are in the feed but are not pushed again
 * (at most once; a channel that needs every notice reads the feed, whose ids are stable).
 */
import * as E from 'fp-ts/lib/Either.js'
import { applicationIdOfStream, type CommandHandler, type EventStore } from '@kezek/adapters'
import type { Logger } from '../observability/logger.js'
import { noticesOf } from './notice.js'
import type { NoticeChannel } from './port.js'

export interface NoticeDispatch {
  /** Resolves once the dispatch follows the store. */
  readonly started: Promise<void>
  readonly stop: () => Promise<void>
}

export const startNoticeDispatch = (
  store: EventStore, handler: Pick<CommandHandler, 'load'>, channels: readonly NoticeChannel[], logger: Logger,
): NoticeDispatch => {
  let stopSubscription: (() => Promise<void>) | undefined
  let stopped = false
  let work: Promise<void> = Promise.resolve()
  const dispatch = async (id: string, revision: number, streamId: string): Promise<void> => {
    if (stopped) return
    const loaded = await handler.load(id)
    if (E.isLeft(loaded)) { logger.log('warn', 'notices: application not readable', { streamId }); return }
    const fresh = noticesOf(loaded.right.events.filter((e) => e.revision <= revision)).filter((n) => n.id === `${id}:${revision}`)
    for (const n of fresh) {
      for (const channel of channels) {
        try { await channel.deliver(n) } catch (e) {
          logger.log('warn', 'notice channel failed', { channel: channel.name, notice: n.id, error: e instanceof Error ? e.message : String(e) })
        }
      }
    }
  }
  const started = (async () => {
    const head = await store.headPosition()
    if (stopped) return
    const sub = store.subscribe({
      ...(head === undefined ? {} : { after: head }),
      // The work runs behind the subscription, never inside its handler: a single-connection store (PGlite) cannot
      // read a stream while it is delivering, and a slow gateway must not hold up the store's followers.
      // Only the stream and revision are read here: the events' personal data stays sealed on the way.
      needsData: () => false,
      onEvent: (r) => {
        const id = applicationIdOfStream(r.streamId)
        if (id !== undefined) work = work.then(() => dispatch(id, r.revision, r.streamId))
      },
    })
    stopSubscription = sub.stop
    await sub.caughtUp
  })()
  return {
    started,
    stop: async () => { stopped = true; await started.catch(() => undefined); await stopSubscription?.(); await work },
  }
}
