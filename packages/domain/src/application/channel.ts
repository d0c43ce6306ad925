import * as t from 'io-ts'

/**
 * The three ways an application reaches the provider (регламент п.6–8):
 * - `portal` — ПЭП / ЭҮП, the citizen signs with their own ЭЦП;
 * - `provider_desk` — услугодатель / қызмет беруші, an officer enters and signs;
 * - `service_centre` — ЦОН / ХҚКО, an operator enters, signs and hands the result over.
 */
export const Channel = t.keyof({ portal: null, provider_desk: null, service_centre: null }, 'Channel')
export type Channel = t.TypeOf<typeof Channel>

/** Channels where staff act for the citizen, so the citizen is looked up in ГБД ФЛ. */
export const isWalkIn = (c: Channel): c is 'provider_desk' | 'service_centre' => c !== 'portal'
