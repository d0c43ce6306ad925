/**
 * Read-your-writes across instances. Every write answers with `Kezek-Position`, the global position of what it
 * wrote; a read sent with `Kezek-Min-Position: <that position>` — to this instance or any other over the same
 * store — waits (at most `maxWaitMs`) until this instance's read models have applied it, and is answered 503 with
 * Retry-After when they have not, rather than with data older than the client's own write.
 */
import type { NextFunction, Request, Response } from 'express'
import { contextOf } from '../middleware/context.js'
import { problem, sendProblem } from '../problem/problem.js'
import type { ReadModels } from '../read-model/projections.js'
import { within } from './settle.js'

export const POSITION_HEADER = 'Kezek-Position'
export const MIN_POSITION_HEADER = 'Kezek-Min-Position'

/** The header a write answers with, when it has a position. */
export const positionHeader = (position: string | undefined): Record<string, string> =>
  position === undefined ? {} : { [POSITION_HEADER]: position }

const POSITION_TEXT = /^[\x21-\x7e]{1,100}$/

export const readYourWrites = (read: ReadModels, compare: (a: string, b: string) => number, maxWaitMs: number) =>
  async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const wanted = req.get(MIN_POSITION_HEADER)
    if (wanted === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) { next(); return }
    const lang = contextOf(res).lang
    let valid = POSITION_TEXT.test(wanted)
    if (valid) {
      try { compare(wanted, wanted) } catch { valid = false }
    }
    if (!valid) {
      sendProblem(res, problem('validation-failed', `${MIN_POSITION_HEADER} is not a position of this store`, { errors: [MIN_POSITION_HEADER] }), lang, req.originalUrl)
      return
    }
    const seen = await within(maxWaitMs, read.reached(wanted)).catch(() => 'timeout' as const)
    if (seen === 'timeout') {
      sendProblem(res, { ...problem('not-ready', `the read models have not reached position ${wanted} yet`), retryAfter: 1 }, lang, req.originalUrl)
      return
    }
    next()
  }
