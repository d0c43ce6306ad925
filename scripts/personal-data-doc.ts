/**
 * Writes the table of personal fields into docs/personal-data.md, from the marks in the domain codecs
 * (`pnpm tsx scripts/personal-data-doc.ts`). A test in packages/adapters fails when the page and the codecs differ.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { personalDataTable, TABLE_END, TABLE_START } from '@kezek/adapters'

const file = new URL('../docs/personal-data.md', import.meta.url)
const page = readFileSync(file, 'utf8')
const start = page.indexOf(TABLE_START)
const end = page.indexOf(TABLE_END)
if (start === -1 || end === -1) throw new Error(`docs/personal-data.md has no ${TABLE_START} … ${TABLE_END} block`)
writeFileSync(file, `${page.slice(0, start + TABLE_START.length)}\n${personalDataTable()}\n${page.slice(end)}`)
console.log('docs/personal-data.md: table of personal fields written')
