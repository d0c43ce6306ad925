/**
 * The cryptographic half of XMLDSig, done with xmldsigjs' own transforms and algorithms but in separate steps,
 * so that a digest mismatch (the document was changed after signing) is told apart from a bad signature value
 * (the SignedInfo was not signed by this key), and so each step can be timed.
 *
 * `SignedXml.Verify()` would take the key from KeyInfo itself; we pass the key of the certificate whose chain we
 * check, so the signature and the chain are about the same certificate.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import type { Document, Element, Node } from '@xmldom/xmldom'
import * as E from 'fp-ts/lib/Either.js'
import {
  DIGEST_METHODS,
  isRsaSignatureMethod,
  isShaDigestMethod,
  SIGNATURE_METHODS,
  type RsaSignatureMethodUri,
  type SignatureMethodUri,
} from './algorithms.js'
import { webcrypto, x509, xmldsig } from './engine.js'
import { verifyBytes, type GostPublicKey } from './gost/gost3410.js'
import { gostKeyOf } from './gost/signed-object.js'
import { streebog512 } from './gost/streebog.js'
import type { SignatureLayout } from './layout.js'
import { badInput, notConfirmed, type BadInput, type NotConfirmed } from './refusal.js'

/** Exposes the protected steps of `SignedXml.Verify` (ValidateReferences, ValidateSignatureValue). */
class SteppedSignedXml extends xmldsig.SignedXml {
  /**
   * The enveloped-signature transform removes *this* signature from what the reference covers (XMLDSig §6.6.4).
   * xmldsigjs' own transform removes every ds:Signature child of the root, which would make a later signature
   * (NCANode and Kalkan append one after another, each covering those before it) unverifiable; so the enveloped
   * step is done here: this signature is taken out of the root itself — no copy of the document — the
   * canonicalisation transform of the Reference (C14N when it names none) runs on the root, and the signature is
   * put back at its place. Signatures appended after this one are taken out by the caller (verify-signed-xml.ts).
   */
  canonicalReference(root: Element, signature: Element): string {
    const reference = this.XmlSignature.SignedInfo.References.Item(0)
    if (reference === null || reference === undefined) throw new Error('no Reference')
    let c14n: xmldsig.Transform = new xmldsig.XmlDsigC14NTransform()
    reference.Transforms.ForEach((t) => {
      if (!(t instanceof xmldsig.XmlDsigEnvelopedSignatureTransform)) c14n = t
    })
    const next = signature.nextSibling
    let output: unknown
    root.removeChild(signature)
    try {
      c14n.LoadInnerXml(root as never)
      output = c14n.GetOutput()
    } finally {
      root.insertBefore(signature, next)
    }
    if (typeof output !== 'string') throw new Error('canonicalisation produced no text')
    return output
  }

  expectedDigest(): Uint8Array {
    const value = this.XmlSignature.SignedInfo.References.Item(0)?.DigestValue
    if (value === undefined || value === null) throw new Error('Reference has no DigestValue')
    return new Uint8Array(value)
  }

  canonicalSignedInfo(): string {
    return this.TransformSignedInfo(this.document)
  }

  signatureValue(): Uint8Array {
    const value = this.Signature
    if (value === null) throw new Error('no SignatureValue')
    return new Uint8Array(value)
  }
}

export interface LoadedSignature {
  readonly signed: SteppedSignedXml
  readonly doc: Document
  /** The ds:Signature of the document (a child of its root, see layout.ts). */
  readonly signature: Element
}

/**
 * xmldsigjs reads only SignedInfo and SignatureValue from here. KeyInfo and Object are kept out of what it
 * loads: it would decode every certificate with pkijs (a third of the verification time) for nothing — the
 * signer certificate is decoded once, by us. They are taken out of the parsed signature for the load and put back
 * at their places (instead of loading a copy of the rest: the copy cost ~75 µs). Loading from the document itself
 * changes no canonical SignedInfo: xmldsigjs copies the namespaces of the SignedInfo's ancestors and of the root
 * onto its own copy, and the root's declarations, copied last, win in both cases.
 */
