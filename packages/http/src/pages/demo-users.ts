/**
 * The demo's users for the /demo page: the live demo's citizen, officer, operator and auditor, and a citizen from
 * the generated history who has waited on a list for years — so the status screen's position chart has a story.
 */
import type { IIN } from '@kezek/domain'
import type { ReadModels } from '../read-model/projections.js'
import type { DemoUser } from './session.js'

export interface DemoCredentials {
  readonly citizen: string
  readonly officer: string
  readonly operator: string
  readonly auditor: string
}

/** The active entry that has waited longest while still some places down its list, if any. */
export const longWaitingHolder = (read: ReadModels): IIN | undefined => {
  const list = read.waitingList
  let pick: { iin: IIN; at: number } | undefined
  for (const [id, r] of list.records()) {
    if (r.status !== 'active') continue
    const at = r.intervals[0] as number
    if (pick !== undefined && at >= pick.at) continue
    const p = list.position(id)
    if (p !== undefined && p.position >= 3) pick = { iin: r.entry.holderIin, at }
  }
  return pick?.iin
}

export const demoUsers = (t: DemoCredentials, historyCitizen: string | undefined): readonly DemoUser[] => [
  { key: 'citizen', token: t.citizen, label: { ru: 'Гражданин (заявки этого запуска)', kk: 'Азамат (осы іске қосудағы өтініштер)', en: 'Citizen (this run’s applications)' } },
  ...(historyCitizen === undefined ? [] : [{
    key: 'waiting-citizen', token: historyCitizen,
    label: { ru: 'Гражданин, много лет в очереди', kk: 'Көп жыл кезекте тұрған азамат', en: 'Citizen waiting for years' },
  }]),
  { key: 'officer', token: t.officer, label: { ru: 'Сотрудник услугодателя', kk: 'Қызмет берушінің қызметкері', en: 'Provider officer' } },
  { key: 'operator', token: t.operator, label: { ru: 'Оператор ЦОН', kk: 'ХҚКО операторы', en: 'Service centre operator' } },
  { key: 'auditor', token: t.auditor, label: { ru: 'Аудитор', kk: 'Аудитор', en: 'Auditor' } },
]
