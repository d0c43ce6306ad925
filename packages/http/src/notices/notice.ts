/**
 * Notices to the citizen, as the portal's «Уведомления» shows them: «Уведомления поставляются по мере изменения
 * статуса исполнения заявления» (seed 002 §1, §7), the result's readiness, and «в случае продления срока оказания
 * услуги» (002 §2, §4–6: `deadline_extended`). A notice is derived from the
 * application's events — one per status change, in the words of the service — so the feed needs no store of its own
 * and a replay gives the same notices with the same ids.
 */
import { definitionOf, message, statusText, type ApplicationEvent, type EventOf, type Language, type Status } from '@kezek/domain'
import { evolveView, type ApplicationView } from '../read-model/projections.js'

export type NoticeKind = 'status_changed' | 'result_ready' | 'deadline_extended'

export interface Notice {
  /** `<applicationId>:<revision>` of the event that caused it: stable across replays, so a channel can deduplicate. */
  readonly id: string
  readonly kind: NoticeKind
  readonly applicationId: string
  readonly recipientIin: string
  readonly status: Status
  /** When the fact was recorded. */
  readonly at: string
  readonly text: Readonly<Record<Language, string>>
}

/** The statuses whose reaching means the result document can be viewed. */
const RESULT_READY: ReadonlySet<Status> = new Set(['queued', 'rejected', 'result_issued'])

/** The statuses a citizen is told about: the intermediate system steps (authorized, signed) are not news. */
const NOTIFIED: ReadonlySet<Status> = new Set([
  'registered', 'documents_checked', 'queued', 'rejected', 'removed', 'housed', 'result_issued', 'returned_unclaimed',
])

const serviceName = (view: ApplicationView, lang: Language): string => {
  const id = view.status.serviceId
  return id === undefined ? '' : (definitionOf(id)?.name[lang] ?? id)
}

/** `2024-03-12` → `12.03.2024`, as the documents print dates. */
const officialDate = (d: string): string => d.split('-').reverse().join('.')

const extensionText = (e: EventOf<'deadline_extended'>, view: ApplicationView, lang: Language): string =>
  message('notice.deadline_extended', lang, {
    number: view.status.requestNumber ?? view.status.applicationId, service: serviceName(view, lang), until: officialDate(e.until),
    ground: message(`extension_ground.${e.ground}`, lang),
  })

const textOf = (kind: NoticeKind, view: ApplicationView, lang: Language): string => {
  const s = view.status
  const service = serviceName(view, lang)
  return message(kind === 'result_ready' ? 'notice.result_ready' : 'notice.status_changed', lang, {
    number: s.requestNumber ?? s.applicationId, service, status: statusText(s.serviceId, s.status, lang),
  })
}

export interface RecordedApplicationEvent {
  readonly event: ApplicationEvent
  readonly revision: number
  readonly recordedAt: string
}

/** The notices an application's history gives, oldest first. */
export const noticesOf = (events: readonly RecordedApplicationEvent[]): readonly Notice[] => {
  const out: Notice[] = []
  let view: ApplicationView | undefined
  for (const { event, revision, recordedAt } of events) {
    const before = view?.status.status
    view = evolveView(view, event, revision)
    const s = view.status
    if (event.type === 'deadline_extended' && s.applicantIin !== undefined) {
      const current = view
      out.push({
        id: `${s.applicationId}:${revision}`, kind: 'deadline_extended', applicationId: s.applicationId, recipientIin: s.applicantIin, status: s.status, at: recordedAt,
        text: { ru: extensionText(event, current, 'ru'), kk: extensionText(event, current, 'kk'), en: extensionText(event, current, 'en') },
      })
      continue
    }
    if (s.status === before || !NOTIFIED.has(s.status) || s.applicantIin === undefined) continue
    const kind: NoticeKind = RESULT_READY.has(s.status) ? 'result_ready' : 'status_changed'
    const current = view
    out.push({
      id: `${s.applicationId}:${revision}`, kind, applicationId: s.applicationId, recipientIin: s.applicantIin, status: s.status, at: recordedAt,
      text: { ru: textOf(kind, current, 'ru'), kk: textOf(kind, current, 'kk'), en: textOf(kind, current, 'en') },
    })
  }
  return out
}
