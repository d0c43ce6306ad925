/**
 * A result document or receipt as PDF, for the citizen who wants to save or print it (Atyrau's edition lets the
 * result be saved as PDF). The PDF is a copy: the signed XML stays the legal original, and the PDF's last line says
 * so. One language per PDF, the document's lines then the bilingual legal footer, as `documentText` gives them.
 *
 * The text is set in DejaVu Sans, embedded (subset) from the `dejavu-fonts-ttf` package: the PDF standard fonts have
 * no Cyrillic at all, and DejaVu covers the Kazakh letters ә ғ қ ң ө ұ ү һ і. The PDF's dates are the document's
 * own, so every download of the same document is the same bytes.
 */
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { message } from '@kezek/domain'
import { documentText, type ResultDocument } from './document.js'
import type { DocLang } from './form.js'

/** Resolved from the installed package, so a built @kezek/http finds it wherever it is installed. */
const fontPath = (): string => createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
let font: Buffer | undefined
const fontBytes = (): Buffer => (font ??= readFileSync(fontPath()))

export const PDF_FONT_SIZE = 11
/** The space between two lines of the document, beyond the font's own line height. */
export const PDF_PARAGRAPH_GAP = 6

/** The lines a PDF prints: the document's text, then the note that the signed XML is the original. */
export const pdfLines = (doc: ResultDocument, l: DocLang): readonly string[] => [...documentText(doc, l), message('document.pdf_copy', l)]

export const renderPdf = (doc: ResultDocument, l: DocLang): Promise<Uint8Array> => new Promise((resolve, reject) => {
  const date = new Date(doc.issuedAt)
  const pdf = new PDFDocument({
    size: 'A4', margin: 56, lang: l === 'kk' ? 'kk-KZ' : 'ru-RU', font: fontBytes() as unknown as string, bufferPages: false,
    info: { Title: doc.lines[l][0] ?? doc.kind, Producer: 'kezek', Creator: 'kezek', CreationDate: date, ModDate: date },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
  pdf.on('error', reject)
  pdf.fontSize(PDF_FONT_SIZE)
  for (const line of pdfLines(doc, l)) pdf.text(line, { paragraphGap: PDF_PARAGRAPH_GAP })
  pdf.end()
})
