import * as t from 'io-ts'

const nonEmpty = <B extends { readonly [K in N]: symbol }, N extends string>(name: N) =>
  t.brand(t.string, (s): s is t.Branded<string, B> => s.length > 0 && s.length <= 200 && s.trim() === s, name)

export interface ApplicationIdBrand { readonly ApplicationId: unique symbol }
/** Identity of one application and of its event stream. Chosen by the caller (a UUID, say), never by the domain. */
export const ApplicationId = nonEmpty<ApplicationIdBrand, 'ApplicationId'>('ApplicationId')
export type ApplicationId = t.TypeOf<typeof ApplicationId>

export interface CommandIdBrand { readonly CommandId: unique symbol }
/** Identity of a command: the same id twice means "a retry", and produces no new events. */
export const CommandId = nonEmpty<CommandIdBrand, 'CommandId'>('CommandId')
export type CommandId = t.TypeOf<typeof CommandId>

export interface ProviderIdBrand { readonly ProviderId: unique symbol }
/** The service provider (услугодатель): an akimat's housing department. Each keeps its own waiting lists. */
export const ProviderId = nonEmpty<ProviderIdBrand, 'ProviderId'>('ProviderId')
export type ProviderId = t.TypeOf<typeof ProviderId>

export interface ServiceIdBrand { readonly ServiceId: unique symbol }
/** A service definition's id, e.g. `housing-queue`. */
export const ServiceId = nonEmpty<ServiceIdBrand, 'ServiceId'>('ServiceId')
export type ServiceId = t.TypeOf<typeof ServiceId>

export interface RequestNumberBrand { readonly RequestNumber: unique symbol }
/** The number АРМ РШЭП gives the e-document at registration; the fixed tie-breaker of the waiting list. */
export const RequestNumber = nonEmpty<RequestNumberBrand, 'RequestNumber'>('RequestNumber')
export type RequestNumber = t.TypeOf<typeof RequestNumber>

/** A free-text reference to an outside record (ГБД ФЛ reply, decision number, dwelling): bounded, never empty. */
export const Reference = t.refinement(t.string, (s) => s.length > 0 && s.length <= 500, 'Reference')
