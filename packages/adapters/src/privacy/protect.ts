/**
 * Crypto-shredding as a store decorator. Personal fields are encrypted with their subject's key *before* the events
 * reach the store, so the store's hash chain is computed over ciphertext: destroying a key makes the fields
 * unreadable without changing a stored byte, and the chain still verifies.
 *
 * On read the fields are decrypted; a field whose key was destroyed reads as its erased marker (`ERASED_IIN`,
 * `ERASED_TEXT`), chosen so erased events still decode with the domain codecs and projections still fold them.
 * Hashes on events read through the decorator are those of the stored (encrypted) form: verify the inner store.
 *
 * Whose key seals a value: its owners' (an IIN is its own owner; a signer's name is its IIN's) and the application's
 * applicant's — the IIN in the stream's `authorized` event. A child's IIN is thus sealed under the child's key and
 * the applicant's, and erasing either makes it unreadable: erasing an applicant erases everything their
 * applications say about anyone; erasing a representative erases their IIN wherever it stands.
 *
 * Keys are cached per decorator. An erasure through this decorator takes effect at once; an erasure made by another
 * process reaches this one when the erasure record (`personal_data_erased`, see erasure.ts) passes through its
 * subscription or reads, or with `cacheKeys: false`.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AppendError, EventStore, Json, NewEvent, RecordedEvent } from '../store/port.js'
import { combinedKey, parseSealed, sealText } from './cipher.js'
import type { ErasureReceipt, Keyring, SubjectKey } from './keyring.js'
import { kezekPersonalFields, mapPersonalFields, ownersOf, type PersonalFields } from './personal-fields.js'
import { erasedKidsOf } from './erasure-record.js'

export interface PersonalDataOptions {
  /** Default: `kezekPersonalFields` (derived from the domain codecs' marks). */
  readonly personalFields?: PersonalFields
  /** Default true. */
  readonly cacheKeys?: boolean
}

export interface ProtectedStore extends EventStore {
  /** Destroys the subject's keys: their fields read as erased from now on, everywhere. */
  readonly erase: (subject: string) => Promise<ErasureReceipt>
  /** Retires current keys (one subject's, or all) so the next writes get new kids; see `Keyring.rotate`. */
  readonly rotate: (subject?: string) => Promise<number>
  /** Forgets cached keys known to be destroyed elsewhere (another process's erasure). */
  readonly keysErased: (kids: readonly string[]) => void
  /** An event as stored, with its personal data decrypted (or erased markers); hashes stay the stored ones. */
  readonly reveal: (e: RecordedEvent) => Promise<RecordedEvent>
  /** The store underneath: what is stored (ciphertext), for integrity checks and backups. */
  readonly inner: EventStore
  readonly keyring: Keyring
}

class NoSubject extends Error {
  constructor(readonly at: string) {
    super(`personal field ${at} has no data subject (IIN) to encrypt under`)
  }
}

class SubjectErased extends Error {
  constructor(readonly streamId: string) {
    super(`the applicant of ${streamId} was erased: no personal data can be added to it`)
  }
}

const STREAM_CACHE = 10_000

