/**
 * What identifies a signed submission: the SHA-256 of its signature value. The same signed file posted again —
 * under another Idempotency-Key, after a restart, a thousand times a minute — names the same application, so a
 * replay returns it instead of filing a new one. Called only on a document the verifier has read (one signature, no
 * wrapping), so the one `SignatureValue` element is the one that was verified.
 */
import { createHash } from 'node:crypto'

const SIGNATURE_VALUE = /<(?:[A-Za-z_][\w.-]*:)?SignatureValue(?:\s[^>]*)?>([^<]*)<\/(?:[A-Za-z_][\w.-]*:)?SignatureValue\s*>/g

/** Hex SHA-256 of the decoded signature value, or undefined when the document does not hold exactly one. */
export const signatureDigest = (xml: string): string | undefined => {
  const values = [...xml.matchAll(SIGNATURE_VALUE)]
  if (values.length !== 1) return undefined
  const bytes = Buffer.from((values[0]![1] ?? '').replace(/\s+/g, ''), 'base64')
  return bytes.length === 0 ? undefined : createHash('sha256').update(bytes).digest('hex')
}

/**
 * The application id a signed submission gets: derived from its signature (and from what the channel adds to it
 * unsigned, such as ЦОН's package check), so a replay finds the first one.
 */
export const applicationIdOfSignature = (digest: string, unsigned?: unknown): string =>
  `s-${(unsigned === undefined ? digest : createHash('sha256').update(digest).update(JSON.stringify(unsigned)).digest('hex')).slice(0, 40)}`
