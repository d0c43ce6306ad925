/**
 * One history per result document a seed prints a form for: every service's positive document and its refusals,
 * with the optional data both given and left out, so the fixtures show each line and its absence.
 */
import type { ApplicationEvent } from '@kezek/domain'
import type { FormContext } from '../../src/results/form.js'

export const APPLICANT = '870412300415'
const CHILD = '180301600123'
const WARD = '120515500217'
const PROVIDER = 'kokpekty-education'

let n = 0
const ev = (type: string, at: string, fields: Record<string, unknown>): ApplicationEvent =>
  ({ type, schema: 1, applicationId: 'app-1', commandId: `cmd-${(n += 1)}`, at, ...fields }) as unknown as ApplicationEvent

const intake = (serviceId: string, channel = 'portal'): ApplicationEvent[] => [
  ev('authorized', '2024-03-01T04:00:00.000Z', { serviceId, providerId: PROVIDER, channel, applicantIin: APPLICANT }),
]

const signedService = (request: object): ApplicationEvent[] => [
  ev('request_signed', '2024-03-01T04:05:00.000Z', { request, signerIin: APPLICANT, documentDigest: 'd', signedAt: '2024-03-01T04:05:00.000Z' }),
  ev('registered', '2024-03-01T04:06:00.000Z', { requestNumber: '000123' }),
]

const issue = (result: unknown, issuedOn: string, validUntil?: string): ApplicationEvent =>
  ev('result_issued', `${issuedOn}T06:00:00.000Z`, { result, issuedOn, documentDigest: '', ...(validUntil === undefined ? {} : { validUntil }) })

const reject = (reason: unknown): ApplicationEvent => ev('rejected', '2024-03-05T06:00:00.000Z', { reason })

const nonconforming = { code: 'documents_nonconforming', reasons: ['не приложена справка о составе семьи.'], appealable: true }
const contact = { fullName: 'Сапарова Айгерим Маратовна', address: 'с. Кокпекты, ул. Абая, 12', phone: '+7 701 000 00 00' }

export interface FormCase {
  readonly service: string
  readonly name: string
  readonly events: readonly ApplicationEvent[]
  readonly ctx: FormContext
}

const head: FormContext = { providerName: 'Отдел образования Кокпектинского района', headOfOffice: 'Нурланов Б.К.' }
const c = (service: string, name: string, events: readonly ApplicationEvent[], ctx: FormContext = head): FormCase => ({ service, name, events, ctx })

const unemployment = { service: 'unemployment-certificate', documents: [], periodFrom: '2024-01-01', periodTo: '2024-02-29', contact } as const
const allowance = { service: 'disabled-child-allowance', documents: [], child: { iin: CHILD }, bankAccount: 'KZ000', bankName: 'Halyk' } as const
const kindergarten = { service: 'kindergarten-queue', documents: [], child: { iin: CHILD }, contact: { fullName: contact.fullName } } as const
const guardianship = { service: 'guardianship-certificate', documents: [], ward: { iin: WARD } } as const
const minors = [{ iin: CHILD, consent: false }, { iin: WARD, consent: true }]
const deal = { service: 'guardianship-property-deal', documents: [], deal: 'sale', propertyAddress: 'с. Кокпекты, ул. Абая, 12, кв. 3', children: minors } as const
const inheritance = (variant: Record<string, string>) => ({ service: 'guardianship-inheritance', documents: [], addressee: 'АО «ЕНПФ»', children: minors, ...variant })
const housingRequest = { category: 'socially_vulnerable', familySize: 4, documents: [], contact }