export const protectPersonalData = (
  store: EventStore,
  keyring: Keyring,
  options: PersonalDataOptions = {},
): ProtectedStore => {
  const fields = options.personalFields ?? kezekPersonalFields
  const cache = options.cacheKeys ?? true
  /** kid → key, or null once known erased (erasure is final, so that entry never goes stale). */
  const keys = new Map<string, Uint8Array | null>()
  /** stream → the applicant's kid (erasure is final and kids never change, so entries never go stale). */
  const streamKids = new Map<string, string | null>()

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

  /** subject → its current key, so an append does not ask the keyring once per field; dropped when erased. */
  const current = new Map<string, SubjectKey>()
  const keyFor = async (subject: string): Promise<SubjectKey> => {
    const known = cache ? current.get(subject) : undefined
    if (known !== undefined && keys.get(known.kid) !== null) return known
    const k = await keyring.keyFor(subject)
    if (cache) {
      current.set(subject, k)
      if (current.size > STREAM_CACHE) current.delete(current.keys().next().value as string)
    }
    return k
  }

  const remember = (streamId: string, kid: string | null): void => {
    streamKids.set(streamId, kid)
    if (streamKids.size > STREAM_CACHE) streamKids.delete(streamKids.keys().next().value as string)
  }

  /** The applicant's key of a stream: from the batch's `authorized` event, else from the stored first event. */
  const applicantKey = async (streamId: string, events: readonly NewEvent[]): Promise<SubjectKey | null | undefined> => {
    const first = events[0]
    const applicant = first?.type === 'authorized' ? (first.data as { applicantIin?: Json }).applicantIin : undefined
    if (typeof applicant === 'string' && parseSealed(applicant) === undefined) return keyFor(applicant)
    let kid = streamKids.get(streamId)
    if (kid === undefined) {
      const read = await store.readStream(streamId, { maxCount: 1 })
      const stored = E.isRight(read) ? (read.right[0]?.data as { applicantIin?: Json } | undefined)?.applicantIin : undefined
      kid = typeof stored === 'string' ? parseSealed(stored)?.kids[0] ?? null : null
      remember(streamId, kid)
    }
    if (kid === null) return undefined
    const key = await keyOf(kid)
    return key === null ? null : { kid, key }
  }

  const seal = async (json: Json, section: 'data' | 'metadata', type: string, stream: () => Promise<SubjectKey | null | undefined>, streamId: string): Promise<Json> =>
    mapPersonalFields(json, section, section === 'data' ? fields.data(type) : fields.metadata, async (value, { field, at }, container) => {
      if (typeof value === 'string' && parseSealed(value) !== undefined) return value
      const applicant = await stream()
      if (applicant === null) throw new SubjectErased(streamId)
      const sealing: SubjectKey[] = applicant === undefined ? [] : [applicant]
      for (const owner of ownersOf(value, field, container)) {
        const k = await keyFor(owner)
        if (!sealing.some((s) => s.kid === k.kid)) sealing.push(k)
      }
      if (sealing.length === 0) throw new NoSubject(at)
      const kids = sealing.map((k) => k.kid)
      return sealText(kids.join('+'), combinedKey(kids, sealing.map((k) => k.key)), at, JSON.stringify(value))
    })

  const open = async (json: Json, section: 'data' | 'metadata', type: string): Promise<Json> =>
    mapPersonalFields(json, section, section === 'data' ? fields.data(type) : fields.metadata, async (value, { field, at }) => {
      const sealed = typeof value === 'string' ? parseSealed(value) : undefined
      if (sealed === undefined) return value
      const found: Uint8Array[] = []
      for (const kid of sealed.kids) {
        const key = await keyOf(kid)
        if (key === null) return field.mark.erased
        found.push(key)
      }
      return JSON.parse(sealed.open(combinedKey(sealed.kids, found), at)) as Json
    })

  const keysErased = (kids: readonly string[]): void => {
    for (const kid of kids) keys.set(kid, null)
  }

  const openEvent = async (e: RecordedEvent): Promise<RecordedEvent> => {
    // Another process's erasure: its record names the destroyed kids, so this process stops using its cached keys.
    const erased = erasedKidsOf(e)
    if (erased !== undefined) keysErased(erased)
    return { ...e, data: await open(e.data, 'data', e.type), metadata: await open(e.metadata, 'metadata', e.type) }
  }

  const append: EventStore['append'] = async (streamId, events, opts) => {
    const sealed: NewEvent[] = []
    let applicant: Promise<SubjectKey | null | undefined> | undefined
    const stream = () => (applicant ??= applicantKey(streamId, events))
    try {
      for (const e of events) {
        sealed.push({
          ...e,
          data: await seal(e.data, 'data', e.type, stream, streamId),
          metadata: await seal(e.metadata, 'metadata', e.type, stream, streamId),
        })
      }
    } catch (error) {
      if (!(error instanceof NoSubject) && !(error instanceof SubjectErased)) throw error
      return E.left<AppendError>({ kind: 'invalid_event', streamId, detail: error.message })
    }
    return store.append(streamId, sealed, opts)
  }

  // A SQL store's driver and schema stay visible (request numbers and locks shared between instances use them);
  // rows read through them directly are the stored, encrypted form.
  const sql = store as { readonly driver?: unknown; readonly schema?: unknown }
  return {
    ...(sql.driver === undefined ? {} : { driver: sql.driver }),
    ...(sql.schema === undefined ? {} : { schema: sql.schema }),
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
      current.delete(subject)
      const receipt = await keyring.erase(subject)
      keysErased(receipt.kids)
      return receipt
    },
    rotate: async (subject) => {
      if (subject === undefined) current.clear()
      else current.delete(subject)
      return keyring.rotate(subject)
    },
    keysErased,
    reveal: openEvent,
    inner: store,
    keyring,
  }
}
