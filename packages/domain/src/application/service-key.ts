import * as t from 'io-ts'

/**
 * The ids of the services kezek ships a definition for. `ServiceId` stays an open string (an akimat may run a
 * service of its own); these are the ones whose requests, checks and results the decider knows.
 */
export const ServiceKey = t.keyof(
  {
    'housing-queue': null,
    'unemployment-certificate': null,
    'disabled-child-allowance': null,
    'kindergarten-queue': null,
    'guardianship-certificate': null,
    'guardianship-property-deal': null,
    'guardianship-inheritance': null,
    'housing-assistance': null,
  },
  'ServiceKey',
)
export type ServiceKey = t.TypeOf<typeof ServiceKey>
export const serviceKeys: readonly ServiceKey[] = Object.keys(ServiceKey.keys) as ServiceKey[]
