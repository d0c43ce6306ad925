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
 * The roles are read once per decoded certificate (a function of its bytes). Certificate policies
 * (certificatePolicies, NCA's arc 1.2.398.3.3.2…) are read the same way; which ones a document accepts is
 * configuration, since NCA's policy OIDs differ between CA generations (the 2022 GOST test leaf carries
 * 1.2.398.3.3.2, the RSA 2021 one 1.2.398.3.3.2.3).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { x509 } from './engine.js'
import { x509 as lib } from './engine.js'
import { notConfirmed, roleMissing, type NotConfirmed } from './refusal.js'

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

const policyCache = new WeakMap<x509.X509Certificate, readonly string[]>()

export const policiesOf = (cert: x509.X509Certificate): readonly string[] => {
  const cached = policyCache.get(cert)
  if (cached !== undefined) return cached
  const ext = cert.getExtension(lib.CertificatePolicyExtension)
  const policies = ext === null ? [] : ext.policies.map(String)
  policyCache.set(cert, policies)
  return policies
}

/** Who a document says signs it: a person for themselves (applicant, representative) or an employee of a body. */
export type SignerKind = 'individual' | 'staff'

/** Legal-entity roles that may sign for the office (a staff document): the head, a signatory, an employee. */
export const STAFF_ROLES: readonly SignerRole[] = ['head', 'signer', 'employee']

export interface SignerPolicy {
  /** certificatePolicies OIDs accepted for an individual's key; absent: not checked. */
  readonly individualPolicies?: readonly string[]
  /** certificatePolicies OIDs accepted for a staff key; absent: not checked. */
  readonly staffPolicies?: readonly string[]
}

interface Signed {
  readonly roles: readonly SignerRole[]
  readonly policies: readonly string[]
}

/**
 * An individual's document needs a key of an individual (1.2.398.3.3.4.1.1); a staff document needs a legal
 * entity's key (1.2.398.3.3.4.1.2) with a head, signatory or employee role — an IIN and `OU=BIN` alone are not
 * enough. Then, when configured, one of the accepted certificate policies. Each mismatch is its own refusal.
 */
export const checkSignerKind = (
  signed: Signed,
  kind: SignerKind,
  policy: SignerPolicy = {},
): E.Either<NotConfirmed, true> => {
  if (kind === 'individual' && !signed.roles.includes('individual')) {
    return E.left(roleMissing('individual', `an individual's document needs an individual's key (${NCA_ROLE_OIDS.individual}); this certificate carries ${describe(signed.roles)}`))
  }
  if (kind === 'staff') {
    if (!signed.roles.includes('legal_entity')) {
      return E.left(roleMissing('legal_entity', `a staff document needs a legal entity's key (${NCA_ROLE_OIDS.legal_entity}); this certificate carries ${describe(signed.roles)}`))
    }
    if (!STAFF_ROLES.some((r) => signed.roles.includes(r))) {
      return E.left(notConfirmed('signer_role_missing', `a staff document needs the role of head, signatory or employee (${STAFF_ROLES.map((r) => NCA_ROLE_OIDS[r]).join(', ')})`))
    }
  }
  const accepted = kind === 'individual' ? policy.individualPolicies : policy.staffPolicies
  if (accepted !== undefined && !accepted.some((p) => signed.policies.includes(p))) {
    return E.left(notConfirmed('policy_not_accepted', `certificate policies [${signed.policies.join(', ')}] include none of the accepted [${accepted.join(', ')}]`))
  }
  return E.right(true)
}

/**
 * Who signs a result document. The housing-queue e-service regulations (seeds 000–002) say «Электронный документ
 * формируется с использованием ЭЦП уполномоченного лица услугодателя»; the housing-assistance regulation (seed 003
 * п.7) says «руководство услугодателя подписывает уведомление», and kezek's result documents print the head of the
 * office under the text. `head`: the first head's key (1.2.398.3.3.4.1.2.1); `authorised`: the head or a person
 * with the right to sign (1.2.398.3.3.4.1.2.2). Both on a legal entity's key (1.2.398.3.3.4.1.2).
 */
