/** One valid application per catalogued service beyond the housing queue: its request and how it is decided. */
import type { ApplicationCommand } from '../../src/application/commands.js'
import type { Channel } from '../../src/application/channel.js'
import type { ServiceRequest } from '../../src/application/service-request.js'
import * as k from './kit.js'

export interface ServiceCase {
  readonly serviceId: string
  readonly request: ServiceRequest
  /** Commands between the ГБД ФЛ look-up (or authorization on the portal) and signing. */
  readonly beforeSign?: (channel: Channel) => ApplicationCommand[]
  /** Commands between registration and the document check. */
  readonly afterRegister?: (channel: Channel) => ApplicationCommand[]
  /** The decision after a conforming document check; its last event is the positive result fact. */
  readonly decision: () => ApplicationCommand
  readonly resultFact: 'result_issued' | 'queued'
}

export const CHILD_2021 = k.iinBorn('2021-06-01', 'female')
export const CHILD_2015 = k.iinBorn('2015-04-02')
export const TEEN_2010 = k.iinBorn('2010-01-01')
export const TODDLER_2020 = k.iinBorn('2020-01-01', 'female')

export const cases: readonly ServiceCase[] = [
  {
    serviceId: 'unemployment-certificate',
    request: { service: 'unemployment-certificate', periodFrom: '2023-01-01', periodTo: '2023-12-31', documents: k.docs } as unknown as ServiceRequest,
    decision: () => k.issue({ kind: 'unemployment_certificate', registeredOn: '2023-01-10', periodFrom: '2023-01-01', periodTo: '2023-12-31' } as never),
    resultFact: 'result_issued',
  },
  {
    serviceId: 'disabled-child-allowance',
    request: { service: 'disabled-child-allowance', child: { iin: CHILD_2015 }, bankAccount: 'KZ86125KZT5004100100', bankName: 'АО «Народный банк Казахстана»', documents: k.docs } as unknown as ServiceRequest,
    decision: () => k.issue({
      kind: 'disabled_child_allowance_notice', amountTiyn: 12_000_000, periodFrom: '2024-01-01', periodTo: '2024-12-31',
      payments: [1, 2, 3, 4].map((quarter) => ({ quarter, year: 2024, amountTiyn: 3_000_000 })),
    } as never),
    resultFact: 'result_issued',
  },
  {
    serviceId: 'kindergarten-queue',
    request: { service: 'kindergarten-queue', child: { iin: CHILD_2021 }, documents: k.docs } as unknown as ServiceRequest,
    decision: () => k.queue({ category: 'preschool_journal', journal: { number: '154', date: '2024-03-04' } }),
    resultFact: 'queued',
  },
  {
    serviceId: 'guardianship-certificate',
    request: { service: 'guardianship-certificate', ward: { iin: TEEN_2010 }, documents: k.docs } as unknown as ServiceRequest,
    afterRegister: () => [k.checkRecord('guardianship_register')],
    decision: () => k.issue({ kind: 'guardianship_certificate', certificateNumber: '17', appointmentDecision: '№ 211', appointedOn: '2019-09-02' } as never),
    resultFact: 'result_issued',
  },
  {
    serviceId: 'guardianship-property-deal',
    request: {
      service: 'guardianship-property-deal', deal: 'sale', propertyAddress: 'с. Кокпекты, ул. Абая 12, кв. 3',
      children: [{ iin: TEEN_2010, consent: true }, { iin: TODDLER_2020, consent: false }], documents: k.docs,
    } as unknown as ServiceRequest,
    decision: () => k.issue({ kind: 'property_deal_permission', deal: 'sale', propertyAddress: 'с. Кокпекты, ул. Абая 12, кв. 3' } as never),
    resultFact: 'result_issued',
  },
  {
    serviceId: 'guardianship-inheritance',
    request: {
      service: 'guardianship-inheritance', variant: 'pension_fund', addressee: 'АО «ЕНПФ»', deathCertificate: 'св. о смерти № 0012 от 02.01.2024',
      inheritanceCertificate: 'св. о праве на наследство № 77 от 05.02.2024', children: [{ iin: TODDLER_2020, consent: false }], documents: k.docs,
    } as unknown as ServiceRequest,
    decision: () => k.issue({ kind: 'inheritance_permission', variant: 'pension_fund', addressee: 'АО «ЕНПФ»' } as never),
    resultFact: 'result_issued',
  },
  {
    serviceId: 'housing-assistance',
    request: { service: 'housing-assistance', familySize: 3, documents: k.docs } as unknown as ServiceRequest,
    beforeSign: (channel) => (channel === 'service_centre' ? [k.checkPackage()] : []),
    afterRegister: (channel) => (channel === 'portal' ? [k.checkRecord('state_information_systems')] : []),
    decision: () => k.issue({ kind: 'housing_assistance_notice', monthlyTiyn: 450_000, periodFrom: '2024-04-01', periodTo: '2024-06-30' } as never),
    resultFact: 'result_issued',
  },
]

export const caseOf = (serviceId: string): ServiceCase => {
  const c = cases.find((x) => x.serviceId === serviceId)
  if (c === undefined) throw new Error(`no case for ${serviceId}`)
  return c
}

/** Authorization through registration. */
export const toRegistered = (c: ServiceCase, channel: Channel, request: ServiceRequest = c.request): ApplicationCommand[] => [
  k.authorize(c.serviceId, channel),
  ...(channel === 'portal' ? [] : [k.checkPerson()]),
  ...(c.beforeSign?.(channel) ?? []),
  k.sign(request),
  k.register(),
  ...(c.afterRegister?.(channel) ?? []),
]

/** Through the conforming document check. */
export const toChecked = (c: ServiceCase, channel: Channel, request?: ServiceRequest): ApplicationCommand[] =>
  [...toRegistered(c, channel, request), k.checkDocuments()]