export const formCases: readonly FormCase[] = [
  c('unemployment-certificate', 'certificate, every field', [...intake('unemployment-certificate'), ...signedService(unemployment), issue({
    kind: 'unemployment_certificate', registeredOn: '2024-01-10', periodFrom: '2024-01-01', periodTo: '2024-02-29',
    publicWorks: 'не участвовал', training: 'курсы сварщиков, 2023', assistance: 'жилищная помощь с 01.02.2024', presentTo: 'в банк',
  }, '2024-03-02')]),
  c('unemployment-certificate', 'certificate, optional fields absent', [...intake('unemployment-certificate'), ...signedService({ ...unemployment, contact: {} }), issue({
    kind: 'unemployment_certificate', registeredOn: '2024-01-10', periodFrom: '2024-01-01', periodTo: '2024-02-29',
  }, '2024-03-02')]),
  c('unemployment-certificate', 'refusal', [...intake('unemployment-certificate'), ...signedService(unemployment), reject(nonconforming)]),
  c('unemployment-certificate', 'refusal before signing: no data in ГБД ФЛ', [...intake('unemployment-certificate', 'provider_desk'), reject({ code: 'person_not_found' })]),

  c('disabled-child-allowance', 'notice', [...intake('disabled-child-allowance'), ...signedService({ ...allowance, contact }), issue({
    kind: 'disabled_child_allowance_notice', amountTiyn: 3000000, periodFrom: '2024-01-01', periodTo: '2024-06-30',
    payments: [{ quarter: 1, year: 2024, amountTiyn: 1500000 }, { quarter: 2, year: 2024, amountTiyn: 1500000 }],
  }, '2024-03-12')]),
  c('disabled-child-allowance', 'refusal on the commission’s conclusion', [...intake('disabled-child-allowance'), ...signedService(allowance), reject(nonconforming)]),
  c('disabled-child-allowance', 'refusal before signing: signature not confirmed', [...intake('disabled-child-allowance'), reject({ code: 'signature_not_confirmed', failure: 'certificate_expired', detail: 'x' })]),

  c('kindergarten-queue', 'registration notice', [...intake('kindergarten-queue'), ...signedService(kindergarten),
    ev('queued', '2024-03-04T05:00:00.000Z', {
      list: { providerId: PROVIDER, category: 'preschool_journal' }, applicantIin: APPLICANT, familySize: 1, filedAt: '2024-03-01T04:05:00.000Z',
      requestNumber: '000123', commissionDecisionDate: '2024-03-04', queueNumberAtRegistration: 154, journal: { number: '№ 154', date: '2024-03-04' },
    })]),
  c('kindergarten-queue', 'referral, every field', [...intake('kindergarten-queue'), ...signedService(kindergarten), issue({
    kind: 'preschool_referral', referralNumber: '45', organisation: '3 «Балапан»', address: 'с. Кокпекты, ул. Ленина, 5', childAddress: 'с. Кокпекты, ул. Абая, 12',
  }, '2024-09-02', '2024-09-07')]),
  c('kindergarten-queue', 'referral, addresses absent', [...intake('kindergarten-queue'), ...signedService(kindergarten), issue({
    kind: 'preschool_referral', referralNumber: '46', organisation: '3 «Балапан»',
  }, '2024-09-02', '2024-09-07')]),
  c('kindergarten-queue', 'refusal: the child is seven', [...intake('kindergarten-queue'), ...signedService(kindergarten),
    reject({ code: 'child_over_age', birthDate: '2017-03-01', ageYears: 7, limitYears: 7 })]),

  c('guardianship-certificate', 'certificate', [...intake('guardianship-certificate'), ...signedService({ ...guardianship, contact }), issue({
    kind: 'guardianship_certificate', certificateNumber: '17', appointmentDecision: '№ 211', appointedOn: '2023-11-20', residence: 'с. Кокпекты',
  }, '2024-03-07')]),
  c('guardianship-certificate', 'certificate, residence absent', [...intake('guardianship-certificate'), ...signedService(guardianship), issue({
    kind: 'guardianship_certificate', certificateNumber: '18', appointmentDecision: '211', appointedOn: '2023-11-20',
  }, '2024-03-07')], { providerName: 'Отдел образования Кокпектинского района' }),
  c('guardianship-certificate', 'refusal: no record in the register', [...intake('guardianship-certificate'), ...signedService(guardianship),
    reject({ code: 'record_not_found', registry: 'guardianship_register' })]),
  c('guardianship-certificate', 'refusal before signing: power of attorney not in ЕНИС', [...intake('guardianship-certificate', 'service_centre'), reject({ code: 'power_of_attorney_not_found' })]),

  c('guardianship-property-deal', 'permission', [...intake('guardianship-property-deal'), ...signedService(deal), issue({
    kind: 'property_deal_permission', deal: 'sale', propertyAddress: 'с. Кокпекты, ул. Абая, 12, кв. 3',
  }, '2024-03-07', '2024-04-07')]),
  c('guardianship-property-deal', 'refusal', [...intake('guardianship-property-deal'), ...signedService(deal),
    reject({ code: 'child_consent_missing', children: [WARD] })]),

  c('guardianship-inheritance', 'permission to the pension fund', [...intake('guardianship-inheritance'), ...signedService(inheritance({ variant: 'pension_fund', deathCertificate: '№ 0012 от 02.01.2024', inheritanceCertificate: '№ 77 от 15.02.2024' })), issue({
    kind: 'inheritance_permission', variant: 'pension_fund', addressee: 'АО «ЕНПФ»',
  }, '2024-03-07', '2024-04-07')]),
  c('guardianship-inheritance', 'permission to the bank', [...intake('guardianship-inheritance'), ...signedService(inheritance({ variant: 'bank', addressee: 'АО «Halyk Bank»' })), issue({
    kind: 'inheritance_permission', variant: 'bank', addressee: 'АО «Halyk Bank»',
  }, '2024-03-07', '2024-04-07')]),
  c('guardianship-inheritance', 'permission to the road police', [...intake('guardianship-inheritance'), ...signedService(inheritance({ variant: 'road_police', addressee: 'УАП ДП ВКО', vehicle: 'Toyota Camry, 123ABC16' })), issue({
    kind: 'inheritance_permission', variant: 'road_police', addressee: 'УАП ДП ВКО',
  }, '2024-03-07', '2024-04-07')]),

  c('housing-queue', 'notice of registration', [...intake('housing-queue'),
    ev('signed', '2024-03-01T04:05:00.000Z', { request: housingRequest, signerIin: APPLICANT, documentDigest: 'd', signedAt: '2024-03-01T04:05:00.000Z' }),
    ev('registered', '2024-03-01T04:06:00.000Z', { requestNumber: '000123' }),
    ev('queued', '2024-03-20T05:00:00.000Z', {
      list: { providerId: PROVIDER, category: 'socially_vulnerable' }, applicantIin: APPLICANT, familySize: 4, filedAt: '2024-03-01T20:30:00.000Z',
      requestNumber: '000123', commissionDecisionDate: '2024-03-20', queueNumberAtRegistration: 1203,
    })], { providerName: 'Отдел ЖКХ', headOfOffice: 'Ахметов С.Т.' }),
  c('housing-queue', 'refusal', [...intake('housing-queue'),
    ev('signed', '2024-03-01T04:05:00.000Z', { request: housingRequest, signerIin: APPLICANT, documentDigest: 'd', signedAt: '2024-03-01T04:05:00.000Z' }),
    reject(nonconforming)], { providerName: 'Отдел ЖКХ' }),
  c('housing-queue', 'refusal before signing: no data in ГБД ФЛ', [...intake('housing-queue', 'service_centre'), reject({ code: 'person_not_found' })], { providerName: 'Отдел ЖКХ' }),

  c('housing-assistance', 'notice', [...intake('housing-assistance'), ...signedService({ service: 'housing-assistance', documents: [], familySize: 3, contact }), issue({
    kind: 'housing_assistance_notice', monthlyTiyn: 512050, periodFrom: '2024-04-01', periodTo: '2024-06-30',
  }, '2024-03-09')], { providerName: 'Отдел занятости и социальных программ' }),
  c('housing-assistance', 'intake refusal receipt: incomplete package', [...intake('housing-assistance', 'service_centre'),
    reject({ code: 'package_incomplete', missing: ['справка о доходах', 'квитанции за коммунальные услуги'] })], { providerName: 'Отдел занятости и социальных программ' }),
]

/** The receipts (расписка) the regulations give at intake: ЦОН's for housing assistance (003 п.10), the housing list's desk receipt (000 Прил.1). */
export const receiptCases: readonly FormCase[] = [
  c('housing-assistance', 'ЦОН receipt of a complete package', [...intake('housing-assistance', 'service_centre'),
    ev('checked', '2024-03-01T04:10:00.000Z', { check: { kind: 'package', receipt: {
      receiptNumber: 'Р-17', documents: ['заявление', 'справка о доходах'], collectOn: '2024-03-15', collectAt: 'ЦОН № 2, окно 4', operator: 'Ахметова А.', contactPhone: '+7 701 111 22 33',
    } } }),
    ...signedService({ service: 'housing-assistance', documents: [], familySize: 3, contact })]),
  c('housing-queue', 'desk receipt', [...intake('housing-queue', 'provider_desk'),
    ev('signed', '2024-03-01T04:05:00.000Z', { request: { ...housingRequest, documents: [{ kind: 'application', digest: 'ab'.repeat(32) }] }, signerIin: APPLICANT, documentDigest: 'd', signedAt: '2024-03-01T04:05:00.000Z' }),
    ev('registered', '2024-03-01T04:06:00.000Z', { requestNumber: '000124' })]),
]
