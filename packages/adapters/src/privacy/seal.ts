/**
 * Sealing new events: every personal field is encrypted under the keys of the people it belongs to — its owners'
 * (an IIN is its own owner; a signer's name is its IIN's) and the application's applicant's, the IIN in the
 * stream's `authorized` event. The protected store (protect.ts) seals every append this way; `kezek import`'s bulk
 * path seals a generated history the same way inside its one SQL transaction, with a keyring whose statements run
 * in that transaction (so the keys commit or roll back with the events, and PGlite's single connection is not
 * asked twice at once).
 *
 * Keys are cached here: a kid's key (or `null` once known erased: erasure is final), a subject's current key (until
 * a rotation or an erasure through this process), and a stream's applicant (kids and IIN never change).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AppendError, Json, NewEvent } from '../store/port.js'
import { combinedKey, parseSealed, sealText } from './cipher.js'
import type { Keyring, SubjectKey } from './keyring.js'
import { mapPersonalFields, ownersOf, personalValuesOf, type PersonalFields } from './personal-fields.js'

export interface SealerOptions {
  readonly fields: PersonalFields
  /** Default true; false asks the keyring every time (a process that must see other processes' erasures at once). */
  readonly cacheKeys?: boolean
  /** The `applicantIin` (sealed) of a stream's first stored event: asked when a batch does not start its stream. */
  readonly storedApplicant: (streamId: string) => Promise<Json | undefined>
  /** How many streams' and subjects' keys are remembered; default 10 000. */
  readonly cacheSize?: number
  /** Told of each value sealed: its sealed text, where it sits and its clear JSON text (see recently-sealed.ts). */
  readonly onSealed?: (sealed: string, at: string, plainJson: string) => void
}

export interface Sealer {
  /** The events with their personal fields sealed, or why they cannot be (no subject, or the applicant was erased). */
  readonly sealEvents: (streamId: string, events: readonly NewEvent[]) => Promise<E.Either<AppendError, readonly NewEvent[]>>
  /**
   * Creates or reads, in as few statements as the keyring allows, the keys that sealing these runs will ask for
   * (their new subjects: the owners of their personal values and the applicants their `authorized` events name),
   * so that `sealEvents` on them finds every key cached. Only what one-by-one sealing would have created is
   * created. Does nothing when keys are not cached.
   */
  readonly prepare: (runs: readonly { readonly streamId: string; readonly events: readonly NewEvent[] }[]) => Promise<void>
  /**
   * Looks up, in one call where the keyring can (`lookupMany`), the keys of these kids that are not cached, and caches
   * them; kids the keyring has never seen are left for `keyOf` to report. Does nothing when keys are not cached.
   */
  readonly knowKids: (kids: readonly string[]) => Promise<void>
  /** A kid's key; `null` when it was erased; throws for a kid the keyring has never seen. */
  readonly keyOf: (kid: string) => Promise<Uint8Array | null>
  /**
   * The key that opens a value sealed under these kids (see `combinedKey`), `null` when one of them was erased;
   * throws for a kid the keyring has never seen.
   */
  readonly keyOfKids: (kids: readonly string[]) => Promise<Uint8Array | null>
  /** `keyOfKids` from the cache alone, without waiting: `undefined` when a kid is not cached (or keys are not). */
  readonly cachedKeyOfKids: (kids: readonly string[]) => Uint8Array | null | undefined
  /** Stop using the current key of one subject (or of all): after an erasure or a rotation. */
  readonly forgetCurrent: (subject?: string) => void
  /** These kids were destroyed (here or by another process). */
  readonly keysErased: (kids: readonly string[]) => void
}

