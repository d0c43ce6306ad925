/**
 * Refusal documents, each service after its own form: the unemployment letter (002 §1), the allowance refusal on
 * the commission's conclusion (§2), the referral refusal (§3), the register refusal of the guardianship certificate
 * (§4), the housing notice of refusal (§7), and a free-form letter where a seed leaves it free («в произвольной
 * форме в виде письма с текстом обоснования отказа»). Every motivated refusal — also one made before the request
 * was signed (ГБД ФЛ, ЕНИС, the signature) — ends with the appeal clause. The ЦОН's refusal to accept an
 * incomplete package is a receipt, not a decision, and has none.
 */
import { definitionOf, message, rejectionReason, type ApplicationRequest, type RejectionReason, type ServiceRequest } from '@kezek/domain'
import {
  addressee, childOf, contactOf, iinLabel, nameOf, officialDate, say, signatory, type DocLang, type FormContext, type FormLines,
} from '../form.js'

export interface RefusalFacts {
  readonly serviceId: string
  readonly applicantIin: string
  readonly reason: RejectionReason
  /** The signed request, when the refusal came after signing. */
  readonly request: ServiceRequest | ApplicationRequest | undefined
}

const isServiceRequest = (r: ServiceRequest | ApplicationRequest | undefined): r is ServiceRequest => r !== undefined && 'service' in r

export const refusalForm = (f: RefusalFacts, l: DocLang, ctx: FormContext): FormLines => {
  const reasonText = rejectionReason(f.reason, l)
  if (f.reason.code === 'package_incomplete') {
    return [message('template.package_refusal_receipt', l, { missing: f.reason.missing.join('; ') })]
  }
  const contact = contactOf(f.request)
  const name = nameOf(f.applicantIin, contact, l)
  const serviceRequest = isServiceRequest(f.request) ? f.request : undefined
  const child = childOf(serviceRequest)
  const childName = child === undefined ? '' : iinLabel(child.iin, l)
  const reasonLine = say('form.refusal.reason', l, { reason: reasonText })
  const appeal = message('result.appeal', l)
  switch (f.serviceId) {
    case 'unemployment-certificate':
      return [say('form.unemployment.refusal_to', l, { name }), say('form.unemployment.refusal_body', l), reasonLine, appeal,
        signatory('form.position.head_of_department', l, ctx)]
    case 'disabled-child-allowance':
      if (child === undefined) break
      return [...addressee(f.applicantIin, contact, l), say('form.allowance.greeting', l, { name }),
        say('form.allowance.refusal_body', l, { childName }), reasonLine, appeal, signatory('form.position.head_of_department', l, ctx)]
    case 'kindergarten-queue':
      if (child === undefined) break
      return [say('form.preschool_refusal.body', l, { name, childName, reason: reasonText }), appeal,
        signatory('form.position.head_of_education', l, ctx)]
    case 'guardianship-certificate':
      if (child === undefined || f.reason.code !== 'record_not_found') break
      return [
        say('form.guardianship.refusal_body', l, { name, wardName: childName, wardBirthDate: child.birthDate === undefined ? '' : officialDate(child.birthDate) }),
        say('form.guardianship.refusal_reason', l), appeal, signatory('form.position.head_of_education', l, ctx),
      ]
    case 'housing-queue':
      if (f.request === undefined || 'service' in f.request) break
      return [say('form.heading.notice', l), ...addressee(f.applicantIin, contact, l),
        say('form.housing.refusal', l, { familySize: f.request.familySize }), reasonLine, appeal, signatory('form.position.head', l, ctx)]
  }
  // Free form: before the request was signed, or where the seed prints no form.
  const service = definitionOf(f.serviceId)?.name[l] ?? f.serviceId
  return [
    say('form.heading.notice', l), ...addressee(f.applicantIin, contact, l), say('form.free_refusal.greeting', l, { name }),
    say('form.free_refusal.body', l, { service }), reasonLine, appeal,
    signatory(educationServices.has(f.serviceId) ? 'form.position.head_of_education' : f.serviceId === 'housing-queue' ? 'form.position.head' : 'form.position.head_of_department', l, ctx),
  ]
}

/** The services an education department provides (seed 002 §3–6): their letters are signed by its head. */
const educationServices: ReadonlySet<string> = new Set([
  'kindergarten-queue', 'guardianship-certificate', 'guardianship-property-deal', 'guardianship-inheritance',
])
