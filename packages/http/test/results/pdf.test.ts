/**
 * Every result document (each service's positive documents and refusals) and every receipt, rendered to PDF in
 * Kazakh and Russian, and read back with pdf.js: the text it extracts is the document's lines, the bilingual legal
 * footer and the note that the signed XML is the original — Kazakh letters included, so the embedded font carries
 * them and its ToUnicode map gives them back.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '@kezek/domain'
import { resultDocument } from '../../src/results/document.js'
import { DOC_LANGS } from '../../src/results/form.js'
import { pdfLines, renderPdf } from '../../src/results/pdf.js'
import { receiptDocument } from '../../src/results/receipt.js'
import { formCases, receiptCases } from './cases.js'
import { linesOf, rowsOf } from '../pdf-text.js'

const documents = [
  ...formCases.map((c) => ({ c, doc: resultDocument(c.events, '2024-03-05T06:00:00.000Z', c.ctx) })),
  ...receiptCases.map((c) => ({ c, doc: receiptDocument(c.events) })),
]

test('every service with a form is rendered, with its refusals, and both receipts', () => {
  assert.is(new Set(formCases.map((c) => c.service)).size, 8)
  assert.ok(documents.some(({ doc }) => doc?.kind === 'refusal'))
  assert.is(documents.filter(({ doc }) => doc?.kind === 'receipt').length, 2)
})

for (const { c, doc } of documents) for (const l of DOC_LANGS) {
  test(`${c.service} · ${c.name} · ${l}: the PDF's text is the document's, line by line`, async () => {
    assert.ok(doc, 'a document')
    const expected = pdfLines(doc, l)
    assert.is(expected.at(-1), message('document.pdf_copy', l), 'ends with the note on the legal original')
    const bytes = await renderPdf(doc, l)
    assert.is(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-')
    const got = linesOf(await rowsOf(bytes))
    for (let i = 0; i < Math.max(expected.length, got.length); i += 1) assert.is(got[i], expected[i]?.replace(/\s+/g, ' ').trim(), `line ${i + 1}`)
  })
}

test('the font carries every Kazakh letter: ә ғ қ ң ө ұ ү һ і and their capitals come back from the PDF', async () => {
  const letters = 'Ә Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і'
  const doc = { ...documents[0]!.doc!, lines: { kk: [letters], ru: [letters] } }
  assert.equal(linesOf(await rowsOf(await renderPdf(doc, 'kk'))), pdfLines(doc, 'kk'))
})

test('the same document renders to the same bytes (its dates are the document’s own)', async () => {
  const doc = documents[0]!.doc!
  assert.equal(await renderPdf(doc, 'ru'), await renderPdf(doc, 'ru'))
})

test.run()
