/**
 * Builders for the service specifications: one valid walk per channel of any catalogued service, varied by
 * overrides. Commands go through the real `applicationDecider`; nothing here decides anything itself.
 */
import * as E from 'fp-ts/lib/Either.js'
import { applicationDecider } from '../../src/application/decider.js'
import type { ApplicationCommand, CommandOf, CommandType } from '../../src/application/commands.js'
import type { Channel } from '../../src/application/channel.js'
import type { ApplicationEvent } from '../../src/application/events.js'
import type { ServiceRequest } from '../../src/application/service-request.js'
import type { IssuedResult } from '../../src/application/service-result.js'
import type { SignatureVerdict } from '../../src/application/signature-verdict.js'
import { checkDigit, type IIN } from '../../src/kernel/iin.js'
import * as f from '../fixtures.js'

export const { APPLICANT, REPRESENTATIVE, PROVIDER, APP } = f

type Fields<K extends CommandType> = Omit<CommandOf<K>, 'type' | 'commandId' | 'applicationId' | 'at'>
export const cmd = <K extends CommandType>(type: K, fields: Fields<K>, at?: string): CommandOf<K> =>
  f.cmd(type, fields as never, (at === undefined ? {} : { at }) as never)

/** A checksum-valid IIN whose first seven digits say `birthDate` (YYYY-MM-DD, 1900–2099) and the sex. */
export const iinBorn = (birthDate: string, sex: 'male' | 'female' = 'male', serial = 123): IIN => {
  const [y, m, d] = birthDate.split('-')
  const century = Number(y) >= 2000 ? (sex === 'male' ? 5 : 6) : sex === 'male' ? 3 : 4
  for (let s = serial; s < serial + 100; s++) {
    const first11 = `${y!.slice(2)}${m}${d}${century}${String(s).padStart(4, '0')}`
    const digit = checkDigit(first11)
    if (digit !== undefined) return `${first11}${digit}` as IIN
  }
  throw new Error('no IIN found')
}

export const docs = [{ kind: 'application', digest: 'ef'.repeat(32) }]

export const signature = (iin = APPLICANT, signedAt = '2024-03-01T04:05:00.000Z'): SignatureVerdict => ({
  ...f.validSignature(iin),
  signedAt,
} as SignatureVerdict)

export const authorize = (serviceId: string, channel: Channel, outcome: 'granted' | 'refused' = 'granted') =>
  cmd('authorize', { serviceId, providerId: PROVIDER, channel, applicantIin: APPLICANT, outcome } as Fields<'authorize'>)
export const checkPerson = (found = true) => f.checkPerson(found)
export const checkPoa = (found = true) => f.checkPoa(found)
export const sign = (request: ServiceRequest | CommandOf<'sign'>['request'], verdict: SignatureVerdict = signature(), at?: string) =>
  cmd('sign', { request, signature: verdict } as Fields<'sign'>, at)
export const register = (n = '000321') => f.register(n)
export const checkDocuments = (reasons?: string[]) => f.checkDocuments(reasons)
export const checkRecord = (registry: 'guardianship_register' | 'state_information_systems', found = true) =>
  cmd('check_record', { registry, result: found ? { found: true, registryReference: `${registry}-reply-1` } : { found: false } } as Fields<'check_record'>)
export const receipt = {
  receiptNumber: 'Р-2024-0001',
  documents: ['заявление', 'справка о доходах семьи', 'квитанции за коммунальные услуги'],
  collectOn: '2024-03-15',
  collectAt: 'ЦОН Казыбекбийского района, окно 4',
  operator: 'Оператор ЦОН Ахметова А.',
}
export const checkPackage = (missing?: string[]) =>
  cmd('check_package', { result: missing === undefined ? { complete: true, receipt } : { complete: false, missing } } as Fields<'check_package'>)
export const issue = (result: IssuedResult, issuedOn = '2024-03-05', at?: string) =>
  cmd('issue_result', { result, issuedOn, documentDigest: '12'.repeat(32) } as Fields<'issue_result'>, at)
export const queue = (over: Record<string, unknown> = {}) => f.queue(over)
/** The waiting lists decisions are made against (see ../fixtures.ts). */
export const context = f.context
export const viewResult = () => f.viewResult()
export const answer = () => f.answer()
export const restore = () => f.restore()

/** Decides each command in turn on the history so far; throws if any is refused. */
export const history = (...commands: ApplicationCommand[]): ApplicationEvent[] => f.history(...commands)

/** The state a history folds to. */
export const stateOf = (events: readonly ApplicationEvent[]) => events.reduce(applicationDecider.evolve, applicationDecider.initialState)

/** The commands that bring an application of `serviceId` through `channel` to the provider's check. */
export const intake = (serviceId: string, channel: Channel, request: ServiceRequest, extra: { beforeSign?: ApplicationCommand[] } = {}): ApplicationCommand[] => [
  authorize(serviceId, channel),
  ...(channel === 'portal' ? [] : [checkPerson()]),
  ...(extra.beforeSign ?? []),
  sign(request),
  register(),
]

export const decide = (events: readonly ApplicationEvent[], c: ApplicationCommand) => applicationDecider.decide(c, stateOf(events), f.context)
export const leftOf = <L, R>(e: E.Either<L, R>): L => {
  if (E.isRight(e)) throw new Error(`expected a failure, got ${JSON.stringify(e.right)}`)
  return e.left
}

import { statusOf } from '../../src/status/application-status.js'
/** The facts deadlines are computed from (type, time, kind of check), as the status projection keeps them. */
export const factsOf = (events: readonly ApplicationEvent[]) => statusOf(events)?.facts ?? []
