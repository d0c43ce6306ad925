// Plain Node: run the same commands through @kezek/adapters' command handler (load → decide → envelope → append)
// into a PGlite directory (argv[2]); `kezek verify` then checks its chain and envelopes.
import { randomUUID } from 'node:crypto'
import { createCommandHandler, openPgliteStore } from '@kezek/adapters'
import { emptyWaitingList, filingOrder } from '@kezek/domain'
import { applicationId, at, steps } from './decide.mjs'

const store = await openPgliteStore({ dataDir: process.argv[2] })
const handler = createCommandHandler({
  store,
  clock: () => new Date(),
  newId: randomUUID,
  ruleVersion: () => 'housing-queue/almaty-2012@1',
})
const actor = { id: 'officer-1', role: 'provider_officer', channel: 'provider_desk' }
const waitingList = emptyWaitingList(filingOrder) // a queue decision counts its number at registration from it
for (const [i, step] of steps.entries()) {
  const r = await handler.handle(applicationId, [{ ...step, commandId: `cmd-${i}`, applicationId, at: at(i + 1) }], { actor, correlationId: randomUUID(), waitingList })
  if (r._tag === 'Left') throw new Error(`${step.type}: ${JSON.stringify(r.left)}`)
  r.right.events.forEach(waitingList.apply)
}
await store.close()
console.log('stored')
