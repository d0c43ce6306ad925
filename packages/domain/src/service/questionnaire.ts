/**
 * The quality questionnaire («Форма анкеты для определения показателей … «качество» и «доступность»»): two questions,
 * three answers each, in the appendix of every regulation but seed 003's. Whether a service has it is read from its
 * rules, so the decider and what is served cannot disagree.
 */
import type { ServiceId } from '../kernel/ids.js'
import { builtInRulesOf, definitionOf } from './catalog.js'

export const questionnaireQuestions = ['quality', 'information'] as const
export type QuestionnaireQuestion = (typeof questionnaireQuestions)[number]
export const questionnaireAnswers = [1, 2, 3] as const

/** True for a service of the catalogue whose regulation prints the questionnaire. */
export const hasQuestionnaire = (serviceId: string): boolean =>
  definitionOf(serviceId) !== undefined && (builtInRulesOf(serviceId as ServiceId)?.commands.includes('answer_questionnaire') ?? false)
