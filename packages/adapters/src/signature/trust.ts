/**
 * Trust configuration: the NCA root(s) we accept, the intermediates (NCA RSA issuing CA), and the CRLs.
 *
 * Loaded once at start-up (and again whenever a fresh CRL is fetched) into parsed objects; verification takes
 * the parsed objects, so per-request work never re-parses a CRL. Issuer keys and the CRL signature checks are
 * memoised per object (WeakMaps: replacing a CRL object drops its cache).
 */
import * as E from 'fp-ts/lib/Either.js'
import { webcrypto, x509 } from './engine.js'

export interface TrustAnchors {
  /** Self-signed roots. Trust is in these exact certificates (bytes), not in their names. */
  readonly roots: readonly x509.X509Certificate[]
  /** CA certificates that may sit between a root and a signer (NCA's issuing CAs). */
  readonly intermediates: readonly x509.X509Certificate[]
}

/** PEM, base64 or DER, as read from a file or an environment variable. */
export type EncodedObject = string | Uint8Array

export interface TrustSource {
  readonly roots: readonly EncodedObject[]
  readonly intermediates?: readonly EncodedObject[]
  readonly crls?: readonly EncodedObject[]
}

export interface LoadedTrust {
  readonly trust: TrustAnchors
  readonly crls: readonly x509.X509Crl[]
}

export interface TrustConfigError {
  readonly kind: 'trust_config_invalid'
  readonly detail: string
}

const decodeAll = <T>(
  what: string,
  items: readonly EncodedObject[],
  make: (raw: string | Uint8Array<ArrayBuffer>) => T,
): E.Either<TrustConfigError, T[]> => {
  const out: T[] = []
  for (const [i, raw] of items.entries()) {
    try {
      out.push(make(typeof raw === 'string' ? raw : new Uint8Array(raw)))
    } catch (e) {
      return E.left({ kind: 'trust_config_invalid', detail: `${what} #${i + 1}: ${(e as Error).message}` })
    }
  }
  return E.right(out)
}

/** Parses a trust configuration; a bad file is a typed error, not an exception at the first request. */
export const loadTrust = (source: TrustSource): E.Either<TrustConfigError, LoadedTrust> => {
  const roots = decodeAll('root', source.roots, (r) => new x509.X509Certificate(r))
  if (E.isLeft(roots)) return roots
  const intermediates = decodeAll('intermediate', source.intermediates ?? [], (r) => new x509.X509Certificate(r))
  if (E.isLeft(intermediates)) return intermediates
  const crls = decodeAll('CRL', source.crls ?? [], (r) => new x509.X509Crl(r))
  if (E.isLeft(crls)) return crls
  if (roots.right.length === 0) return E.left({ kind: 'trust_config_invalid', detail: 'at least one root is required' })
  return E.right({ trust: { roots: roots.right, intermediates: intermediates.right }, crls: crls.right })
}

const keyCache = new WeakMap<x509.X509Certificate, Map<string, Promise<CryptoKey>>>()

/** The certificate's public key, imported once per hash for RSA PKCS#1 v1.5 verification. */
export const verificationKey = (cert: x509.X509Certificate, hash: string): Promise<CryptoKey> => {
  const perHash = keyCache.get(cert) ?? new Map<string, Promise<CryptoKey>>()
  keyCache.set(cert, perHash)
  const cached = perHash.get(hash)
  if (cached !== undefined) return cached
  const made = webcrypto.subtle.importKey(
    'spki',
    cert.publicKey.rawData,
    { name: 'RSASSA-PKCS1-v1_5', hash },
    false,
    ['verify'],
  )
  perHash.set(hash, made)
  return made
}

const sameBytes = (a: ArrayBuffer, b: ArrayBuffer): boolean => {
  if (a.byteLength !== b.byteLength) return false
  const x = new Uint8Array(a)
  const y = new Uint8Array(b)
  return x.every((v, i) => v === y[i])
}

export const isTrustedRoot = (trust: TrustAnchors, cert: x509.X509Certificate): boolean =>
  trust.roots.some((r) => r === cert || sameBytes(r.rawData, cert.rawData))
