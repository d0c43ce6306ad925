/**
 * Each result document, in Kazakh and Russian, line by line against the fixture of its appendix form
 * (test/fixtures/forms/<service>.<lang>.txt: one `## case` section per document, the legal footer included). The
 * fixtures were checked by hand against the seed forms (002 Прил.3/4, reference §3.4); the invariants below hold for
 * every document whatever the fixtures say.
 */
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { documentText, resultDocument, resultXml } from '../../src/results/document.js'
import { DOC_LANGS } from '../../src/results/form.js'
import { formCases } from './cases.js'

const fixtureDir = new URL('../fixtures/forms/', import.meta.url)

const sections = (file: string): ReadonlyMap<string, readonly string[]> => {
  const out = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of readFileSync(new URL(file, fixtureDir), 'utf8').split('\n')) {
    if (line.startsWith('## ')) out.set(line.slice(3), (current = []))
    else if (line !== '') current?.push(line)
  }
  return out
}

const documents = formCases.flatMap((c) => DOC_LANGS.map((l) => {
  const doc = resultDocument(c.events, '2024-03-05T06:00:00.000Z', c.ctx)
  if (doc === undefined) throw new Error(`${c.service}/${c.name}: no document`)
  return { c, l, doc, text: documentText(doc, l) }
}))

test('every service with a form has fixtures in both languages, and every fixture section has its case', () => {
  const services = new Set(formCases.map((c) => c.service))
  assert.is(services.size, 8)
  for (const service of services) for (const l of DOC_LANGS) {
    const names = [...sections(`${service}.${l}.txt`).keys()]
    assert.equal(names, formCases.filter((c) => c.service === service).map((c) => c.name), `${service}.${l}`)
  }
})

for (const { c, l, text } of documents) {
  test(`${c.service} · ${c.name} · ${l}: line by line as the form`, () => {
    const expected = sections(`${c.service}.${l}.txt`).get(c.name)
    assert.ok(expected, 'fixture section')
    for (let i = 0; i < Math.max(expected.length, text.length); i += 1) assert.is(text[i], expected[i], `line ${i + 1}`)
  })
}

test('no document prints an ISO date, a code for a name, an empty blank, «№ №» or a double full stop', () => {
  for (const { c, l, text } of documents) {
    const where = `${c.service}/${c.name}/${l}`
    for (const line of text) {
      assert.not.match(line, /\d{4}-\d{2}-\d{2}/, `${where}: ISO date in «${line}»`)
      assert.not.match(line, /socially_vulnerable|preschool_journal|_/, `${where}: a code in «${line}»`)
      assert.not.match(line, /:\s*[.,]?$|\(\s*\)|«\s*»| ,/, `${where}: an empty blank in «${line}»`)
      assert.not.match(line, /№\s*№/, `${where}: «№ №» in «${line}»`)
      assert.not.match(line, /\.\.|\{\w+\}/, `${where}: «..» or a placeholder in «${line}»`)
      // «… жылғы» only after a dd.mm.yyyy date (or the footer's «2003 жылғы 7 қаңтардағы»).
      if (l === 'kk') assert.not.match(line, /(?<!\d{2}\.\d{2}\.\d{4}|2003) жылғы/, `${where}: «жылғы» without a date in «${line}»`)
    }
  }
})

test('every refusal carries the appeal clause and ends with a signatory; the ЦОН package receipt is no decision', () => {
  for (const { c, l, doc, text } of documents.filter((d) => d.doc.kind === 'refusal')) {
    const body = doc.lines[l]
    if (c.name.includes('package')) { assert.not.ok(body.some((x) => /обжалова|шағымдану/.test(x)), c.name); continue }
    assert.ok(body.some((x) => /обжаловать|шағымдануға/.test(x)), `${c.service}/${c.name}/${l}: appeal clause`)
    assert.match(body.at(-1) ?? '', /^(Начальник|Бастық|Бөлім бастығы|Білім бөлімінің бастығы)/, `${c.service}/${c.name}/${l}: signatory`)
    assert.is(text.filter((x) => /Причина отказа|Бас тарту себебі|по причине|себебі:/.test(x)).length, 1, `${c.service}/${c.name}/${l}: one reason line`)
  }
})

test('the signed XML carries the same lines, each language once, and the bilingual footer', () => {
  for (const c of formCases) {
    const doc = resultDocument(c.events, '2024-03-05T06:00:00.000Z', c.ctx)
    if (doc === undefined) throw new Error(c.name)
    const xml = resultXml(doc)
    for (const l of DOC_LANGS) assert.ok(xml.includes(`<text lang="${l}">`), `${c.name}: ${l}`)
    assert.is(xml.match(/<line>/g)?.length, doc.lines.kk.length + doc.lines.ru.length, c.name)
    assert.is(xml.match(/<footer lang=/g)?.length, 2)
  }
})

test.run()
