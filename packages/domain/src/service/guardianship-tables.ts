/**
 * Services 4, 5 and 6 of seed 002 (the guardianship certificates) print cell-for-cell identical tables: ЦОН and the
 * portal, no provider desk, 5 working days, the МИО (district education department) checks. Their differences —
 * the result, the refusals the check can give — are parameters.
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { RejectionCode } from '../application/rejection.js'
import type { Localized } from '../messages/localized.js'
import type { ChannelDefinition } from './definition.js'
import { KOKPEKTY_SFE } from './kokpekty-2012.js'
import { centreChannel, DASH, done, M1, portalChannel, S30, S90, workingDaysAsWritten } from './model-2012.js'

const FIVE_WORKING_DAYS = workingDaysAsWritten(5)

export const guardianshipChannels = (
  result: string,
  action: Localized,
  documentRefusals: ReadonlyNonEmptyArray<RejectionCode>,
): readonly [ChannelDefinition, ChannelDefinition] => {
  const final = { action, result, completedBy: done('result_issued') }
  return [
    centreChannel({
      source: 'Appendix 1, Table 1 (Центр)',
      deadlines: [M1, S30, S90, S90, M1, M1, M1, DASH, FIVE_WORKING_DAYS],
      sfe: KOKPEKTY_SFE.centre,
      checker: 'МИО',
      final,
      documentRefusals,
    }),
    portalChannel({
      source: 'Appendix 1, Table 2 (ПЭП)',
      deadlines: [M1, S30, S90, S90, M1, M1, DASH, FIVE_WORKING_DAYS],
      sfe: KOKPEKTY_SFE.portal,
      checker: 'МИО',
      final,
      documentRefusals,
    }),
  ]
}

export const GUARDIANSHIP_REJECTIONS = [
  'authorization_refused', 'signature_not_confirmed', 'person_not_found', 'power_of_attorney_not_found', 'documents_nonconforming',
] as const
