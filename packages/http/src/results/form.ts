/**
 * What a result document's form is made of: its lines in Kazakh and Russian (the languages the forms print), and
 * the helpers every form uses — official dates, names or IINs where a form has a name blank, the addressee block,
 * signatory lines. A form is a function from the facts to lines; an optional datum that is absent yields no line.
 */
import { birthDateOf, message, type Contact, type IIN, type LocalDate, type MessageKey, type MessageParams, type ServiceRequest } from '@kezek/domain'

export const DOC_LANGS = ['kk', 'ru'] as const
export type DocLang = (typeof DOC_LANGS)[number]

/** A form's text in one language, line by line, as printed (the legal footer is added by the document). */
export type FormLines = readonly string[]

/** The facts a form prints beside the events: who issues it, who signs it. */
export interface FormContext {
  /** The provider's name, for the forms that print it («… направляет в дошкольную организацию»). */
  readonly providerName?: string
  /** The head of the office, for «Начальник ___ (ФИО)»; without it the line names the position only. */
  readonly headOfOffice?: string
}

/** `2024-03-12` → `12.03.2024`, as Kazakhstani official letters write dates. */
export const officialDate = (isoDate: string): string => isoDate.slice(0, 10).split('-').reverse().join('.')

/** The local calendar date of an instant, `offsetMinutes` east of UTC (Kazakhstan: +300). */
export const localDateOf = (instant: string, offsetMinutes: number): LocalDate =>
  new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, 10) as LocalDate

/** A number as the officer typed it, without the «№» the form already prints («№ № 211»). */
export const bareNumber = (n: string | number): string => String(n).replace(/^\s*(№|N|No\.?)\s*/u, '')

export const iinLabel = (iin: string, l: DocLang): string => `${l === 'kk' ? 'ЖСН' : 'ИИН'} ${iin}`

/** Whom a form addresses: the name from the signed request, else the IIN. */
export const nameOf = (iin: string, contact: Contact | undefined, l: DocLang): string => contact?.fullName ?? iinLabel(iin, l)

export const money = (tiyn: number, l: DocLang): string =>
  `${Math.floor(tiyn / 100)}.${String(tiyn % 100).padStart(2, '0')} ${l === 'kk' ? 'теңге' : 'тенге'}`

/** A line of the catalogue; the overloads of `message` are too narrow for a key chosen at run time. */
export const say = <K extends MessageKey>(key: K, l: DocLang, params?: MessageParams<K>): string =>
  (message as (k: MessageKey, l: DocLang, p?: unknown) => string)(key, l, params)

/** A line that exists only when its datum does. */
export const optional = <V>(value: V | undefined, line: (v: V) => string): readonly string[] => (value === undefined ? [] : [line(value)])

/** «Заявитель / Адрес / Телефон»: the header of the forms that address the applicant. */
export const addressee = (iin: string, contact: Contact | undefined, l: DocLang): FormLines => [
  say('form.addressee.name', l, { name: nameOf(iin, contact, l) }),
  ...optional(contact?.address, (address) => say('form.addressee.address', l, { address })),
  ...optional(contact?.phone, (phone) => say('form.addressee.phone', l, { phone })),
]

export type Position = 'form.position.head' | 'form.position.head_of_department' | 'form.position.head_of_education' | 'form.position.education_specialist'

/** «Начальник отдела образования (ФИО)». */
export const signatory = (position: Position, l: DocLang, ctx: FormContext): string =>
  ctx.headOfOffice === undefined || position === 'form.position.education_specialist' ? say(position, l) : `${say(position, l)} ${ctx.headOfOffice}`

/** The contact the applicant gave in the signed request. */
export const contactOf = (request: { readonly contact?: Contact } | undefined): Contact | undefined => request?.contact

/** The child (or ward) a request names, with the birth date the IIN carries when none is given. */
export const childOf = (r: ServiceRequest | undefined): { readonly iin: IIN; readonly birthDate: string | undefined } | undefined => {
  const child = r === undefined ? undefined : 'child' in r ? r.child : 'ward' in r ? r.ward : undefined
  return child === undefined ? undefined : { iin: child.iin, birthDate: birthDateOf(child) }
}

/** The minors of a request, by IIN, as «несовершеннолетнего(-ей, -их) ___» takes them. */
export const childrenOf = (r: ServiceRequest | undefined, l: DocLang): string =>
  r !== undefined && 'children' in r ? r.children.map((c) => iinLabel(c.iin, l)).join(', ') : ''
