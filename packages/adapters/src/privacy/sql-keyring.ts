/**
 * A keyring in a `kezek_subject_keys` table, in the same PostgreSQL or PGlite database as the events (so one
 * backup holds both, and one `erase` is one transaction-safe statement).
 *
 * The subject column holds the IIN in clear while the key lives (erasure must find the keys of a person); the
 * erasure nulls both the key and the subject, leaving only the kid and the time as a tombstone. With a
 * `masterKey` the subject keys are stored wrapped (AES-256-GCM) so a stolen table alone opens nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { KEY_BYTES, type ErasureReceipt, type Keyring, type KeyLookup, type SubjectKey } from './keyring'
import { openBytes, sealBytes } from './cipher'

/** What both `pg` (Pool, Client) and PGlite offer: one parameterised statement. */
export interface Queryable {
  readonly query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ readonly rows: R[] }>
}

export const SUBJECT_KEYS_SCHEMA = `
create table if not exists kezek_subject_keys (
  kid        text primary key,
  subject    text,
  key        bytea,
  created_at timestamptz not null default now(),
  erased_at  timestamptz,
  constraint kezek_subject_keys_tombstone check ((erased_at is null) = (key is not null and subject is not null))
);
create unique index if not exists kezek_subject_keys_live on kezek_subject_keys (subject) where erased_at is null;
`

export interface SqlKeyringOptions {
  /** 32 bytes wrapping every stored subject key. Without it keys are stored as they are. */
  readonly masterKey?: Uint8Array
}

const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer))

/** Creates the table if needed and returns the keyring. */
export const sqlKeyring = async (db: Queryable, options: SqlKeyringOptions = {}): Promise<Keyring> => {
  for (const statement of SUBJECT_KEYS_SCHEMA.split(';').map((s) => s.trim()).filter((s) => s !== '')) {
    await db.query(statement)
  }
  const { masterKey } = options
  if (masterKey !== undefined && masterKey.length !== KEY_BYTES) throw new RangeError('masterKey must be 32 bytes')
  const wrap = (kid: string, key: Uint8Array): Uint8Array => (masterKey === undefined ? key : sealBytes(masterKey, key, `kezek-kek|${kid}`))
  const unwrap = (kid: string, stored: Uint8Array): Uint8Array =>
    masterKey === undefined ? stored : openBytes(masterKey, stored, `kezek-kek|${kid}`)

  const live = async (subject: string): Promise<SubjectKey | undefined> => {
    const { rows } = await db.query<{ kid: string; key: unknown }>(
      'select kid, key from kezek_subject_keys where subject = $1 and erased_at is null',
      [subject],
    )
    const row = rows[0]
    return row === undefined ? undefined : { kid: row.kid, key: unwrap(row.kid, bytes(row.key)) }
  }

  return {
    keyFor: async (subject) => {
      const found = await live(subject)
      if (found !== undefined) return found
      const kid = randomUUID()
      const key = randomBytes(KEY_BYTES)
      // Two writers may create the first key of a person at once: the partial unique index lets one win and
      // both then use the winner's key.
      await db.query(
        'insert into kezek_subject_keys (kid, subject, key) values ($1, $2, $3) on conflict do nothing',
        [kid, subject, wrap(kid, key)],
      )
      const winner = await live(subject)
      if (winner === undefined) throw new Error('subject key vanished right after it was created')
      return winner
    },
    lookup: async (kid): Promise<KeyLookup> => {
      const { rows } = await db.query<{ key: unknown; erased_at: unknown }>(
        'select key, erased_at from kezek_subject_keys where kid = $1',
        [kid],
      )
      const row = rows[0]
      if (row === undefined) return { kind: 'unknown', kid }
      if (row.key === null) {
        const at = row.erased_at instanceof Date ? row.erased_at.toISOString() : String(row.erased_at)
        return { kind: 'erased', kid, erasedAt: at }
      }
      return { kind: 'live', key: { kid, key: unwrap(kid, bytes(row.key)) } }
    },
    erase: async (subject): Promise<ErasureReceipt> => {
      const { rows } = await db.query<{ kid: string; erased_at: unknown }>(
        `update kezek_subject_keys set key = null, subject = null, erased_at = now()
          where subject = $1 and erased_at is null returning kid, erased_at`,
        [subject],
      )
      const first = rows[0]?.erased_at
      const erasedAt = first instanceof Date ? first.toISOString() : first === undefined ? new Date().toISOString() : String(first)
      return { kids: rows.map((r) => r.kid).sort(), erasedAt }
    },
  }
}
