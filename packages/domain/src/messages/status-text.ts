/**
 * The status screen's «Статус запроса» in the words of the application's service: the housing list «Поставлен на
 * учет», the kindergarten Journal «Поставлен(а) на очередь» («кезекке қойылды»). A service without words of its own
 * for a status uses the common ones.
 */
import type { Status } from '../status/application-status.js'
import type { Language } from './localized.js'
import { message } from './message.js'

export const statusText = (serviceId: string | undefined, status: Status, lang: Language): string =>
  serviceId === 'kindergarten-queue' && status === 'queued' ? message('status.queued_preschool', lang) : message(`status.${status}`, lang)
