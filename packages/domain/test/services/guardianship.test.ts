/**
 * The three guardianship services: the register check (certificate), children’s consent and the deal (property),
 * the three inheritance variants; one-month validity.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider } from '../../src/application/decider.js'
import { decodeCommand } from '../../src/application/commands.js'
import { spec } from '../../src/testing/index.js'
import { caseOf, TEEN_2010, toChecked, TODDLER_2020 } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, k.context).given
const G = caseOf('guardianship-certificate')
const P = caseOf('guardianship-property-deal')
const I = caseOf('guardianship-inheritance')

// ── Guardianship certificate: the «Электронный реестр по опеке и попечительству».
const certRegistered = (channel: 'portal' | 'service_centre') => k.history(
  k.authorize(G.serviceId, channel), ...(channel === 'portal' ? [] : [k.checkPerson()]), k.sign(G.request), k.register())

test('certificate: the register has no record → refusal naming the register (the seed’s template)', () => {
  const c = k.checkRecord('guardianship_register', false)
  given(certRegistered('portal')).when(c).then([{
    type: 'rejected', schema: 1, applicationId: k.APP, commandId: c.commandId, at: c.at, reason: { code: 'record_not_found', registry: 'guardianship_register' },
  } as never])
})

test('certificate: the register confirms → checked(record); the document check may follow, and only then', () => {
  const registered = certRegistered('service_centre')
  given(registered).when(k.checkDocuments()).thenFails({ code: 'step_skipped', command: 'check_documents', missing: 'check_record' })
  const [e] = given(registered).when(k.checkRecord('guardianship_register')).thenEvents(([x]) => x?.type === 'checked')
  assert.ok(e?.type === 'checked' && e.check.kind === 'record' && e.check.registry === 'guardianship_register')
  given([...registered, e!]).when(k.checkRecord('guardianship_register')).thenFails({ code: 'not_allowed', command: 'check_record', stage: 'registered' })
  given([...registered, e!]).when(k.checkDocuments()).thenEvents(([x]) => x?.type === 'checked')
})

test('certificate: another register, or no desk channel → typed errors', () => {
  given(certRegistered('portal')).when(k.checkRecord('state_information_systems'))
    .thenFails({ code: 'inconsistent', command: 'check_record', detail: 'registry_not_in_service', serviceId: 'guardianship-certificate', subject: 'state_information_systems' })
  given([]).when(k.authorize(G.serviceId, 'provider_desk')).thenFails((e) => e.code === 'inconsistent' && e.detail === 'channel_not_offered')
})

test('certificate: the result names the akimat resolution and has no validity limit', () => {
  const [e] = given(k.history(...toChecked(G, 'portal'))).when(G.decision()).thenEvents(([x]) => x?.type === 'result_issued')
  assert.ok(e?.type === 'result_issued' && e.result.kind === 'guardianship_certificate' && e.result.appointmentDecision === '№ 211')
  assert.is(e.validUntil, undefined)
})

// ── Property deals: both spouses, children over 10 consent, valid one month.
const dealRequest = (children: readonly { iin: string; consent: boolean }[], deal = 'sale', pledge?: unknown) =>
  ({ ...P.request, deal, children, ...(pledge === undefined ? {} : { pledge }) }) as never

test('property deal: a child who has turned 10 without «согласны» → refused, naming the child', () => {
  const events = k.history(k.authorize(P.serviceId, 'portal'), k.sign(dealRequest([{ iin: TEEN_2010, consent: false }, { iin: TODDLER_2020, consent: false }])), k.register())
  given(events).when(k.checkDocuments()).thenEvents(([e]) =>
    e?.type === 'rejected' && e.reason.code === 'child_consent_missing' && e.reason.children.length === 1 && e.reason.children[0] === TEEN_2010)
})

test('property deal: children under 10 need no consent; the permission is valid one month, clamped to the month’s end', () => {
  const events = k.history(k.authorize(P.serviceId, 'portal'), k.sign(dealRequest([{ iin: TODDLER_2020, consent: false }])), k.register(), k.checkDocuments())
  const [e] = given(events).when(k.issue({ kind: 'property_deal_permission', deal: 'sale', propertyAddress: 'x' } as never, '2024-01-31')).thenEvents(([x]) => x?.type === 'result_issued')
  assert.is(e?.type === 'result_issued' && e.validUntil, '2024-02-29')
})

test('property deal: a permission for another deal than asked → typed error', () => {
  given(k.history(...toChecked(P, 'service_centre'))).when(k.issue({ kind: 'property_deal_permission', deal: 'gift', propertyAddress: 'x' } as never))
    .thenFails({ code: 'inconsistent', command: 'issue_result', detail: 'result_does_not_match_request', serviceId: 'guardianship-property-deal', subject: 'property_deal_permission' })
})

test('property deal: a pledge names the bank letter, loan and term, and only a pledge does (decoding)', () => {
  const sign = (request: unknown) => decodeCommand({ ...k.sign(P.request), request })
  const pledge = { bankLetter: 'письмо банка № 12', loanTiyn: 500_000_000, termMonths: 60 }
  assert.ok(E.isRight(sign(dealRequest([{ iin: TEEN_2010, consent: true }], 'pledge', pledge))))
  assert.ok(E.isLeft(sign(dealRequest([{ iin: TEEN_2010, consent: true }], 'pledge'))))
  assert.ok(E.isLeft(sign(dealRequest([{ iin: TEEN_2010, consent: true }], 'sale', pledge))))
  assert.ok(E.isLeft(sign(dealRequest([]))))
})

// ── Inheritance: three variants.
const inheritance = (variant: Record<string, unknown>, children = [{ iin: TEEN_2010, consent: false }]) =>
  ({ service: 'guardianship-inheritance', addressee: 'АО «Банк»', children, documents: k.docs, ...variant }) as never

test('inheritance: the bank form needs the consent of children over 10; the pension fund and road police forms do not', () => {
  const check = (variant: Record<string, unknown>) =>
    given(k.history(k.authorize(I.serviceId, 'portal'), k.sign(inheritance(variant)), k.register())).when(k.checkDocuments())
  check({ variant: 'bank' }).thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'child_consent_missing')
  check({ variant: 'road_police', vehicle: 'Toyota Camry, 123ABC16' }).thenEvents(([e]) => e?.type === 'checked')
  check({ variant: 'pension_fund', deathCertificate: 'св. № 1', inheritanceCertificate: 'св. № 2' }).thenEvents(([e]) => e?.type === 'checked')
})

test('inheritance: the pension form needs the death and inheritance certificates (decoding)', () => {
  assert.ok(E.isLeft(decodeCommand({ ...k.sign(I.request), request: inheritance({ variant: 'pension_fund' }) })))
  assert.ok(E.isLeft(decodeCommand({ ...k.sign(I.request), request: inheritance({ variant: 'road_police' }) })))
  assert.ok(E.isRight(decodeCommand({ ...k.sign(I.request), request: inheritance({ variant: 'bank' }) })))
})

test('inheritance: the certificate’s variant must be the request’s; valid one month', () => {
  const checked = k.history(...toChecked(I, 'service_centre'))
  given(checked).when(k.issue({ kind: 'inheritance_permission', variant: 'bank', addressee: 'АО «Банк»' } as never))
    .thenFails((e) => e.code === 'inconsistent' && e.detail === 'result_does_not_match_request')
  const [e] = given(checked).when(k.issue({ kind: 'inheritance_permission', variant: 'pension_fund', addressee: 'АО «ЕНПФ»' } as never, '2024-03-05')).thenEvents(() => true)
  assert.is(e?.type === 'result_issued' && e.validUntil, '2024-04-05')
})

test.run()
