import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventTypes } from '../src/application/events.js'
import { rejectionCodes } from '../src/application/rejection.js'
import {
  channelOf, housingQueueAkzhar2012, housingQueueAlmaty2012, housingQueueAtyrau2012, housingQueueEditions,
  housingQueueKokpekty2012, isOrderedRange, minutes, seconds, validateDefinition,
  type ChannelDefinition, type DefinitionProblem, type ServiceDefinition, type Step,
} from '../src/service/index.js'

const editions = Object.values(housingQueueEditions)

const finalStep = (def: ServiceDefinition, channel: ChannelDefinition['channel']): Step => {
  const ch = channelOf(def, channel)
  assert.ok(ch, `${def.edition} has ${channel}`)
  const last = ch.steps[ch.steps.length - 1]
  assert.ok(last)
  return last
}

const problemsOf = (def: ServiceDefinition): readonly DefinitionProblem[] => {
  const r = validateDefinition(def)
  return isLeft(r) ? r.left : []
}

const withSteps = (def: ServiceDefinition, channel: string, edit: (steps: readonly Step[]) => Step[]): ServiceDefinition => ({
  ...def,
  channels: def.channels.map((c) => {
    if (c.channel !== channel) return c
    const [first, ...rest] = edit(c.steps)
    assert.ok(first)
    return { ...c, steps: [first, ...rest] }
  }) as unknown as ServiceDefinition['channels'],
})

test('every housing-queue edition passes validation', () => {
  assert.is(editions.length, 4)
  for (const def of editions) assert.ok(isRight(validateDefinition(def)), `${def.edition}: ${JSON.stringify(problemsOf(def))}`)
})

test('steps are numbered 1…n in order and every channel ends in a result step', () => {
  for (const def of editions) {
    assert.equal(def.channels.map((c) => c.channel), ['portal', 'provider_desk', 'service_centre'])
    for (const ch of def.channels) {
      assert.equal(ch.steps.map((s) => s.number), ch.steps.map((_, i) => i + 1), `${def.edition}/${ch.channel}`)
      const last = ch.steps[ch.steps.length - 1]
      assert.is(last?.then.kind, 'result', `${def.edition}/${ch.channel}`)
      assert.equal(last?.completedBy, { event: 'queued' })
    }
  }
  // table lengths of the regulation: 8, 8 and 9 steps
  assert.equal(housingQueueAlmaty2012.channels.map((c) => c.steps.length), [8, 8, 9])
})

test('steps map to the domain facts: authorized, checked, signed, registered, rejected, queued', () => {
  for (const def of editions) {
    for (const ch of def.channels) {
      const events = ch.steps.map((s) => s.completedBy?.event)
      for (const e of events) if (e !== undefined) assert.ok(eventTypes.includes(e), e)
      assert.is(ch.steps[0].completedBy?.event, 'authorized')
      assert.is(events.filter((e) => e === 'signed').length, 1)
      assert.is(events.filter((e) => e === 'registered').length, 1)
      // the document check is the condition after registration
      const registration = ch.steps.find((s) => s.completedBy?.event === 'registered')
      assert.ok(registration?.then.kind === 'branch')
      assert.equal(registration.then.condition.passedWhen, { event: 'checked', check: 'documents' })
      // every refusal step is a `rejected` and every declared code is issued somewhere
      for (const s of ch.steps.filter((x) => x.then.kind === 'refusal')) assert.equal(s.completedBy, { event: 'rejected' })
    }
    const issued = new Set(def.channels.flatMap((c) => c.steps.flatMap((s) => (s.then.kind === 'refusal' ? s.then.rejections : []))))
    assert.equal([...issued].sort(), [...rejectionCodes].sort())
  }
  const portal = channelOf(housingQueueAlmaty2012, 'portal')
  assert.equal(portal?.steps[2]?.completedBy, { event: 'checked', check: 'signature' })
  const desk = channelOf(housingQueueAlmaty2012, 'provider_desk')
  assert.is(desk?.steps[1]?.completedBy, undefined) // choosing the service leaves no fact
  assert.equal(desk?.steps[2]?.completedBy, { event: 'checked', check: 'person_record' })
})

