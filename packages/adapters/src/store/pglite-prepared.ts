/**
 * Statements kept prepared on PGlite, for the few the store runs on every append.
 *
 * PGlite's `query` parses and plans its statement on every call, and talks to the WebAssembly database in six
 * separate exchanges (parse, describe the statement, bind, describe the portal, execute, sync). For a one-row
 * INSERT that is most of the cost: measured on the event row, 0.45–0.75 ms through `query` against 0.18–0.30 ms
 * for the same statement prepared once under a name and then bound and executed in one exchange.
 *
 * So a statement asked for with `prepare` is parsed once per database under a name of its own, and each call sends
 * Bind, Execute and Sync as one message. What that needs from the caller (QueryOptions.prepare): parameters that
 * are text, numbers or null, or arrays of those, and rows as arrays of text (no Describe is sent, so nothing tells
 * the types).
 *
 * The call holds the same two locks as `query` (transaction first, then query): a statement never runs inside
 * somebody else's open transaction, and never between the exchanges of another call.
 */
import type { PGlite } from '@electric-sql/pglite'
import { serialize } from 'pg-protocol'

/** The statements prepared on one database, by text. */
const names = new WeakMap<PGlite, Map<string, string>>()
/** Names are never reused, so a statement prepared again cannot collide with one the session still holds. */
let lastName = 0

const EXECUTE = serialize.execute({})
const SYNC = serialize.sync()

type Scalar = string | number | bigint | null
/** A parameter the prepared path can send as text: a scalar, or an array of them (the appends of a batch). */
export type PreparedParam = Scalar | readonly Scalar[]

const scalar = (p: unknown): p is Scalar =>
  p === null || typeof p === 'string' || typeof p === 'bigint' || (typeof p === 'number' && Number.isFinite(p))

export const preparable = (params: readonly unknown[]): params is readonly PreparedParam[] =>
  params.every((p) => scalar(p) || (Array.isArray(p) && p.every(scalar)))

/** PGlite's own text-array serializer: its literal is cast by the statement to the array type it declares. */
const TEXT_ARRAY = 1009

interface DataRow {
  readonly name: string
  readonly fields?: readonly (string | null)[]
}

/** SQLSTATE of "prepared statement does not exist": somebody ran DEALLOCATE or DISCARD on the session. */
const STATEMENT_GONE = '26000'

const send = async (db: PGlite, parts: readonly Uint8Array[]): Promise<readonly DataRow[]> =>
  (await db.execProtocol(Buffer.concat(parts))).messages as readonly DataRow[]

/** Runs `text` as a statement prepared on `db`, with text parameters; rows as arrays of text. */
export const queryPrepared = <R>(db: PGlite, text: string, params: readonly PreparedParam[]): Promise<R[]> =>
  db._runExclusiveTransaction(() =>
    db._runExclusiveQuery(async () => {
      const known = names.get(db) ?? new Map<string, string>()
      names.set(db, known)
      const array = db.serializers[TEXT_ARRAY] as (xs: readonly Scalar[]) => string
      const values = params.map((p) => (p === null ? null : Array.isArray(p) ? array(p) : String(p)))
      const run = async (): Promise<R[]> => {
        let name = known.get(text)
        if (name === undefined) {
          name = `kezek_store_${++lastName}`
          // A Parse of its own: were it sent with the Bind, an Execute that failed (a constraint) would leave the
          // statement made but unrecorded, and the next Parse under the name would fail.
          await send(db, [serialize.parse({ name, text, types: [] }), SYNC])
          known.set(text, name)
        }
        const messages = await send(db, [serialize.bind({ statement: name, values }), EXECUTE, SYNC])
        return messages.flatMap((m) => (m.name === 'dataRow' && m.fields !== undefined ? [m.fields as unknown as R] : []))
      }
      try {
        return await run()
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== STATEMENT_GONE) throw error
        known.delete(text)
        return run()
      }
    }),
  )
