/**
 * Revocation by CRL (NCA publishes full and delta CRLs per CA). Each certificate below the root is looked up in
 * the CRLs of its issuer:
 * - a CRL counts only if its issuer name matches and its signature verifies with the issuer's key (a forged
 *   CRL could otherwise "un-revoke" a certificate);
 * - it must be current at the judging instant (`nextUpdate` not passed); with no current CRL we cannot judge,
 *   which is `revocation_unknown` (indeterminate) — never silently "not revoked";
 * - a certificate revoked *after* the instant was good at the instant (an old document judged at its time).
 * `findRevoked` scans the DER without materialising every entry, so large CRLs stay cheap.
 */
import * as E from 'fp-ts/Either'
import type { CertificatePath } from './chain'
import { x509 } from './engine'
import { indeterminate, notConfirmed, type Indeterminate, type NotConfirmed } from './refusal'
import { verificationKey } from './trust'

/** `chain`: every certificate below the root (NCA publishes root CRLs too); `signer`: the signer's only. */
export type RevocationScope = 'chain' | 'signer'

const crlCheckCache = new WeakMap<x509.X509Crl, WeakMap<x509.X509Certificate, Promise<boolean>>>()

const crlSignedBy = (crl: x509.X509Crl, issuer: x509.X509Certificate): Promise<boolean> => {
  const perIssuer = crlCheckCache.get(crl) ?? new WeakMap<x509.X509Certificate, Promise<boolean>>()
  crlCheckCache.set(crl, perIssuer)
  const cached = perIssuer.get(issuer)
  if (cached !== undefined) return cached
  const hash = (crl.signatureAlgorithm as { hash?: { name?: string } }).hash?.name ?? 'SHA-256'
  const result = verificationKey(issuer, hash)
    .then((key) => crl.verify({ publicKey: key }))
    .catch(() => false)
  perIssuer.set(issuer, result)
  return result
}

const checkOne = async (
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  crls: readonly x509.X509Crl[],
  at: Date,
): Promise<E.Either<NotConfirmed | Indeterminate, true>> => {
  const fromIssuer: x509.X509Crl[] = []
  for (const crl of crls) {
    if (crl.issuer === issuer.subject && (await crlSignedBy(crl, issuer))) fromIssuer.push(crl)
  }
  const current = fromIssuer.filter((c) => c.nextUpdate === undefined || c.nextUpdate.getTime() >= at.getTime())
  for (const crl of fromIssuer) {
    const entry = crl.findRevoked(cert)
    if (entry !== null && entry.revocationDate.getTime() <= at.getTime()) {
      return E.left(
        notConfirmed('certificate_revoked', `certificate ${cert.serialNumber} was revoked at ${entry.revocationDate.toISOString()}`),
      )
    }
  }
  if (current.length === 0) {
    return E.left(
      indeterminate(
        'revocation_unknown',
        fromIssuer.length === 0
          ? `no CRL signed by "${issuer.subject}" is configured`
          : `the CRL of "${issuer.subject}" is out of date at ${at.toISOString()}`,
      ),
    )
  }
  return E.right(true)
}

export const checkRevocation = async (
  path: CertificatePath,
  crls: readonly x509.X509Crl[],
  at: Date,
  scope: RevocationScope,
): Promise<E.Either<NotConfirmed | Indeterminate, true>> => {
  const links = scope === 'signer' ? 1 : path.length - 1
  for (let i = 0; i < links; i++) {
    const cert = path[i]
    const issuer = path[i + 1]
    if (cert === undefined || issuer === undefined) break
    const checked = await checkOne(cert, issuer, crls, at)
    if (E.isLeft(checked)) return checked
  }
  return E.right(true)
}