export type ResultSignerRule = 'head' | 'authorised'
export const RESULT_SIGNER_ROLES: Readonly<Record<ResultSignerRule, readonly SignerRole[]>> = {
  head: ['head'],
  authorised: ['head', 'signer'],
}

/**
 * A result document's signer: the provider's BIN (`iin_mismatch`, as for any signer who is not who the document
 * says), a legal entity's key (`signer_role_missing`, missingRole `legal_entity`), the rule's role (the same code,
 * missingRole `head` or `signer`), then an accepted staff policy when configured (`policy_not_accepted`).
 */
export const checkResultSigner = (
  signed: Signed & { readonly signer: { readonly bin: string | undefined } },
  providerBin: string,
  rule: ResultSignerRule = 'head',
  policy: SignerPolicy = {},
): E.Either<NotConfirmed, true> => {
  if (signed.signer.bin !== providerBin) {
    return E.left(notConfirmed('iin_mismatch', `the signer's certificate does not carry the provider's BIN ${providerBin}`))
  }
  if (!signed.roles.includes('legal_entity')) {
    return E.left(roleMissing('legal_entity', `a result document needs a legal entity's key (${NCA_ROLE_OIDS.legal_entity}); this certificate carries ${describe(signed.roles)}`))
  }
  const roles = RESULT_SIGNER_ROLES[rule]
  if (!roles.some((r) => signed.roles.includes(r))) {
    const wanted = roles[roles.length - 1] ?? 'head'
    return E.left(roleMissing(rule === 'head' ? 'head' : wanted, `a result document is signed by ${rule === 'head' ? 'the first head' : 'the head or a person with the right to sign'} (${roles.map((r) => NCA_ROLE_OIDS[r]).join(' or ')}); this certificate carries ${describe(signed.roles)}`))
  }
  const accepted = policy.staffPolicies
  if (accepted !== undefined && !accepted.some((p) => signed.policies.includes(p))) {
    return E.left(notConfirmed('policy_not_accepted', `certificate policies [${signed.policies.join(', ')}] include none of the accepted [${accepted.join(', ')}]`))
  }
  return E.right(true)
}

const describe = (roles: readonly SignerRole[]): string => (roles.length === 0 ? 'no NCA role' : `the roles ${roles.join(', ')}`)

/** A signer a document needs (several signatures): a role, and optionally who. */
export interface SignerRequirement {
  readonly role: SignerRole
  readonly iin?: string
  readonly bin?: string
}

interface RequirementCandidate extends Signed {
  readonly signer: { readonly iin: string | undefined; readonly bin: string | undefined }
}

const satisfies = (c: RequirementCandidate, r: SignerRequirement): boolean =>
  c.roles.includes(r.role) && (r.iin === undefined || c.signer.iin === r.iin) && (r.bin === undefined || c.signer.bin === r.bin)

/**
 * Each requirement is met by a different signature (two requirements are not met by one person signing once).
 * Small numbers (a handful of signatures), so a plain backtracking match.
 */
export const checkRequiredSigners = (
  signatures: readonly RequirementCandidate[],
  requirements: readonly SignerRequirement[],
): E.Either<NotConfirmed, true> => {
  const used = new Set<number>()
  const assign = (k: number): boolean => {
    const r = requirements[k]
    if (r === undefined) return true
    for (let i = 0; i < signatures.length; i++) {
      const c = signatures[i]
      if (c === undefined || used.has(i) || !satisfies(c, r)) continue
      used.add(i)
      if (assign(k + 1)) return true
      used.delete(i)
    }
    return false
  }
  if (assign(0)) return E.right(true)
  const who = requirements
    .map((r) => [r.role, r.iin === undefined ? '' : `IIN ${r.iin}`, r.bin === undefined ? '' : `BIN ${r.bin}`].filter((x) => x !== '').join(' '))
    .join('; ')
  return E.left(notConfirmed('signer_role_missing', `the document needs signatures of: ${who}; the ${signatures.length} present do not cover them`))
}
