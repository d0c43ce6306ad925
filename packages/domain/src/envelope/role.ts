import * as t from 'io-ts'

/** Who acts. Citizens act for themselves (or through a representative); staff act for a provider. */
export const Role = t.keyof(
  {
    citizen: null,
    provider_officer: null,
    service_centre_operator: null,
    auditor: null,
    administrator: null,
    /** Orders erasures of personal data; reads no application. */
    data_protection_officer: null,
    /** A system step: АРМ РШЭП registering a document, a scheduled job. */
    system: null,
  },
  'Role',
)
export type Role = t.TypeOf<typeof Role>
