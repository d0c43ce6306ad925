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
 * Keys are cached per decorator, and so are the clear texts of the values it sealed last (recently-sealed.ts: a
 * service reads back every event it appends). An erasure through this decorator takes effect at once; an erasure
 * made by another process reaches this one when the erasure record (`personal_data_erased`, see erasure.ts) passes
 * through its subscription or reads, or with `cacheKeys: false`, which keeps neither.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EventHeader, EventStore, Json, RecordedEvent } from '../store/port.js'
import { parseSealed, type SealedText } from './cipher.js'
import type { ErasureReceipt, Keyring } from './keyring.js'
import { kezekPersonalFields, mapPersonalFields, personalValuesOf, replacePersonalFields, type Match, type PersonalFields } from './personal-fields.js'
import { ERASURE_EVENT_TYPE, erasedKidsOf } from './erasure-record.js'
import { recentlySealed } from './recently-sealed.js'
import { eventSealer, type Sealer } from './seal.js'
import { inWindows } from '../store/in-windows.js'
import type { Queryable } from './sql-keyring.js'

export interface PersonalDataOptions {
  /** Default: `kezekPersonalFields` (derived from the domain codecs' marks). */
  readonly personalFields?: PersonalFields
  /** Default true. */
  readonly cacheKeys?: boolean
  /**
   * The same keyring with its statements sent through a transaction of the store's own database: set when the keys
   * live beside the events (open.ts), so a bulk write's new keys commit or roll back with its events.
   */
  readonly keyringIn?: (tx: Queryable) => Keyring
  /**
   * How many sealed values to remember clear for their read-back (recently-sealed.ts); default 4096, 0 for none.
   * Worth it where this process's followers open its own writes again (a projection runner that reads every event);
   * where they skip them (`needsData`, as the reference service's read models and notices do), remembering is pure
   * cost: 15 µs of the service thread a signed submission (docs/benchmarks-history.md, stop 45).
   */
  readonly recentlySealed?: number
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
  /**
   * Looks up together the keys that revealing these stored events will need, so that `reveal` then finds them
   * cached: for a reader that walks the stored log itself (`kezek verify`) a window at a time.
   */
  readonly knowKeysOf: (events: readonly RecordedEvent[]) => Promise<void>
  /** The store underneath: what is stored (ciphertext), for integrity checks and backups. */
  readonly inner: EventStore
  readonly keyring: Keyring
  /**
   * A sealer for writes that bypass `append` inside one transaction of the store's database (`kezek import`'s bulk
   * path): keys beside the events are read and created through `tx`; `storedApplicant` reads a stream's first
   * stored `applicantIin` as that transaction sees it. Its caches are unbounded: it lives for one import.
   */
  readonly sealerIn: (tx: Queryable, storedApplicant: (streamId: string) => Promise<Json | undefined>) => Sealer
}

/**
 * Events a reader of the log takes at a time, their keys looked up together (`Keyring.lookupMany`): a rebuild of the
 * waiting lists opens the events of thousands of people, and a keyring statement per person was most of its time
 * (docs/benchmarks-history.md, stop 46).
 */
const KEY_WINDOW = 1000
/** The first window (then 64, 256, 1000): a reader that stops after a few events waits for these only. */
const FIRST_KEY_WINDOW = 16

/** Values sealed here and remembered clear for their read-back, by default: a few hundred submissions' worth (about 1 MB). */
const RECENTLY_SEALED = 4096

