/**
 * What a citizen asks for under the services other than the housing waiting list, one typed request per service.
 * Each names its service in `service`, so a request cannot be filed under the wrong one unnoticed (the decider
 * compares it with the service the application was authorized for). The housing request (`ApplicationRequest`)
 * keeps its shape and has no `service` field.
 *
 * Fields come from the application screen forms of seed 002 (Прил.3/4) and seed 003; what the forms leave to
 * «пункт 11 Стандарта» stays in `documents`.
 */
import * as t from 'io-ts'
import { Reference } from '../kernel/ids.js'
import { ERASED_DATE, personal, personalText, PersonalIin } from '../kernel/personal.js'
import { LocalDate } from '../kernel/instant.js'
import { Contact } from './contact.js'
import { DocumentRef } from './document-ref.js'

const FamilySize = t.refinement(t.Integer, (n) => n >= 1 && n <= 99, 'FamilySize')
const Documents = t.readonlyArray(DocumentRef)
/** A person's birth date: personal data like the IIN that usually carries it. */
export const BirthDate = personal(LocalDate, { kind: 'birth_date', erased: ERASED_DATE })
/** Whole tiyn (1 tenge = 100 tiyn): money is never a float. */
export const Tiyn = t.refinement(t.Integer, (n) => n >= 0 && n <= 1e13, 'Tiyn')
export type Tiyn = t.TypeOf<typeof Tiyn>

const nonEmpty = <C extends t.Mixed>(c: C, name: string) =>
  t.refinement(t.readonlyArray(c), (xs) => xs.length > 0, name)

const request = <S extends string, P extends t.Props>(service: S, props: P, name: string) =>
  t.intersection([t.type({ service: t.literal(service), documents: Documents, ...props }), t.partial({ representativeIin: PersonalIin, contact: Contact })], name)

/**
 * A child named in a request. The birth date is optional because the IIN's first six digits usually carry it; since
 * 2013 they need not, so an explicit date wins (kernel/iin.ts).
 */
export const Child = t.intersection([t.type({ iin: PersonalIin }), t.partial({ birthDate: BirthDate })], 'Child')
export type Child = t.TypeOf<typeof Child>

/** A minor whose property is concerned. «Дети старше 10 лет расписываются, пишут слово "согласны"». */
export const Minor = t.intersection([Child, t.type({ consent: t.boolean })], 'Minor')
export type Minor = t.TypeOf<typeof Minor>

/** Service 1: «Прошу выдать мне справку о статусе безработного(ой) за период с … по …». */
export const UnemploymentCertificateRequest = request('unemployment-certificate', {
  periodFrom: LocalDate,
  periodTo: LocalDate,
}, 'UnemploymentCertificateRequest')

/** Service 2: the child, and the account the allowance is paid to (Прил.4 «№ лицевого счета», «Наименование банка»). */
export const DisabledChildAllowanceRequest = request('disabled-child-allowance', {
  child: Child,
  bankAccount: personalText('document', Reference),
  bankName: Reference,
}, 'DisabledChildAllowanceRequest')

/** Service 3: the child to be put in the Journal. */
export const KindergartenQueueRequest = request('kindergarten-queue', { child: Child }, 'KindergartenQueueRequest')

/** Service 4: the ward whose guardianship the certificate confirms. */
export const GuardianshipCertificateRequest = request('guardianship-certificate', { ward: Child }, 'GuardianshipCertificateRequest')

export const PropertyDeal = t.keyof({ sale: null, exchange: null, gift: null, pledge: null }, 'PropertyDeal')
export type PropertyDeal = t.TypeOf<typeof PropertyDeal>

const Pledge = t.type({ bankLetter: personalText('document', Reference), loanTiyn: Tiyn, termMonths: t.refinement(t.Integer, (n) => n >= 1 && n <= 600, 'TermMonths') }, 'Pledge')

/**
 * Service 5: both spouses ask permission to sell, exchange, give or pledge a dwelling owned by their children. A
 * pledge names the bank letter, the loan and its term (form (b)); the other deals name none, so the pledge block is
 * present exactly when the deal is a pledge.
 */
export const PropertyDealRequest = t.refinement(
  t.intersection([
    request('guardianship-property-deal', {
      deal: PropertyDeal,
      propertyAddress: personalText('address', Reference),
      children: nonEmpty(Minor, 'Minors'),
    }, 'PropertyDealFields'),
    t.partial({ pledge: Pledge, secondParentIin: PersonalIin }),
  ]),
  (r) => (r.deal === 'pledge') === (r.pledge !== undefined),
  'PropertyDealRequest',
)

export const InheritanceVariant = t.keyof({ pension_fund: null, bank: null, road_police: null }, 'InheritanceVariant')
export type InheritanceVariant = t.TypeOf<typeof InheritanceVariant>

/**
 * Service 6, three forms: pension savings after the depositor's death (death certificate and notarial certificate
 * of inheritance), a bank deposit, a vehicle. `addressee` is the fund, bank or road-police unit the certificate is
 * addressed to.
 */
export const InheritanceRequest = t.intersection([
  request('guardianship-inheritance', { addressee: Reference, children: nonEmpty(Minor, 'Minors') }, 'InheritanceFields'),
  t.union([
    t.type({ variant: t.literal('pension_fund'), deathCertificate: personalText('document', Reference), inheritanceCertificate: personalText('document', Reference) }),
    t.type({ variant: t.literal('bank') }),
    t.type({ variant: t.literal('road_police'), vehicle: personalText('document', Reference) }),
  ]),
], 'InheritanceRequest')

/** Seed 003: housing assistance is assigned to a family. */
export const HousingAssistanceRequest = request('housing-assistance', { familySize: FamilySize }, 'HousingAssistanceRequest')

export const ServiceRequest = t.union(
  [
    UnemploymentCertificateRequest,
    DisabledChildAllowanceRequest,
    KindergartenQueueRequest,
    GuardianshipCertificateRequest,
    PropertyDealRequest,
    InheritanceRequest,
    HousingAssistanceRequest,
  ],
  'ServiceRequest',
)
export type ServiceRequest = t.TypeOf<typeof ServiceRequest>
export type ServiceRequestOf<S extends ServiceRequest['service']> = Extract<ServiceRequest, { service: S }>
