/**
 * What is checked on the raw text before any XML parser sees it: size, encoding, DTDs, line ends.
 *
 * Size first and in O(1) where possible, so a 50 MB body costs nothing. DTDs are refused by a plain scan, not by
 * parser settings: a parser that never receives `<!DOCTYPE` or `<!ENTITY` cannot expand a billion laughs or fetch
 * an external entity, whatever its version does. The scan may refuse a document that only *mentions* `<!DOCTYPE`
 * in a comment or CDATA section; no legitimate request does.
 */
import * as E from 'fp-ts/lib/Either.js'
import { badInput, type BadInput } from './refusal.js'

/** 1 MiB: a request with a few dozen document digests is a few KB; scans travel as digests, not bytes. */
export const DEFAULT_MAX_BYTES = 1024 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

const DTD_MARKERS = /<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST|<!NOTATION/i
const DECLARED_ENCODING = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/

const tooLarge = (size: number, maxBytes: number): BadInput =>
  badInput('too_large', `document is ${size} bytes, the limit is ${maxBytes}`)

const decode = (input: Uint8Array | string, maxBytes: number): E.Either<BadInput, string> => {
  if (typeof input === 'string') {
    // Every UTF-16 code unit is at least one UTF-8 byte: the cheap test refuses huge strings without counting.
    if (input.length > maxBytes) return E.left(tooLarge(input.length, maxBytes))
    const size = Buffer.byteLength(input, 'utf8')
    return size > maxBytes ? E.left(tooLarge(size, maxBytes)) : E.right(input)
  }
  if (input.byteLength > maxBytes) return E.left(tooLarge(input.byteLength, maxBytes))
  try {
    return E.right(utf8.decode(input))
  } catch {
    return E.left(badInput('malformed_xml', 'document is not valid UTF-8'))
  }
}

/** XML 1.0 §2.11: CR LF and lone CR become LF. Signers (NCALayer) hash the normalised form. */
export const normaliseLineEnds = (text: string): string => text.replace(/\r\n?/g, '\n')

/**
 * Returns the text the parser may see: within the size limit, UTF-8, without BOM, without DTD, line ends
 * normalised. This text is also what `documentDigest` is computed over.
 */
export const guardDocument = (input: Uint8Array | string, maxBytes: number): E.Either<BadInput, string> => {
  const decoded = decode(input, maxBytes)
  if (E.isLeft(decoded)) return decoded
  const text = decoded.right.replace(/^\uFEFF/, '')
  if (DTD_MARKERS.test(text)) {
    return E.left(badInput('dtd_forbidden', 'DTDs and entity declarations are not accepted'))
  }
  const encoding = DECLARED_ENCODING.exec(text)?.[1]
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    return E.left(badInput('malformed_xml', `declared encoding ${encoding} is not accepted, send UTF-8`))
  }
  return E.right(normaliseLineEnds(text))
}
