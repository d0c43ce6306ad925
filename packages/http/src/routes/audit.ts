/**
 * The audit history of one application: every event with its provenance (who, on whose behalf, under which rule,
 * valid and record time), and the verdict of the stream's hash chain. For staff of the provider, auditors and
 * administrators; the applicant sees their status, not the audit trail.
 */
import * as E from 'fp-ts/lib/Either.js'
import { Router } from 'express'
import { canReadAudit } from '../auth/policy.js'
import { decodeRecorded, applicationStream } from '@kezek/adapters'
import { verifyStream } from '@kezek/adapters'
import { isProblem, problem } from '../problem/problem.js'
import { ok, route } from '../http/reply.js'
import type { Services } from '../http/services.js'
import { setEtagHeader, visibleApplication } from './shared.js'

export const auditRoutes = (s: Services): Router => {
  const r = Router()
  r.get('/v1/applications/:id/history', route(async (req, res) => {
    const id = String(req.params['id'])
    const found = await visibleApplication(s, res, id, { fresh: true })
    if (isProblem(found)) return found
    if (!canReadAudit(found.principal, found.view.status.providerId)) return problem('forbidden', 'the audit history is for staff and auditors')
    let read
    try {
      read = await s.store.readStream(applicationStream(id))
    } catch (e) {
      return { ...problem('store-unavailable', e instanceof Error ? e.message : String(e)), retryAfter: 5 }
    }
    if (E.isLeft(read)) return problem('not-found', 'no such application')
    const recorded = read.right
    const chain = verifyStream(recorded)
    const events = recorded.map((rec) => {
      const d = decodeRecorded(rec)
      const base = { revision: rec.revision, eventId: rec.id, type: rec.type, recordedAt: rec.recordedAt, hash: rec.hash, previousHash: rec.previousHash }
      return E.isLeft(d)
        ? { ...base, decodes: false, data: rec.data, metadata: rec.metadata }
        : { ...base, decodes: true, event: d.right.event, envelope: d.right.envelope }
    })
    return ok({
      applicationId: id,
      revision: recorded.at(-1)?.revision ?? null,
      chain: E.isRight(chain)
        ? { verified: true, events: recorded.length, head: recorded.at(-1)?.hash ?? null }
        : { verified: false, break: chain.left },
      events,
    }, setEtagHeader(recorded.at(-1)?.revision))
  }))
  return r
}
