/**
 * Signs result documents with the key of the provider's authorised person (регламент: «Электронный документ
 * формируется с использованием ЭЦП уполномоченного лица услугодателя»), the same enveloped XMLDSig the
 * citizens' documents use, so any NCALayer-compatible tool verifies it.
 */
import type { webcrypto } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { GostSigningKey, x509 } from '@kezek/adapters'
import { NCA_ROLE_OIDS, rolesOf, signXml } from '@kezek/adapters'
import type { ResultSigner } from './port.js'

export interface SigningIdentity {
  /** An RSA key, or a GOST 2015/512 one (NCA's current keys; `importSigningKey` reads both from PKCS#8). */
  readonly privateKey: webcrypto.CryptoKey | GostSigningKey
  readonly certificate: x509.X509Certificate
}

export const keyResultSigner = (keys: (providerId: string) => SigningIdentity | undefined): ResultSigner => ({
  signResult: async (providerId, xml) => {
    const key = keys(providerId)
    if (key === undefined) throw new Error(`no signing key configured for provider ${providerId}`)
    const signed = await signXml(xml, key.privateKey, key.certificate)
    if (E.isLeft(signed)) throw new Error(`result document cannot be signed: ${signed.left.detail}`)
    return signed.right
  },
})

/**
 * Why a certificate cannot sign the provider's result documents, or undefined. The forms print the head of office
 * as the signatory (and seed 003 п.7: «руководство услугодателя подписывает уведомление»), so the configured key
 * must be a legal entity's (1.2.398.3.3.4.1.2) with NCA's first-head role (1.2.398.3.3.4.1.2.1) — the same rule
 * `verifyResultDocument` applies to a received result document. Checked at start, naming KEZEK_RESULT_CERT.
 */
export const resultSignerProblem = (certificate: x509.X509Certificate): string | undefined => {
  const roles = rolesOf(certificate)
  if (!roles.includes('legal_entity')) return `the result certificate is not a legal entity's key (${NCA_ROLE_OIDS.legal_entity} missing from its extended key usage)`
  if (!roles.includes('head')) return `the result certificate lacks NCA's first-head role (${NCA_ROLE_OIDS.head}): result documents are signed by the head of office`
  return undefined
}
