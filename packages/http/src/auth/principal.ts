/**
 * Who is calling, as established by the authenticator. Each role carries exactly what binds it: a citizen their
 * IIN, staff their provider. Authorization decisions read only this value.
 */
import type { IIN, ProviderId } from '@kezek/domain'

export type Principal =
  | { readonly role: 'citizen'; readonly subject: string; readonly iin: IIN }
  | { readonly role: 'provider_officer'; readonly subject: string; readonly providerId: ProviderId }
  | { readonly role: 'service_centre_operator'; readonly subject: string; readonly providerId: ProviderId }
  | { readonly role: 'auditor'; readonly subject: string }
  | { readonly role: 'administrator'; readonly subject: string }
  /** The data-protection officer: orders erasures (docs/personal-data.md), reads no application. */
  | { readonly role: 'data_protection_officer'; readonly subject: string }

export type PrincipalRole = Principal['role']

export type Staff = Extract<Principal, { role: 'provider_officer' | 'service_centre_operator' }>

export const isStaff = (p: Principal): p is Staff => p.role === 'provider_officer' || p.role === 'service_centre_operator'

/** The pluggable part: the akimat's SSO replaces the reference HMAC tokens with its own implementation. */
export interface Authenticator {
  /** `undefined` when the request carries no credentials; a string explains a credential that was refused. */
  readonly authenticate: (authorization: string | undefined) => Promise<Principal | undefined | { readonly refused: string }>
}