const loadWithoutKeyInfo = (signed: SteppedSignedXml, signature: Element): void => {
  const removed: { readonly node: Element; readonly next: Node | null }[] = []
  for (let n = signature.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE && ['KeyInfo', 'Object'].includes((n as Element).localName ?? '')) {
      removed.push({ node: n as Element, next: n.nextSibling })
    }
  }
  for (const { node } of removed) signature.removeChild(node)
  try {
    signed.LoadXml(signature as never)
  } finally {
    for (const { node, next } of removed.reverse()) signature.insertBefore(node, next)
  }
}

export const loadSignature = (doc: Document, layout: SignatureLayout): E.Either<BadInput, LoadedSignature> => {
  try {
    const signed = new SteppedSignedXml(doc as never)
    loadWithoutKeyInfo(signed, layout.signature)
    return E.right({ signed, doc, signature: layout.signature })
  } catch (e) {
    return E.left(badInput('malformed_xml', `ds:Signature cannot be read: ${(e as Error).message.slice(0, 160)}`))
  }
}

/** Canonical bytes of what the Reference covers (the root, signature removed). */
export const canonicaliseReference = (loaded: LoadedSignature): E.Either<BadInput, string> => {
  try {
    const root = loaded.doc.documentElement
    if (root === null) throw new Error('document has no root element')
    return E.right(loaded.signed.canonicalReference(root, loaded.signature))
  } catch (e) {
    return E.left(badInput('malformed_xml', `cannot canonicalise the signed content: ${(e as Error).message.slice(0, 160)}`))
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * xmldsigjs turns text into bytes with `unescape(encodeURIComponent(text))`, which throws on a lone surrogate;
 * Node's encoder would replace it with U+FFFD instead. Text with one takes xmldsigjs' path, so it fails as before.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const utf8Exactly = (text: string): Buffer | undefined => (LONE_SURROGATE.test(text) ? undefined : Buffer.from(text, 'utf8'))

const NODE_HASH = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const

/**
 * The same SHA-2 as xmldsigjs' digest through @peculiar/webcrypto, without its JavaScript UTF-8 loop and promise
 * hops; Streebog-512 for Kalkan's GOST digest URI. Text with a lone surrogate cannot be encoded as the signer did:
 * SHA-2 takes xmldsigjs' path (which throws), GOST yields no digest (a mismatch).
 */
const digestOf = async (layout: SignatureLayout, canonical: string): Promise<Uint8Array> => {
  const bytes = utf8Exactly(canonical)
  const method = layout.digestMethod
  if (!isShaDigestMethod(method)) return bytes === undefined ? new Uint8Array(0) : streebog512(bytes)
  if (bytes === undefined) return new Uint8Array(await xmldsig.CryptoConfig.CreateHashAlgorithm(method).Digest(canonical))
  return new Uint8Array(createHash(NODE_HASH[DIGEST_METHODS[method]]).update(bytes).digest())
}

export const checkDigest = async (
  loaded: LoadedSignature,
  layout: SignatureLayout,
  canonical: string,
  options: { readonly compare: boolean } = { compare: true },
): Promise<E.Either<BadInput, Uint8Array>> => {
  const actual = await digestOf(layout, canonical)
  if (!options.compare) return E.right(actual) // signing (append-signature.ts): the value to write
  let expected: Uint8Array
  try {
    expected = loaded.signed.expectedDigest()
  } catch (e) {
    return E.left(badInput('malformed_xml', (e as Error).message))
  }
  return sameBytes(actual, expected)
    ? E.right(actual)
    : E.left(badInput('digest_mismatch', 'the signed content was changed after signing (reference digest differs)'))
}

/**
 * The signer's key, ready to verify. The key is imported with @peculiar/webcrypto exactly as before (it accepts
 * any SPKI whose key parses as an RSA public key, and re-encodes it as rsaEncryption); the re-encoded SPKI is then
 * handed to Node as a `KeyObject` — the very key @peculiar/webcrypto would give OpenSSL — so each verification is
 * one native call instead of a PEM re-parse. Should Node refuse that SPKI, the WebCrypto key is used as before.
 */
export type SignerKey =
  | { readonly kind: 'native'; readonly key: KeyObject; readonly hash: string }
  | { readonly kind: 'webcrypto'; readonly key: CryptoKey }
  | { readonly kind: 'gost'; readonly key: GostPublicKey }

/** A GOST 2015/512 signature needs a GOST 2015/512 key: anything else (RSA, GOST 2004) cannot have made it. */
const gostSignerKey = (cert: x509.X509Certificate): E.Either<NotConfirmed, SignerKey> => {
  const key = gostKeyOf(cert)
  return E.isRight(key)
    ? E.right({ kind: 'gost', key: key.right })
    : E.left(notConfirmed('unsupported_algorithm', `the signature method is GOST 2015/512 but ${key.left}`))
}

const importOnce = async (
  spki: ArrayBuffer,
  method: RsaSignatureMethodUri,
): Promise<E.Either<NotConfirmed, SignerKey>> => {
  let imported: CryptoKey
  try {
    imported = await webcrypto.subtle.importKey('spki', spki, SIGNATURE_METHODS[method], true, ['verify'])
  } catch {
    return E.left(notConfirmed('unsupported_algorithm', 'the certificate key is not an RSA key usable with the signature method'))
  }
  try {
    const der = Buffer.from(await webcrypto.subtle.exportKey('spki', imported))
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' })
    return E.right({ kind: 'native', key, hash: NODE_HASH[SIGNATURE_METHODS[method].hash] })
  } catch {
    return E.right({ kind: 'webcrypto', key: imported })
  }
}

/** Per decoded certificate (see certificate-cache.ts) and signature method: a function of the certificate's bytes. */
const signerKeys = new WeakMap<x509.X509Certificate, Map<SignatureMethodUri, Promise<E.Either<NotConfirmed, SignerKey>>>>()

export const importSignerKey = (
  layout: SignatureLayout,
  cert: x509.X509Certificate,
): Promise<E.Either<NotConfirmed, SignerKey>> => {
  const perMethod = signerKeys.get(cert) ?? new Map<SignatureMethodUri, Promise<E.Either<NotConfirmed, SignerKey>>>()
  signerKeys.set(cert, perMethod)
  const known = perMethod.get(layout.signatureMethod)
  if (known !== undefined) return known
  const method = layout.signatureMethod
  const made = isRsaSignatureMethod(method) ? importOnce(cert.publicKey.rawData, method) : Promise.resolve(gostSignerKey(cert))
  perMethod.set(layout.signatureMethod, made)
  return made
}

export const canonicaliseSignedInfo = (loaded: LoadedSignature): E.Either<BadInput, string> => {
  try {
    return E.right(loaded.signed.canonicalSignedInfo())
  } catch (e) {
    return E.left(badInput('malformed_xml', `cannot canonicalise SignedInfo: ${(e as Error).message.slice(0, 160)}`))
  }
}

const verifies = async (loaded: LoadedSignature, signedInfo: string, key: SignerKey): Promise<boolean> => {
  if (key.kind === 'gost') {
    const data = utf8Exactly(signedInfo)
    return data !== undefined && verifyBytes(key.key, data, loaded.signed.signatureValue())
  }
  if (key.kind === 'webcrypto') {
    const algorithm = xmldsig.CryptoConfig.CreateSignatureAlgorithm(loaded.signed.XmlSignature.SignedInfo.SignatureMethod)
    return algorithm.Verify(signedInfo, key.key, loaded.signed.signatureValue())
  }
  const data = utf8Exactly(signedInfo)
  if (data === undefined) return false // xmldsigjs' encoder throws on it: never verified
  return verify(key.hash, data, key.key, loaded.signed.signatureValue())
}

export const checkSignatureValue = async (
  loaded: LoadedSignature,
  signedInfo: string,
  key: SignerKey,
): Promise<E.Either<NotConfirmed, true>> => {
  let ok = false
  try {
    ok = await verifies(loaded, signedInfo, key)
  } catch {
    ok = false
  }
  return ok
    ? E.right(true)
    : E.left(notConfirmed('signature_invalid', 'the signature value does not verify with the certificate in KeyInfo'))
}
