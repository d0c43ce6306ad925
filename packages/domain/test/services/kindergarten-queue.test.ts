/**
 * The kindergarten queue: a child under 7 at the filing instant, the Journal's number and date, the waiting list
 * with its own list and ordering policy, and the referral valid five days.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider } from '../../src/application/decider.js'
import type { ApplicationEvent } from '../../src/application/events.js'
import { ageOn, birthDateOf } from '../../src/application/age.js'
import { journalOrder, filingOrder } from '../../src/queue/ordering-policy.js'
import { emptyWaitingList, rebuildWaitingList } from '../../src/queue/waiting-list.js'
import { kindergartenQueueKokpekty2012 } from '../../src/service/kindergarten-queue.js'
import { progressOf } from '../../src/service/overdue.js'
import { kazakhstanOfficial } from '../../src/service/kazakhstan-holidays.js'
import { statusOf } from '../../src/status/application-status.js'
import { spec } from '../../src/testing/index.js'
import { caseOf, CHILD_2021, toChecked, toRegistered } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, k.context).given
const KG = caseOf('kindergarten-queue')
const childRequest = (child: Record<string, unknown>) => ({ service: 'kindergarten-queue', child, documents: k.docs }) as never

/** Through the document check, the request signed at `signedAt` (the filing instant). */
const filedAt = (child: Record<string, unknown>, signedAt: string) => [
  k.authorize('kindergarten-queue', 'portal'),
  k.sign(childRequest(child), k.signature(k.APPLICANT, signedAt)),
  k.register(),
]

const referral = { kind: 'preschool_referral', referralNumber: '88', organisation: 'ясли-сад № 7 «Балапан»', address: 'ул. Абая 5' } as never

test('a child under 7 at the filing instant is queued with the Journal number and date', () => {
  const born = k.iinBorn('2017-03-02')
  const events = k.history(...filedAt({ iin: born }, '2024-03-01T10:00:00.000Z'), k.checkDocuments())
  const [q] = given(events).when(k.queue({ category: 'preschool_journal', journal: { number: '154', date: '2024-03-04' } })).thenEvents(([e]) => e?.type === 'queued')
  assert.ok(q?.type === 'queued')
  assert.equal(q.journal, { number: '154', date: '2024-03-04' })
  assert.equal(q.list, { providerId: k.PROVIDER, category: 'preschool_journal' })
})

test('the child turned 7 before filing → refused at the provider’s check (child_over_age), with the birth date', () => {
  const born = k.iinBorn('2017-03-01')
  const events = k.history(...filedAt({ iin: born }, '2024-03-01T10:00:00.000Z'))
  const c = k.checkDocuments()
  given(events).when(c).then([{
    type: 'rejected', schema: 1, applicationId: k.APP, commandId: c.commandId, at: c.at,
    reason: { code: 'child_over_age', birthDate: '2017-03-01', ageYears: 7, limitYears: 7 },
  } as never])
  // even when the documents would conform, and it is final: no queue afterwards
  const refused = k.history(...filedAt({ iin: born }, '2024-03-01T10:00:00.000Z'), k.checkDocuments())
  given(refused).when(KG.decision()).thenFails({ code: 'not_allowed', command: 'queue', stage: 'rejected' })
})

test('the seventh birthday is read on the Kazakhstan clock: 19:30 UTC on the eve is already the birthday', () => {
  const born = k.iinBorn('2017-03-02')
  // 2024-03-01T19:30Z = 2024-03-02 00:30 at UTC+5: the child is 7.
  const late = k.history(...filedAt({ iin: born }, '2024-03-01T19:30:00.000Z'))
  given(late).when(k.checkDocuments()).thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'child_over_age' && e.reason.ageYears === 7)
  // 18:30Z = 23:30 local on 1 March: still 6.
  const early = k.history(...filedAt({ iin: born }, '2024-03-01T18:30:00.000Z'))
  given(early).when(k.checkDocuments()).thenEvents(([e]) => e?.type === 'checked')
})

test('an explicit birth date wins over the IIN hint (the digits need not be a real date since 2013)', () => {
  const hintSaysSix = k.iinBorn('2018-01-01')
  const events = k.history(...filedAt({ iin: hintSaysSix, birthDate: '2016-05-05' }, '2024-03-01T10:00:00.000Z'))
  given(events).when(k.checkDocuments()).thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'child_over_age' && e.reason.birthDate === '2016-05-05')
})

test('no birth date and an IIN without a readable one → typed error at signing, nothing recorded', () => {
  const noDate = '000000000000' // checksum-valid, century digit 0: no hint
  const authorized = k.history(k.authorize('kindergarten-queue', 'portal'))
  given(authorized).when(k.sign(childRequest({ iin: noDate }))).thenFails({ code: 'inconsistent', command: 'sign', detail: 'child_birth_date_unknown', subject: noDate })
})

test('age arithmetic: completed years, 29 February', () => {
  assert.is(ageOn('2017-03-02' as never, '2024-03-01' as never), 6)
  assert.is(ageOn('2017-03-02' as never, '2024-03-02' as never), 7)
  assert.is(ageOn('2016-02-29' as never, '2023-02-28' as never), 6)
  assert.is(ageOn('2016-02-29' as never, '2023-03-01' as never), 7)
  assert.is(birthDateOf({ iin: CHILD_2021 as never }), '2021-06-01')
})

