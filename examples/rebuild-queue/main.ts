/**
 * A maintainer fixes an ordering bug. The live waiting lists were ordered by the commission's decision date
 * (`decision-date-order@1`), but the law (Art. 74 p.1) counts seniority from filing with all documents
 * (`filing-order@1`). Rebuild every list from the events under the right policy, check the rebuild is
 * deterministic, and review every entry whose position changes — and why — before switching readers over.
 * Run: node --import tsx examples/rebuild-queue/main.ts
 *
 * On a real store this is one command: kezek rebuild-queue --store URL --policy filing-order@1 --diff
 * (a new projection version is built next to the live one and readers are switched when it is complete).
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { decisionDateOrder, decodeEvent, filingOrder, policyId, rebuildWaitingList, type ApplicationEvent } from '@kezek/domain'
import { diffLists } from '@kezek/adapters/cli'
import { describeChange } from '@kezek/adapters/cli'
import { departureIn, snapshotOf } from '@kezek/adapters/cli'
import { appendDecisions, generateDecisions } from '@kezek/adapters/generator'
import { openMemoryStore } from '@kezek/adapters'

const store = openMemoryStore()
const loaded = await appendDecisions(store, generateDecisions({ seed: 74, events: 3000 }))
if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left))

const events: ApplicationEvent[] = []
for await (const r of store.readAll()) {
  const d = decodeEvent(r.data)
  if (E.isLeft(d)) throw new Error(`event ${r.id} does not decode: run kezek verify`)
  events.push(d.right)
}
console.log(`read ${events.length} events`)

// What readers saw until today: the buggy policy.
const live = rebuildWaitingList(events, decisionDateOrder)
// The fix: the same events, the legal policy. Twice, to show the rebuild is byte-for-byte deterministic.
const fixed = rebuildWaitingList(events, filingOrder)
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)
const again = digest(rebuildWaitingList([...events], filingOrder).serialize())
console.log(`rebuilt ${fixed.listIds().length} lists with ${policyId(filingOrder)}: sha256 ${digest(fixed.serialize())}, again ${again}`)

const diff = diffLists(snapshotOf(live, `${policyId(decisionDateOrder)} (live)`), snapshotOf(fixed, policyId(filingOrder)), departureIn(fixed))
console.log(`review: ${diff.before.label} → ${diff.after.label}`)
let list = ''
for (const c of diff.changes) {
  if (c.listId !== list) console.log(`  ${(list = c.listId)}`)
  const entry = fixed.record(c.applicationId)?.entry
  console.log(`    request ${entry?.requestNumber} filed ${entry?.filedAt.slice(0, 10)}, decided ${entry?.commissionDecisionDate}: ${describeChange(c, diff, undefined)}`)
}
console.log(`${diff.changes.length} of ${diff.compared} entries change position; nobody joins or leaves a list`)

// The same review for a past instant: the list as it stood at the start of 2020, before and after the fix.
const at = '2020-01-01T00:00:00.000Z' as Parameters<typeof fixed.asOf>[0]
const pastDiff = diffLists(snapshotOf(live.asOf(at), 'live'), snapshotOf(fixed.asOf(at), 'fixed'), departureIn(fixed.asOf(at)))
console.log(`as of ${at}: ${pastDiff.changes.length} of ${pastDiff.compared} entries would have stood elsewhere`)
