// Plain Node, ESM, no TypeScript: decide a housing application with @kezek/domain, build the waiting list.
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider, decodeCommand, filingOrder, rebuildWaitingList, replay } from '@kezek/domain'

export const at = (minute) => `2024-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`
export const applicationId = 'application-1'
export const steps = [
  { type: 'authorize', serviceId: 'housing-queue', providerId: 'almaty/zhkh', channel: 'provider_desk', applicantIin: '871008401427', outcome: 'granted' },
  { type: 'check_person', result: { found: true, registryReference: 'gbdfl-42' } },
  { type: 'sign', request: { category: 'orphans', familySize: 2, documents: [] }, signature: { valid: true, algorithm: 'rsa-sha256', documentDigest: 'ab', signedAt: at(3), signer: { iin: '800416100254', commonName: 'Officer', certificateSerial: '01', issuer: 'CN=NCA' } } },
  { type: 'register', requestNumber: '000123' },
  { type: 'check_documents', result: { conforming: true } },
  { type: 'queue', category: 'orphans', familySize: 2, filedAt: at(3), commissionDecisionDate: '2024-03-01' },
]

export const decideAll = () => {
  let history = []
  for (const [i, step] of steps.entries()) {
    const command = decodeCommand({ ...step, commandId: `cmd-${i}`, applicationId, at: at(i + 1) })
    if (E.isLeft(command)) throw new Error(`${step.type}: ${JSON.stringify(command.left)}`)
    // The waiting list as it stands: a queue decision counts the number at registration from it.
    const decided = applicationDecider.decide(command.right, replay(applicationDecider, history), { waitingList: rebuildWaitingList(history, filingOrder) })
    if (E.isLeft(decided)) throw new Error(`${step.type}: ${JSON.stringify(decided.left)}`)
    history = [...history, ...decided.right]
  }
  return history
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = decideAll()
  const placement = rebuildWaitingList(events, filingOrder).position(applicationId)
  console.log(JSON.stringify({ events: events.map((e) => e.type), listId: placement?.listId, position: placement?.position, of: placement?.of }))
}
