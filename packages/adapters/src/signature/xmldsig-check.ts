/**
 * The cryptographic half of XMLDSig, done with xmldsigjs' own transforms and algorithms but in separate steps,
 * so that a digest mismatch (the document was changed after signing) is told apart from a bad signature value
 * (the SignedInfo was not signed by this key), and so each step can be timed.
 *
 * `SignedXml.Verify()` would take the key from KeyInfo itself; we pass the key of the certificate whose chain we
 * check, so the signature and the chain are about the same certificate.
 */
import type { Document, Element } from '@xmldom/xmldom'
import * as E from 'fp-ts/Either'
import { SIGNATURE_METHODS } from './algorithms'
import { webcrypto, xmldsig } from './engine'
import type { SignatureLayout } from './layout'
import { badInput, notConfirmed, type BadInput, type NotConfirmed } from './refusal'

/** Exposes the protected steps of `SignedXml.Verify` (ValidateReferences, ValidateSignatureValue). */
class SteppedSignedXml extends xmldsig.SignedXml {
  canonicalReference(root: unknown): string {
    const reference = this.XmlSignature.SignedInfo.References.Item(0)
    if (reference === null || reference === undefined) throw new Error('no Reference')
    const output: unknown = this.ApplyTransforms(reference.Transforms, (root as { cloneNode(deep: boolean): never }).cloneNode(true))
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
}

/**
 * xmldsigjs reads only SignedInfo and SignatureValue from here. KeyInfo and Object are left out of what it
 * loads: it would decode every certificate with pkijs (a third of the verification time) for nothing — the
 * signer certificate is decoded once, by us.
 */
const withoutKeyInfo = (signature: Element): Element => {
  const copy = signature.cloneNode(false) as Element
  for (let n = signature.firstChild; n !== null; n = n.nextSibling) {
    const keep = n.nodeType !== n.ELEMENT_NODE || !['KeyInfo', 'Object'].includes((n as Element).localName ?? '')
    if (keep) copy.appendChild(n.cloneNode(true))
  }
  return copy
}

export const loadSignature = (doc: Document, layout: SignatureLayout): E.Either<BadInput, LoadedSignature> => {
  try {
    const signed = new SteppedSignedXml(doc as never)
    signed.LoadXml(withoutKeyInfo(layout.signature) as never)
    return E.right({ signed, doc })
  } catch (e) {
    return E.left(badInput('malformed_xml', `ds:Signature cannot be read: ${(e as Error).message.slice(0, 160)}`))
  }
}

/** Canonical bytes of what the Reference covers (the root, signature removed). */
export const canonicaliseReference = (loaded: LoadedSignature): E.Either<BadInput, string> => {
  try {
    return E.right(loaded.signed.canonicalReference(loaded.doc.documentElement))
  } catch (e) {
    return E.left(badInput('malformed_xml', `cannot canonicalise the signed content: ${(e as Error).message.slice(0, 160)}`))
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export const checkDigest = async (
  loaded: LoadedSignature,
  layout: SignatureLayout,
  canonical: string,
): Promise<E.Either<BadInput, Uint8Array>> => {
  const hash = xmldsig.CryptoConfig.CreateHashAlgorithm(layout.digestMethod)
  const actual = new Uint8Array(await hash.Digest(canonical))
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

export const importSignerKey = async (
  layout: SignatureLayout,
  spki: ArrayBuffer,
): Promise<E.Either<NotConfirmed, CryptoKey>> => {
  try {
    return E.right(await webcrypto.subtle.importKey('spki', spki, SIGNATURE_METHODS[layout.signatureMethod], false, ['verify']))
  } catch {
    return E.left(notConfirmed('unsupported_algorithm', 'the certificate key is not an RSA key usable with the signature method'))
  }
}

export const canonicaliseSignedInfo = (loaded: LoadedSignature): E.Either<BadInput, string> => {
  try {
    return E.right(loaded.signed.canonicalSignedInfo())
  } catch (e) {
    return E.left(badInput('malformed_xml', `cannot canonicalise SignedInfo: ${(e as Error).message.slice(0, 160)}`))
  }
}

export const checkSignatureValue = async (
  loaded: LoadedSignature,
  signedInfo: string,
  key: CryptoKey,
): Promise<E.Either<NotConfirmed, true>> => {
  const algorithm = xmldsig.CryptoConfig.CreateSignatureAlgorithm(loaded.signed.XmlSignature.SignedInfo.SignatureMethod)
  let ok = false
  try {
    ok = await algorithm.Verify(signedInfo, key, loaded.signed.signatureValue())
  } catch {
    ok = false
  }
  return ok
    ? E.right(true)
    : E.left(notConfirmed('signature_invalid', 'the signature value does not verify with the certificate in KeyInfo'))
}
