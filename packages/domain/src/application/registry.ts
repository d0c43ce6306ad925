import * as t from 'io-ts'

/**
 * Outside registers a provider consults before deciding, beside ГБД ФЛ and ЕНИС (which keep their own commands):
 * - `guardianship_register` — «Электронный реестр по опеке и попечительству» (seed 002, service 4: a refusal template
 *   exists for "запись не найдена"; the register is named nowhere else);
 * - `state_information_systems` — housing assistance via the portal, condition 3 (seed 003 §4.2): the provider reads
 *   the identity-document data from state information systems and refuses when they are missing.
 * Each is a port: an adapter asks, the command brings the answer as data.
 */
export const Registry = t.keyof({ guardianship_register: null, state_information_systems: null }, 'Registry')
export type Registry = t.TypeOf<typeof Registry>
