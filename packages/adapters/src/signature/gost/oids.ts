/**
 * NCA RK's GOST identifiers, as KalkanCrypt writes them (checked on NCANode's public test certificates and signed
 * documents, see test/signature/fixtures/nca/README.md).
 */

/** GOST R 34.10-2015 with a 512-bit key: the certificate's subjectPublicKeyInfo algorithm. */
export const GOST2015_512_KEY = '1.2.398.3.10.1.1.2.2'
/** Its parameters: SEQUENCE { parameter set, hash }. */
export const GOST2015_512_PARAMSET_A = '1.2.398.3.10.1.1.2.2.1'
export const GOST2015_HASH_512 = '1.2.398.3.10.1.3.3'
/** GOST R 34.10-2015 (512) with GOST R 34.11-2015 (512): certificate and CRL signature algorithm. */
export const GOST2015_512_SIGNATURE = '1.2.398.3.10.1.1.2.3.2'
/** The 256-bit variant (not issued to citizens by NCA's GOST 2015 CA; refused with a plain message). */
export const GOST2015_256_SIGNATURE = '1.2.398.3.10.1.1.2.3.1'
/** Legacy GOST 34.310-2004 key and signature (with GOST 34.311-95). */
export const GOST2004_KEY = '1.2.398.3.10.1.1.1.1'
export const GOST2004_SIGNATURE = '1.2.398.3.10.1.1.1.2'

export const GOST2015_512_SIGNATURE_URI = 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512'
export const GOST2015_512_DIGEST_URI = 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512'
