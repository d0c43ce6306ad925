/**
 * Crypto-shredding as a store decorator. Personal fields are encrypted with their subject's key *before* the events
 * reach the store, so the store's hash chain is computed over ciphertext: destroying a key makes the fields
 * unreadable without changing a stored byte, and the chain still verifies.
 *
 * On read the fields are decrypted; a field whose key was destroyed reads as its erased marker (`ERASED_IIN`,
 * `ERASED_TEXT`), chosen so erased events still decode with the domain codecs and projections still fold them.
 * Hashes on events read through the decorator are those of the stored (encrypted) form: verify the inner store.
 *
 * Keys are cached per decorator. An erasure through this decorator takes effect at once; an erasure made by another
 * process reaches this one's reads when its cache entry is dropped (`cacheKeys: false` looks up every time).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AppendError, EventStore, Json, NewEvent, RecordedEvent } from '../store/port.js'
import { parseSealed, sealText } from './cipher.js'
import type { ErasureReceipt, Keyring } from './keyring.js'
import { kezekPersonalFields, mapPersonalFields, subjectOf, type PersonalField } from './personal-fields.js'

export interface PersonalDataOptions {
  /** Default: `kezekPersonalFields`. */
  readonly personalFields?: readonly PersonalField[]
  /** Default true. */
  readonly cacheKeys?: boolean
}

export interface ProtectedStore extends EventStore {
  /** Destroys the subject's keys: their fields read as erased from now on, everywhere. */
  readonly erase: (subject: string) => Promise<ErasureReceipt>
}

class NoSubject extends Error {
  constructor(readonly at: string) {
    super(`personal field ${at} has no data subject (IIN) to encrypt under`)
  }
}

export const protectPersonalData = (
  store: EventStore,
  keyring: Keyring,
  options: PersonalDataOptions = {},
): ProtectedStore => {
  const fields = options.personalFields ?? kezekPersonalFields
  const cache = options.cacheKeys ?? true
  /** kid → key, or null once known erased (erasure is final, so that entry never goes stale). */
  const keys = new Map<string, Uint8Array | null>()

  const keyOf = async (kid: string): Promise<Uint8Array | null> => {
    const known = keys.get(kid)
    if (known !== undefined) return known
    const found = await keyring.lookup(kid)
    if (found.kind === 'unknown') {
      throw new Error(`no key ${kid} in the keyring: it was never erased, so the keyring is incomplete`)
    }
    const key = found.kind === 'live' ? found.key.key : null
    if (cache || key === null) keys.set(kid, key)
    return key
  }

  const seal = async (json: Json, section: 'data' | 'metadata'): Promise<Json> =>
    mapPersonalFields(json, section, fields, async (value, { field, at }, container) => {
      if (typeof value === 'string' && parseSealed(value) !== undefined) return value
      const subject = subjectOf(value, field, container)
      if (subject === undefined) throw new NoSubject(at)
      const { kid, key } = await keyring.keyFor(subject)
      return sealText(kid, key, at, JSON.stringify(value))
    })

  const open = async (json: Json, section: 'data' | 'metadata'): Promise<Json> =>
    mapPersonalFields(json, section, fields, async (value, { field, at }) => {
      const sealed = typeof value === 'string' ? parseSealed(value) : undefined
      if (sealed === undefined) return value
      const key = await keyOf(sealed.kid)
      return key === null ? field.erased : (JSON.parse(sealed.open(key, at)) as Json)
    })

  const openEvent = async (e: RecordedEvent): Promise<RecordedEvent> => ({
    ...e,
    data: await open(e.data, 'data'),
    metadata: await open(e.metadata, 'metadata'),
  })

  const append: EventStore['append'] = async (streamId, events, opts) => {
    const sealed: NewEvent[] = []
    try {
      for (const e of events) sealed.push({ ...e, data: await seal(e.data, 'data'), metadata: await seal(e.metadata, 'metadata') })
    } catch (error) {
      if (!(error instanceof NoSubject)) throw error
      return E.left<AppendError>({ kind: 'invalid_event', streamId, detail: error.message })
    }
    return store.append(streamId, sealed, opts)
  }

  return {
    append,
    headPosition: () => store.headPosition(),
    comparePositions: (a, b) => store.comparePositions(a, b),
    close: () => store.close(),
    readStream: async (streamId, opts) => {
      const read = await store.readStream(streamId, opts)
      if (E.isLeft(read)) return read
      const out: RecordedEvent[] = []
      for (const e of read.right) out.push(await openEvent(e))
      return E.right(out)
    },
    readAll: (opts) => ({
      async *[Symbol.asyncIterator]() {
        for await (const e of store.readAll(opts)) yield await openEvent(e)
      },
    }),
    subscribe: (opts) => store.subscribe({ ...opts, onEvent: async (e) => opts.onEvent(await openEvent(e)) }),
    erase: async (subject) => {
      const receipt = await keyring.erase(subject)
      for (const kid of receipt.kids) keys.set(kid, null)
      return receipt
    },
  }
}
