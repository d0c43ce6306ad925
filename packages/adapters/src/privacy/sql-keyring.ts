/**
 * A keyring in a `kezek_subject_keys` table, in the same PostgreSQL or PGlite database as the events (so one
 * backup holds both, and one `erase` is one transaction-safe statement). The table is created here, not by the
 * store's migrations: the keyring is the privacy code's, and may live in another database (`sqlKeyring` takes any
 * connection).
 *
 * No IIN is stored, not even while the key lives: the `subject` column holds HMAC-SHA256(subject key, IIN), which
 * finds a person's keys without naming the person. The subject key is the `masterKey` when one is given, else a
 * fixed constant — then the column only obscures (IINs are few enough to hash them all): set a master key in
 * production. Erasure nulls the key and the subject and keeps the row as a tombstone, then vacuums the table so the
 * destroyed key does not linger in a dead row. With a `masterKey` the subject keys are also stored wrapped
 * (AES-256-GCM), so a stolen table alone opens nothing.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { KEY_BYTES, type ErasureReceipt, type Keyring, type KeyLookup, type SubjectKey } from './keyring.js'
import { openBytes, sealBytes } from './cipher.js'

/**
 * One parameterised statement: a `pg` Pool or Client, a PGlite (both answer `{ rows }`), or a SQL store's own
 * `driver` (answers the rows), so the keyring can live in the store's database and schema.
 */
export interface Queryable {
  readonly query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ readonly rows: R[] } | R[]>
}

const run = async <R>(db: Queryable, sql: string, params?: unknown[]): Promise<{ rows: R[] }> => {
  const result = await db.query<R>(sql, params)
  return Array.isArray(result) ? { rows: result } : { rows: (result as { rows: R[] }).rows }
}

/** The DDL, for a table name (qualified or not). */
export const subjectKeysSchema = (table = 'kezek_subject_keys'): string[] => [
  `create table if not exists ${table} (
    kid        text primary key,
    subject    text,
    key        bytea,
    created_at timestamptz not null default now(),
    erased_at  timestamptz,
    constraint kezek_subject_keys_tombstone check ((erased_at is null) = (key is not null and subject is not null)))`,
  // Rotation: a retired key still opens what it sealed; the subject's current key is the one not retired.
  `alter table ${table} add column if not exists retired_at timestamptz`,
  `drop index if exists ${indexName(table, 'kezek_subject_keys_live')}`,
  `create unique index if not exists kezek_subject_keys_current on ${table} (subject) where erased_at is null and retired_at is null`,
  `create index if not exists kezek_subject_keys_subject on ${table} (subject)`,
]

const indexName = (table: string, name: string): string => (table.includes('.') ? `${table.slice(0, table.indexOf('.'))}.${name}` : name)

export interface SqlKeyringOptions {
  /** Schema of the table (e.g. the event store's); default: the connection's search path. */
  readonly schema?: string
  /** 32 bytes wrapping every stored subject key and keying the subject column's HMAC. Without it keys are stored as they are. */
  readonly masterKey?: Uint8Array
  /** Keys older than this many days are retired at their next use (a new kid takes over). Default: never. */
  readonly rotateAfterDays?: number
}

const UNKEYED_SUBJECTS = Buffer.from('kezek-subject-ref-v1 (no master key: obscured, not protected)')

interface KeyRow {
  readonly kid: string
  readonly key: unknown
  readonly erased_at: unknown
}

const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer))

const tableOf = (schema: string | undefined): string => {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new RangeError(`schema name ${JSON.stringify(schema)}`)
  return schema === undefined ? 'kezek_subject_keys' : `"${schema}".kezek_subject_keys`
}

/** Creates the table if needed and returns the keyring. */
export const sqlKeyring = async (db: Queryable, options: SqlKeyringOptions = {}): Promise<Keyring> => {
  for (const statement of subjectKeysSchema(tableOf(options.schema))) await run(db, statement)
  return sqlKeyringOn(db, options)
}

/**
 * The keyring over a table that already exists (`sqlKeyring` made it): no DDL, so it can run inside another
 * writer's transaction — `kezek import` creates the keys of a sealed history in its own transaction this way.
 */
