/**
 * Service rules with the defaults most services share, so each service file states only what is its own.
 * Channels come from the service's definition: the decider and the step tables cannot disagree on them.
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { CommandType } from '../application/commands.js'
import { commonCommands, type ServiceRules } from '../application/service-rules.js'
import type { ServiceDefinition } from './definition.js'

/** Minutes east of UTC of Kazakhstan's single time zone since 1 March 2024 (see calendar.ts on older offsets). */
export const KAZAKHSTAN_OFFSET_MINUTES = 300

type Own = Pick<ServiceRules, 'request'> & Partial<Omit<ServiceRules, 'serviceId' | 'channels' | 'request' | 'commands'>> & {
  /** Commands beyond `commonCommands`. */
  readonly extraCommands?: readonly CommandType[]
  /** Common commands the regulation does not have (seed 003 has no questionnaire). */
  readonly withoutCommands?: readonly CommandType[]
}

export const rulesFor = (definitions: ReadonlyNonEmptyArray<ServiceDefinition>, own: Own): ServiceRules => {
  const { extraCommands = [], withoutCommands = [], ...rest } = own
  const channels = [...new Set(definitions.flatMap((d) => d.channels.map((c) => c.channel)))]
  return {
    serviceId: definitions[0].id,
    channels,
    commands: [...commonCommands.filter((c) => !withoutCommands.includes(c)), ...extraCommands],
    lists: [],
    journal: false,
    results: [],
    records: [],
    packageCheck: [],
    grounds: [],
    utcOffsetMinutes: KAZAKHSTAN_OFFSET_MINUTES,
    ...rest,
  }
}
