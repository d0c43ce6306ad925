/**
 * Writes the public-API block of docs/embedding.md from the code: every entry point a package.json exports, and
 * every name it exports, as values and types, with the first sentence of its doc comment. `--check` exits 1 when
 * the file is out of date (the examples suite runs it), so the page cannot drift from the packages.
 *
 *   node --import tsx scripts/docs/embedding.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

const root = new URL('../..', import.meta.url).pathname
const page = join(root, 'docs/embedding.md')
const BEGIN = '<!-- generated: public API (scripts/docs/embedding.ts) -->'
const END = '<!-- end generated -->'

interface EntryPoint { readonly specifier: string; readonly file: string }

const entryPoints = (): EntryPoint[] =>
  ['domain', 'adapters', 'http'].flatMap((pkg) => {
    const json = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')) as { exports: Record<string, string> }
    return Object.entries(json.exports).map(([k, v]) => ({ specifier: `@kezek/${pkg}${k.slice(1)}`, file: join(root, 'packages', pkg, v) }))
  })

const firstSentence = (symbol: ts.Symbol, checker: ts.TypeChecker): string => {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim()
  const end = text.search(/\.(\s|$)/)
  return (end === -1 ? text : text.slice(0, end + 1)).replace(/\|/g, '\\|')
}

const render = (): string => {
  const points = entryPoints()
  const program = ts.createProgram(points.map((p) => p.file), {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, skipLibCheck: true, noEmit: true, types: ['node'],
  })
  const checker = program.getTypeChecker()
  const out: string[] = []
  for (const p of points) {
    const source = program.getSourceFile(p.file)
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source)
    if (moduleSymbol === undefined) throw new Error(`cannot read ${p.file}`)
    const rows = checker.getExportsOfModule(moduleSymbol).map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s
      const isValue = (target.flags & ts.SymbolFlags.Value) !== 0
      const isType = (target.flags & ts.SymbolFlags.Type) !== 0
      // An io-ts codec is a value and a type of the same name.
      const kind = isValue && isType ? 'codec / class' : isValue ? 'value' : 'type'
      return { name: s.getName(), kind, doc: firstSentence(target, checker) }
    }).sort((a, b) => a.name.localeCompare(b.name))
    out.push(`### \`${p.specifier}\``, '', `${rows.length} names.`, '')
    out.push('| name | kind | what it is |', '|---|---|---|')
    for (const r of rows) out.push(`| \`${r.name}\` | ${r.kind} | ${r.doc} |`)
    out.push('')
  }
  return out.join('\n')
}

const current = readFileSync(page, 'utf8')
const start = current.indexOf(BEGIN)
const stop = current.indexOf(END)
if (start === -1 || stop === -1) throw new Error(`docs/embedding.md lacks the ${BEGIN} … ${END} markers`)
const next = `${current.slice(0, start + BEGIN.length)}\n\n${render()}\n${current.slice(stop)}`
if (process.argv.includes('--check')) {
  if (next !== current) { console.error('docs/embedding.md is out of date: run pnpm generate'); process.exit(1) }
} else writeFileSync(page, next)
