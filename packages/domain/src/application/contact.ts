import * as t from 'io-ts'
import { Reference } from '../kernel/ids.js'
import { personalText } from '../kernel/personal.js'

/**
 * What the application forms ask of the applicant beside the IIN: «ФИО заявителя», «Адрес», «Телефон» (seed 002
 * §1.6, §2.5; the housing notice's header, reference §3.4). Each is optional: a result document prints the lines it
 * has and drops the others; without a name it prints the IIN. Personal data, signed with the request, erased with
 * the person.
 */
export const Contact = t.partial({
  fullName: personalText('name', Reference),
  address: personalText('address', Reference),
  phone: personalText('phone', Reference),
}, 'Contact')
export type Contact = t.TypeOf<typeof Contact>
