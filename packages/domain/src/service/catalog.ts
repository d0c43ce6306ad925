/**
 * The eight services of the seeds, each as its rules (what the decider accepts) and its definitions (the step
 * tables and deadlines of each regulation edition). The decider finds rules here by the service id an application
 * was authorized for; status screens and overdue listings pick a definition.
 *
 * A ninth service is a new file exporting a `ServiceDefinition` and its `ServiceRules`, and one entry below (see
 * docs/services.md). An akimat with services of its own builds its own catalogue the same way and hands
 * `createApplicationDecider` its own look-up.
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import type { RulesOf } from '../application/decide.js'
import type { ServiceKey } from '../application/service-key.js'
import type { ServiceRules } from '../application/service-rules.js'
import type { ServiceId } from '../kernel/ids.js'
import type { ServiceDefinition } from './definition.js'
import { disabledChildAllowanceKokpekty2012, disabledChildAllowanceRules } from './disabled-child-allowance.js'
import { guardianshipCertificateKokpekty2012, guardianshipCertificateRules } from './guardianship-certificate.js'
import { guardianshipInheritanceKokpekty2012, guardianshipInheritanceRules } from './guardianship-inheritance.js'
import { guardianshipPropertyDealKokpekty2012, guardianshipPropertyDealRules } from './guardianship-property-deal.js'
import { housingAssistanceKaraganda2014, housingAssistanceRules } from './housing-assistance.js'
import { housingQueueEditions, housingQueueRules } from './housing-queue.js'
import { kindergartenQueueKokpekty2012, kindergartenQueueRules } from './kindergarten-queue.js'
import { unemploymentCertificateKokpekty2012, unemploymentCertificateRules } from './unemployment-certificate.js'

export interface CatalogEntry {
  readonly rules: ServiceRules
  /** Every edition of the service in the seeds; the first is the default. */
  readonly definitions: ReadonlyNonEmptyArray<ServiceDefinition>
}

export const serviceCatalog: Readonly<Record<ServiceKey, CatalogEntry>> = {
  'housing-queue': {
    rules: housingQueueRules,
    definitions: [
      housingQueueEditions['almaty-2012'], housingQueueEditions['akzhar-2012'],
      housingQueueEditions['atyrau-2012'], housingQueueEditions['kokpekty-2012'],
    ],
  },
  'unemployment-certificate': { rules: unemploymentCertificateRules, definitions: [unemploymentCertificateKokpekty2012] },
  'disabled-child-allowance': { rules: disabledChildAllowanceRules, definitions: [disabledChildAllowanceKokpekty2012] },
  'kindergarten-queue': { rules: kindergartenQueueRules, definitions: [kindergartenQueueKokpekty2012] },
  'guardianship-certificate': { rules: guardianshipCertificateRules, definitions: [guardianshipCertificateKokpekty2012] },
  'guardianship-property-deal': { rules: guardianshipPropertyDealRules, definitions: [guardianshipPropertyDealKokpekty2012] },
  'guardianship-inheritance': { rules: guardianshipInheritanceRules, definitions: [guardianshipInheritanceKokpekty2012] },
  'housing-assistance': { rules: housingAssistanceRules, definitions: [housingAssistanceKaraganda2014] },
}

export const catalogEntries: readonly CatalogEntry[] = Object.values(serviceCatalog)

/** Every definition of every service, for listings and validation. */
export const allServiceDefinitions: readonly ServiceDefinition[] = catalogEntries.flatMap((e) => e.definitions)

const entryOf = (id: string): CatalogEntry | undefined =>
  Object.hasOwn(serviceCatalog, id) ? serviceCatalog[id as ServiceKey] : undefined

/** The rules of a catalogued service; `undefined` for any other id. */
export const strictRulesOf: RulesOf = (id: ServiceId) => entryOf(id)?.rules

/** The rules of a catalogued service, and the housing queue's for an id the catalogue does not know (see decide.ts). */
export const builtInRulesOf: RulesOf = (id: ServiceId) => entryOf(id)?.rules ?? housingQueueRules

/** A service's definition: the named edition, or its default one. */
export const definitionOf = (id: string, edition?: string): ServiceDefinition | undefined => {
  const entry = entryOf(id)
  if (entry === undefined) return undefined
  return edition === undefined ? entry.definitions[0] : entry.definitions.find((d) => d.edition === edition)
}
