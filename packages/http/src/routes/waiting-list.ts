/**
 * The waiting lists. The public page shows positions, filing dates, request numbers and the number at
 * registration — never an IIN, a name or a family — so it can be published as the law requires. Staff of the
 * provider (and auditors) see full entries. `asOf` answers for a past instant (valid time).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { Router } from 'express'
import { builtInRulesOf, Category, Instant, ListCategory, publicEntry, type ServiceId, type WaitingList } from '@kezek/domain'
import { canReadFullList } from '../auth/policy.js'
import { requirePrincipal } from '../middleware/context.js'
import { isProblem, problem, type Problem } from '../problem/problem.js'
import { decodeInput } from '../http/decode.js'
import { Paging } from '../http/query.js'
import { ok, route } from '../http/reply.js'
import type { ProviderConfig, Services } from '../http/services.js'

/** The housing categories, then the lists of the provider's other services (the kindergarten Journal). */
const listsOf = (p: ProviderConfig): readonly string[] => {
  const housing = Object.keys(Category.keys)
  const others = (p.services ?? []).flatMap((d) => builtInRulesOf(d.id as ServiceId)?.lists ?? []).filter((c) => !housing.includes(c))
  return [...housing, ...new Set(others)]
}

const ListQuery = t.intersection([Paging, t.partial({ asOf: Instant })], 'ListQuery')

interface Resolved {
  readonly listId: string
  readonly list: WaitingList
  readonly offset: number
  readonly limit: number
  readonly asOf: string | null
}

const resolve = (s: Services, params: Record<string, unknown>, query: unknown): Resolved | Problem => {
  const providerId = String(params['providerId'])
  if (!s.providers.has(providerId)) return problem('not-found', `provider ${providerId} is not served here`)
  const provider = s.providers.get(providerId)
  const category = decodeInput(ListCategory, params['category'], 'category')
  const lists = provider === undefined ? [] : listsOf(provider)
  if (E.isLeft(category) || !lists.includes(category.right)) return problem('not-found', `no list ${String(params['category'])}`, { categories: lists })
  const q = decodeInput(ListQuery, query, 'query')
  if (E.isLeft(q)) return q.left
  const asOf = q.right.asOf
  return {
    listId: `${providerId}/${category.right}`,
    list: asOf === undefined ? s.read.waitingList : s.read.waitingList.asOf(asOf),
    offset: q.right.offset ?? 0,
    limit: q.right.limit ?? 50,
    asOf: asOf ?? null,
  }
}

export const waitingListRoutes = (s: Services): Router => {
  const r = Router()

  r.get('/v1/providers/:providerId/lists', route(async (req) => {
    const providerId = String(req.params['providerId'])
    const provider = s.providers.get(providerId)
    if (provider === undefined) return problem('not-found', `provider ${providerId} is not served here`)
    return ok({
      providerId,
      lists: listsOf(provider).map((category) => ({
        category,
        size: s.read.waitingList.size(`${providerId}/${category}`),
        href: `/v1/providers/${encodeURIComponent(providerId)}/lists/${category}`,
      })),
    })
  }))

  r.get('/v1/providers/:providerId/lists/:category', route(async (req) => {
    const q = resolve(s, req.params, req.query)
    if (isProblem(q)) return q
    // The Journal's number and date identify a place as the request number does, and name no one.
    const entries = q.list.page(q.listId, q.offset, q.limit).map((p) =>
      ({ ...publicEntry(p.entry, p.position), ...(p.entry.journal === undefined ? {} : { journal: p.entry.journal }) }))
    return ok({ list: q.listId, asOf: q.asOf, total: q.list.size(q.listId), offset: q.offset, limit: q.limit, entries })
  }))

  r.get('/v1/providers/:providerId/lists/:category/entries', route(async (req, res) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    if (!canReadFullList(p, String(req.params['providerId']))) return problem('forbidden', 'full entries are for the provider’s staff and auditors')
    const q = resolve(s, req.params, req.query)
    if (isProblem(q)) return q
    const entries = q.list.page(q.listId, q.offset, q.limit).map(({ position, entry }) => {
      const { filedAtMs: _ms, ...rest } = entry
      return { position, ...rest }
    })
    return ok({ list: q.listId, asOf: q.asOf, total: q.list.size(q.listId), offset: q.offset, limit: q.limit, entries })
  }))
  return r
}
