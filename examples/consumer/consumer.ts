// Type-checked by tsc under moduleResolution NodeNext and Bundler against the installed declarations.
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider, decodeCommand, filingOrder, rebuildWaitingList, replay, type ApplicationEvent, type DomainError } from '@kezek/domain'
import { openMemoryStore, verifyStream, type EventStore } from '@kezek/adapters'
import { createApp, type KezekApp } from '@kezek/http'

export const handle = (history: readonly ApplicationEvent[], input: unknown): E.Either<unknown, readonly ApplicationEvent[]> => {
  const command = decodeCommand(input)
  if (E.isLeft(command)) return command
  const decided: E.Either<DomainError, readonly ApplicationEvent[]> = applicationDecider.decide(command.right, replay(applicationDecider, history))
  return decided
}

export const position = (events: readonly ApplicationEvent[], id: string): number | undefined =>
  rebuildWaitingList(events, filingOrder).position(id)?.position

export const stores: { readonly open: () => Promise<EventStore> } = { open: async () => openMemoryStore() }
export const verifier = verifyStream
export type App = KezekApp
export const factory: typeof createApp = createApp
