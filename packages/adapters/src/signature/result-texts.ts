/**
 * Russian and Kazakh texts of the result documents. Russian follows the textual templates behind ALM's
 * appendix 3 (reference/seed-housing-queue.md §3.4); the legal footer is attested in both languages. The Kazakh
 * body texts and category titles are constructed from attested terms (§5.3–5.4: есепке қою, кезек нөмірі,
 * дәлелді бас тарту) and need a native speaker's review before production use.
 */

export type Lang = 'ru' | 'kk'

export const LEGAL_FOOTER: Readonly<Record<Lang, string>> = {
  kk: 'Осы құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» 2003 жылғы 7 қаңтардағы N 370-II ҚРЗ 7-бабының 1-тармағына сәйкес қағаз тасығыштағы құжатқа тең.',
  ru: 'Данный документ согласно пункту 1 статьи 7 ЗРК от 7 января 2003 года «Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе.',
}

export const APPEAL_CLAUSE: Readonly<Record<Lang, string>> = {
  ru: 'В случае несогласия с данным решением, Вы вправе обжаловать его в порядке, установленном законодательством.',
  kk: 'Осы шешіммен келіспеген жағдайда, Сіз оған заңнамада белгіленген тәртіппен шағымдануға құқылысыз.',
}

export const CATEGORY_TITLES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  war_veterans: {
    ru: 'участники и инвалиды Великой Отечественной войны',
    kk: 'Ұлы Отан соғысының қатысушылары мен мүгедектері',
  },
  orphans: {
    ru: 'дети-сироты и дети, оставшиеся без попечения родителей',
    kk: 'жетім балалар және ата-анасының қамқорлығынсыз қалған балалар',
  },
  socially_vulnerable: { ru: 'социально уязвимые слои населения', kk: 'халықтың әлеуметтік осал топтары' },
  state_employees: {
    ru: 'государственные служащие, работники бюджетных организаций, военнослужащие',
    kk: 'мемлекеттік қызметшілер, бюджеттік ұйымдардың қызметкерлері, әскери қызметшілер',
  },
  emergency_dwelling: {
    ru: 'граждане, единственное жилище которых признано аварийным',
    kk: 'жалғыз тұрғын үйі апатты деп танылған азаматтар',
  },
}

export const categoryTitle = (code: string, lang: Lang): string => CATEGORY_TITLES[code]?.[lang] ?? code

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

export const notificationText = (f: NotificationFacts, lang: Lang): string =>
  lang === 'ru'
    ? `Уведомление. Ставим Вас в известность, что решением жилищной комиссии от ${officialDate(f.commissionDecisionDate)} года, ` +
      'Вы поставлены на учет граждан, нуждающихся в жилье из государственного жилищного фонда, ' +
      `по категории «${categoryTitle(f.category, 'ru')}», со дня подачи заявления от ${officialDate(f.filingDate)} года № ${f.requestNumber}, ` +
      `с составом семьи ${f.familySize} человек. На момент постановки на учет Ваша очередность № ${f.queueNumber}. ` +
      `Начальник ${f.headOfOffice}`
    : `Хабарлама. Тұрғын үй комиссиясының ${officialDate(f.commissionDecisionDate)} жылғы шешімімен Сіз ` +
      `${officialDate(f.filingDate)} жылғы № ${f.requestNumber} өтініш берген күннен бастап, отбасы құрамы ${f.familySize} адам, ` +
      `«${categoryTitle(f.category, 'kk')}» санаты бойынша мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаж азаматтардың ` +
      `есебіне қойылдыңыз. Есепке қою сәтіндегі Сіздің кезек нөміріңіз № ${f.queueNumber}. Бастық ${f.headOfOffice}`

export interface RefusalFacts {
  readonly familySize: number
  readonly reasons: readonly string[]
  readonly headOfOffice: string
}

export const refusalText = (f: RefusalFacts, lang: Lang): string =>
  lang === 'ru'
    ? `Ставим Вас в известность, что Вам (состав семьи ${f.familySize} человек) отказано в постановке на учет граждан, ` +
      `нуждающихся в жилье из государственного жилищного фонда. Причина отказа: ${f.reasons.join('; ')}. ` +
      `${APPEAL_CLAUSE.ru} Начальник ${f.headOfOffice}`
    : `Сізге (отбасы құрамы ${f.familySize} адам) мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаж азаматтардың ` +
      `есебіне қоюдан бас тартылғанын хабарлаймыз. Бас тарту себебі: ${f.reasons.join('; ')}. ` +
      `${APPEAL_CLAUSE.kk} Бастық ${f.headOfOffice}`
