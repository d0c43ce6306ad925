/**
 * Decoded signer certificates, remembered by the SHA-256 of their exact DER bytes.
 *
 * Decoding a certificate with @peculiar/x509 (asn1-schema, in JavaScript) is the largest single cost of a
 * verification, and a citizen signs every request of the years their NCA certificate lives with the same one. What
 * is kept is only what the bytes alone determine — the decoded object, and (in the modules that use it) the key,
 * the subject reading, the extension summary, the issuer's signature over it. Everything that depends on the
 * judging instant or on the configuration (validity, path, revocation) is still judged on every call.
 *
 * Bounded (least recently used goes first), so a stream of distinct certificates costs memory of `CAPACITY`
 * entries and nothing more; the per-certificate memos elsewhere are WeakMaps keyed by these objects, so they
 * leave with them. A certificate that does not decode is not remembered: it is refused each time, as before.
 */
import { createHash } from 'node:crypto'
import { x509 } from './engine.js'

/** A few MB at most (a decoded certificate with its memos is a few KB). */
export const CERTIFICATE_CACHE_CAPACITY = 1024

const decoded = new Map<string, x509.X509Certificate>()

/** Decodes DER, or returns the object decoded earlier from the very same bytes. Throws what the decoder throws. */
export const decodeCertificate = (der: Uint8Array<ArrayBuffer>): x509.X509Certificate => {
  const key = createHash('sha256').update(der).digest('base64')
  const known = decoded.get(key)
  if (known !== undefined) {
    // Map keeps insertion order: re-inserting marks it most recently used.
    decoded.delete(key)
    decoded.set(key, known)
    return known
  }
  const cert = new x509.X509Certificate(der)
  decoded.set(key, cert)
  if (decoded.size > CERTIFICATE_CACHE_CAPACITY) {
    const oldest = decoded.keys().next()
    if (oldest.done !== true) decoded.delete(oldest.value)
  }
  return cert
}

/** Empties the cache: for measuring the cost of a certificate seen for the first time. */
export const forgetDecodedCertificates = (): void => decoded.clear()

/** How many certificates are remembered now (for tests of the bound). */
export const decodedCertificateCount = (): number => decoded.size
