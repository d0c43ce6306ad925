/**
 * Russian and Kazakh texts of the housing result documents this package signs, read from the domain's message
 * catalogue (`form.*`, `category.*`, `result.appeal`, `legal.footer`) so they cannot drift from the HTTP service's
 * forms. The Kazakh body texts are composed there (`kkComposed`) and need a native speaker's review.
 */
import { categories, message, type Category } from '@kezek/domain'

export type Lang = 'ru' | 'kk'

const both = (text: (l: Lang) => string): Readonly<Record<Lang, string>> => ({ ru: text('ru'), kk: text('kk') })

export const LEGAL_FOOTER: Readonly<Record<Lang, string>> = both((l) => message('legal.footer', l))

export const APPEAL_CLAUSE: Readonly<Record<Lang, string>> = both((l) => message('result.appeal', l))

export const CATEGORY_TITLES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = Object.fromEntries(
  categories.map((c) => [c, both((l) => message(`category.${c}`, l))]),
)

export const categoryTitle = (code: string, lang: Lang): string =>
  (categories as readonly string[]).includes(code) ? message(`category.${code as Category}`, lang) : code

/** `2024-03-12` → `12.03.2024`, as dates are written in Kazakhstani official letters. */
export const officialDate = (isoDate: string): string => isoDate.split('-').reverse().join('.')

export interface NotificationFacts {
  readonly commissionDecisionDate: string
  readonly category: string
  readonly filingDate: string
  readonly requestNumber: string
  readonly familySize: number
  readonly queueNumber: number
  readonly headOfOffice: string
}

export const notificationText = (f: NotificationFacts, lang: Lang): string => [
  message('form.heading.notice', lang) + '.',
  message('form.housing.notice', lang, {
    decisionDate: officialDate(f.commissionDecisionDate), category: categoryTitle(f.category, lang),
    filedOn: officialDate(f.filingDate), requestNumber: f.requestNumber, familySize: f.familySize,
  }),
  message('form.housing.queue_number', lang, { n: f.queueNumber }),
  `${message('form.position.head', lang)} ${f.headOfOffice}`,
].join(' ')

export interface RefusalFacts {
  readonly familySize: number
  readonly reasons: readonly string[]
  readonly headOfOffice: string
}

export const refusalText = (f: RefusalFacts, lang: Lang): string => [
  message('form.housing.refusal', lang, { familySize: f.familySize }),
  message('form.refusal.reason', lang, { reason: f.reasons.map((r) => r.replace(/[.]+$/u, '')).join('; ') }),
  APPEAL_CLAUSE[lang],
  `${message('form.position.head', lang)} ${f.headOfOffice}`,
].join(' ')