test('queue without the Journal entry, or into a housing list → typed errors', () => {
  const checked = k.history(...toChecked(KG, 'provider_desk'))
  given(checked).when(k.queue({ category: 'preschool_journal' })).thenFails({ code: 'inconsistent', command: 'queue', detail: 'journal_entry_required', serviceId: 'kindergarten-queue' })
  given(checked).when(k.queue({ category: 'orphans', journal: { number: '1', date: '2024-03-04' } }))
    .thenFails({ code: 'inconsistent', command: 'queue', detail: 'list_not_offered', serviceId: 'kindergarten-queue', subject: 'orphans' })
})

test('a referral to a child waiting in the Journal: valid five days, and the child leaves the list', () => {
  const queued = k.history(...toChecked(KG, 'portal'), KG.decision())
  const [r] = given(queued).when(k.issue(referral, '2024-04-10')).thenEvents(([e]) => e?.type === 'result_issued')
  assert.ok(r?.type === 'result_issued')
  assert.is(r.validUntil, '2024-04-15')
  const list = rebuildWaitingList([...queued], journalOrder)
  assert.is(list.size(`${k.PROVIDER}/preschool_journal`), 1)
  list.apply(r)
  assert.is(list.size(`${k.PROVIDER}/preschool_journal`), 0)
  assert.is(list.record(k.APP)?.status, 'placed')
  assert.is(statusOf([...queued, r])?.status, 'result_issued')
})

test('a referral straight after the check, when a place is free, ends the service as the queue notice would', () => {
  const checked = k.history(...toChecked(KG, 'service_centre'))
  const issued = given(checked).when(k.issue(referral, '2024-03-04')).thenEvents(([e]) => e?.type === 'result_issued')
  const p = progressOf(kindergartenQueueKokpekty2012, kazakhstanOfficial(), { applicationId: k.APP as never, channel: 'service_centre', facts: k.factsOf([...checked, ...issued]) })
  assert.is(p.kind, 'finished')
})

test('the service term: 3 working days from registration (the document check is a condition, not a step), across a weekend', () => {
  // Registered on Friday 1 March 2024 at 11:00 local: Mon 4, Tue 5, Wed 6 → due at the end of Wednesday 6 March.
  const checked = k.history(...toChecked(KG, 'portal')).map((e) => ({ ...e, at: e.type === 'checked' && e.check.kind === 'documents' ? '2024-03-05T07:00:00.000Z' : '2024-03-01T06:00:00.000Z' }) as ApplicationEvent)
  const p = progressOf(kindergartenQueueKokpekty2012, kazakhstanOfficial(), { applicationId: k.APP as never, channel: 'portal', facts: k.factsOf(checked) })
  assert.ok(p.kind === 'pending')
  assert.is(p.step.number, 8)
  assert.is(p.since, '2024-03-01T06:00:00.000Z')
  assert.is(p.dueAt, '2024-03-06T19:00:00.000Z')
})

test('journal order: the Journal’s date and number, whatever the filing time; housing lists keep filing order', () => {
  const entry = (id: string, number: string, date: string, filedAt: string): ApplicationEvent => ({
    type: 'queued', schema: 1, applicationId: id, commandId: `${id}-q`, at: '2024-05-01T00:00:00.000Z',
    list: { providerId: 'p', category: 'preschool_journal' }, applicantIin: k.APPLICANT, familySize: 1, filedAt,
    requestNumber: `R${id}`, commissionDecisionDate: date, queueNumberAtRegistration: 1, journal: { number, date },
  } as never)
  const events = [
    entry('a', '10', '2024-03-05', '2024-03-01T00:00:00.000Z'),
    entry('b', '9', '2024-03-05', '2024-03-03T00:00:00.000Z'),
    entry('c', '100', '2024-03-04', '2024-03-04T00:00:00.000Z'),
  ]
  const byJournal = rebuildWaitingList(events, journalOrder)
  assert.equal([...byJournal.entries('p/preschool_journal')].map((e) => e.applicationId), ['c', 'b', 'a'])
  const byFiling = rebuildWaitingList(events, filingOrder)
  assert.equal([...byFiling.entries('p/preschool_journal')].map((e) => e.applicationId), ['a', 'b', 'c'])
  const incremental = emptyWaitingList(journalOrder)
  for (const e of [...events].reverse()) incremental.apply(e)
  assert.is(incremental.serialize(), byJournal.serialize())
})

test('commands of the housing list lifecycle do not exist in this service', () => {
  const queued = k.history(...toChecked(KG, 'portal'), KG.decision())
  given(queued).when(k.cmd('allocate_housing', { dwellingRef: 'кв. 1', decisionRef: 'р-1', decidedOn: '2025-01-01' } as never))
    .thenFails({ code: 'inconsistent', command: 'allocate_housing', detail: 'command_not_in_service', serviceId: 'kindergarten-queue' })
})

test.run()
