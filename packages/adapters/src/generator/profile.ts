/**
 * What a generated region looks like: providers and their weight, channel and category mix, how often each step
 * refuses, and what happens to entries once they are in the list. Every figure is a proportion the tests check
 * against the output, so a change here shows up as a change in the data, not as a silent drift.
 *
 * The default figures are plausible, not official statistics: the portal dominates filings, socially vulnerable
 * families are the largest list, a small share of refusals at every check, a motivated refusal for about one
 * application in nine, and a few per cent of each list housed per year.
 */
import type { Category, Channel, RemovalGround, SignatureFailure, SuccessionGround } from '@kezek/domain'

export interface ProviderProfile {
  /** The akimat unit keeping the lists (becomes `providerId`). */
  readonly id: string
  /** Share of the region's applications filed with this provider. */
  readonly weight: number
  /** The regulation edition it decides under (the envelope's `ruleVersion`). */
  readonly ruleVersion: string
  /** Typical time from registration to the documents check, in minutes (the edition's deadline sets the scale). */
  readonly decisionMinutes: number
}

export interface GeneratorProfile {
  readonly providers: readonly ProviderProfile[]
  readonly channels: Readonly<Record<Channel, number>>
  readonly categories: Readonly<Record<Category, number>>
  /** First instant of the history (ISO-8601 UTC). */
  readonly startsAt: string
  /** Years the arrivals of the requested number of events are spread over (about: the last lifecycles run on). */
  readonly years: number
  /** Mean events per application, used only to pace arrivals so the history spans about `years`. */
  readonly eventsPerApplication: number
  readonly refusals: {
    readonly authorization: number
    /** Walk-in channels: the ГБД ФЛ look-up finds no one. */
    readonly personNotFound: number
    /** Share of ЦОН applications brought by a representative under a notarised power of attorney. */
    readonly representative: number
    readonly powerOfAttorneyNotFound: number
    readonly signature: number
    /** Which signature check fails, when one does. */
    readonly signatureFailures: Readonly<Record<SignatureFailure, number>>
    readonly documentsNonconforming: number
    /** Share of motivated refusals overturned on appeal (the application resumes and is queued). */
    readonly appealUpheld: number
  }
  readonly afterQueue: {
    /** Mean number of later data changes (family size) per entry, spread over `changeYears`. */
    readonly dataChanges: number
    readonly changeYears: number
    /** Share of entries removed under Art. 73 p.1, after an exponential wait with this mean. */
    readonly removal: number
    readonly removalMeanYears: number
    readonly removalGrounds: Readonly<Record<RemovalGround, number>>
    /** Share of removals reversed by a successful appeal. */
    readonly restoration: number
    /** Art. 73 p.2: the family keeps the place. */
    readonly succession: number
    readonly successionGrounds: Readonly<Record<SuccessionGround, number>>
    /** Share of a list's active entries housed per year, from its head, in quarterly allocation rounds. */
    readonly housingPerYear: number
  }
  /** Share of results the citizen opens, and of those the share answering the quality questionnaire. */
  readonly resultViewed: number
  readonly questionnaire: number
}

export const realisticProfile: GeneratorProfile = {
  providers: [
    { id: 'almaty/housing-policy', weight: 0.7, ruleVersion: 'housing-queue/almaty-2012@1', decisionMinutes: 20 * 24 * 60 },
    { id: 'atyrau/housing', weight: 0.2, ruleVersion: 'housing-queue/atyrau-2012@1', decisionMinutes: 12 },
    { id: 'kokpekty/housing', weight: 0.06, ruleVersion: 'housing-queue/kokpekty-2012@1', decisionMinutes: 20 * 24 * 60 },
    { id: 'akzhar/housing', weight: 0.04, ruleVersion: 'housing-queue/akzhar-2012@1', decisionMinutes: 12 },
  ],
  channels: { portal: 0.6, provider_desk: 0.22, service_centre: 0.18 },
  categories: {
    socially_vulnerable: 0.55,
    state_employees: 0.25,
    orphans: 0.09,
    emergency_dwelling: 0.08,
    war_veterans: 0.03,
  },
  startsAt: '2015-01-05T03:00:00.000Z',
  years: 10,
  eventsPerApplication: 7.8,
  refusals: {
    authorization: 0.02,
    personNotFound: 0.015,
    representative: 0.2,
    powerOfAttorneyNotFound: 0.06,
    signature: 0.03,
    signatureFailures: {
      certificate_expired: 0.35,
      certificate_revoked: 0.1,
      certificate_not_yet_valid: 0.03,
      untrusted_issuer: 0.07,
      wrong_key_usage: 0.1,
      iin_mismatch: 0.2,
      signature_invalid: 0.1,
      unsupported_algorithm: 0.05,
      // policy failures of NCA roles and certificate policies (issue 15): not drawn, so generated data is unchanged
      signer_role_missing: 0,
      policy_not_accepted: 0,
    },
    documentsNonconforming: 0.11,
    appealUpheld: 0.2,
  },
  afterQueue: {
    dataChanges: 0.8,
    changeYears: 8,
    removal: 0.15,
    removalMeanYears: 4,
    removalGrounds: {
      grounds_ceased: 0.35,
      moved_away_or_left_state_employment: 0.25,
      untrue_information: 0.08,
      acquired_housing: 0.32,
    },
    restoration: 0.12,
    succession: 0.03,
    successionGrounds: { applicant_died: 0.7, applicant_moved_away: 0.3 },
    housingPerYear: 0.05,
  },
  resultViewed: 0.7,
  questionnaire: 0.3,
}
