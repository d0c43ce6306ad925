/**
 * Appends one enveloped signature to a document the way KalkanCrypt / NCANode do when several people sign: a new
 * `ds:Signature` as the last child of the root, whose Reference (`URI=""`, enveloped + C14N with comments) covers
 * the root *with the signatures already there* — its enveloped transform removes only itself. Used for GOST
 * signing (xmldsigjs cannot sign GOST) and for signing a document that is already signed (xmldsigjs' enveloped
 * transform would strip the earlier signatures from what the new one covers).
 *
 * The digest and the canonical SignedInfo are computed by the very code the verifier runs (xmldsig-check.ts), so
 * a document this signs is one the verifier reads the same way; the GOST conventions themselves are pinned by
 * NCA's real signed samples (test/signature/nca-samples.test.ts), not by this round trip.
 */
import type { Document, Element } from '@xmldom/xmldom'
import { XMLSerializer } from '@xmldom/xmldom'
import * as E from 'fp-ts/lib/Either.js'
import {
  CANONICALIZATIONS,
  ENVELOPED,
  GOST_DIGEST_METHOD,
  GOST_SIGNATURE_METHOD,
  XMLDSIG_NS,
  type Canonicalization,
} from './algorithms.js'
import type { x509 } from './engine.js'
import { signBytes } from './gost/gost3410.js'
import type { SignatureLayout } from './layout.js'
import { parseXml } from './parse.js'
import { badInput, type BadInput } from './refusal.js'
import { canonicaliseReference, canonicaliseSignedInfo, checkDigest, loadSignature } from './xmldsig-check.js'
import { escapeXml } from './xml-reading.js'

/** A GOST 34.10-2015/512 private key (the scalar d), e.g. the provider's key for result documents. */
export interface GostSigningKey {
  readonly algorithm: 'GOST-2015-512'
  readonly privateKey: bigint
}

export const isGostSigningKey = (key: unknown): key is GostSigningKey =>
  typeof key === 'object' && key !== null && (key as { algorithm?: unknown }).algorithm === 'GOST-2015-512'

/** How the SignedInfo bytes are signed, and the URIs that say so. */
interface Signer {
  readonly signatureMethod: string
  readonly digestMethod: string
  readonly sign: (signedInfo: Uint8Array) => Promise<Uint8Array>
}

const gostSigner = (key: GostSigningKey): Signer => ({
  signatureMethod: GOST_SIGNATURE_METHOD,
  digestMethod: GOST_DIGEST_METHOD,
  sign: async (bytes) => signBytes(key.privateKey, bytes),
})

const rsaSigner = (key: CryptoKey, webcrypto: Crypto): Signer => ({
  signatureMethod: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  digestMethod: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sign: async (bytes) => new Uint8Array(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new Uint8Array(bytes))),
})

const wrap76 = (b64: string): string => (b64.match(/.{1,76}/g) ?? []).join('\r\n')
const oneLine = (b64: string): string => b64

const signatureTemplate = (
  signer: Signer,
  canonicalization: Canonicalization,
  certificate: string,
  uri: string,
  wrap: (b64: string) => string,
): string =>
  `<ds:Signature xmlns:ds="${XMLDSIG_NS}">\n<ds:SignedInfo>\n` +
  `<ds:CanonicalizationMethod Algorithm="${CANONICALIZATIONS.c14n}"/>\n` +
  `<ds:SignatureMethod Algorithm="${signer.signatureMethod}"/>\n` +
  `<ds:Reference URI="${escapeXml(uri)}">\n<ds:Transforms>\n` +
  `<ds:Transform Algorithm="${ENVELOPED}"/>\n<ds:Transform Algorithm="${CANONICALIZATIONS[canonicalization]}"/>\n` +
  `</ds:Transforms>\n<ds:DigestMethod Algorithm="${signer.digestMethod}"/>\n<ds:DigestValue></ds:DigestValue>\n` +
  `</ds:Reference>\n</ds:SignedInfo>\n<ds:SignatureValue></ds:SignatureValue>\n` +
  `<ds:KeyInfo>\n<ds:X509Data>\n<ds:X509Certificate>${wrap(certificate)}</ds:X509Certificate>\n</ds:X509Data>\n</ds:KeyInfo>\n` +
  `</ds:Signature>`

