/**
 * Path from the signer's certificate to a trusted root, and each certificate's validity at the judging instant.
 *
 * Built by hand rather than with `X509ChainBuilder`: we need to know *why* a path fails. An issuer is found by
 * name, but accepted only if its key verifies the child's signature — a CA that copies NCA's name with another
 * key (an impostor) is found by name and then refused. Only configured CA certificates are candidates; extra
 * certificates in KeyInfo are ignored, so a document cannot bring its own intermediates.
 */
import * as E from 'fp-ts/lib/Either.js'
import { x509 } from './engine.js'
import { gostSignedBy, isGostSignatureAlgorithm } from './gost/signed-object.js'
import { notConfirmed, type NotConfirmed } from './refusal.js'
import { isTrustedRoot, verificationKey, type TrustAnchors } from './trust.js'

const MAX_DEPTH = 6

const hashOf = (cert: x509.X509Certificate): string => {
  const hash = (cert.signatureAlgorithm as { hash?: { name?: string } }).hash?.name
  return hash ?? 'SHA-256'
}

const signedBy = async (child: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> => {
  if (isGostSignatureAlgorithm(child.signatureAlgorithm.name)) return gostSignedBy(child, issuer)
  try {
    const key = await verificationKey(issuer, hashOf(child))
    return await child.verify({ publicKey: key, signatureOnly: true })
  } catch {
    return false
  }
}

const caFlags = new WeakMap<x509.X509Certificate, boolean>()

/** Configured CAs are asked on every request; x509 re-decodes extensions on each call, so remember the answer. */
const isCertificateAuthority = (cert: x509.X509Certificate): boolean => {
  const known = caFlags.get(cert)
  if (known !== undefined) return known
  const bc = cert.getExtension(x509.BasicConstraintsExtension)
  const ku = cert.getExtension(x509.KeyUsagesExtension)
  const ca = bc !== null && bc.ca && (ku === null || (ku.usages & x509.KeyUsageFlags.keyCertSign) !== 0)
  caFlags.set(cert, ca)
  return ca
}

const verifiedCache = new WeakMap<x509.X509Certificate, WeakMap<x509.X509Certificate, Promise<boolean>>>()

/**
 * Whether one certificate's signature verifies with another's key is a function of their bytes: checked once per
 * pair of objects. CA-to-CA links are configured objects; signer certificates are the objects of the decoded
 * certificate cache (certificate-cache.ts), so a returning signer's link costs nothing and leaves with it.
 */
const signedByCached = (child: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> => {
  const perIssuer = verifiedCache.get(child) ?? new WeakMap<x509.X509Certificate, Promise<boolean>>()
  verifiedCache.set(child, perIssuer)
  const cached = perIssuer.get(issuer)
  if (cached !== undefined) return cached
  const result = signedBy(child, issuer)
  perIssuer.set(issuer, result)
  return result
}

/** Signer first, trusted root last. */
export type CertificatePath = readonly [x509.X509Certificate, ...x509.X509Certificate[]]

export const buildPath = async (
  signer: x509.X509Certificate,
  trust: TrustAnchors,
): Promise<E.Either<NotConfirmed, CertificatePath>> => {
  const path: [x509.X509Certificate, ...x509.X509Certificate[]] = [signer]
  let current = signer
  const authorities = [...trust.intermediates, ...trust.roots]
  while (!isTrustedRoot(trust, current)) {
    if (path.length > MAX_DEPTH) return E.left(notConfirmed('untrusted_issuer', 'certificate path is too long'))
    const named = authorities.filter((c) => c.subject === current.issuer && !path.includes(c))
    let issuer: x509.X509Certificate | undefined
    for (const candidate of named) {
      if (isCertificateAuthority(candidate) && (await signedByCached(current, candidate))) {
        issuer = candidate
        break
      }
    }
    if (issuer === undefined) {
      return E.left(
        notConfirmed(
          'untrusted_issuer',
          named.length === 0
            ? `issuer "${current.issuer}" is not a trusted certification authority`
            : `certificate names "${current.issuer}" as issuer but is not signed by its trusted key`,
        ),
      )
    }
    path.push(issuer)
    current = issuer
  }
  return E.right(path)
}

/** Every certificate of the path must be valid at the instant; the signer's own dates are reported first. */
export const checkValidity = (path: CertificatePath, at: Date): E.Either<NotConfirmed, true> => {
  for (const cert of path) {
    const whose = cert === path[0] ? 'the signer certificate' : `CA certificate "${cert.subject}"`
    if (at.getTime() < cert.notBefore.getTime()) {
      return E.left(notConfirmed('certificate_not_yet_valid', `${whose} is valid from ${cert.notBefore.toISOString()}`))
    }
    if (at.getTime() > cert.notAfter.getTime()) {
      return E.left(notConfirmed('certificate_expired', `${whose} expired at ${cert.notAfter.toISOString()}`))
    }
  }
  return E.right(true)
}
