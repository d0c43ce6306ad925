/**
 * Result documents of the certificate-type services, as the data they print. The document itself (XML signed with
 * the provider's key) lives outside the stream; `result_issued` records its kind, its data, its digest and how long
 * it is valid.
 */
import * as t from 'io-ts'
import { Reference } from '../kernel/ids.js'
import { LocalDate } from '../kernel/instant.js'
import { personalText } from '../kernel/personal.js'
import { InheritanceVariant, PropertyDeal, Tiyn } from './service-request.js'

export const Quarter = t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4)], 'Quarter')
export type Quarter = t.TypeOf<typeof Quarter>

/** One row of the allowance notice's table «№ | Квартал | Год | Сумма выплаты». */
export const PaymentRow = t.type(
  { quarter: Quarter, year: t.refinement(t.Integer, (y) => y >= 1990 && y <= 2200, 'Year'), amountTiyn: Tiyn },
  'PaymentRow',
)
export type PaymentRow = t.TypeOf<typeof PaymentRow>

export const IssuedResult = t.union(
  [
    /** Service 1: «Справка о регистрации в качестве безработного» (art. 15 of the Law «О занятости населения»). */
    t.intersection([
      t.type({ kind: t.literal('unemployment_certificate'), registeredOn: LocalDate, periodFrom: LocalDate, periodTo: LocalDate }),
      t.partial({ publicWorks: Reference, training: Reference, assistance: Reference, presentTo: Reference }),
    ]),
    /** Service 2: «Уведомляем Вас о назначении материального обеспечения … в размере ___ на период с ___ по ___». */
    t.type({
      kind: t.literal('disabled_child_allowance_notice'),
      amountTiyn: Tiyn,
      periodFrom: LocalDate,
      periodTo: LocalDate,
      payments: t.refinement(t.readonlyArray(PaymentRow), (r) => r.length > 0, 'PaymentTable'),
    }),
    /** Service 3: «НАПРАВЛЕНИЕ № ___» to a pre-school organisation; valid five days from issue. */
    t.intersection([
      t.type({ kind: t.literal('preschool_referral'), referralNumber: personalText('document', Reference), organisation: Reference }),
      /** `address`: the organisation's; `childAddress`: «Домашний адрес ребенка». */
      t.partial({ address: Reference, childAddress: personalText('address', Reference) }),
    ]),
    /** Service 4: the guardian, «проживающему (ей) в г. ___», was appointed by akimat resolution № … of … */
    t.intersection([
      t.type({
        kind: t.literal('guardianship_certificate'),
        certificateNumber: personalText('document', Reference),
        appointmentDecision: Reference,
        appointedOn: LocalDate,
      }),
      t.partial({ residence: personalText('address', Reference) }),
    ]),
    /** Service 5: permission for the deal with the minors' dwelling; valid one month. */
    t.type({ kind: t.literal('property_deal_permission'), deal: PropertyDeal, propertyAddress: personalText('address', Reference) }),
    /** Service 6: permission addressed to a pension fund, a bank or a road-police unit; valid one month. */
    t.type({ kind: t.literal('inheritance_permission'), variant: InheritanceVariant, addressee: Reference }),
    /** Seed 003: «уведомление о назначении жилищной помощи». The amount and period are the assignment's. */
    t.type({ kind: t.literal('housing_assistance_notice'), monthlyTiyn: Tiyn, periodFrom: LocalDate, periodTo: LocalDate }),
  ],
  'IssuedResult',
)
export type IssuedResult = t.TypeOf<typeof IssuedResult>
export type ResultKindId = IssuedResult['kind']
export const resultKindIds: readonly ResultKindId[] = [
  'unemployment_certificate',
  'disabled_child_allowance_notice',
  'preschool_referral',
  'guardianship_certificate',
  'property_deal_permission',
  'inheritance_permission',
  'housing_assistance_notice',
]

/** How long a result stays valid after the day it is issued. */
export type Validity = { readonly unit: 'days' | 'months'; readonly amount: number }

/** The ЦОН receipt (расписка, seed 003 п.10): what the operator accepted, and when the result can be collected. */
export const Receipt = t.intersection([
  t.type({
    receiptNumber: personalText('document', Reference),
    /** «количества и названий приложенных документов» */
    documents: t.refinement(t.readonlyArray(Reference), (d) => d.length > 0, 'ReceiptDocuments'),
    /** «даты (времени) и места выдачи документов»: the month of storage counts from here. */
    collectOn: LocalDate,
    collectAt: Reference,
    /** «фамилии, имени, отчества работника ЦОН, принявшего заявление» */
    operator: Reference,
  }),
  t.partial({ contactPhone: personalText('phone', Reference) }),
], 'Receipt')
export type Receipt = t.TypeOf<typeof Receipt>

/** An entry of a registration journal: the kindergarten queue's «за № ___, от «___» ___ 20__ года». */
export const JournalEntry = t.type({ number: Reference, date: LocalDate }, 'JournalEntry')
export type JournalEntry = t.TypeOf<typeof JournalEntry>
