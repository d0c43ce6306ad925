/**
 * EventStoreDB identifies events by UUID and dedupes appends by those ids, but only weakly: a retry is recognised
 * when it targets the same expected revision (or, with `any`, while the ids are still in the server's recent cache;
 * kurrent-io/KurrentDB#1949, #2274). Deterministic ids make a retried batch carry the same ids as the first attempt,
 * so the server's own check can work; the adapter adds its own scan on top (see `store.ts`).
 */
import { createHash, randomUUID } from 'node:crypto'

/** Namespace of kezek's derived ids (a fixed random UUID, so our ids never collide with other v5 schemes). */
export const KEZEK_EVENT_NAMESPACE = '5f0c4d7e-2b8a-4c61-9a3e-6f1d2b7c8e90'

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex')

const format = (b: Buffer): string => {
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/** RFC 9562 version 5 (SHA-1, name-based) UUID. */
export const uuidV5 = (namespace: string, name: string): string => {
  const digest = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest()
  const b = digest.subarray(0, 16)
  b[6] = ((b[6] as number) & 0x0f) | 0x50
  b[8] = ((b[8] as number) & 0x3f) | 0x80
  return format(b)
}

/**
 * The id of the `index`-th event of an append carrying `idempotencyKey` on `streamId`. JSON framing keeps
 * ("a:b", "c") and ("a", "b:c") apart.
 */
export const idempotentEventId = (streamId: string, idempotencyKey: string, index: number): string =>
  uuidV5(KEZEK_EVENT_NAMESPACE, JSON.stringify([streamId, idempotencyKey, index]))

/**
 * Without a key every event gets a fresh random id: reusing the caller's event id would let the server's weak
 * dedupe silently drop a genuinely new event that happens to reuse an id.
 */
export const freshEventId = (): string => randomUUID()
