/**
 * The shape a signature must have before any cryptography runs — the anti-wrapping rules.
 *
 * xmldsigjs proves that *some* content matches *some* reference. The application reads the document root. So we
 * insist that the two are the same element: exactly one `ds:Signature`, a child of the root (enveloped, where
 * NCALayer puts it), exactly one `Reference`, whose URI is `""` (the whole document) or `#id` of the root itself
 * with that id used nowhere else, and only the enveloped + canonicalisation transforms (an XPath or XSLT
 * transform could cut the read content out of the signed content).
 */
import type { Document, Element } from '@xmldom/xmldom'
import * as E from 'fp-ts/lib/Either.js'
import {
  ENVELOPED,
  explainUnsupported,
  isCanonicalization,
  isDigestMethod,
  isSignatureMethod,
  type DigestMethodUri,
  type SignatureMethodUri,
  XMLDSIG_NS,
} from './algorithms.js'
import { badInput, notConfirmed, type BadInput, type NotConfirmed } from './refusal.js'

export interface SignatureLayout {
  readonly signature: Element
  readonly signatureMethod: SignatureMethodUri
  readonly digestMethod: DigestMethodUri
  readonly canonicalization: string
  readonly referenceUri: string
  /** Base64 DER of every X509Certificate in KeyInfo, in document order; the first is the signer's. */
  readonly certificates: readonly string[]
}

type LayoutRefusal = BadInput | NotConfirmed

const ID_ATTRIBUTES = ['Id', 'ID', 'id'] as const

const childElements = (parent: Element, localName?: string): Element[] => {
  const out: Element[] = []
  for (let n = parent.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE) {
      const el = n as Element
      if (localName === undefined || (el.namespaceURI === XMLDSIG_NS && el.localName === localName)) out.push(el)
    }
  }
  return out
}

const onlyChild = (parent: Element, localName: string): E.Either<BadInput, Element> => {
  const found = childElements(parent, localName)
  return found.length === 1 && found[0] !== undefined
    ? E.right(found[0])
    : E.left(badInput('malformed_xml', `ds:${parent.localName} must contain exactly one ds:${localName}`))
}

const algorithmOf = (el: Element): string => el.getAttribute('Algorithm') ?? ''

const elementsWithId = (doc: Document, id: string): Element[] => {
  const out: Element[] = []
  const all = doc.getElementsByTagName('*')
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i)
    if (el !== null && ID_ATTRIBUTES.some((a) => el.getAttribute(a) === id)) out.push(el)
  }
  return out
}

const checkReferenceTarget = (doc: Document, uri: string | null): E.Either<BadInput, string> => {
  if (uri === '') return E.right(uri)
  if (uri === null) return E.left(badInput('reference_not_root', 'Reference has no URI; expected URI=""'))
  if (!uri.startsWith('#') || uri.startsWith('#xpointer')) {
    return E.left(badInput('reference_not_root', `Reference URI "${uri.slice(0, 80)}" is not "" nor "#id" of the root`))
  }
  const holders = elementsWithId(doc, uri.slice(1))
  if (holders.length !== 1) {
    return E.left(
      badInput('reference_not_root', `id "${uri.slice(1, 80)}" is carried by ${holders.length} elements; it must be unique`),
    )
  }
  return holders[0] === doc.documentElement
    ? E.right(uri)
    : E.left(badInput('reference_not_root', `Reference ${uri.slice(0, 80)} points below the document root`))
}

const checkTransforms = (reference: Element): E.Either<BadInput, readonly string[]> => {
  const containers = childElements(reference, 'Transforms')
  const uris = containers.flatMap((c) => childElements(c, 'Transform').map(algorithmOf))
  if (containers.length !== 1 || !uris.includes(ENVELOPED)) {
    return E.left(badInput('unsupported_transform', 'the Reference must use the enveloped-signature transform'))
  }
  const others = uris.filter((u) => u !== ENVELOPED)
  const foreign = others.find((u) => !isCanonicalization(u))
  if (foreign !== undefined) return E.left(badInput('unsupported_transform', `transform ${foreign.slice(0, 120)} is not accepted`))
  if (uris.length - others.length > 1 || others.length > 1) {
    return E.left(badInput('unsupported_transform', 'at most one enveloped and one canonicalisation transform'))
  }
  return E.right(uris)
}

