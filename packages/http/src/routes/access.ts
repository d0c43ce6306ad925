/**
 * Who may call each route and which events it may append — one table, read by the OpenAPI document
 * (`x-kezek-callers`, `x-kezek-events`), by the matrix test (which checks the events a call really appended) and by
 * `scripts/security-doc.ts`, which writes the table in docs/security.md (a test fails when the doc drifts).
 * Decision routes come from their own definitions in decisions.ts, so a new decision cannot be left out.
 */
import type { EventType } from '@kezek/domain'
import { decisionPaths, type Audience } from './decisions.js'

export type Caller = 'anyone' | 'citizen' | 'provider_officer' | 'service_centre_operator' | 'auditor' | 'administrator' | 'data_protection_officer'

export interface RouteAccess {
  readonly method: 'get' | 'post'
  /** OpenAPI style: `/v1/applications/{id}`. */
  readonly path: string
  readonly callers: readonly Caller[]
  /** The limit on the callers: whose application or provider. */
  readonly scope: string
  /** The body, decoded exactly (unknown fields → 422); `-` for none. */
  readonly body: string
  readonly events: readonly EventType[]
}

const intakeEvents: readonly EventType[] = ['authorized', 'checked', 'signed', 'request_signed', 'registered', 'rejected']

const scopeOf = (who: Audience): string =>
  who === 'citizen' ? 'the applicant (or the successor holding the place)'
    : who === 'service_centre_operator' ? 'operators of the application’s provider'
      : 'officers of the application’s provider'

const read = (path: string, callers: readonly Caller[], scope: string): RouteAccess =>
  ({ method: 'get', path, callers, scope, body: '-', events: [] })

export const routeAccess = (): readonly RouteAccess[] => [
  read('/health', ['anyone'], 'public'),
  read('/ready', ['anyone'], 'public'),
  read('/metrics', ['anyone'], 'public (bind to an internal interface in production)'),
  read('/openapi.json', ['anyone'], 'public'),
  { method: 'post', path: '/v1/portal/applications', callers: ['citizen'], scope: 'the citizen named in the signed document', body: 'signed XML', events: intakeEvents },
  { method: 'post', path: '/v1/desk/applications', callers: ['provider_officer'], scope: 'the officer’s own provider', body: 'WalkInApplication', events: intakeEvents },
  { method: 'post', path: '/v1/service-centre/applications', callers: ['service_centre_operator'], scope: 'the operator’s own provider', body: 'WalkInApplication', events: intakeEvents },
  read('/v1/me/applications', ['citizen'], 'the citizen’s own applications'),
  read('/v1/providers/{providerId}/applications', ['provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'staff of that provider; auditors'),
  read('/v1/applications/{id}', ['citizen', 'provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'the applicant; staff of its provider; auditors'),
  read('/v1/applications/{id}/result', ['citizen', 'provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'the applicant; staff of its provider; auditors'),
  read('/v1/applications/{id}/receipt', ['citizen', 'provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'the applicant; staff of its provider; auditors'),
  read('/v1/applications/{id}/result.pdf', ['citizen', 'provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'the applicant; staff of its provider; auditors'),
  read('/v1/applications/{id}/receipt.pdf', ['citizen', 'provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'the applicant; staff of its provider; auditors'),
  read('/v1/me/notices', ['citizen'], 'the citizen’s own notices'),
  read('/v1/services/{serviceId}/questionnaire', ['anyone'], 'public (the regulation’s appendix)'),
  read('/v1/providers/{providerId}/questionnaire-results', ['provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'staff of that provider; auditors'),
  read('/v1/applications/{id}/position', ['citizen', 'provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'the applicant; staff of its provider; auditors'),
  read('/v1/applications/{id}/history', ['provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'staff of its provider; auditors'),
  read('/v1/providers/{providerId}/lists', ['anyone'], 'public'),
  read('/v1/providers/{providerId}/lists/{category}', ['anyone'], 'public (no personal data)'),
  read('/v1/providers/{providerId}/lists/{category}/entries', ['provider_officer', 'service_centre_operator', 'auditor', 'administrator'], 'staff of that provider; auditors'),
  // Appends `personal_data_erased` to its own stream (not an application event) and destroys the person's keys.
  { method: 'post', path: '/v1/personal-data/erasures', callers: ['data_protection_officer'], scope: 'any person (docs/personal-data.md)', body: 'ErasureOrder', events: [] },
  ...decisionPaths().map((d): RouteAccess => ({
    method: 'post', path: `/v1/applications/{id}/${d.path}`, callers: [d.who], scope: scopeOf(d.who),
    body: d.body, events: d.events,
  })),
]

export const accessOf = (method: string, path: string): RouteAccess | undefined =>
  routeAccess().find((a) => a.method === method && a.path === path)

const callerText = (c: Caller): string => (c === 'anyone' ? 'anyone (no token)' : c)

/** The routes × callers table of docs/security.md, from `routeAccess` (scripts/docs/security.ts writes it). */
export const accessTableMarkdown = (): string => {
  const rows = routeAccess().map((a) =>
    `| ${a.method.toUpperCase()} | \`${a.path}\` | ${a.callers.map(callerText).join(', ')} | ${a.scope} | ${a.body} | ${a.events.length === 0 ? '—' : a.events.map((e) => `\`${e}\``).join(', ')} |`)
  return ['| Method | Path | Who may call | Limited to | Body (exact) | Events it may append |', '|---|---|---|---|---|---|', ...rows].join('\n')
}
