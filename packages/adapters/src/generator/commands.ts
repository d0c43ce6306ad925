/**
 * The command a simulated actor issues next. Intake follows the stage the decider state is in, so every
 * channel walks its own path (portal: authorize → sign → register; desk: + ГБД ФЛ; ЦОН: + ЕНИС for a
 * representative) and a planned refusal happens at the step the application's fate names.
 */
import type { ApplicationCommand, CommandOf, CommandType, SignatureVerdict } from '@kezek/domain'
import type { ApplicationFile } from './application-file.js'
import { instant, localDate } from './clock.js'
import { randomDigest, randomIin, requestNumber } from './identity.js'
import {
  appealRefs,
  changeNotes,
  documentKinds,
  givenNames,
  issuers,
  nonconformityReasons,
  RSA_SHA256,
  signatureFailureDetail,
  surnames,
} from './people.js'
import type { Random } from './random.js'
import type { GeneratorProfile } from './profile.js'

type Fields<K extends CommandType> = Omit<CommandOf<K>, 'type' | 'commandId' | 'applicationId' | 'at'>

export const command = <K extends CommandType>(
  rng: Random,
  file: ApplicationFile,
  atMs: number,
  type: K,
  fields: Fields<K>,
): CommandOf<K> =>
  ({ type, commandId: rng.uuid(), applicationId: file.applicationId, at: instant(atMs), ...fields }) as unknown as CommandOf<K>

const commonName = (rng: Random): string => `${rng.pick(surnames)} ${rng.pick(givenNames)}`

const verdict = (rng: Random, file: ApplicationFile, atMs: number): SignatureVerdict => {
  const f = file.fate
  const documentDigest = randomDigest(rng)
  const signer = (iin: string, issuer: string = issuers.production) => ({
    iin,
    commonName: commonName(rng),
    certificateSerial: rng.uint32().toString(16).padStart(8, '0') + rng.uint32().toString(16).padStart(8, '0'),
    issuer,
  })
  if (f.refusedAt === 'signature') {
    // On the portal a mismatched IIN is a valid signature by someone else: the decider itself refuses it.
    if (f.failure === 'iin_mismatch' && file.channel === 'portal') {
      return { valid: true, signer: signer(randomIin(rng)), algorithm: RSA_SHA256, documentDigest, signedAt: instant(atMs) } as SignatureVerdict
    }
    return { valid: false, failure: f.failure, detail: signatureFailureDetail[f.failure] }
  }
  return { valid: true, signer: signer(file.signerIin), algorithm: RSA_SHA256, documentDigest, signedAt: instant(atMs) } as SignatureVerdict
}

/** The next intake command for the stage the stream is in, or undefined when intake is over. */
export const nextIntakeCommand = (
  rng: Random,
  file: ApplicationFile,
  atMs: number,
  nextRequestNumber: () => number,
): ApplicationCommand | undefined => {
  const a = file.state.application
  switch (a.stage) {
    case 'new':
      return command(rng, file, atMs, 'authorize', {
        serviceId: 'housing-queue',
        providerId: file.provider.id,
        channel: file.channel,
        applicantIin: file.applicantIin,
        outcome: file.fate.refusedAt === 'authorization' ? 'refused' : 'granted',
      } as Fields<'authorize'>)
    case 'authorized': {
      if (file.channel !== 'portal' && a.personRecord === undefined) {
        const found = file.fate.refusedAt !== 'person_record'
        return command(rng, file, atMs, 'check_person', {
          result: found ? { found: true, registryReference: `gbdfl/${rng.uuid()}` } : { found: false },
        } as Fields<'check_person'>)
      }
      const rep = file.representative
      if (rep !== undefined && a.powerOfAttorney === undefined) {
        const found = file.fate.refusedAt !== 'power_of_attorney'
        return command(rng, file, atMs, 'check_power_of_attorney', {
          representativeIin: rep.representativeIin,
          powerOfAttorney: rep.powerOfAttorney,
          result: found ? { found: true, registryReference: `enis/${rng.uuid()}` } : { found: false },
        } as Fields<'check_power_of_attorney'>)
      }
      const documents = (documentKinds[file.category] ?? []).map((kind) => ({ kind, digest: randomDigest(rng) }))
      const request = {
        category: file.category,
        familySize: file.familySize,
        documents,
        ...(rep === undefined ? {} : { representativeIin: rep.representativeIin }),
      }
      return command(rng, file, atMs, 'sign', { request, signature: verdict(rng, file, atMs) } as Fields<'sign'>)
    }
    case 'signed':
      return command(rng, file, atMs, 'register', { requestNumber: requestNumber(nextRequestNumber()) } as Fields<'register'>)
    case 'registered': {
      if (file.fate.refusedAt !== 'documents') {
        return command(rng, file, atMs, 'check_documents', { result: { conforming: true } } as Fields<'check_documents'>)
      }
      const first = rng.pick(nonconformityReasons)
      const reasons = rng.chance(0.3) ? [first, rng.pick(nonconformityReasons)] : [first]
      return command(rng, file, atMs, 'check_documents', {
        result: { conforming: false, reasons: [...new Set(reasons)] },
      } as Fields<'check_documents'>)
    }
    default:
      return undefined
  }
}

