/**
 * Erasing a person end to end, as `kezek erase` and the HTTP service's data-protection route both do it:
 *
 *  1. find the streams (applications) that name the person (before the keys go: afterwards nothing decrypts to compare);
 *  2. destroy every key of the person — their fields, and everything sealed under them, read as erased;
 *  3. append the erasure record (erasure-record.ts), which carries no personal data and lets every process
 *     following the store forget the person.
 *
 * Nothing stored is rewritten: positions, request numbers, the hash chain and pseudonymous ids stay.
 */
import * as E from 'fp-ts/lib/Either.js'
import { hasValidChecksum } from '@kezek/domain'
import type { EventStore } from '../store/port.js'
import { erasureEvent, erasureRecordOf, erasureStream, type ErasureRecord } from './erasure-record.js'
import { iinsNamedIn } from './named-iins.js'
import type { ProtectedStore } from './protect.js'

export interface ErasureOrder {
  readonly iin: string
  readonly ground: string
  readonly requestedBy: { readonly id: string; readonly role: string }
  readonly erasureId: string
  readonly eventId: string
  readonly now: Date
  /** The streams naming the person when the caller already knows them (a read model's index); else scanned. */
  readonly streams?: readonly string[]
}

export type ErasureRefusal = { readonly kind: 'invalid_order'; readonly detail: string }

/** The order's problems, if any: an IIN with a valid checksum, a ground that is text and holds no IIN. */
export const checkErasureOrder = (o: Pick<ErasureOrder, 'iin' | 'ground'>): string | undefined => {
  if (!hasValidChecksum(o.iin)) return 'iin must be 12 digits with a valid check digit'
  const ground = o.ground.trim()
  if (ground.length < 3 || ground.length > 500) return 'ground must be 3 to 500 characters'
  if (/\d{12}/.test(ground)) return 'ground must not contain an IIN: the erasure record holds no personal data'
  return undefined
}

/** Every stream whose events name the IIN in a personal field: reads the whole store (for the CLI). */
export const streamsNaming = async (store: EventStore, iin: string): Promise<readonly string[]> => {
  const found = new Set<string>()
  for await (const e of store.readAll({ batchSize: 1000 })) {
    if (!found.has(e.streamId) && iinsNamedIn(e).includes(iin)) found.add(e.streamId)
  }
  return [...found].sort()
}

export const erasePerson = async (
  store: ProtectedStore,
  order: ErasureOrder,
): Promise<E.Either<ErasureRefusal, { readonly record: ErasureRecord; readonly position: string }>> => {
  const problem = checkErasureOrder(order)
  if (problem !== undefined) return E.left({ kind: 'invalid_order', detail: problem })
  const streams = order.streams ?? (await streamsNaming(store, order.iin))
  const receipt = await store.erase(order.iin)
  const record: ErasureRecord = {
    erasureId: order.erasureId,
    ground: order.ground.trim(),
    requestedBy: order.requestedBy,
    erasedAt: order.now.toISOString(),
    kids: receipt.kids,
    streams,
  }
  const appended = await store.append(erasureStream(order.erasureId), [erasureEvent(record, order.eventId)], { expected: 'no_stream' })
  if (E.isRight(appended)) return E.right({ record, position: appended.right.position })
  // A retry of the same order (same erasure id): the first one's record stands.
  const first = await store.readStream(erasureStream(order.erasureId))
  const kept = E.isRight(first) ? first.right[0] : undefined
  const recorded = kept === undefined ? undefined : erasureRecordOf(kept)
  if (kept === undefined || recorded === undefined) throw new Error(`the keys were destroyed but the erasure record was not written: ${appended.left.kind}`)
  return E.right({ record: recorded, position: kept.position })
}
