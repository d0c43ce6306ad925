/**
 * RFC 9457 problem details as values. Routes return them (never throw them); `sendProblem` writes one.
 */
import type { Language } from '@kezek/domain'
import type { Response } from 'express'
import { problemKinds, problemType, type ProblemKindId } from './catalogue.js'

export interface Problem {
  readonly kind: ProblemKindId
  /** Specific to this occurrence: English text for developers, or a text in the reply's language. */
  readonly detail?: string | ((lang: Language) => string)
  /** Extension members (RFC 9457 §3.2): machine-readable specifics such as `errors` or `code`. */
  readonly extensions?: Readonly<Record<string, unknown>>
  /** Seconds, for 503s the client may retry. */
  readonly retryAfter?: number
}

export const problem = (kind: ProblemKindId, detail?: Problem['detail'], extensions?: Record<string, unknown>): Problem => ({
  kind,
  ...(detail === undefined ? {} : { detail }),
  ...(extensions === undefined ? {} : { extensions }),
})

export const isProblem = (x: unknown): x is Problem =>
  typeof x === 'object' && x !== null && typeof (x as Problem).kind === 'string' && Object.hasOwn(problemKinds, (x as Problem).kind)

export const problemBody = (p: Problem, lang: Language, instance?: string): Record<string, unknown> => {
  const k = problemKinds[p.kind]
  return {
    ...p.extensions,
    type: problemType(p.kind),
    title: k.title[lang],
    status: k.status,
    ...(p.detail === undefined ? {} : { detail: typeof p.detail === 'function' ? p.detail(lang) : p.detail }),
    ...(instance === undefined ? {} : { instance }),
  }
}

export const statusOfProblem = (p: Problem): number => problemKinds[p.kind].status

export const sendProblem = (res: Response, p: Problem, lang: Language, instance?: string): void => {
  const status = statusOfProblem(p)
  if (p.retryAfter !== undefined) res.setHeader('Retry-After', String(p.retryAfter))
  res.status(status).setHeader('Content-Language', lang)
  res.type('application/problem+json').send(JSON.stringify(problemBody(p, lang, instance)))
}
