/**
 * The quality questionnaire as served to a citizen, and its answers counted for staff: per provider, service and
 * period, the count of each answer to each question — the regulation's quality indicators («Результаты … измеряются
 * показателями качества и доступности», AKZ п.15, ALM п.16). Plain functions, so pages and routes share them.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  definitionOf, hasQuestionnaire, message, questionnaireAnswers, questionnaireQuestions, type Language, type QuestionnaireQuestion,
} from '@kezek/domain'
import type { Services } from '../http/services.js'

export interface QuestionnaireForm {
  readonly serviceId: string
  readonly service: string
  readonly title: string
  readonly questions: readonly { readonly id: QuestionnaireQuestion; readonly text: string }[]
  readonly answers: readonly { readonly value: 1 | 2 | 3; readonly text: string }[]
}

/** The form in one language, or undefined when the service's regulation has none. */
export const questionnaireForm = (serviceId: string, lang: Language): QuestionnaireForm | undefined => {
  const definition = definitionOf(serviceId)
  if (definition === undefined || !hasQuestionnaire(serviceId)) return undefined
  return {
    serviceId,
    service: definition.name[lang],
    title: message('questionnaire.title', lang),
    questions: questionnaireQuestions.map((id) => ({ id, text: message(`questionnaire.${id}`, lang) })),
    answers: questionnaireAnswers.map((value) => ({ value, text: message(`questionnaire.answer.${value}`, lang) })),
  }
}

export type AnswerCounts = Readonly<Record<QuestionnaireQuestion, Readonly<Record<'1' | '2' | '3', number>>>>

export interface QuestionnaireTally {
  readonly providerId: string
  readonly serviceId?: string
  /** Inclusive local dates of the answers counted (`YYYY-MM-DD`), when asked for. */
  readonly from?: string
  readonly to?: string
  readonly respondents: number
  readonly counts: AnswerCounts
}

const zero = () => ({ '1': 0, '2': 0, '3': 0 })

/**
 * Counts the answers given to the provider's applications, optionally of one service and within [from, to] (by the
 * date the answer was recorded, UTC+5). Reads each application's stream: fine for a provider's yearly volume; a
 * deployment with millions would keep a projection instead.
 */
export const tallyQuestionnaire = async (
  s: Pick<Services, 'read' | 'handler'>,
  q: { readonly providerId: string; readonly serviceId?: string; readonly from?: string; readonly to?: string },
): Promise<QuestionnaireTally> => {
  const counts = { quality: zero(), information: zero() }
  let respondents = 0
  for (const id of s.read.applicationsOfProvider(q.providerId)) {
    const view = s.read.application(id)
    if (q.serviceId !== undefined && view?.status.serviceId !== q.serviceId) continue
    const loaded = await s.handler.load(id)
    if (E.isLeft(loaded)) continue
    for (const { event } of loaded.right.events) {
      if (event.type !== 'questionnaire_answered') continue
      const day = new Date(Date.parse(event.at) + 300 * 60_000).toISOString().slice(0, 10)
      if ((q.from !== undefined && day < q.from) || (q.to !== undefined && day > q.to)) continue
      respondents += 1
      counts.quality[String(event.quality) as '1' | '2' | '3'] += 1
      counts.information[String(event.information) as '1' | '2' | '3'] += 1
    }
  }
  return { ...q, respondents, counts }
}
