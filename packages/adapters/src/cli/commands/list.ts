/**
 * `kezek list`: a waiting list as a table or CSV — public (no personal data) by default, or full for staff.
 */
import { findPolicy, listId as listIdOf, policyId, rebuildWaitingList, type OrderingPolicy } from '@kezek/domain'
import { commonOptions, instantFrom, noPositionals, parse, positiveIntFrom, storeFrom, storeOptions } from '../args.js'
import { json, type Command } from '../command.js'
import { cliError, fail, usage } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { withStore } from '../open-store.js'
import { readListEvents } from '../queue/read-events.js'
import { csv, table, type Audience, type Row } from '../queue/render-list.js'
import { waitingListReader } from '../../projection/index.js'
import { policyFrom } from './rebuild-queue.js'

const options = {
  ...commonOptions,
  ...storeOptions,
  list: { type: 'string' },
  policy: { type: 'string', short: 'p' },
  'as-of': { type: 'string' },
  csv: { type: 'boolean' },
  json: { type: 'boolean' },
  public: { type: 'boolean' },
  full: { type: 'boolean' },
  limit: { type: 'string' },
  offset: { type: 'string' },
} as const

export const list: Command = {
  name: 'list',
  summary: 'a waiting list as a table or --csv; --public (default, no personal data) or --full (staff)',
  help: `kezek list --store URL [--list PROVIDER/CATEGORY] [--policy ID] [--as-of INSTANT] [--csv|--json] [--public|--full] [--offset N] [--limit N]

Prints the waiting lists (or one, --list almaty/zhkh/orphans) in order with current positions, computed from the
events. --public (the default) shows what anyone may see: position, request number, filing time, category and the
number at registration — no IIN, no application id, no family data. --full adds the application id, the holder's
IIN, the family size and the commission decision date: staff only. The order is the current list's policy (the
projection readers use) unless --policy names another; --as-of shows the list at a past instant. Without --list,
the ids of the lists and their sizes are printed first.`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    noPositionals(positionals, 'list')
    if (values.public === true && values.full === true) fail(usage('--public and --full exclude each other'))
    if (values.csv === true && values.json === true) fail(usage('--csv and --json exclude each other'))
    const audience: Audience = values.full === true ? 'full' : 'public'
    const asOf = values['as-of'] === undefined ? undefined : instantFrom(values['as-of'], '--as-of')
    const offset = positiveIntFrom(values.offset, '--offset', 0)
    const limit = positiveIntFrom(values.limit, '--limit', Number.MAX_SAFE_INTEGER)
    const locator = storeFrom(values, io)
    return withStore(locator, 'read', async (opened) => {
      const active =
        opened.sql === undefined ? undefined : await waitingListReader(opened.sql.driver, opened.sql.schema).active().catch(() => undefined)
      const fallback = findPolicy(active?.policy ?? 'filing-order@1') as OrderingPolicy
      const policy = policyFrom(values.policy, '--policy', fallback)
      const { events } = await readListEvents(io, opened, 'list: reading events')
      const built = rebuildWaitingList(events, policy)
      const shown = asOf === undefined ? built : built.asOf(asOf)
      const ids = values.list === undefined ? shown.listIds() : [values.list]
      if (values.list !== undefined && !shown.listIds().includes(values.list)) {
        fail(
          cliError(
            'not_found',
            `there is no waiting list ${values.list}${asOf === undefined ? '' : ` at ${asOf}`}`,
            `the lists are: ${shown.listIds().join(', ') || '(none)'}`,
          ),
        )
      }
      const rows: Row[] = []
      for (const id of ids) {
        for (const p of shown.page(id, offset, Math.min(limit, shown.size(id)))) rows.push({ listId: listIdOf(p.list), position: p.position, entry: p.entry })
      }
      const source = `${policyId(policy)} as of ${asOf ?? 'now'}`
      if (values.csv === true) io.out.write(csv(rows, audience))
      else if (values.json === true) {
        io.out.write(
          json({
            policy: policyId(policy),
            asOf: asOf ?? null,
            audience,
            lists: Object.fromEntries(ids.map((id) => [id, shown.size(id)])),
            entries: rows.map((r) =>
              audience === 'public'
                ? { list: r.listId, position: r.position, requestNumber: r.entry.requestNumber, filedAt: r.entry.filedAt, category: r.entry.list.category, numberAtRegistration: r.entry.queueNumberAtRegistration }
                : { list: r.listId, position: r.position, requestNumber: r.entry.requestNumber, filedAt: r.entry.filedAt, category: r.entry.list.category, numberAtRegistration: r.entry.queueNumberAtRegistration, applicationId: r.entry.applicationId, holderIin: r.entry.holderIin, familySize: r.entry.familySize, commissionDecisionDate: r.entry.commissionDecisionDate },
            ),
          }),
        )
      } else {
        if (values.list === undefined) io.out.write(`${ids.map((id) => `${id}: ${shown.size(id)} active`).join('\n')}\n\n`)
        io.out.write(`${audience === 'public' ? 'public list (no personal data)' : 'FULL list with personal data — staff only'}, ${source}\n`)
        io.out.write(table(rows, audience))
      }
      return ExitCode.ok
    }, io)
  },
}
