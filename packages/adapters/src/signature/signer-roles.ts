/**
 * NCA RK writes who a key belongs to, and what its holder may do for a legal entity, as extended key usage OIDs
 * (Order No. 383/НҚ of 13.10.2020 on the rules of issuing certificates; NCALayer's signer filters use the same):
 *
 * | OID                    | role                                                       |
 * |------------------------|------------------------------------------------------------|
 * | 1.2.398.3.3.4.1.1      | individual (физическое лицо)                               |
 * | 1.2.398.3.3.4.1.2      | legal entity (юридическое лицо: an employee's key)        |
 * | 1.2.398.3.3.4.1.2.1    | first head (первый руководитель)                           |
 * | 1.2.398.3.3.4.1.2.2    | person with the right to sign (право подписи)               |
 * | 1.2.398.3.3.4.1.2.3    | right to sign financial documents (финансовые документы)   |
 * | 1.2.398.3.3.4.1.2.4    | HR officer (кадровые документы)                            |
 * | 1.2.398.3.3.4.1.2.5    | employee (сотрудник организации)                           |
 *
 * The roles are read once per decoded certificate (a function of its bytes).
 */
import type { x509 } from './engine.js'
import { x509 as lib } from './engine.js'

export const NCA_ROLE_OIDS = {
  individual: '1.2.398.3.3.4.1.1',
  legal_entity: '1.2.398.3.3.4.1.2',
  head: '1.2.398.3.3.4.1.2.1',
  signer: '1.2.398.3.3.4.1.2.2',
  financial_signer: '1.2.398.3.3.4.1.2.3',
  hr: '1.2.398.3.3.4.1.2.4',
  employee: '1.2.398.3.3.4.1.2.5',
} as const
export type SignerRole = keyof typeof NCA_ROLE_OIDS

const known = new WeakMap<x509.X509Certificate, readonly SignerRole[]>()

export const rolesOf = (cert: x509.X509Certificate): readonly SignerRole[] => {
  const cached = known.get(cert)
  if (cached !== undefined) return cached
  const eku = cert.getExtension(lib.ExtendedKeyUsageExtension)
  const oids = eku === null ? [] : eku.usages.map(String)
  const roles = (Object.keys(NCA_ROLE_OIDS) as SignerRole[]).filter((r) => oids.includes(NCA_ROLE_OIDS[r]))
  known.set(cert, roles)
  return roles
}
