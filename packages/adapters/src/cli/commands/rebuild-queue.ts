/**
 * `kezek rebuild-queue`: recompute every waiting list from the events under a named ordering policy, as of now or
 * a past instant; write it to the projection store (a new version, then the switch) or to a file; with `--diff`,
 * show every entry whose position changed against the current list, and why.
 */
import * as E from 'fp-ts/lib/Either.js'
import { existsSync } from 'node:fs'
import { filingOrder, findPolicy, orderingPolicies, policyId, rebuildWaitingList, type Instant, type OrderingPolicy, type WaitingList } from '@kezek/domain'
import { commonOptions, instantFrom, noPositionals, parse, storeFrom, storeOptions } from '../args.js'
import { json, type Command } from '../command.js'
import { cliError, fail, usage } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { withStore, type OpenedStore } from '../open-store.js'
import { checkOutput, openSink } from '../output-file.js'
import { countEventsOf, progress } from '../progress.js'
import { diffLists, type ListDiff, type ListSnapshot } from '../queue/diff.js'
import { describeChange } from '../queue/explain.js'
import { readListEvents } from '../queue/read-events.js'
import { departureIn, readSnapshotFile, snapshotOf } from '../queue/snapshot.js'
import { rebuildWaitingListProjection, waitingListReader } from '../../projection/index.js'
import { WAITING_LIST_READS } from '../../projection/waiting-list/projection.js'

const options = {
  ...commonOptions,
  ...storeOptions,
  policy: { type: 'string', short: 'p' },
  'as-of': { type: 'string' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  diff: { type: 'boolean' },
  against: { type: 'string' },
  'no-switch': { type: 'boolean' },
  json: { type: 'boolean' },
} as const

export const policyFrom = (raw: string | undefined, option: string, fallback: OrderingPolicy): OrderingPolicy => {
  if (raw === undefined) return fallback
  const p = findPolicy(raw)
  if (p === undefined) {
    return fail(usage(`${option} ${raw} is not a known ordering policy`, `the policies are ${orderingPolicies.map(policyId).join(', ')}`))
  }
  return p
}

/** The policy of the list readers use now, when the store keeps a waiting-list projection. */
const currentPolicy = async (opened: OpenedStore): Promise<{ policy: OrderingPolicy; version: number } | undefined> => {
  if (opened.sql === undefined) return undefined
  const active = await waitingListReader(opened.sql.driver, opened.sql.schema)
    .active()
    .catch(() => undefined) // no catalogue yet: never built
  if (active === undefined) return undefined
  const policy = findPolicy(active.policy)
  return policy === undefined ? undefined : { policy, version: active.version }
}

const at = (list: WaitingList, asOf: Instant | undefined): WaitingList => (asOf === undefined ? list : list.asOf(asOf))

const renderDiff = (diff: ListDiff, asOf: string | undefined, requestNumber: (id: string) => string | undefined): string => {
  const lines = [`diff: ${diff.before.label} → ${diff.after.label}`]
  if (diff.changes.length === 0) lines.push(`  no entry changed position (${diff.compared} compared)`)
  let list = ''
  for (const c of diff.changes) {
    if (c.listId !== list) {
      list = c.listId
      lines.push(`  ${list}`)
    }
    const rn = requestNumber(c.applicationId)
    lines.push(`    ${rn === undefined ? '' : `request ${rn} `}(${c.applicationId}) ${describeChange(c, diff, asOf)}`)
  }
  if (diff.changes.length > 0) lines.push(`  ${diff.changes.length} of ${diff.compared} entries changed position`)
  return `${lines.join('\n')}\n`
}

const sizes = (list: WaitingList): Record<string, number> => Object.fromEntries(list.listIds().map((id) => [id, list.size(id)]))

export const rebuildQueue: Command = {
  name: 'rebuild-queue',
  summary: 'rebuild the waiting lists under a named policy (as of now or --as-of), write them, --diff what moved',
  help: `kezek rebuild-queue --store URL [--policy ID] [--as-of INSTANT] [--out FILE [--force]] [--diff [--against POLICY|FILE]] [--no-switch] [--json]

Recomputes every waiting list from the events with the ordering policy --policy (${orderingPolicies.map(policyId).join(', ')};
default: the current list's policy, else filing-order@1), as of now or as of --as-of (valid time; 2024-03-01 or
2024-03-01T09:00:00Z). The same events always give a byte-identical list.

Where it goes:
  --out FILE    the list in its deterministic text form (FILE.partial, renamed when complete; --force replaces)
  (no --out)    the projection store in the event store's database (PGlite or PostgreSQL): a new version is built
                next to the current one while readers keep using it, then readers are switched to it in one
                statement. --no-switch builds it without switching (review first; the old version stays either way).
                A past instant (--as-of) cannot become the live list: use --out for it.

--diff prints every entry whose position changed against the current list (the projection readers use now; or
--against a policy id, or a file an earlier --out wrote), with why: entries housed or removed ahead of it, entries
that joined ahead, or the policy ordering differently. Progress goes to stderr: a bar with events/s on a terminal,
plain lines otherwise.`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    noPositionals(positionals, 'rebuild-queue')
    const locator = storeFrom(values, io)
    if (values.policy !== undefined) policyFrom(values.policy, '--policy', filingOrder)
    checkOutput(io, values.out, values.force === true)
    const asOf = values['as-of'] === undefined ? undefined : instantFrom(values['as-of'], '--as-of')
    if (values.against !== undefined && values.diff !== true) fail(usage('--against only makes sense with --diff'))
    if (values.out === undefined && asOf !== undefined) {
      fail(usage('a list as of a past instant cannot become the live projection', 'add --out FILE to write it to a file'))
    }
    if (values.out !== undefined && values['no-switch'] === true) fail(usage('--no-switch is for the projection store; with --out nothing is switched'))
    return withStore(locator, 'read', (opened) => rebuild(io, opened, values, asOf), io)
  },
}

