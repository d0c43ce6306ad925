/**
 * Signs a request the way NCALayer does (see `signXml`), throwing on malformed XML: a test or demo helper, where
 * a bad template is a programming error.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { x509 } from '../engine.js'
import { signXml, type SignXmlOptions } from '../sign.js'
import type { Identity } from './pki.js'

export const signRequest = async (
  xml: string,
  key: CryptoKey,
  certificate: x509.X509Certificate,
  options: SignXmlOptions = {},
): Promise<string> => {
  const signed = await signXml(xml, key, certificate, options)
  if (E.isLeft(signed)) throw new Error(`cannot sign: ${signed.left.detail}`)
  return signed.right
}

/** Shorthand: sign with an identity of the test PKI. */
export const signAs = (identity: Identity, xml: string, options: SignXmlOptions = {}): Promise<string> =>
  signRequest(xml, identity.keys.privateKey, identity.certificate, options)
