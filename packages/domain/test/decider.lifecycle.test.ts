import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { applicationDecider, replay } from '../src/application/decider.js'
import type { RemovalGround } from '../src/application/removal-ground.js'
import { spec } from '../src/testing/index.js'
import * as f from './fixtures.js'

const given = spec(applicationDecider, f.context).given

test('data changed while queued', () => {
  given(f.portalQueued()).when(f.changeData(5)).thenEvents(([e]) => assert.ok(e?.type === 'data_changed' && e.familySize === 5))
})

test('position kept by the family (Art. 73 p.2) — the successor becomes the holder', () => {
  const h = [...f.portalQueued(), ...f.history()]
  const events = given(h).when(f.keepForFamily()).thenEvents(([e]) => e?.type === 'position_kept_by_family')
  const state = replay(applicationDecider, [...h, ...events])
  assert.ok(state.application.stage === 'queued' && state.application.entry.holderIin === f.SUCCESSOR)
  given([...h, ...events]).when(f.keepForFamily()).thenFails({ code: 'inconsistent', command: 'keep_position_for_family', detail: 'successor_is_holder' })
})

const grounds: RemovalGround[] = ['grounds_ceased', 'moved_away_or_left_state_employment', 'untrue_information', 'acquired_housing']
for (const ground of grounds) {
  test(`removed from the list on Art. 73 ground ${ground}`, () => {
    const c = { ...f.remove(), ground }
    given(f.portalQueued()).when(c).thenEvents(([e]) => assert.ok(e?.type === 'removed' && e.ground === ground))
  })
}

test('housing allocated ends the registration; nothing else may happen to the list place', () => {
  const housed = [...f.portalQueued()]
  const [e] = given(housed).when(f.allocate()).thenEvents(([e]) => e?.type === 'housing_allocated')
  given([...housed, e!]).when(f.remove()).thenFails({ code: 'not_allowed', command: 'remove', stage: 'housed' })
  given([...housed, e!]).when(f.changeData()).thenFails({ code: 'not_allowed', command: 'change_data', stage: 'housed' })
  given([...housed, e!]).when(f.restore()).thenFails({ code: 'not_allowed', command: 'restore', stage: 'housed' })
})

test('restored after a successful appeal against removal: back in the list, seniority kept', () => {
  const removedHistory = [...f.portalQueued()]
  const [removed] = given(removedHistory).when(f.remove()).thenEvents(() => true)
  const [restored] = given([...removedHistory, removed!]).when(f.restore()).thenEvents(([e]) => e?.type === 'restored')
  const state = replay(applicationDecider, [...removedHistory, removed!, restored!])
  assert.is(state.application.stage, 'queued')
  assert.ok(state.application.stage === 'queued' && state.application.entry.filedAt === '2024-03-01T04:05:00.000Z')
})

test('restored after a successful appeal against a motivated refusal: the provider may queue it', () => {
  const h = f.history(f.authorize(), f.sign(), f.register(), f.checkDocuments(['нет справки']), f.restore())
  assert.is(replay(applicationDecider, h).application.stage, 'documents_checked')
  given(h).when(f.queue()).thenEvents(([e]) => e?.type === 'queued')
})

test('refusals other than the motivated one are not appealable here', () => {
  const h = f.history(f.authorize(), f.sign({ valid: false, failure: 'certificate_expired', detail: 'expired' }))
  given(h).when(f.restore()).thenFails({ code: 'not_allowed', command: 'restore', stage: 'rejected' })
})

test('result viewed and questionnaire answered once, only after a result', () => {
  given(f.history(f.authorize(), f.sign())).when(f.viewResult()).thenFails({ code: 'inconsistent', command: 'view_result', detail: 'no_result_yet' })
  const q = f.portalQueued()
  given(q).when(f.viewResult()).thenEvents(([e]) => e?.type === 'result_viewed')
  const [answered] = given(q).when(f.answer()).thenEvents(([e]) => e?.type === 'questionnaire_answered' && e.quality === 3)
  given([...q, answered!]).when(f.answer()).thenFails({ code: 'inconsistent', command: 'answer_questionnaire', detail: 'questionnaire_already_answered' })
  const refused = f.history(f.authorize('portal', 'refused'))
  given(refused).when(f.viewResult()).thenEvents(([e]) => e?.type === 'result_viewed')
})

test('evolve ignores an event that cannot follow (a corrupted history) instead of throwing', () => {
  const q = f.portalQueued()
  const state = replay(applicationDecider, [q[5]!, ...q])
  assert.is(state.application.stage, 'queued')
})

test.run()