const child = (parent: Element, localName: string): Element => {
  const found = parent.getElementsByTagNameNS(XMLDSIG_NS, localName).item(0)
  if (found === null) throw new Error(`template has no ds:${localName}`)
  return found
}

const setText = (doc: Document, el: Element, text: string): void => {
  while (el.firstChild !== null) el.removeChild(el.firstChild)
  el.appendChild(doc.createTextNode(text))
}

export interface AppendOptions {
  readonly canonicalization?: Canonicalization
  readonly referenceUri?: string
  /**
   * `ncalayer` (default): base64 wrapped at 76 with CR LF as Kalkan does, the CR written `&#13;` — also inside the
   * DigestValue, so the canonical SignedInfo carries `&#xD;` exactly as in NCA's documents; `none`: one line.
   */
  readonly lineBreaks?: 'ncalayer' | 'none'
}

const append = async (
  xml: string,
  signer: Signer,
  certificate: x509.X509Certificate,
  options: AppendOptions,
): Promise<E.Either<BadInput, string>> => {
  const parsed = parseXml(xml.replace(/\r\n?/g, '\n'))
  if (E.isLeft(parsed)) return parsed
  const doc = parsed.right
  const root = doc.documentElement
  if (root === null) return E.left(badInput('malformed_xml', 'document has no root element'))
  const wrap = (options.lineBreaks ?? 'ncalayer') === 'ncalayer' ? wrap76 : oneLine
  const template = parseXml(
    signatureTemplate(signer, options.canonicalization ?? 'c14n-com', certificate.toString('base64'), options.referenceUri ?? '', wrap),
  )
  if (E.isLeft(template) || template.right.documentElement === null) throw new Error('unreachable: signature template does not parse')
  const signature = doc.importNode(template.right.documentElement, true) as Element
  root.appendChild(signature)

  // Only the signature element and the digest method are read from the layout while signing. The Reference URI is
  // written as given and not judged here (the verifier does that): the digest always covers the root.
  const layout = { right: { signature, signatureMethod: signer.signatureMethod, digestMethod: signer.digestMethod } as SignatureLayout }
  const first = loadSignature(doc, layout.right)
  if (E.isLeft(first)) return first
  const canonical = canonicaliseReference(first.right)
  if (E.isLeft(canonical)) return canonical
  const digest = await digestWithVerifierCode(first.right, layout.right, canonical.right)
  setText(doc, child(signature, 'DigestValue'), wrap(Buffer.from(digest).toString('base64')))

  // xmldsigjs read SignedInfo with the empty DigestValue: load it again to canonicalise what is now there
  const second = loadSignature(doc, layout.right)
  if (E.isLeft(second)) return second
  const signedInfo = canonicaliseSignedInfo(second.right)
  if (E.isLeft(signedInfo)) return signedInfo
  const value = await signer.sign(Buffer.from(signedInfo.right, 'utf8'))
  setText(doc, child(signature, 'SignatureValue'), wrap(Buffer.from(value).toString('base64')))
  // A carriage return in the DOM is text the signer hashed (our CR LF wrapping, or `&#13;` of the input): written
  // raw it would become LF for the next parser, so it is written as the reference Kalkan writes.
  return E.right(new XMLSerializer().serializeToString(doc).replace(/\r/g, '&#13;'))
}

/** The digest the verifier will compute: `checkDigest` returns it with the comparison; the comparison is ignored. */
const digestWithVerifierCode = async (
  loaded: Parameters<typeof checkDigest>[0],
  layout: Parameters<typeof checkDigest>[1],
  canonical: string,
): Promise<Uint8Array> => {
  const result = await checkDigest(loaded, layout, canonical, { compare: false })
  if (E.isLeft(result)) throw new Error(result.left.detail)
  return result.right
}

/** Appends a GOST 34.10-2015/512 signature (Kalkan's URIs). */
export const appendGostSignature = (
  xml: string,
  key: GostSigningKey,
  certificate: x509.X509Certificate,
  options: AppendOptions = {},
): Promise<E.Either<BadInput, string>> => append(xml, gostSigner(key), certificate, options)

/** Appends an RSA-SHA256 signature after those already there (a second signer, as NCANode does). */
export const appendRsaSignature = (
  xml: string,
  key: CryptoKey,
  certificate: x509.X509Certificate,
  webcrypto: Crypto,
  options: AppendOptions = {},
): Promise<E.Either<BadInput, string>> => append(xml, rsaSigner(key, webcrypto), certificate, options)