export const protectPersonalData = (
  store: EventStore,
  keyring: Keyring,
  options: PersonalDataOptions = {},
): ProtectedStore => {
  const fields = options.personalFields ?? kezekPersonalFields
  const storedApplicant = async (streamId: string): Promise<Json | undefined> => {
    const read = await store.readStream(streamId, { maxCount: 1 })
    return E.isRight(read) ? (read.right[0]?.data as { applicantIin?: Json } | undefined)?.applicantIin : undefined
  }
  // Where keys are not cached (a process that must see other processes' erasures at once), nothing is remembered.
  const recent = recentlySealed(options.cacheKeys === false ? 0 : options.recentlySealed ?? RECENTLY_SEALED)
  const sealer = eventSealer(keyring, {
    fields,
    storedApplicant,
    ...(options.cacheKeys === undefined ? {} : { cacheKeys: options.cacheKeys }),
    onSealed: recent.remember,
  })
  const { keyOfKids, cachedKeyOfKids } = sealer
  // Whether a window's keys can be looked up together (an SQL keyring, keys cached): otherwise finding a window's
  // kids would be a walk of every event for nothing, and windows would only hold events back.
  const window = keyring.lookupMany !== undefined && options.cacheKeys !== false ? KEY_WINDOW : 1
  const keysErased = (kids: readonly string[]): void => {
    recent.forget()
    sealer.keysErased(kids)
  }
  const fieldsOf = (section: 'data' | 'metadata', type: string) => (section === 'data' ? fields.data(type) : fields.metadata)

  /** A sealed value opened with its key, or its erased marker when the key was destroyed. */
  const openValue = (sealed: SealedText, key: Uint8Array | null, { field, at }: Match): Json =>
    key === null ? field.mark.erased : (JSON.parse(sealed.open(key, at)) as Json)

  /** A value this process sealed for the same place, still known: no decryption (recently-sealed.ts). */
  const recalled = (value: Json, { at }: Match): Json | undefined => {
    const plainJson = typeof value === 'string' ? recent.recall(value, at) : undefined
    return plainJson === undefined ? undefined : (JSON.parse(plainJson) as Json)
  }

  const open = async (json: Json, section: 'data' | 'metadata', type: string): Promise<Json> =>
    mapPersonalFields(json, section, fieldsOf(section, type), async (value, match) => {
      const known = recalled(value, match)
      if (known !== undefined) return known
      const sealed = typeof value === 'string' ? parseSealed(value) : undefined
      return sealed === undefined ? value : openValue(sealed, await keyOfKids(sealed.kids), match)
    })

  /** `open` without waiting, when every key it needs is cached (a running service's reads); else `undefined`. */
  const openCached = (json: Json, section: 'data' | 'metadata', type: string): Json | undefined => {
    let missing = false
    const out = replacePersonalFields(json, section, fieldsOf(section, type), (value, match) => {
      const known = missing ? undefined : recalled(value, match)
      if (known !== undefined) return known
      const sealed = missing || typeof value !== 'string' ? undefined : parseSealed(value)
      if (sealed === undefined) return value
      const key = cachedKeyOfKids(sealed.kids)
      if (key === undefined) {
        missing = true
        return value
      }
      return openValue(sealed, key, match)
    })
    return missing ? undefined : out
  }

  /** Another process's erasure: its record names the destroyed kids, so this process stops using its cached keys. */
  const noteErasure = (e: RecordedEvent): void => {
    const erased = erasedKidsOf(e)
    if (erased !== undefined) keysErased(erased)
  }

  /** The event opened: at once when its keys are cached, else after asking the keyring. */
  const openEvent = (e: RecordedEvent): RecordedEvent | Promise<RecordedEvent> => {
    noteErasure(e)
    const data = openCached(e.data, 'data', e.type)
    const metadata = data === undefined ? undefined : openCached(e.metadata, 'metadata', e.type)
    if (data !== undefined && metadata !== undefined) return { ...e, data, metadata }
    return (async () => ({ ...e, data: await open(e.data, 'data', e.type), metadata: await open(e.metadata, 'metadata', e.type) }))()
  }

  /** The kids sealing the personal values of these events that the reader will open, uncached or not. */
  const kidsOf = (events: readonly RecordedEvent[], needsData: ((h: EventHeader) => boolean) | undefined): string[] => {
    const kids: string[] = []
    for (const e of events) {
      if (needsData !== undefined && !needsData(e)) continue
      for (const section of ['data', 'metadata'] as const) {
        for (const [value] of personalValuesOf(section === 'data' ? e.data : e.metadata, section, fieldsOf(section, e.type))) {
          const sealed = typeof value === 'string' ? parseSealed(value) : undefined
          if (sealed !== undefined) kids.push(...sealed.kids)
        }
      }
    }
    return kids
  }

  /**
   * The event as a reader of the log gets it: opened, or as stored (sealed) for one that reads only its header
   * (`needsData`); an erasure record reaches the key cache either way.
   */
  const deliver = (e: RecordedEvent, needsData: ((h: EventHeader) => boolean) | undefined): RecordedEvent | Promise<RecordedEvent> => {
    if (needsData === undefined || needsData(e)) return openEvent(e)
    noteErasure(e)
    return e
  }

  const append: EventStore['append'] = async (streamId, events, opts) => {
    const sealed = await sealer.sealEvents(streamId, events)
    return E.isLeft(sealed) ? sealed : store.append(streamId, sealed.right, opts)
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
        // A reader of some types still walks past the erasure records, so their kids leave the key cache in order.
        const erasures = opts?.types !== undefined && !opts.types.includes(ERASURE_EVENT_TYPE)
        const stored = store.readAll(erasures ? { ...opts, types: [...(opts.types ?? []), ERASURE_EVENT_TYPE] } : opts)
        for await (const events of inWindows(stored, window, FIRST_KEY_WINDOW)) {
          if (window > 1) await sealer.knowKids(kidsOf(events, opts?.needsData))
          for (const e of events) {
            if (erasures && e.type === ERASURE_EVENT_TYPE) {
              noteErasure(e)
              continue
            }
            const delivered = deliver(e, opts?.needsData)
            yield delivered instanceof Promise ? await delivered : delivered
          }
        }
      },
    }),
    subscribe: (opts) => {
      // The erasure records are read here whatever the subscriber needs (`deliver`): the store must send their data.
      const needs = opts.needsData
      return store.subscribe({
        ...opts,
        ...(needs === undefined ? {} : { needsData: (h: EventHeader) => h.type === ERASURE_EVENT_TYPE || needs(h) }),
        onEvent: async (e) => opts.onEvent(await deliver(e, needs)),
      })
    },
    erase: async (subject) => {
      sealer.forgetCurrent(subject)
      const receipt = await keyring.erase(subject)
      keysErased(receipt.kids)
      return receipt
    },
    rotate: async (subject) => {
      sealer.forgetCurrent(subject)
      return keyring.rotate(subject)
    },
    keysErased,
    reveal: async (e) => openEvent(e),
    knowKeysOf: async (events) => (window > 1 ? sealer.knowKids(kidsOf(events, undefined)) : undefined),
    sealerIn: (tx, stored) => eventSealer(options.keyringIn?.(tx) ?? keyring, { fields, storedApplicant: stored, cacheSize: Infinity }),
    inner: store,
    keyring,
  }
}
