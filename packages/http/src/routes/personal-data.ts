/**
 * Erasure of a person's personal data, ordered by the data-protection officer (docs/personal-data.md):
 * `POST /v1/personal-data/erasures` with `{ iin, ground }`. The person's keys are destroyed, an erasure record
 * (who, when, ground — no personal data) is appended, and the answer waits until the read models have forgotten
 * the person, so no later answer of this service names them.
 */
import { Router } from 'express'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { erasePerson, type ProtectedStore } from '@kezek/adapters'
import { requirePrincipal } from '../middleware/context.js'
import { jsonBody } from '../middleware/body.js'
import { isProblem, problem } from '../problem/problem.js'
import { decodeInput } from '../http/decode.js'
import { postRoute } from '../http/post.js'
import { catchUp, type Services } from '../http/services.js'

export const ErasureOrderBody = t.type({ iin: t.string, ground: t.string }, 'ErasureOrder')

export const personalDataRoutes = (s: Services, personal: ProtectedStore | undefined): Router => {
  const r = Router()
  r.post('/v1/personal-data/erasures', ...jsonBody(s.limits), postRoute(s, async (req, res, ids) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    if (p.role !== 'data_protection_officer') return problem('forbidden', 'only the data-protection officer orders an erasure')
    const body = decodeInput(ErasureOrderBody, req.body)
    if (E.isLeft(body)) return body.left
    if (personal === undefined) return problem('command-refused', 'personal data is not encrypted in this service (KEZEK_PERSONAL_DATA=off): there is no key to destroy')
    // The index of who is named where must have seen everything stored before it is asked.
    if (!(await catchUp(s, s.readYourWritesMs))) return { ...problem('not-ready', 'read models are behind the store'), retryAfter: 2 }
    const done = await erasePerson(personal, {
      iin: body.right.iin, ground: body.right.ground, requestedBy: { id: p.subject, role: p.role },
      erasureId: ids.base, eventId: ids.of('personal_data_erased'), now: s.clock(), streams: s.read.streamsNaming(body.right.iin),
    })
    if (E.isLeft(done)) return problem('validation-failed', done.left.detail, { errors: [/ground/.test(done.left.detail) ? 'ground' : 'iin'] })
    await s.read.reached(done.right.position)
    const { record } = done.right
    return {
      status: 201,
      body: {
        erasureId: record.erasureId, erasedAt: record.erasedAt, ground: record.ground, requestedBy: record.requestedBy,
        keysDestroyed: record.kids.length, applications: record.streams.length,
      },
    }
  }))
  return r
}