/** A kid the keyring has never seen (not even as erased): the wrong keyring, or keys not restored — never "erased". */
export class KeyringIncomplete extends Error {
  constructor(readonly kid: string) {
    super(`no key ${kid} in the keyring: it was never erased, so the keyring is incomplete`)
  }
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

interface StreamApplicant {
  readonly kids: readonly string[]
  /** Undefined once erased. */
  readonly iin: string | undefined
}

/** Where an `authorized` event's applicant IIN sits: bound into its ciphertext. */
const APPLICANT_AT = 'data/applicantIin'

const bounded = <K, V>(map: Map<K, V>, limit: number, key: K, value: V): void => {
  map.set(key, value)
  if (map.size > limit) map.delete(map.keys().next().value as K)
}

export const eventSealer = (keyring: Keyring, options: SealerOptions): Sealer => {
  const { fields, storedApplicant } = options
  const cache = options.cacheKeys ?? true
  const limit = options.cacheSize ?? 10_000
  const keys = new Map<string, Uint8Array | null>()
  const current = new Map<string, SubjectKey>()
  const streamApplicants = new Map<string, StreamApplicant | null>()

  const keyOf = async (kid: string): Promise<Uint8Array | null> => {
    const known = keys.get(kid)
    if (known !== undefined) return known
    const found = await keyring.lookup(kid)
    if (found.kind === 'unknown') {
      throw new KeyringIncomplete(kid)
    }
    const key = found.kind === 'live' ? found.key.key : null
    if (cache || key === null) keys.set(kid, key)
    return key
  }

  /**
   * Keys derived for several kids (HKDF, `combinedKey`), by the kids as the value names them: a child's IIN is
   * sealed under the child's and the applicant's, and deriving again for every read cost more than the decryption.
   * Only derived from keys cached above, and dropped whenever a kid is erased.
   */
  const combined = new Map<string, Uint8Array>()

  const derived = (kids: readonly string[], found: readonly Uint8Array[]): Uint8Array => {
    if (found.length === 1) return found[0] as Uint8Array
    const name = kids.join('+')
    let key = combined.get(name)
    if (key === undefined) {
      key = combinedKey(kids, found)
      if (cache) bounded(combined, limit, name, key)
    }
    return key
  }

  const cachedKeyOfKids = (kids: readonly string[]): Uint8Array | null | undefined => {
    if (!cache) return undefined
    const found: Uint8Array[] = []
    for (const kid of kids) {
      const key = keys.get(kid)
      if (key === undefined || key === null) return key
      found.push(key)
    }
    return derived(kids, found)
  }

  const keyOfKids = async (kids: readonly string[]): Promise<Uint8Array | null> => {
    const found: Uint8Array[] = []
    for (const kid of kids) {
      const key = await keyOf(kid)
      if (key === null) return null
      found.push(key)
    }
    return derived(kids, found)
  }

  const keyFor = async (subject: string): Promise<SubjectKey> => {
    const known = cache ? current.get(subject) : undefined
    if (known !== undefined && keys.get(known.kid) !== null) return known
    const k = await keyring.keyFor(subject)
    if (cache) remember(subject, k)
    return k
  }

  /**
   * A subject's current key, and its kid's key: the next event of the same application finds its applicant's kid
   * in the stored `authorized` event, and opening that must not cost a lookup per stream.
   */
  const remember = (subject: string, k: SubjectKey): void => {
    bounded(current, limit, subject, k)
    // A copy: a keyring may zero the key it handed out when the subject is erased (the memory keyring does), and
    // what this sealer has cached must then read as it would after a lookup — until it is told (keysErased).
    if (!keys.has(k.kid)) keys.set(k.kid, Uint8Array.from(k.key))
  }

  /**
   * The applicant's key of a stream: from the batch's `authorized` event, else the applicant's *current* key, found
   * by opening the stored first event's IIN (so after a rotation new events of old applications use the new kid).
   * `null` when the applicant was erased (the kids that sealed their IIN are destroyed); `undefined` when the stream
   * names no applicant.
   */
  const applicantKey = async (streamId: string, events: readonly NewEvent[]): Promise<SubjectKey | null | undefined> => {
    const first = events[0]
    const applicant = first?.type === 'authorized' ? (first.data as { applicantIin?: Json }).applicantIin : undefined
    // Not remembered for the stream: the append may yet be refused (another writer started the stream).
    if (typeof applicant === 'string' && parseSealed(applicant) === undefined) return keyFor(applicant)
    let known = streamApplicants.get(streamId)
    if (known === undefined) {
      known = await storedApplicantOf(streamId)
      bounded(streamApplicants, limit, streamId, known)
    }
    if (known === null) return undefined
    for (const kid of known.kids) if ((await keyOf(kid)) === null) return null
    return known.iin === undefined ? null : keyFor(known.iin)
  }

  /** Who the stream's applicant is: the kids sealing their IIN (empty when stored in clear) and the IIN. */
  const storedApplicantOf = async (streamId: string): Promise<StreamApplicant | null> => {
    const stored = await storedApplicant(streamId)
    if (typeof stored !== 'string') return null
    const sealed = parseSealed(stored)
    if (sealed === undefined) return { kids: [], iin: stored }
    const key = await keyOfKids(sealed.kids)
    if (key === null) return { kids: sealed.kids, iin: undefined }
    const iin = JSON.parse(sealed.open(key, APPLICANT_AT)) as Json
    return { kids: sealed.kids, iin: typeof iin === 'string' ? iin : undefined }
  }

  /**
   * Seals one event's section. `sealedBefore` holds what this append has sealed so far, by kids, place and value: the
   * same value in the same place under the same keys (the actor's IIN in every event's metadata) is written once and
   * its text reused, since an identical message under the same key, place and IV is the same ciphertext, and the
   * equality it shows within one append (whose events share their subjects' kids) is shown by the kids already.
   */
  const seal = async (json: Json, section: 'data' | 'metadata', type: string, stream: () => Promise<SubjectKey | null | undefined>, streamId: string, sealedBefore: Map<string, string>): Promise<Json> =>
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
      const kidList = sealing.map((k) => k.kid)
      const kids = kidList.join('+')
      const plainJson = JSON.stringify(value)
      const same = `${kids}|${at}|${plainJson}`
      const before = sealedBefore.get(same)
      if (before !== undefined) return before
      const sealed = sealText(kids, derived(kidList, sealing.map((k) => k.key)), at, plainJson)
      sealedBefore.set(same, sealed)
      options.onSealed?.(sealed, at, plainJson)
      return sealed
    })

  const sealEvents: Sealer['sealEvents'] = async (streamId, events) => {
    const sealed: NewEvent[] = []
    let applicant: Promise<SubjectKey | null | undefined> | undefined
    const stream = () => (applicant ??= applicantKey(streamId, events))
    const sealedBefore = new Map<string, string>()
    try {
      for (const e of events) {
        sealed.push({
          ...e,
          data: await seal(e.data, 'data', e.type, stream, streamId, sealedBefore),
          metadata: await seal(e.metadata, 'metadata', e.type, stream, streamId, sealedBefore),
        })
      }
    } catch (error) {
      if (!(error instanceof NoSubject) && !(error instanceof SubjectErased)) throw error
      return E.left<AppendError>({ kind: 'invalid_event', streamId, detail: error.message })
    }
    return E.right(sealed)
  }

  const prepare: Sealer['prepare'] = async (runs) => {
    if (!cache) return
    const wanted = new Set<string>()
    const want = (subject: string): void => {
      const known = current.get(subject)
      if (known === undefined || keys.get(known.kid) === null) wanted.add(subject)
    }
    for (const { events } of runs) {
      const first = events[0]
      const applicant = first?.type === 'authorized' ? (first.data as { applicantIin?: Json }).applicantIin : undefined
      let sealsSomething = false
      for (const e of events) {
        for (const [section, json, index] of [['data', e.data, fields.data(e.type)], ['metadata', e.metadata, fields.metadata]] as const) {
          for (const [value, { field }, container] of personalValuesOf(json, section, index)) {
            if (typeof value === 'string' && parseSealed(value) !== undefined) continue
            sealsSomething = true
            for (const owner of ownersOf(value, field, container)) want(owner)
          }
        }
      }
      // The applicant's key is asked only when something is sealed (seal() asks it lazily); an applicant named by
      // an earlier batch is already cached, and one read from the store is left to sealEvents.
      if (sealsSomething && typeof applicant === 'string' && parseSealed(applicant) === undefined) want(applicant)
    }
    if (wanted.size === 0) return
    const subjects = [...wanted]
    if (keyring.keysFor !== undefined) {
      const found = await keyring.keysFor(subjects)
      for (const subject of subjects) {
        const k = found.get(subject)
        if (k !== undefined) remember(subject, k)
      }
    } else {
      for (const subject of subjects) remember(subject, await keyring.keyFor(subject))
    }
  }

  const knowKids: Sealer['knowKids'] = async (kids) => {
    if (!cache || keyring.lookupMany === undefined) return
    const unknown = [...new Set(kids)].filter((kid) => !keys.has(kid))
    if (unknown.length === 0) return
    for (const [kid, found] of await keyring.lookupMany(unknown)) {
      // Never over a cached answer: an erasure noted meanwhile (keysErased) is final.
      if (keys.has(kid) || found.kind === 'unknown') continue
      keys.set(kid, found.kind === 'live' ? found.key.key : null)
    }
  }

  return {
    sealEvents,
    prepare,
    knowKids,
    keyOf,
    forgetCurrent: (subject) => {
      if (subject === undefined) current.clear()
      else current.delete(subject)
    },
    keysErased: (kids) => {
      for (const kid of kids) keys.set(kid, null)
      if (kids.length > 0) combined.clear()
    },
    keyOfKids,
    cachedKeyOfKids,
  }
}