test('the akimats differ on the final step: 30 calendar days (Almaty, Kokpekty) vs 15 minutes / 10–15 s (Akzhar, Atyrau)', () => {
  for (const def of [housingQueueAlmaty2012, housingQueueKokpekty2012]) {
    for (const ch of def.channels) assert.equal(finalStep(def, ch.channel).deadline.range, { min: { amount: 30, unit: 'calendar_days' }, max: { amount: 30, unit: 'calendar_days' } })
  }
  assert.equal(finalStep(housingQueueAkzhar2012, 'portal').deadline.range, { min: minutes(15), max: minutes(15) })
  assert.equal(finalStep(housingQueueAkzhar2012, 'service_centre').deadline.range, { min: minutes(15), max: minutes(15) })
  assert.equal(finalStep(housingQueueAkzhar2012, 'provider_desk').deadline.range, { min: seconds(10), max: seconds(15) })
  assert.equal(finalStep(housingQueueAtyrau2012, 'provider_desk').deadline.range, { min: seconds(10), max: seconds(15) })
  assert.equal(finalStep(housingQueueAtyrau2012, 'service_centre').deadline, { range: { min: minutes(15), max: minutes(15) }, basis: 'as_written' })
  // Atyrau prints no portal table: every portal deadline is marked inferred, no other is
  for (const s of channelOf(housingQueueAtyrau2012, 'portal')?.steps ?? []) assert.is(s.deadline.basis, 'inferred')
  for (const def of [housingQueueAkzhar2012, housingQueueAlmaty2012, housingQueueKokpekty2012]) {
    for (const ch of def.channels) for (const s of ch.steps) assert.is(s.deadline.basis, 'as_written', `${def.edition}/${ch.channel}/${s.number}`)
  }
  // the other deadlines are shared: "1,5 минуты" is 90 s, "30 секунд – 1 минута" keeps both ends
  const portal = channelOf(housingQueueAkzhar2012, 'portal')
  assert.equal(portal?.steps[0]?.deadline.range, { min: seconds(30), max: minutes(1) })
  assert.equal(portal?.steps[2]?.deadline.range, { min: seconds(90), max: seconds(90) })
  for (const def of editions) for (const ch of def.channels) for (const s of ch.steps) assert.ok(isOrderedRange(s.deadline.range))
})

test('editions keep their own СФЕ names and rule versions', () => {
  assert.is(channelOf(housingQueueAkzhar2012, 'provider_desk')?.steps[5]?.actor.sfe, 'Сотрудник Центра')
  assert.is(channelOf(housingQueueAlmaty2012, 'provider_desk')?.steps[5]?.actor.sfe, 'АРМ РШЭП')
  assert.is(channelOf(housingQueueAtyrau2012, 'service_centre')?.steps[8]?.actor.sfe, 'ЭҮӨШ АЖО')
  assert.is(channelOf(housingQueueAlmaty2012, 'service_centre')?.steps[0]?.actor.role, 'service_centre_operator')
  assert.equal(editions.map((d) => d.ruleVersion).sort(), [
    'housing-queue/akzhar-2012@1', 'housing-queue/almaty-2012@1', 'housing-queue/atyrau-2012@1', 'housing-queue/kokpekty-2012@1',
  ])
  for (const def of editions) assert.is(def.id, 'housing-queue')
})

test('validation names what is wrong with a hand-written definition', () => {
  // Akzhar's printed ЦОН branch "7 – если есть нарушения" would loop back to step 7
  const typo = withSteps(housingQueueAkzhar2012, 'service_centre', (steps) =>
    steps.map((s) => (s.number === 7 && s.then.kind === 'branch' ? { ...s, then: { ...s.then, ifFails: 7 } } : s)))
  assert.equal(problemsOf(typo).filter((p) => p.problem !== 'unreachable_step'), [{ problem: 'loops_back', channel: 'service_centre', step: 7, next: 7 }])
  assert.ok(problemsOf(typo).some((p) => p.problem === 'unreachable_step' && p.step === 8))

  const swapped = withSteps(housingQueueAlmaty2012, 'portal', (steps) => [steps[1], steps[0], ...steps.slice(2)] as Step[])
  assert.ok(problemsOf(swapped).some((p) => p.problem === 'steps_out_of_order' && p.position === 1 && p.found === 2))

  const noResult = withSteps(housingQueueAlmaty2012, 'provider_desk', (steps) => steps.slice(0, 7))
  const noResultProblems = problemsOf(noResult)
  assert.ok(noResultProblems.some((p) => p.problem === 'no_positive_result' && p.channel === 'provider_desk'))
  assert.ok(noResultProblems.some((p) => p.problem === 'unknown_next_step' && p.step === 6 && p.next === 8))

  const badDeadline = withSteps(housingQueueAlmaty2012, 'portal', (steps) =>
    steps.map((s) => (s.number === 1 ? { ...s, deadline: { ...s.deadline, range: { min: minutes(2), max: seconds(30) } } } : s)))
  assert.equal(problemsOf(badDeadline), [{ problem: 'unordered_deadline', channel: 'portal', step: 1 }])

  const undeclared: ServiceDefinition = { ...housingQueueAlmaty2012, rejections: ['authorization_refused'] }
  assert.ok(problemsOf(undeclared).some((p) => p.problem === 'undeclared_rejection' && p.rejection === 'documents_nonconforming'))

  const twice: ServiceDefinition = { ...housingQueueAlmaty2012, channels: [housingQueueAlmaty2012.channels[0], ...housingQueueAlmaty2012.channels] }
  assert.ok(problemsOf(twice).some((p) => p.problem === 'duplicate_channel' && p.channel === 'portal'))
})

test('step texts are present in ru, kk and en; composed Kazakh is marked', () => {
  for (const def of editions) {
    for (const ch of def.channels) {
      for (const s of ch.steps) for (const l of ['ru', 'kk', 'en'] as const) assert.ok(s.action[l].trim().length > 0)
    }
  }
  // the portal's step 3 is not quoted in Kazakh anywhere in the seeds
  assert.is(channelOf(housingQueueAtyrau2012, 'portal')?.steps[2]?.action.kkComposed, true)
  assert.is(channelOf(housingQueueAtyrau2012, 'provider_desk')?.steps[0]?.action.kkComposed, undefined)
})

test.run()
