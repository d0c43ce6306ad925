/**
 * Reading a PDF's text back with pdf.js, for the tests of the PDF copies: rows as laid out, and the document's
 * lines rebuilt from them.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { PDF_FONT_SIZE, PDF_PARAGRAPH_GAP } from '../src/results/pdf.js'

interface Row { readonly text: string; readonly y: number; readonly page: number }

/** The PDF's text rows, top to bottom, page by page. */
export const rowsOf = async (bytes: Uint8Array): Promise<Row[]> => {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise
  const rows: Row[] = []
  for (let page = 1; page <= pdf.numPages; page += 1) {
    const content = await (await pdf.getPage(page)).getTextContent()
    let current: { text: string; y: number } | undefined
    for (const item of content.items) {
      if (!('str' in item)) continue
      const y = item.transform[5] as number
      if (current === undefined || Math.abs(current.y - y) > 0.5) rows.push((current = { text: '', y, page } as Row & { text: string }))
      current.text += item.str
    }
  }
  await pdf.destroy()
  return rows
}

/**
 * Rows back into the document's lines: a line wrapped by the layout continues one line height below; the next line
 * of the document starts a paragraph gap further down (or on a new page).
 */
export const linesOf = (rows: readonly Row[]): string[] => {
  const lines: string[] = []
  let previous: Row | undefined
  for (const row of rows) {
    const continues = previous !== undefined && previous.page === row.page && previous.y - row.y < PDF_FONT_SIZE * 1.2 + PDF_PARAGRAPH_GAP / 2
    // A line broken after a hyphen («ребенку-|инвалиду») continues without a space.
    if (continues) lines[lines.length - 1] += /\p{L}-$/u.test(lines.at(-1) ?? '') ? row.text : ` ${row.text}`
    else lines.push(row.text)
    previous = row
  }
  return lines.map((l) => l.replace(/\s+/g, ' ').trim())
}


/** GET a PDF over HTTP: status, headers and the lines of its text (none unless it is a PDF). */
export const fetchPdf = async (url: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; lines: string[]; bytes: Uint8Array }> => {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers } })
  const bytes = new Uint8Array(await r.arrayBuffer())
  const isPdf = (r.headers.get('content-type') ?? '').startsWith('application/pdf')
  return { status: r.status, headers: r.headers, bytes, lines: isPdf ? linesOf(await rowsOf(bytes)) : [] }
}
