/** docs/domain.md carries a reference generated from the codecs: it fails here when it no longer matches them. */
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { BEGIN, DOC, END, renderReference, withReference } from '../../../scripts/domain-reference.js'

test('docs/domain.md holds the reference generated from the current codecs (run scripts/domain-reference.ts)', () => {
  const doc = readFileSync(DOC, 'utf8')
  assert.ok(doc.includes(BEGIN) && doc.includes(END), 'docs/domain.md has the generated block')
  assert.ok(withReference(doc) === doc, 'docs/domain.md is out of date: run node --import tsx scripts/domain-reference.ts')
})

test('the reference names every command and event, and the fields the queue decision takes', () => {
  const text = renderReference()
  for (const name of ['authorize', 'queue', 'remove', 'restore', 'queued', 'removed', 'result_issued']) assert.ok(text.includes(`#### \`${name}\``), name)
  assert.match(text, '| `queueNumberAtRegistration` | QueueNumber | no |')
  assert.match(text, '| `queue_number_mismatch` |')
  assert.match(text, '| `acquired_housing` |')
  // A stale block is detected: change one line and the check no longer holds.
  const doc = readFileSync(DOC, 'utf8')
  const stale = doc.replace('| `queueNumberAtRegistration` | QueueNumber | no |', '| `queueNumberAtRegistration` | QueueNumber | yes |')
  assert.ok(withReference(stale) !== stale)
})

test.run()
