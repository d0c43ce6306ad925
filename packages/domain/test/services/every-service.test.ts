/**
 * Every path every service shares, per channel it offers: the positive result, the refusals of the model text
 * (authorization, signature, ГБД ФЛ, ЕНИС, documents), the appeal, the questionnaire; and the definitions' sanity.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider } from '../../src/application/decider.js'
import type { Channel } from '../../src/application/channel.js'
import { serviceCatalog } from '../../src/service/catalog.js'
import { validateDefinition } from '../../src/service/definition.js'
import { allEventTypes } from '../../src/application/events.js'
import { spec } from '../../src/testing/index.js'
import { hasQuestionnaire } from '../../src/service/questionnaire.js'
import { cases, toChecked, toRegistered } from './cases.js'
import * as k from './kit.js'

const given = spec(applicationDecider, k.context).given
const ALL: readonly Channel[] = ['portal', 'provider_desk', 'service_centre']

for (const c of cases) {
  const rules = serviceCatalog[c.serviceId as keyof typeof serviceCatalog].rules
  for (const channel of ALL) {
    const name = `${c.serviceId} via ${channel}`
    if (!rules.channels.includes(channel)) {
      test(`${name}: not offered → typed error, nothing recorded`, () => {
        given([]).when(k.authorize(c.serviceId, channel)).thenFails({
          code: 'inconsistent', command: 'authorize', detail: 'channel_not_offered', serviceId: c.serviceId, subject: channel,
        })
      })
      continue
    }

    test(`${name}: the whole path ends in the result, which can be viewed and rated once`, () => {
      const checked = k.history(...toChecked(c, channel))
      const decided = given(checked).when(c.decision()).thenIdempotent()
      assert.is(decided.at(-1)?.type, c.resultFact)
      const done = [...checked, ...decided]
      given(done).when(k.viewResult()).thenEvents(([e]) => e?.type === 'result_viewed')
      if (!hasQuestionnaire(c.serviceId)) {
        // Seed 003 prints no questionnaire: there is nothing to rate.
        given(done).when(k.answer()).thenFails((e) => e.code === 'inconsistent' && e.detail === 'command_not_in_service')
        return
      }
      const rated = given(done).when(k.answer()).thenEvents(([e]) => e?.type === 'questionnaire_answered')
      given([...done, ...rated]).when(k.answer()).thenFails({ code: 'inconsistent', command: 'answer_questionnaire', detail: 'questionnaire_already_answered' })
    })

    test(`${name}: the request is signed as its own typed fact`, () => {
      const events = k.history(...toRegistered(c, channel))
      const signed = events.find((e) => e.type === 'request_signed')
      assert.ok(signed?.type === 'request_signed' && signed.request.service === c.serviceId)
      assert.not.ok(events.some((e) => e.type === 'signed'))
    })

    test(`${name}: nonconforming documents → motivated refusal; an appeal resumes it to the result`, () => {
      const registered = k.history(...toRegistered(c, channel))
      const [refusal] = given(registered).when(k.checkDocuments(['нет справки'])).thenEvents(([e]) =>
        e?.type === 'rejected' && e.reason.code === 'documents_nonconforming')
      given([...registered, refusal!]).when(c.decision()).thenFails((e) => e.code === 'not_allowed')
      const restored = k.history(...toRegistered(c, channel), k.checkDocuments(['нет справки']), k.restore())
      given(restored).when(c.decision()).thenEvents((es) => es.at(-1)?.type === c.resultFact)
    })

    test(`${name}: the decision before the document check is a skipped step`, () => {
      given(k.history(...toRegistered(c, channel))).when(c.decision()).thenFails((e) => e.code === 'step_skipped' && e.missing === 'check_documents')
    })

    test(`${name}: no questionnaire before a result`, () => {
      given(k.history(...toRegistered(c, channel))).when(k.answer()).thenFails(hasQuestionnaire(c.serviceId)
        ? { code: 'inconsistent', command: 'answer_questionnaire', detail: 'no_result_yet' }
        : (e) => e.code === 'inconsistent' && e.detail === 'command_not_in_service')
    })

    if (channel === 'portal') {
      test(`${name}: authorization refused → refusal message, terminal`, () => {
        const [e] = given([]).when(k.authorize(c.serviceId, 'portal', 'refused')).thenEvents(([x]) => x?.type === 'rejected' && x.reason.code === 'authorization_refused')
        given([e!]).when(k.sign(c.request)).thenFails({ code: 'not_allowed', command: 'sign', stage: 'rejected' })
      })
      test(`${name}: signature not confirmed (revoked) → refusal message`, () => {
        given(k.history(k.authorize(c.serviceId, 'portal'))).when(k.sign(c.request, { valid: false, failure: 'certificate_revoked', detail: 'on the CRL' }))
          .thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'signature_not_confirmed' && e.reason.failure === 'certificate_revoked')
      })
      test(`${name}: a certificate of another person is an IIN mismatch`, () => {
        given(k.history(k.authorize(c.serviceId, 'portal'))).when(k.sign(c.request, k.signature('760212350620')))
          .thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'signature_not_confirmed' && e.reason.failure === 'iin_mismatch')
      })
    } else {
      test(`${name}: no record in ГБД ФЛ → motivated refusal`, () => {
        given(k.history(k.authorize(c.serviceId, channel))).when(k.checkPerson(false))
          .thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'person_not_found')
      })
    }
    if (channel === 'service_centre') {
      test(`${name}: a representative's power of attorney not in ЕНИС → refusal`, () => {
        given(k.history(k.authorize(c.serviceId, channel), k.checkPerson())).when(k.checkPoa(false))
          .thenEvents(([e]) => e?.type === 'rejected' && e.reason.code === 'power_of_attorney_not_found')
      })
      test(`${name}: a representative with a confirmed power of attorney files for the applicant`, () => {
        const events = k.history(k.authorize(c.serviceId, channel), k.checkPerson(), k.checkPoa(), ...(c.beforeSign?.(channel) ?? []),
          k.sign({ ...c.request, representativeIin: k.REPRESENTATIVE } as never), k.register())
        assert.is(events.at(-1)?.type, 'registered')
      })
    }
  }
}

test('every definition validates, and its channels are the channels its rules offer', () => {
  for (const [id, entry] of Object.entries(serviceCatalog)) {
    for (const def of entry.definitions) {
      const v = validateDefinition(def)
      assert.ok(E.isRight(v), `${id}/${def.edition}: ${JSON.stringify(E.isLeft(v) && v.left)}`)
      assert.is(def.id, entry.rules.serviceId)
      assert.equal(def.channels.map((ch) => ch.channel).sort(), [...entry.rules.channels].sort(), id)
    }
  }
  assert.is(Object.keys(serviceCatalog).length, 8)
})

test('every step completes with a known fact, and every declared refusal is issued by some step', () => {
  for (const [id, entry] of Object.entries(serviceCatalog)) {
    for (const def of entry.definitions) {
      for (const ch of def.channels) {
        for (const s of ch.steps) {
          for (const done of [s.completedBy, ...(s.alsoCompletedBy ?? [])]) if (done !== undefined) assert.ok(allEventTypes.includes(done.event), `${id} ${done.event}`)
        }
      }
      const issued = new Set(def.channels.flatMap((ch) => ch.steps.flatMap((s) => (s.then.kind === 'refusal' ? s.then.rejections : []))))
      assert.equal([...issued].sort(), [...def.rejections].sort(), id)
    }
  }
})

test.run()
