/**
 * Enveloped XMLDSig signing, shaped like NCALayer's output so that what we sign and what citizens sign go
 * through one verifier: `Reference URI=""`, transforms enveloped-signature + C14N with comments, SignedInfo
 * canonicalised with C14N, RSA-SHA256, SHA-256 digest, the signer certificate in KeyInfo/X509Data, and the base64
 * values wrapped at 76 characters with CRLF (outside SignedInfo, so the wrapping does not affect the signature
 * but does exercise the verifier's line-end normalisation).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Canonicalization } from './algorithms.js'
import { appendGostSignature, isGostSigningKey, type GostSigningKey } from './append-signature.js'
import { x509, xmldsig } from './engine.js'
import { parseXml } from './parse.js'
import type { BadInput } from './refusal.js'

export interface SignXmlOptions {
  /** The c14n transform of the Reference. NCALayer: `c14n-com`. */
  readonly canonicalization?: Canonicalization
  /** `""` (NCALayer) or `#id` of the root, which then must carry that `Id`. */
  readonly referenceUri?: string
  /** `ncalayer` (default): base64 wrapped at 76 with CRLF; `none`: one line. */
  readonly lineBreaks?: 'ncalayer' | 'none'
}

const wrap76 = (b64: string): string => (b64.replace(/\s+/g, '').match(/.{1,76}/g) ?? []).join('\r\n')

const wrapBase64 = (xml: string): string =>
  xml.replace(
    /(<ds:(SignatureValue|X509Certificate)>)([^<]*)(<\/ds:\2>)/g,
    (_m, open: string, _name: string, body: string, close: string) => `${open}${wrap76(body)}${close}`,
  )

/** Signs with an RSA key (WebCrypto) or a GOST 34.10-2015/512 key (Kalkan's URIs, append-signature.ts). */
export const signXml = async (
  xml: string,
  privateKey: CryptoKey | GostSigningKey,
  certificate: x509.X509Certificate,
  options: SignXmlOptions = {},
): Promise<E.Either<BadInput, string>> => {
  if (isGostSigningKey(privateKey)) return appendGostSignature(xml, privateKey, certificate, options)
  const doc = parseXml(xml.replace(/\r\n?/g, '\n'))
  if (E.isLeft(doc)) return doc
  const transform = options.canonicalization ?? 'c14n-com'
  const signed = new xmldsig.SignedXml()
  await signed.Sign({ name: 'RSASSA-PKCS1-v1_5' }, privateKey, doc.right as never, {
    x509: [certificate.toString('base64')],
    references: [{ hash: 'SHA-256', transforms: ['enveloped', transform], uri: options.referenceUri ?? '' }],
  })
  const out = signed.toString()
  return E.right((options.lineBreaks ?? 'ncalayer') === 'ncalayer' ? wrapBase64(out) : out)
}
