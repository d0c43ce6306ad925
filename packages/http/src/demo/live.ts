/**
 * The demo's live part: a few applications sent through the running server exactly as clients would — real
 * signatures from the demo PKI, the ГБД ФЛ / ЕНИС table, the officer's decisions — so the demo tokens have
 * something of their own to show.
 */
import { KAZAKHSTAN_OFFSET_MINUTES, localDateAt, type Instant } from '@kezek/domain'
import { buildApplicationRequestXml, type ApplicationRequestInput } from '@kezek/adapters'
import { signAs, TEST_BIN, TEST_IIN, type TestPki } from '@kezek/adapters/testing'

export interface DemoTokens {
  readonly citizen: string
  readonly otherCitizen: string
  readonly officer: string
  readonly operator: string
  readonly auditor: string
}

export const DEMO_POWER_OF_ATTORNEY = 'ДОВ-2024-000118'

const post = async (url: string, path: string, token: string, body: { json?: unknown; xml?: string }): Promise<{ status: number; body: Record<string, unknown> }> => {
  const r = await fetch(url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': body.xml === undefined ? 'application/json' : 'application/xml' },
    body: body.xml ?? JSON.stringify(body.json),
  })
  return { status: r.status, body: (await r.json()) as Record<string, unknown> }
}

const docs = (n: number) => [
  { kind: 'identity_card', sha256: (n * 17 % 256).toString(16).padStart(2, '0').repeat(32) },
  { kind: 'family_composition', sha256: ((n * 31 + 7) % 256).toString(16).padStart(2, '0').repeat(32) },
  { kind: 'income_certificate', sha256: ((n * 43 + 11) % 256).toString(16).padStart(2, '0').repeat(32) },
]

export const driveLiveDemo = async (url: string, providerId: string, pki: TestPki, t: DemoTokens): Promise<readonly string[]> => {
  const input = (over: Partial<ApplicationRequestInput>): ApplicationRequestInput => ({
    serviceId: 'housing-queue', providerId, applicantIin: TEST_IIN.citizen, category: 'socially_vulnerable', familySize: 4, documents: docs(1), ...over,
  })
  const ids: string[] = []
  const decide = (id: string, path: string, json: unknown) => post(url, `/v1/applications/${id}/${path}`, t.officer, { json })
  const check = (r: { status: number; body: Record<string, unknown> }) => {
    if (r.status >= 300) throw new Error(`demo request refused: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }

  // Portal: the demo citizen files and is queued; a second filing by the other citizen is refused for documents.
  const a = check(await post(url, '/v1/portal/applications', t.citizen, { xml: await signAs(pki.citizen, buildApplicationRequestXml(input({}))) }))
  ids.push(String(a['applicationId']))
  check(await decide(ids[0]!, 'document-check', { conforming: true }))
  // The commission sits on the service's local calendar (Kazakhstan, UTC+5): its date is today there.
  check(await decide(ids[0]!, 'queue-decision', { commissionDecisionDate: localDateAt(new Date().toISOString() as Instant, KAZAKHSTAN_OFFSET_MINUTES) }))

  const b = check(await post(url, '/v1/portal/applications', t.otherCitizen, {
    xml: await signAs(pki.otherCitizen, buildApplicationRequestXml(input({ applicantIin: TEST_IIN.otherCitizen, category: 'orphans', familySize: 1, documents: docs(2) }))),
  }))
  ids.push(String(b['applicationId']))
  check(await decide(ids[1]!, 'document-check', { conforming: false, reasons: ['справка об отсутствии жилья не приложена'] }))

  // Provider desk: the officer files for the citizen (the officer signs); left at "registered" for you to decide.
  const staff = { role: 'officer' as const, iin: TEST_IIN.officer, bin: TEST_BIN.provider }
  const deskInput = input({ category: 'state_employees', familySize: 3, documents: docs(3), staff })
  const c = check(await post(url, '/v1/desk/applications', t.officer, {
    json: {
      applicantIin: deskInput.applicantIin, category: deskInput.category, familySize: deskInput.familySize,
      documents: deskInput.documents.map((d) => ({ kind: d.kind, digest: d.sha256 })),
      signedXml: await signAs(pki.officer, buildApplicationRequestXml(deskInput)),
    },
  }))
  ids.push(String(c['applicationId']))

  // Service centre: a representative with a notarised power of attorney (ЕНИС).
  const representative = { iin: TEST_IIN.otherCitizen, powerOfAttorney: DEMO_POWER_OF_ATTORNEY }
  const cInput = input({ category: 'emergency_dwelling', familySize: 5, documents: docs(4), representative, staff: { ...staff, role: 'operator' } })
  const d = check(await post(url, '/v1/service-centre/applications', t.operator, {
    json: {
      applicantIin: cInput.applicantIin, category: cInput.category, familySize: cInput.familySize,
      documents: cInput.documents.map((x) => ({ kind: x.kind, digest: x.sha256 })), representative,
      signedXml: await signAs(pki.officer, buildApplicationRequestXml(cInput)),
    },
  }))
  ids.push(String(d['applicationId']))
  return ids
}
