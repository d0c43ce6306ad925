/**
 * An OCSP port that remembers checked answers, per certificate (issuer + serial), so a citizen submitting several
 * documents, or an officer signing all day, does not cost a round trip to NCA's responder each time.
 *
 * An answer is reused only while it can still speak: for an instant within [thisUpdate − skew, nextUpdate] (the
 * checks `readOcspResponse` made when it arrived), while the clock has not passed its nextUpdate — never beyond it —
 * and for at most `maxAgeMs` after it was fetched. An answer without nextUpdate (the responder says newer
 * information is always available, RFC 6960 §4.2.2.1) is not kept, except a revocation: revoked is revoked, kept for
 * `maxAgeMs`. Revoked and unknown answers are kept like good ones; failures (unreachable, bad signature, nonce) never
 * are. The clock is passed in; the number of entries is bounded (least recently used goes first).
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { x509 } from '../engine.js'
import type { OcspAnswer, OcspPort } from './port.js'

export interface OcspCacheOptions {
  /** The longest an answer is reused after it was fetched, ms (NCA's responders answer with short windows). */
  readonly maxAgeMs: number
  /** The service's clock: when an answer was fetched and whether it is still fresh. */
  readonly now: () => Date
  /** Entries kept, default 10,000 (an answer is a few hundred bytes). */
  readonly capacity?: number
  /** The skew `readOcspResponse` allows on thisUpdate, ms (default 5 min, the same). */
  readonly skewMs?: number
}

interface Entry {
  readonly answer: OcspAnswer
  /** Wall-clock ms after which the entry is not used: min(fetched + maxAge, nextUpdate). */
  readonly until: number
}

/** The cache key: the issuer (its name and key) and the certificate's serial, as a CertID names a certificate. */
const keyOf = (cert: x509.X509Certificate, issuer: x509.X509Certificate): string =>
  `${createHash('sha256').update(new Uint8Array(issuer.subjectName.toArrayBuffer())).update(new Uint8Array(issuer.publicKey.rawData)).digest('base64')}:${cert.serialNumber.toLowerCase().replace(/^(00)+/, '')}`

const speaksFor = (answer: OcspAnswer, at: number, skewMs: number): boolean =>
  answer.thisUpdate.getTime() <= at + skewMs && (answer.nextUpdate === undefined || answer.nextUpdate.getTime() >= at)

/** `port` with its checked answers reused per certificate within max age and nextUpdate (see above); `size` for tests. */
export const cachedOcsp = (port: OcspPort, options: OcspCacheOptions): OcspPort & { readonly size: () => number } => {
  const entries = new Map<string, Entry>()
  const capacity = options.capacity ?? 10_000
  const skewMs = options.skewMs ?? 5 * 60 * 1000

  const remember = (key: string, answer: OcspAnswer): void => {
    const fetched = options.now().getTime()
    const cap = fetched + options.maxAgeMs
    const next = answer.nextUpdate?.getTime()
    if (next === undefined && answer.status !== 'revoked') return
    const until = next === undefined ? cap : Math.min(cap, next)
    if (until <= fetched) return
    entries.delete(key)
    entries.set(key, { answer, until })
    if (entries.size > capacity) {
      const oldest = entries.keys().next()
      if (oldest.done !== true) entries.delete(oldest.value)
    }
  }

  return {
    status: async (certificate, issuer, at) => {
      const key = keyOf(certificate, issuer)
      const known = entries.get(key)
      if (known !== undefined) {
        if (options.now().getTime() < known.until && speaksFor(known.answer, at.getTime(), skewMs)) {
          entries.delete(key)
          entries.set(key, known)
          return E.right(known.answer)
        }
        if (options.now().getTime() >= known.until) entries.delete(key)
      }
      const fresh = await port.status(certificate, issuer, at)
      if (E.isRight(fresh)) remember(key, fresh.right)
      return fresh
    },
    size: () => entries.size,
  }
}
