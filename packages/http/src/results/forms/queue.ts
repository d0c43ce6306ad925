/**
 * The notices of entry in a waiting list: the housing notice with the queue number at registration (002 §7 Прил.3,
 * reference §3.4), and the kindergarten's «Уведомление о регистрации ребенка» with the Journal's number and date
 * (002 §3 Прил.3).
 */
import { message, type ApplicationRequest, type EventOf, type ServiceRequest } from '@kezek/domain'
import {
  addressee, bareNumber, childOf, contactOf, iinLabel, localDateOf, nameOf, officialDate, say, signatory,
  type DocLang, type FormContext, type FormLines,
} from '../form.js'

export interface QueueFacts {
  readonly queued: EventOf<'queued'>
  readonly applicantIin: string
  readonly request: ServiceRequest | ApplicationRequest | undefined
  /** The local clock the filing date is read on, in minutes east of UTC. */
  readonly utcOffsetMinutes: number
}

export const housingNoticeForm = (f: QueueFacts, l: DocLang, ctx: FormContext): FormLines => {
  const q = f.queued
  return [
    say('form.heading.notice', l),
    ...addressee(f.applicantIin, contactOf(f.request), l),
    say('form.housing.notice', l, {
      decisionDate: officialDate(q.commissionDecisionDate),
      category: message(q.list.category === 'preschool_journal' ? 'list.preschool_journal' : `category.${q.list.category}`, l),
      filedOn: officialDate(localDateOf(q.filedAt, f.utcOffsetMinutes)),
      requestNumber: bareNumber(q.requestNumber),
      familySize: q.familySize,
    }),
    say('form.housing.queue_number', l, { n: q.queueNumberAtRegistration }),
    signatory('form.position.head', l, ctx),
  ]
}

export const preschoolNoticeForm = (f: QueueFacts, journal: { readonly number: string; readonly date: string }, l: DocLang, ctx: FormContext): FormLines => {
  const child = childOf(f.request !== undefined && 'service' in f.request ? f.request : undefined)
  return [
    say('form.preschool_notice.title', l),
    say('form.preschool_notice.body', l, {
      parentName: nameOf(f.applicantIin, contactOf(f.request), l), childName: child === undefined ? '' : iinLabel(child.iin, l),
      journalNumber: bareNumber(journal.number), journalDate: officialDate(journal.date),
    }),
    say('form.preschool_notice.control', l),
    signatory('form.position.education_specialist', l, ctx),
  ]
}
