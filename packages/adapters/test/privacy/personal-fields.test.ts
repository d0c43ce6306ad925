/**
 * What is personal is found by type: the domain codecs carry `personal(...)` marks and the privacy code derives the
 * encrypted fields from them. This test walks every event codec and the envelope and fails when a field whose name
 * looks personal is not marked — a new `motherIin` or `homeAddress` cannot slip through in clear.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type * as t from 'io-ts'
import { allEventCodecs, Envelope } from '@kezek/domain'
import { readFileSync } from 'node:fs'
import { kezekPersonalFields, marksOf, personalDataTable, TABLE_END, TABLE_START } from '../../src/privacy/index.js'

type Codec = t.Any & { _tag?: string; props?: t.Props; types?: t.Any[]; type?: t.Any }

/** Every leaf field path of a codec, whether marked or not (array elements transparent). */
const leaves = (codec: t.Any, path: string[] = []): Array<{ path: string[]; marked: boolean }> => {
  const c = codec as Codec
  switch (c._tag) {
    case 'PersonalType': return [{ path, marked: true }]
    case 'InterfaceType': case 'PartialType': case 'StrictType':
      return Object.entries(c.props ?? {}).flatMap(([k, v]) => leaves(v, [...path, k]))
    case 'IntersectionType': case 'UnionType': return (c.types ?? []).flatMap((x) => leaves(x, path))
    case 'RefinementType': case 'ReadonlyType': case 'ExactType': case 'ArrayType': case 'ReadonlyArrayType':
      return leaves(c.type!, path)
    default: return [{ path, marked: false }]
  }
}

const LOOKS_PERSONAL = /iin$|name$|address|phone|mobile|email|birth|passport|account|attorney|vehicle|certificate|serial|surname|patronymic|guardian|parent|child|ward|successor|representative|number$/i

/** Fields whose name looks personal but are not, each with the reason. */
const NOT_PERSONAL: Record<string, string> = {
  requestNumber: 'АРМ РШЭП number of the e-document: shown on the public list as its tie-breaker',
  queueNumberAtRegistration: 'the place at registration, printed on the public list',
  'journal.number': 'the kindergarten Journal number, shown on the public Journal list',
  'request.bankName': 'the name of a bank, not of a person',
  'result.address': 'the address of the pre-school organisation of a referral, not of a person',
  'request.addressee': 'the pension fund, bank or road-police unit a certificate is addressed to',
  'result.addressee': 'the pension fund, bank or road-police unit a certificate is addressed to',
  'check.receipt.operator': 'the ЦОН clerk who accepted the package: staff, kept for the audit',
}

test('every event field that looks personal is marked personal in the domain codecs', () => {
  const unmarked: string[] = []
  const codecs: Array<[string, t.Any]> = [...Object.entries(allEventCodecs), ['(envelope)', Envelope]]
  for (const [type, codec] of codecs) {
    for (const leaf of leaves(codec)) {
      const key = leaf.path.join('.')
      const last = leaf.path.at(-1) ?? ''
      if (leaf.marked || !LOOKS_PERSONAL.test(last) || NOT_PERSONAL[key] !== undefined) continue
      unmarked.push(`${type}: ${key}`)
    }
  }
  assert.equal(unmarked, [], `unmarked personal-looking fields:\n${unmarked.join('\n')}`)
})

test('the fields the hand list used to miss are found: child, children, ward, second parent, property address', () => {
  const signed = (kezekPersonalFields.byEventType.get('request_signed') ?? []).map((f) => f.path.join('.'))
  for (const path of ['request.child.iin', 'request.child.birthDate', 'request.children.iin', 'request.ward.iin', 'request.secondParentIin', 'request.propertyAddress', 'request.representativeIin', 'signerIin']) {
    assert.ok(signed.includes(path), `${path} in ${signed.join(', ')}`)
  }
  const rejected = (kezekPersonalFields.byEventType.get('rejected') ?? []).map((f) => f.path.join('.'))
  assert.ok(rejected.includes('reason.children'))
  const metadata = [...kezekPersonalFields.metadata.keys()]
  assert.ok(metadata.includes('actor.id') && metadata.includes('onBehalfOf.iin'))
})

test('marks are found through unions, intersections, refinements and arrays', () => {
  assert.ok(marksOf(allEventCodecs.checked).some((m) => m.path.join('.') === 'check.signer.commonName' && m.mark.owner?.sibling === 'iin'))
  assert.ok(marksOf(allEventCodecs.result_issued).some((m) => m.path.join('.') === 'result.propertyAddress'))
})

test('docs/personal-data.md carries the table generated from the marks (run scripts/personal-data-doc.ts)', () => {
  const page = readFileSync(new URL('../../../../docs/personal-data.md', import.meta.url), 'utf8')
  const block = page.slice(page.indexOf(TABLE_START) + TABLE_START.length, page.indexOf(TABLE_END)).trim()
  assert.is(block, personalDataTable())
})

test.run()
