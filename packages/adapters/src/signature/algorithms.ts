/**
 * The XMLDSig algorithms kezek accepts. An allow-list, not xmldsigjs' registry: the library also knows
 * HMAC (a shared secret proves nothing about a citizen), SHA-1 (collisions) and XPath/base64 transforms (they
 * let a signature cover less than the document), none of which a NCALayer signature uses.
 *
 * RSA goes through Node's OpenSSL; GOST R 34.10-2015 (512) with Streebog-512, under KalkanCrypt's pkigovkz URIs,
 * through gost/ (WebCrypto and OpenSSL have no GOST). The legacy GOST 34.310-2004 and the 256-bit GOST 2015 are
 * refused with a plain message (see docs/signatures.md for why).
 */
import { GOST2015_512_DIGEST_URI, GOST2015_512_SIGNATURE_URI } from './gost/oids.js'

export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#'

export const SIGNATURE_METHODS = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
} as const
export type RsaSignatureMethodUri = keyof typeof SIGNATURE_METHODS
export type GostSignatureMethodUri = typeof GOST2015_512_SIGNATURE_URI
export type SignatureMethodUri = RsaSignatureMethodUri | GostSignatureMethodUri
export const GOST_SIGNATURE_METHOD: GostSignatureMethodUri = GOST2015_512_SIGNATURE_URI

export const DIGEST_METHODS = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
} as const
export type ShaDigestMethodUri = keyof typeof DIGEST_METHODS
export type GostDigestMethodUri = typeof GOST2015_512_DIGEST_URI
export type DigestMethodUri = ShaDigestMethodUri | GostDigestMethodUri
export const GOST_DIGEST_METHOD: GostDigestMethodUri = GOST2015_512_DIGEST_URI

export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'

export const CANONICALIZATIONS = {
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'c14n-com': 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  'exc-c14n': 'http://www.w3.org/2001/10/xml-exc-c14n#',
  'exc-c14n-com': 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
} as const
export type Canonicalization = keyof typeof CANONICALIZATIONS
const canonicalizationUris: readonly string[] = Object.values(CANONICALIZATIONS)

export const isRsaSignatureMethod = (uri: string): uri is RsaSignatureMethodUri => Object.hasOwn(SIGNATURE_METHODS, uri)
export const isSignatureMethod = (uri: string): uri is SignatureMethodUri => isRsaSignatureMethod(uri) || uri === GOST_SIGNATURE_METHOD
export const isShaDigestMethod = (uri: string): uri is ShaDigestMethodUri => Object.hasOwn(DIGEST_METHODS, uri)
export const isDigestMethod = (uri: string): uri is DigestMethodUri => isShaDigestMethod(uri) || uri === GOST_DIGEST_METHOD
export const isCanonicalization = (uri: string): boolean => canonicalizationUris.includes(uri)

/** NCA's GOST URIs (pkigovkz namespace, and the legacy GOST 34.310 ones). */
export const isKazakhGost = (uri: string): boolean =>
  uri.startsWith('urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:') || /#gost34310|#gost34311/.test(uri)

/** Says plainly why an algorithm is refused; the message reaches the citizen through the refusal detail. */
export const explainUnsupported = (what: 'signature' | 'digest', uri: string): string =>
  isKazakhGost(uri)
    ? `GOST ${what} algorithm ${uri} is not supported: only GOST 34.10-2015 with a 512-bit key (and RSA-SHA256) is; ` +
      'sign with a GOST 2015 (512) or RSA key of NCA RK'
    : `${what} algorithm ${uri} is not supported; accepted: ${[
        ...Object.keys(what === 'signature' ? SIGNATURE_METHODS : DIGEST_METHODS),
        what === 'signature' ? GOST_SIGNATURE_METHOD : GOST_DIGEST_METHOD,
      ].join(', ')}`
