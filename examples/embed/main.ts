/**
 * The shortest path for another team: call the pure domain from your own code, keep events in your own storage
 * (here an array), keep the waiting list up to date from them. Run: pnpm --filter @kezek/examples embed
 */
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider, decodeCommand, emptyWaitingList, filingOrder, replay, type ApplicationEvent } from '@kezek/domain'

const store = new Map<string, ApplicationEvent[]>() // your database goes here
const list = emptyWaitingList(filingOrder) // fed every event; a queue decision counts its number from it

export const handle = (input: unknown): E.Either<unknown, readonly ApplicationEvent[]> => {
  const command = decodeCommand(input) // untrusted JSON in, typed command or typed error out
  if (E.isLeft(command)) return command
  const history = store.get(command.right.applicationId) ?? []
  const decided = applicationDecider.decide(command.right, replay(applicationDecider, history), { waitingList: list })
  if (E.isRight(decided)) {
    store.set(command.right.applicationId, [...history, ...decided.right])
    decided.right.forEach(list.apply)
  }
  return decided
}

const at = (minute: number) => `2024-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`
const id = 'application-1'
const steps = [
  { type: 'authorize', serviceId: 'housing-queue', providerId: 'almaty/zhkh', channel: 'provider_desk', applicantIin: '871008401427', outcome: 'granted' },
  { type: 'check_person', result: { found: true, registryReference: 'gbdfl-42' } },
  { type: 'sign', request: { category: 'orphans', familySize: 2, documents: [] }, signature: { valid: true, algorithm: 'rsa-sha256', documentDigest: 'ab', signedAt: at(3), signer: { iin: '800416100254', commonName: 'Officer', certificateSerial: '01', issuer: 'CN=NCA' } } },
  { type: 'register', requestNumber: '000123' },
  { type: 'check_documents', result: { conforming: true } },
  { type: 'queue', category: 'orphans', familySize: 2, filedAt: at(3), commissionDecisionDate: '2024-03-01' },
]
const run = (applicationId: string, commands: readonly Record<string, unknown>[]) =>
  commands.forEach((s, i) => {
    const r = handle({ ...s, commandId: `${applicationId}-${i}`, applicationId, at: at(i + 1) })
    console.log(`${String(s['type']).padEnd(16)} ${E.isRight(r) ? r.right.map((e) => e.type).join(', ') : JSON.stringify(r.left)}`)
  })
run(id, steps)
const placement = list.position(id)
console.log(`position: ${placement?.position} of ${placement?.of} in ${placement?.listId}, number at registration ${placement?.entry.queueNumberAtRegistration}`)
// The number at registration is the domain's: a command stating another one than the list gives is refused.
run('application-2', [...steps.slice(0, 5), { ...steps[5], queueNumberAtRegistration: 999 }])
