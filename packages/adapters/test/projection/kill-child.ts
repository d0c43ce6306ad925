/**
 * Child process for the kill tests: runs the waiting-list projection and, in the middle of the batch holding the
 * poison event, writes rows, announces "MID-BATCH" and waits to be killed with its transaction open.
 * Usage: node --import tsx kill-child.ts <postgres|pglite> <connection string | data dir> <schema> <version> <poison event id>
 */
import { runProjection, sqlSink, waitingListProjection, type SqlProjection } from '../../src/projection/index.js'
import { openPgliteStore } from '../../src/store/pglite.js'
import { openPostgresStore } from '../../src/store/postgres.js'

const [kind, target, schema, version, poison] = process.argv.slice(2) as [string, string, string, string, string]
const store = kind === 'pglite'
  ? await openPgliteStore({ dataDir: target, schema })
  : await openPostgresStore({ connectionString: target, schema })
const hanging: SqlProjection = {
  ...waitingListProjection,
  apply: async (tx, events, tables) => {
    const at = events.findIndex((e) => e.id === poison)
    if (at < 0) return waitingListProjection.apply(tx, events, tables)
    await waitingListProjection.apply(tx, events.slice(0, at), tables)
    process.stdout.write('MID-BATCH\n')
    await new Promise(() => setInterval(() => undefined, 60_000)) // hold the transaction open until SIGKILL
  },
}
const sink = await sqlSink(store.driver, store.schema, hanging, Number(version), { policy: 'filing-order@1' })
await runProjection({ store, sink, batchSize: 40, mode: 'replay' }).done
process.stdout.write('FINISHED WITHOUT REACHING THE POISON\n')