const certificatesOf = (signature: Element): readonly string[] =>
  childElements(signature, 'KeyInfo')
    .flatMap((ki) => childElements(ki, 'X509Data'))
    .flatMap((xd) => childElements(xd, 'X509Certificate'))
    .map((c) => (c.textContent ?? '').replace(/\s+/g, ''))
    .filter((b64) => b64.length > 0)

export const readLayout = (doc: Document): E.Either<LayoutRefusal, SignatureLayout> => {
  const root = doc.documentElement
  if (root === null) return E.left(badInput('malformed_xml', 'document has no root element'))
  const signatures = doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature')
  if (signatures.length === 0) return E.left(badInput('no_signature', 'the document carries no ds:Signature'))
  if (signatures.length > 1) {
    return E.left(badInput('multiple_signatures', `the document carries ${signatures.length} ds:Signature elements; one is expected`))
  }
  const signature = signatures.item(0)
  if (signature === null || signature.parentNode !== root) {
    return E.left(badInput('signature_misplaced', 'ds:Signature must be a child of the document root (enveloped)'))
  }
  return readSignatureLayout(doc, signature)
}

/**
 * Every signature of a document signed one after another (NCANode, Kalkan): each must be a child of the root —
 * a signature anywhere else could cover a wrapped copy — and there must be at least one, at most `max`.
 */
export const findSignatures = (doc: Document, max: number): E.Either<BadInput, readonly Element[]> => {
  const root = doc.documentElement
  if (root === null) return E.left(badInput('malformed_xml', 'document has no root element'))
  const all = doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature')
  if (all.length === 0) return E.left(badInput('no_signature', 'the document carries no ds:Signature'))
  if (all.length > max) return E.left(badInput('multiple_signatures', `the document carries ${all.length} ds:Signature elements; at most ${max}`))
  const out: Element[] = []
  for (let i = 0; i < all.length; i++) {
    const signature = all.item(i)
    if (signature === null || signature.parentNode !== root) {
      return E.left(badInput('signature_misplaced', `ds:Signature #${i + 1} is not a child of the document root (enveloped)`))
    }
    out.push(signature)
  }
  return E.right(out)
}

/** The layout of one signature, a child of the root (see readLayout / findSignatures). */
export const readSignatureLayout = (doc: Document, signature: Element): E.Either<LayoutRefusal, SignatureLayout> => {
  const signedInfo = onlyChild(signature, 'SignedInfo')
  if (E.isLeft(signedInfo)) return signedInfo
  const si = signedInfo.right
  const c14n = onlyChild(si, 'CanonicalizationMethod')
  if (E.isLeft(c14n)) return c14n
  const method = onlyChild(si, 'SignatureMethod')
  if (E.isLeft(method)) return method
  const canonicalization = algorithmOf(c14n.right)
  if (!isCanonicalization(canonicalization)) {
    return E.left(notConfirmed('unsupported_algorithm', `canonicalisation ${canonicalization.slice(0, 120)} is not supported`))
  }
  const signatureMethod = algorithmOf(method.right)
  if (!isSignatureMethod(signatureMethod)) {
    return E.left(notConfirmed('unsupported_algorithm', explainUnsupported('signature', signatureMethod.slice(0, 160))))
  }
  const references = childElements(si, 'Reference')
  const reference = references[0]
  if (references.length !== 1 || reference === undefined) {
    return E.left(badInput('reference_not_root', `SignedInfo has ${references.length} References; exactly one, to the root, is expected`))
  }
  const digest = onlyChild(reference, 'DigestMethod')
  if (E.isLeft(digest)) return digest
  const digestMethod = algorithmOf(digest.right)
  if (!isDigestMethod(digestMethod)) {
    return E.left(notConfirmed('unsupported_algorithm', explainUnsupported('digest', digestMethod.slice(0, 160))))
  }
  const target = checkReferenceTarget(doc, reference.getAttribute('URI'))
  if (E.isLeft(target)) return target
  const transforms = checkTransforms(reference)
  if (E.isLeft(transforms)) return transforms
  const certificates = certificatesOf(signature)
  if (certificates.length === 0) {
    return E.left(badInput('no_certificate', 'KeyInfo carries no X509Certificate; NCALayer always includes it'))
  }
  return E.right({
    signature,
    signatureMethod,
    digestMethod,
    canonicalization,
    referenceUri: target.right,
    certificates,
  })
}