/** The commission's decision to enter the application in the list; the decider counts its number at registration. */
export const queueCommand = (rng: Random, file: ApplicationFile, atMs: number): CommandOf<'queue'> =>
  command(rng, file, atMs, 'queue', {
    category: file.category,
    familySize: file.currentFamilySize,
    filedAt: instant(file.filedAtMs ?? atMs),
    commissionDecisionDate: localDate(atMs),
  } as Fields<'queue'>)

export const changeDataCommand = (rng: Random, file: ApplicationFile, atMs: number): CommandOf<'change_data'> => {
  const grows = file.currentFamilySize <= 1 || rng.chance(0.65)
  file.currentFamilySize = Math.min(99, file.currentFamilySize + (grows ? 1 : -1))
  return command(rng, file, atMs, 'change_data', {
    familySize: file.currentFamilySize,
    note: rng.pick(changeNotes),
  } as Fields<'change_data'>)
}

export const successionCommand = (rng: Random, profile: GeneratorProfile, file: ApplicationFile, atMs: number) =>
  command(rng, file, atMs, 'keep_position_for_family', {
    ground: rng.weighted(profile.afterQueue.successionGrounds),
    successorIin: randomIin(rng),
  } as Fields<'keep_position_for_family'>)

const decisionRef = (rng: Random, file: ApplicationFile, atMs: number): string =>
  `${file.provider.id} решение №${rng.int(1, 999)} от ${localDate(atMs)}`

export const removeCommand = (rng: Random, profile: GeneratorProfile, file: ApplicationFile, atMs: number) =>
  command(rng, file, atMs, 'remove', {
    ground: rng.weighted(profile.afterQueue.removalGrounds),
    decisionRef: decisionRef(rng, file, atMs),
    decidedOn: localDate(atMs),
  } as Fields<'remove'>)

export const allocateCommand = (rng: Random, file: ApplicationFile, atMs: number) =>
  command(rng, file, atMs, 'allocate_housing', {
    dwellingRef: `кв. ${rng.int(1, 240)}, дом ${rng.int(1, 120)}, мкр. ${rng.int(1, 12)}`,
    decisionRef: decisionRef(rng, file, atMs),
    decidedOn: localDate(atMs),
  } as Fields<'allocate_housing'>)

export const restoreCommand = (rng: Random, file: ApplicationFile, atMs: number) =>
  command(rng, file, atMs, 'restore', {
    appealRef: `${rng.pick(appealRefs)} №${rng.int(1, 9999)}`,
    decidedOn: localDate(atMs),
  } as Fields<'restore'>)

export const viewResultCommand = (rng: Random, file: ApplicationFile, atMs: number) =>
  command(rng, file, atMs, 'view_result', {} as Fields<'view_result'>)

export const answerCommand = (rng: Random, file: ApplicationFile, atMs: number) =>
  command(rng, file, atMs, 'answer_questionnaire', {
    quality: Number(rng.weighted({ 1: 0.1, 2: 0.25, 3: 0.65 })) as 1 | 2 | 3,
    information: Number(rng.weighted({ 1: 0.1, 2: 0.3, 3: 0.6 })) as 1 | 2 | 3,
  } as Fields<'answer_questionnaire'>)
