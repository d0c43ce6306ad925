/**
 * The positive result documents of the certificate-type services (`result_issued`), each after its own appendix
 * form: service 1's certificate, 2's allowance notice, 3's referral, 4's guardianship certificate with the guardian's
 * duties, 5's and 6's permissions with their month of validity, and seed 003's housing-assistance notice.
 */
import { message, type EventOf, type ServiceRequest } from '@kezek/domain'
import {
  addressee, bareNumber, childOf, childrenOf, contactOf, iinLabel, money, nameOf, officialDate, optional, say, signatory,
  type DocLang, type FormContext, type FormLines,
} from '../form.js'

export interface IssuedFacts {
  readonly issued: EventOf<'result_issued'>
  readonly request: ServiceRequest | undefined
  readonly applicantIin: string
}

const validity = (validUntil: string | undefined, l: DocLang): FormLines =>
  optional(validUntil, (d) => say('form.valid_one_month', l, { validUntil: officialDate(d) }))

export const issuedForm = ({ issued: e, request, applicantIin }: IssuedFacts, l: DocLang, ctx: FormContext): FormLines => {
  const r = e.result
  const contact = contactOf(request)
  const name = nameOf(applicantIin, contact, l)
  const child = childOf(request)
  const childName = child === undefined ? '' : iinLabel(child.iin, l)
  switch (r.kind) {
    case 'unemployment_certificate':
      return [
        say('form.unemployment.title', l),
        say('form.unemployment.name', l, { name }),
        say('form.unemployment.registered', l, { registeredOn: officialDate(r.registeredOn) }),
        ...optional(r.publicWorks, (publicWorks) => say('form.unemployment.public_works', l, { publicWorks })),
        ...optional(r.training, (training) => say('form.unemployment.training', l, { training })),
        ...optional(r.assistance, (assistance) => say('form.unemployment.assistance', l, { assistance })),
        ...optional(r.presentTo, (presentTo) => say('form.unemployment.present_to', l, { presentTo })),
      ]
    case 'disabled_child_allowance_notice':
      return [
        ...addressee(applicantIin, contact, l),
        say('form.allowance.greeting', l, { name }),
        say('form.allowance.body', l, {
          childName, amount: money(r.amountTiyn, l), periodFrom: officialDate(r.periodFrom), periodTo: officialDate(r.periodTo),
        }),
        say('form.allowance.table_header', l),
        ...r.payments.map((p, i) => say('form.allowance.table_row', l, { n: i + 1, quarter: p.quarter, year: p.year, amount: money(p.amountTiyn, l) })),
        say('form.allowance.collect', l),
        say('form.allowance.specialist', l),
        signatory('form.position.head_of_department', l, ctx),
      ]
    case 'preschool_referral': {
      const provider = ctx.providerName ?? ''
      const organisation = bareNumber(r.organisation)
      return [
        say('form.referral.title', l, { number: bareNumber(r.referralNumber) }),
        r.address === undefined
          ? say('form.referral.body_no_address', l, { provider, organisation })
          : say('form.referral.body', l, { provider, organisation, address: r.address }),
        say('form.referral.child', l, { childName }),
        ...optional(child?.birthDate, (d) => say('form.referral.birth_date', l, { birthDate: officialDate(d) })),
        ...optional(r.childAddress, (address) => say('form.referral.home_address', l, { address })),
        say('form.referral.issued', l, { issuedOn: officialDate(e.issuedOn) }),
        ...optional(e.validUntil, (d) => say('form.referral.validity', l, { validUntil: officialDate(d) })),
        signatory('form.position.head_of_education', l, ctx),
      ]
    }
    case 'guardianship_certificate': {
      const facts = {
        name, decision: bareNumber(r.appointmentDecision), appointedOn: officialDate(r.appointedOn),
        wardName: childName, wardBirthDate: child?.birthDate === undefined ? '' : officialDate(child.birthDate),
      }
      return [
        say('form.guardianship.title', l, { number: bareNumber(r.certificateNumber) }),
        r.residence === undefined
          ? say('form.guardianship.body_no_place', l, facts)
          : say('form.guardianship.body', l, { ...facts, place: r.residence }),
        say('form.guardianship.duties', l),
        signatory('form.position.head_of_education', l, ctx),
      ]
    }
    case 'property_deal_permission':
      return [
        say('form.property_deal.title', l),
        say('form.property_deal.body', l, { children: childrenOf(request, l), deal: message(`deal.${r.deal}`, l), address: r.propertyAddress }),
        ...validity(e.validUntil, l),
        signatory('form.position.head_of_education', l, ctx),
      ]
    case 'inheritance_permission': {
      const children = childrenOf(request, l)
      const body = r.variant === 'pension_fund'
        ? say('form.inheritance.pension_fund', l, {
            name, children, addressee: r.addressee,
            inheritanceCertificate: request !== undefined && 'inheritanceCertificate' in request ? request.inheritanceCertificate : '',
            deathCertificate: request !== undefined && 'deathCertificate' in request ? request.deathCertificate : '',
          })
        : r.variant === 'bank'
          ? say('form.inheritance.bank', l, { name, children, addressee: r.addressee })
          : say('form.inheritance.road_police', l, { children, vehicle: request !== undefined && 'vehicle' in request ? request.vehicle : '' })
      return [
        say('form.inheritance.addressee', l, { addressee: r.addressee }),
        say('form.property_deal.title', l),
        body,
        ...validity(e.validUntil, l),
        signatory('form.position.head_of_education', l, ctx),
      ]
    }
    case 'housing_assistance_notice':
      return [
        say('form.heading.notice', l),
        ...addressee(applicantIin, contact, l),
        say('form.housing_assistance.notice', l, { amount: money(r.monthlyTiyn, l), periodFrom: officialDate(r.periodFrom), periodTo: officialDate(r.periodTo) }),
        signatory('form.position.head_of_department', l, ctx),
      ]
  }
}