export const sqlKeyringOn = (db: Queryable, options: SqlKeyringOptions = {}): Keyring => {
  const { masterKey, schema, rotateAfterDays } = options
  const ref = (subject: string): string => createHmac('sha256', masterKey ?? UNKEYED_SUBJECTS).update(subject, 'utf8').digest('hex')
  const t = tableOf(schema)
  if (masterKey !== undefined && masterKey.length !== KEY_BYTES) throw new RangeError('masterKey must be 32 bytes')
  const wrap = (kid: string, key: Uint8Array): Uint8Array => (masterKey === undefined ? key : sealBytes(masterKey, key, `kezek-kek|${kid}`))
  const unwrap = (kid: string, stored: Uint8Array): Uint8Array =>
    masterKey === undefined ? stored : openBytes(masterKey, stored, `kezek-kek|${kid}`)

  const live = async (subject: string): Promise<SubjectKey | undefined> => {
    if (rotateAfterDays !== undefined) {
      await run(db, `update ${t} set retired_at = now()
        where subject = $1 and erased_at is null and retired_at is null and created_at < now() - make_interval(days => $2)`,
      [ref(subject), rotateAfterDays])
    }
    const { rows } = await run<{ kid: string; key: unknown }>(db,
      `select kid, key from ${t} where subject = $1 and erased_at is null and retired_at is null`,
      [ref(subject)],
    )
    const row = rows[0]
    return row === undefined ? undefined : { kid: row.kid, key: unwrap(row.kid, bytes(row.key)) }
  }

  /** What a kid's row says: no row, destroyed, or its key (unwrapped). */
  const lookupOf = (kid: string, row: KeyRow | undefined): KeyLookup => {
    if (row === undefined) return { kind: 'unknown', kid }
    if (row.key === null) {
      const at = row.erased_at instanceof Date ? row.erased_at.toISOString() : String(row.erased_at)
      return { kind: 'erased', kid, erasedAt: at }
    }
    return { kind: 'live', key: { kid, key: unwrap(kid, bytes(row.key)) } }
  }

  /** The live keys of many subjects (after retiring the ones due for rotation), by subject. */
  const liveOf = async (subjects: readonly string[]): Promise<Map<string, SubjectKey>> => {
    const refs = subjects.map(ref)
    if (rotateAfterDays !== undefined) {
      await run(db, `update ${t} set retired_at = now()
        where subject = any($1::text[]) and erased_at is null and retired_at is null and created_at < now() - make_interval(days => $2)`,
      [refs, rotateAfterDays])
    }
    const { rows } = await run<{ subject: string; kid: string; key: unknown }>(db,
      `select subject, kid, key from ${t} where subject = any($1::text[]) and erased_at is null and retired_at is null`,
      [refs],
    )
    const bySubject = new Map(rows.map((r) => [r.subject, r]))
    const out = new Map<string, SubjectKey>()
    subjects.forEach((subject, i) => {
      const row = bySubject.get(refs[i] as string)
      if (row !== undefined) out.set(subject, { kid: row.kid, key: unwrap(row.kid, bytes(row.key)) })
    })
    return out
  }

  return {
    keysFor: async (wanted) => {
      const subjects = [...new Set(wanted)]
      if (subjects.length === 0) return new Map()
      const found = await liveOf(subjects)
      const missing = subjects.filter((s) => !found.has(s))
      if (missing.length === 0) return found
      const created = missing.map((subject) => {
        const kid = randomUUID()
        return { subject, kid, key: randomBytes(KEY_BYTES) }
      })
      // As in keyFor: a subject whose first key another writer created meanwhile keeps that writer's key (the
      // partial unique index refuses the second); the keys read back are the ones stored.
      await run(db,
        `insert into ${t} (kid, subject, key) select * from unnest($1::text[], $2::text[], $3::bytea[]) on conflict do nothing`,
        [created.map((c) => c.kid), created.map((c) => ref(c.subject)), created.map((c) => Buffer.from(wrap(c.kid, c.key)))],
      )
      const winners = await liveOf(missing)
      for (const subject of missing) {
        const key = winners.get(subject)
        if (key === undefined) throw new Error('subject key vanished right after it was created')
        found.set(subject, key)
      }
      return found
    },
    keyFor: async (subject) => {
      const found = await live(subject)
      if (found !== undefined) return found
      const kid = randomUUID()
      const key = randomBytes(KEY_BYTES)
      // Two writers may create the first key of a person at once: the partial unique index lets one win and
      // both then use the winner's key.
      await run(db,
        `insert into ${t} (kid, subject, key) values ($1, $2, $3) on conflict do nothing`,
        [kid, ref(subject), wrap(kid, key)],
      )
      const winner = await live(subject)
      if (winner === undefined) throw new Error('subject key vanished right after it was created')
      return winner
    },
    lookup: async (kid): Promise<KeyLookup> => {
      const { rows } = await run<KeyRow>(db, `select kid, key, erased_at from ${t} where kid = $1`, [kid])
      return lookupOf(kid, rows[0])
    },
    lookupMany: async (kids) => {
      const wanted = [...new Set(kids)]
      const { rows } = wanted.length === 0 ? { rows: [] } : await run<KeyRow>(db, `select kid, key, erased_at from ${t} where kid = any($1::text[])`, [wanted])
      const byKid = new Map(rows.map((r) => [r.kid, r]))
      return new Map(wanted.map((kid) => [kid, lookupOf(kid, byKid.get(kid))]))
    },
    erase: async (subject): Promise<ErasureReceipt> => {
      const { rows } = await run<{ kid: string; erased_at: unknown }>(db, 
        `update ${t} set key = null, subject = null, erased_at = now()
          where subject = $1 and erased_at is null returning kid, erased_at`,
        [ref(subject)],
      )
      // The old row version still holds the key until vacuumed; VACUUM cannot run in a transaction (a caller's
      // client may be in one), so this is best effort and the docs say what remains (WAL, backups).
      await run(db, `vacuum ${t}`).catch(() => undefined)
      const first = rows[0]?.erased_at
      const erasedAt = first instanceof Date ? first.toISOString() : first === undefined ? new Date().toISOString() : String(first)
      return { kids: rows.map((r) => r.kid).sort(), erasedAt }
    },
    rotate: async (subject) => {
      const { rows } = await run<{ kid: string }>(db,
        `update ${t} set retired_at = now() where erased_at is null and retired_at is null and ($1::text is null or subject = $1) returning kid`,
        [subject === undefined ? null : ref(subject)],
      )
      return rows.length
    },
    backup: {
      rows: async () => {
        const { rows } = await run<{ kid: string; subject: string | null; key: string | null; created_at: string; retired_at: string | null; erased_at: string | null }>(db,
          `select kid, subject, replace(encode(key, 'base64'), E'\n', '') as key, created_at::text, retired_at::text, erased_at::text
             from ${t} order by created_at, kid`)
        return rows.map((r) => ({ kid: r.kid, subject: r.subject, key: r.key, createdAt: r.created_at, retiredAt: r.retired_at, erasedAt: r.erased_at }))
      },
      restore: async (backup) => {
        // A current key of the backup comes in retired when the subject already has a current key here.
        const { rows } = await run<{ kid: string }>(db,
          `insert into ${t} (kid, subject, key, created_at, retired_at, erased_at)
           select r.kid, r.subject, decode(r.key, 'base64'), r.created_at::timestamptz,
                  case when r.retired_at is null and r.erased_at is null
                        and exists (select 1 from ${t} c where c.subject = r.subject and c.erased_at is null and c.retired_at is null)
                       then now() else r.retired_at::timestamptz end,
                  r.erased_at::timestamptz
             from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as r(kid, subject, key, created_at, retired_at, erased_at)
           on conflict (kid) do nothing
           returning kid`,
          [backup.map((k) => k.kid), backup.map((k) => k.subject), backup.map((k) => k.key), backup.map((k) => k.createdAt),
            backup.map((k) => k.retiredAt), backup.map((k) => k.erasedAt)])
        return { added: rows.length, present: backup.length - rows.length }
      },
      destroy: async (kids) => {
        const { rows } = await run<{ kid: string }>(db,
          `update ${t} set key = null, subject = null, erased_at = now() where kid = any($1::text[]) and erased_at is null returning kid`,
          [[...kids]])
        await run(db, `vacuum ${t}`).catch(() => undefined)
        return rows.length
      },
    },
  }
}
