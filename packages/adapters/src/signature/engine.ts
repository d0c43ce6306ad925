/**
 * The one place that wires the crypto and DOM engines the signature libraries need on Node.
 *
 * - `@peculiar/x509` 2.x resolves its algorithms through tsyringe, which refuses to load without a Reflect
 *   metadata polyfill, so `reflect-metadata` must be evaluated before it: every module of this folder imports
 *   x509 from here, never from the package directly.
 * - xmldsigjs builds elements through xml-core, which on Node finds DOMParser/XMLSerializer only after
 *   `setNodeDependencies` (xmldsigjs#83: it is exported by xml-core, not by xmldsigjs).
 * - One WebCrypto instance serves xmldsigjs, pkijs (through `setEngine`) and x509, so keys made by one are
 *   accepted by the others.
 *
 * - xmldsigjs refuses to load a SignedInfo whose algorithm URIs it does not know, so Kalkan's GOST URIs are
 *   registered: the digest with Streebog-512; the signature method only by name — GOST signatures are verified
 *   and made by gost/, never through WebCrypto (which has no GOST).
 *
 * The setup is idempotent global configuration, done once at import; it changes no data.
 */
import 'reflect-metadata'
import { Crypto } from '@peculiar/webcrypto'
import * as x509 from '@peculiar/x509'
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom'
import { setNodeDependencies } from 'xml-core'
import * as xmldsig from 'xmldsigjs'
import xpath from 'xpath'
import { GOST2015_512_DIGEST_URI, GOST2015_512_SIGNATURE_URI } from './gost/oids.js'
import { streebog512 } from './gost/streebog.js'

export const webcrypto: globalThis.Crypto = new Crypto() as unknown as globalThis.Crypto

setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation, xpath })
xmldsig.Application.setEngine('OpenSSL', webcrypto)
x509.cryptoProvider.set(webcrypto)

class Streebog512Digest extends xmldsig.HashAlgorithm {
  override algorithm = { name: 'GOST-R-34.11-2015-512' }
  override namespaceURI = GOST2015_512_DIGEST_URI
  override async Digest(xml: string | BufferSource | Node): Promise<Uint8Array> {
    if (typeof xml !== 'string') throw new Error('Streebog-512 digests canonical text only')
    return streebog512(Buffer.from(xml, 'utf8'))
  }
}
class Gost2015Signature extends xmldsig.SignatureAlgorithm {
  override algorithm = { name: 'GOST-R-34.10-2015-512' }
  override namespaceURI = GOST2015_512_SIGNATURE_URI
  override async Verify(): Promise<boolean> {
    throw new Error('GOST signatures are verified by gost/gost3410.ts')
  }
  static fromAlgorithm(alg: Algorithm): Gost2015Signature | null {
    return alg.name === 'GOST-R-34.10-2015-512' ? new Gost2015Signature() : null
  }
}
xmldsig.CryptoConfig.RegisterHashAlgorithm(GOST2015_512_DIGEST_URI, Streebog512Digest)
xmldsig.CryptoConfig.RegisterSignatureAlgorithm(GOST2015_512_SIGNATURE_URI, Gost2015Signature)

export { x509, xmldsig }