const rebuild = async (
  io: CliIo,
  opened: OpenedStore,
  values: ReturnType<typeof parse<typeof options>>['values'],
  asOf: Instant | undefined,
): Promise<ExitCode> => {
  if (values.out === undefined && opened.sql === undefined) {
    fail(usage(`${opened.description} has no projection tables (only SQL stores do)`, 'write the list to a file with --out FILE'))
  }
  const current = await currentPolicy(opened)
  const policy = policyFrom(values.policy, '--policy', current?.policy ?? findPolicy('filing-order@1') as OrderingPolicy)
  const when = asOf ?? 'now'

  const { events, read } = await readListEvents(io, opened, 'rebuild-queue: reading events')
  const rebuildBar = progress(io, `rebuild-queue: ordering (${policyId(policy)})`, events.length)
  const full = rebuildWaitingList(events, policy)
  rebuildBar.tick(events.length)
  const after = at(full, asOf)
  rebuildBar.finish(`${after.listIds().length} lists`)

  // The list to compare with, read before anything is switched.
  let before: ListSnapshot | undefined
  if (values.diff === true) {
    const against = values.against
    if (against !== undefined && findPolicy(against) === undefined && !existsSync(against)) {
      fail(usage(`--against ${against} is neither a policy nor a file`, `the policies are ${orderingPolicies.map(policyId).join(', ')}`))
    }
    if (against !== undefined && findPolicy(against) !== undefined) {
      const p = findPolicy(against) as OrderingPolicy
      before = snapshotOf(at(full.withPolicy(p), asOf), `${policyId(p)} as of ${when}`)
    } else if (against !== undefined) {
      before = readSnapshotFile(against)
    } else if (current !== undefined) {
      before = snapshotOf(full.withPolicy(current.policy), `the current list (projection v${current.version}, ${policyId(current.policy)}, as of now)`)
    } else {
      io.err.write('rebuild-queue: there is no current list to compare with (no projection version yet); pass --against POLICY or FILE\n')
    }
  }
  const diff = before === undefined ? undefined : diffLists(before, snapshotOf(after, `${policyId(policy)} as of ${when}`), departureIn(after))

  let written: Record<string, unknown>
  if (values.out !== undefined) {
    const sink = openSink(io, values.out, values.force === true)
    try {
      await sink.write(after.serialize())
      await sink.commit()
    } catch (e) {
      await sink.abandon()
      throw e
    }
    written = { out: sink.description }
  } else {
    const sql = opened.sql as NonNullable<OpenedStore['sql']>
    // The projection is given its own types only (a fifth of a generated log): the bar counts those.
    const bar = progress(io, 'rebuild-queue: writing the projection', (await countEventsOf(opened, WAITING_LIST_READS))?.ofTypes)
    let last = 0
    const built = await rebuildWaitingListProjection({
      store: opened.store,
      db: { driver: sql.driver, schema: sql.schema },
      policy: policyId(policy),
      activate: values['no-switch'] !== true,
      // Two replays (the long one, then the catch-up before the switch), each counting from zero.
      onProgress: (p) => {
        if (p.events < last) last = 0
        bar.tick(p.events - last)
        last = p.events
      },
    })
    if (E.isLeft(built)) {
      bar.finish('failed')
      const l = built.left
      return fail(
        cliError(
          l.kind === 'unknown_policy' || l.kind === 'policy_not_in_sql' ? 'usage' : 'conflict',
          `the projection store refused the rebuild: ${JSON.stringify(l)}`,
          l.kind === 'policy_not_in_sql' ? 'this policy has no SQL ordering yet: write the list with --out' : 'see docs/operations.md, "Rebuilding the waiting list"',
        ),
      )
    }
    const b = built.right
    bar.finish(b.activated ? `version ${b.version} built and switched on (was ${b.previousVersion ?? 'none'})` : `version ${b.version} built, not switched on (still ${b.previousVersion ?? 'none'})`)
    written = { projectionVersion: b.version, previousVersion: b.previousVersion ?? null, switched: b.activated }
  }

  const requestNumbers = new Map<string, string>()
  for (const r of full.records().values()) requestNumbers.set(r.entry.applicationId, r.entry.requestNumber)
  if (values.json === true) {
    io.out.write(
      json({
        policy: policyId(policy),
        asOf: asOf ?? null,
        events: read,
        lists: sizes(after),
        ...written,
        ...(diff === undefined
          ? {}
          : {
              diff: {
                before: diff.before.label,
                after: diff.after.label,
                compared: diff.compared,
                changes: diff.changes.map((c) => ({ ...c, requestNumber: requestNumbers.get(c.applicationId) ?? null, why: describeChange(c, diff, asOf) })),
              },
            }),
      }),
    )
  } else {
    const where = 'out' in written ? `written to ${String(written.out)}` : `projection version ${String(written.projectionVersion)}${written.switched === true ? ' (readers switched to it)' : ' (built, not switched on)'}`
    const total = Object.values(sizes(after)).reduce((n, s) => n + s, 0)
    io.out.write(`rebuilt ${after.listIds().length} lists (${total} active entries) with ${policyId(policy)} as of ${when} from ${read} events: ${where}\n`)
    if (diff !== undefined) io.out.write(renderDiff(diff, asOf, (id) => requestNumbers.get(id)))
  }
  return ExitCode.ok
}
