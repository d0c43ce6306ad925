/**
 * A text in the three languages kezek speaks. Russian and Kazakh come from the regulations; English is ours.
 * `kkComposed: true` marks a Kazakh text we composed because the seeds do not attest one: a native speaker should
 * review it before it is shown to citizens.
 */
export interface Localized {
  readonly ru: string
  readonly kk: string
  readonly en: string
  readonly kkComposed?: boolean
}

export const Languages = ['ru', 'kk', 'en'] as const
export type Language = (typeof Languages)[number]
