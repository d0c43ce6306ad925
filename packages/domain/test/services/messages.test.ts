/** Texts of the other services: every new code has ru/kk/en, templates fill, Kazakh compositions are marked. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { allRejectionCodes, serviceRejectionCodes } from '../../src/application/rejection.js'
import { inconsistencies } from '../../src/application/errors.js'
import { Registry } from '../../src/application/registry.js'
import { resultKindIds } from '../../src/application/service-result.js'
import { catalogue, describeRejection, Languages, message, statusText, type Localized } from '../../src/messages/index.js'
import { allServiceDefinitions } from '../../src/service/catalog.js'
import { statuses } from '../../src/status/application-status.js'

const has = (key: string): Localized | undefined => (catalogue as Record<string, Localized>)[key]

test('every rejection, inconsistency, register, result kind and status has ru/kk/en', () => {
  const keys = [
    ...allRejectionCodes.map((c) => `rejection.${c}`),
    ...inconsistencies.map((c) => `inconsistency.${c}`),
    ...Object.keys(Registry.keys).map((c) => `registry.${c}`),
    ...resultKindIds.map((c) => `result_kind.${c}`),
    ...statuses.map((c) => `status.${c}`),
  ]
  assert.is(serviceRejectionCodes.length, 4)
  for (const key of keys) {
    const text = has(key)
    assert.ok(text, `${key} is missing`)
    for (const lang of Languages) assert.ok(text[lang].trim().length > 0, `${key}/${lang}`)
  }
})

test('refusals read with their particulars', () => {
  assert.is(describeRejection({ code: 'record_not_found', registry: 'guardianship_register' }, 'ru'),
    'Запись не найдена в реестре: Электронный реестр по опеке и попечительству')
  assert.ok(describeRejection({ code: 'child_over_age', birthDate: '2017-03-01' as never, ageYears: 7, limitYears: 7 }, 'kk').includes('01.03.2017'))
  assert.is(describeRejection({ code: 'child_consent_missing', children: [] }, 'en'), 'The consent of the children over 10 is missing')
})

test('the templates fill their blanks in each language', () => {
  const notice = message('form.preschool_notice.body', 'ru', { parentName: 'Иванова А.', childName: 'Иванов Б.', journalNumber: 154, journalDate: '04.03.2024' })
  assert.is(notice, 'Настоящее уведомление выдано Иванова А. в том, что Иванов Б. поставлен(а) на очередь в Журнале регистрации детей дошкольного возраста для направления в дошкольные организации за № 154, от 04.03.2024 года.')
  const kk = message('form.guardianship.refusal_reason', 'kk')
  assert.ok(kk.includes('электрондық тізілімде жазба табылмады'))
})

test('Kazakh compositions are marked; the attested bilingual heading is not', () => {
  assert.is(catalogue['form.unemployment.title'].kk, 'ЖҰМЫССЫЗДЫҚ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА')
  // Service 1's certificate is printed in both languages: its Kazakh labels are the seed's (002 L999–1050).
  for (const key of ['form.unemployment.title', 'form.unemployment.registered', 'form.unemployment.public_works', 'form.unemployment.training', 'form.unemployment.assistance', 'form.unemployment.present_to'] as const) {
    assert.is((catalogue[key] as Localized).kkComposed, undefined, key)
  }
  assert.ok(catalogue['form.unemployment.registered'].kk.startsWith('Халықтың жұмыстылығы туралы'))
  assert.ok(catalogue['form.unemployment.present_to'].kk.endsWith('ұсыну үшін берілген'))
  for (const key of ['form.referral.body', 'receipt.title', 'rejection.package_incomplete', 'inconsistency.unknown_service'] as const) {
    assert.is((catalogue[key] as Localized).kkComposed, true, key)
  }
})

test('every service, step and result has a name in the three languages', () => {
  for (const def of allServiceDefinitions) {
    for (const text of [def.name, ...def.results.map((r) => r.name), ...def.channels.flatMap((c) => c.steps.map((s) => s.action))]) {
      for (const lang of Languages) assert.ok(text[lang].trim().length > 0, `${def.id}: ${text.ru}`)
    }
  }
})

test('the status reads in the service’s words: the kindergarten queue is no housing list', () => {
  assert.is(statusText('kindergarten-queue', 'queued', 'ru'), 'Поставлен(а) на очередь')
  assert.is(statusText('kindergarten-queue', 'queued', 'kk'), 'Кезекке қойылды')
  assert.not.match(statusText('kindergarten-queue', 'queued', 'en'), /housing/)
  assert.is(statusText('housing-queue', 'queued', 'ru'), 'Поставлен на учет')
  assert.is(statusText(undefined, 'rejected', 'kk'), 'Бас тартылды')
})

test.run()
