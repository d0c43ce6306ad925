import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Channel } from '../src/application/channel.js'
import { rejectionCodes, SignatureFailure } from '../src/application/rejection.js'
import { RemovalGround, SuccessionGround } from '../src/application/removal-ground.js'
import {
  catalogue, describeRejection, fill, Languages, message, placeholdersOf, type Localized, type MessageKey,
} from '../src/messages/index.js'
import { statuses } from '../src/status/application-status.js'

const entries = Object.entries(catalogue) as [MessageKey, Localized][]
const has = (key: string): Localized | undefined => (catalogue as Record<string, Localized>)[key]

const complete = (prefix: string, codes: readonly string[]) => {
  assert.ok(codes.length > 0, prefix)
  for (const code of codes) {
    const text = has(`${prefix}.${code}`)
    assert.ok(text, `${prefix}.${code} is missing`)
    for (const lang of Languages) assert.ok(text[lang].trim().length > 0, `${prefix}.${code} has no ${lang}`)
  }
}

test('every rejection code, signature failure, removal and succession ground, status and channel has ru/kk/en', () => {
  complete('rejection', rejectionCodes)
  complete('signature', Object.keys(SignatureFailure.keys))
  complete('removal', Object.keys(RemovalGround.keys))
  complete('succession', Object.keys(SuccessionGround.keys))
  complete('status', statuses)
  complete('channel', Object.keys(Channel.keys))
  assert.is(Object.keys(SignatureFailure.keys).length, 10) // + signer_role_missing, policy_not_accepted (NCA roles, issue 15)
  assert.is(Object.keys(RemovalGround.keys).length, 4)
})

test('no empty or untrimmed text, and the same placeholders in every language', () => {
  assert.ok(entries.length > 60)
  for (const [key, text] of entries) {
    for (const lang of Languages) {
      assert.type(text[lang], 'string', key)
      assert.ok(text[lang].length > 0 && text[lang].trim() === text[lang], `${key}/${lang}`)
    }
    const ru = [...placeholdersOf(text.ru)].sort()
    assert.equal([...placeholdersOf(text.kk)].sort(), ru, `${key}: kk placeholders`)
    assert.equal([...placeholdersOf(text.en)].sort(), ru, `${key}: en placeholders`)
    // Russian and Kazakh must not be copies of the English (a sign of a missing translation)
    assert.is.not(text.kk, text.en, key)
    assert.is.not(text.ru, text.en, key)
  }
})

test('Kazakh texts found in the seeds are not marked composed; composed ones are', () => {
  for (const key of ['rejection.authorization_refused', 'rejection.documents_nonconforming', 'legal.footer', 'questionnaire.quality', 'screen.status', 'button.refresh_status'] as const) {
    assert.is((catalogue[key] as Localized).kkComposed, undefined, key)
  }
  for (const key of ['result.queue_number', 'result.appeal', 'signature.certificate_expired', 'request.registered', 'status.queued'] as const) {
    assert.is((catalogue[key] as Localized).kkComposed, true, key)
  }
})

test('message() fills placeholders in each language', () => {
  assert.is(message('result.queue_number', 'ru', { n: 17 }), 'На момент постановки на учет Ваша очередность № 17')
  assert.is(message('result.queue_number', 'kk', { n: 17 }), 'Есепке қойылған сәтте Сіздің кезегіңіз № 17')
  assert.is(message('result.queue_number', 'en', { n: 17 }), 'At the time of registration your place in the queue is No. 17')
  assert.is(message('button.sign', 'kk'), 'Қол қою')
  const notice = message('form.housing.notice', 'ru', { decisionDate: '15.03.2024', category: 'социально уязвимые слои населения', filedOn: '01.03.2024', requestNumber: 'R-42', familySize: 4 })
  assert.ok(notice.includes('от 15.03.2024 года'))
  assert.ok(notice.endsWith('с составом семьи 4 человек.'))
  assert.not.ok(/\{\w+\}/.test(notice))
  assert.is(message('error.not_allowed', 'en', { command: 'queue', stage: 'rejected' }), 'The command “queue” is not allowed at stage “rejected”')
  // a gap stays visible rather than turning into "undefined"
  assert.is(fill('№ {n}, {m}', { n: 1 }), '№ 1, {m}')
})

test('unknown keys and missing parameters do not compile', () => {
  const compileOnly = () => {
    // @ts-expect-error an unknown key
    message('rejection.no_such_code', 'ru')
    // @ts-expect-error the queue number is required
    message('result.queue_number', 'ru')
    // @ts-expect-error a wrong parameter name
    message('result.queue_number', 'ru', { number: 3 })
    // @ts-expect-error an unknown language
    message('button.sign', 'de')
  }
  assert.type(compileOnly, 'function')
})

test('the questionnaire has two questions and three answers, in both regulation languages', () => {
  const questions = entries.filter(([k]) => /^questionnaire\.(quality|information)$/.test(k))
  const answers = entries.filter(([k]) => k.startsWith('questionnaire.answer.'))
  assert.is(questions.length, 2)
  assert.equal(answers.map(([k]) => k), ['questionnaire.answer.1', 'questionnaire.answer.2', 'questionnaire.answer.3'])
  assert.is(message('questionnaire.answer.3', 'kk'), 'қанағаттандым')
})

test('a refusal reads with its cause, or with the officer’s reasons and the appeal clause', () => {
  const sig = describeRejection({ code: 'signature_not_confirmed', failure: 'iin_mismatch', detail: 'x' }, 'ru')
  assert.ok(sig.startsWith('Отказ в запрашиваемой услуге в связи с неподтверждением подлинности ЭЦП: ИИН'))
  const motivated = describeRejection({ code: 'documents_nonconforming', reasons: ['нет справки о составе семьи'], appealable: true }, 'ru')
  // One «причина», one full stop, and no housing wording: every service's motivated refusal reads this way.
  assert.is(motivated, 'Мотивированный отказ. Причина отказа: нет справки о составе семьи. В случае несогласия с данным решением, Вы вправе обжаловать его в порядке, установленном законодательством.')
  const twoStops = describeRejection({ code: 'documents_nonconforming', reasons: ['нет справки.', 'нет копии.'], appealable: true }, 'kk')
  assert.is(twoStops, 'Дәлелді бас тарту. Бас тарту себебі: нет справки; нет копии. Осы шешіммен келіспеген жағдайда, Сіз оған заңнамада белгіленген тәртіппен шағымдануға құқылысыз.')
  assert.not.match(twoStops, /\.\./)
  assert.is(describeRejection({ code: 'person_not_found' }, 'kk'), 'ЖТ МДҚ-да тұтынушы деректерінің болмауына байланысты деректерді алу мүмкін емес')
})

test.run()
