/**
 * The one schema shared by PGlite and PostgreSQL, as versioned migrations applied on open.
 *
 * Migrations run in one transaction under an advisory lock, so two processes opening the same database at once
 * apply each migration exactly once. A migration is never edited after release; changes come as a new version.
 */
import type { SqlDriver } from './driver.js'

export interface Migration {
  readonly version: number
  readonly name: string
  /** SQL with `${s}` standing for the quoted schema name. */
  readonly up: (s: string) => string
}

/**
 * The set-based body of `append_batch` (migration 5), restated word for word by migration 6 for batches of two or
 * more appends (CREATE OR REPLACE gives the whole function): one statement reads every head and key, inserts the
 * written appends' events and stores their keys.
 */
const setBasedBatch = (s: string): string => `        RETURN QUERY
        WITH appends AS (
          SELECT a.ord::integer AS ord, a.stream, p_keys[a.ord] AS key,
                 p_basis_revisions[a.ord] AS basis_revision, p_basis_hashes[a.ord] AS basis_hash,
                 h.revision AS head_revision, h.hash AS head_hash,
                 k.next_expected_revision AS key_revision, k.position AS key_position
            FROM unnest(p_streams) WITH ORDINALITY AS a(stream, ord)
            LEFT JOIN LATERAL (
              SELECT e.revision, e.hash FROM ${s}.events e
               WHERE e.stream_id = a.stream ORDER BY e.revision DESC LIMIT 1) h ON true
            LEFT JOIN LATERAL (
              SELECT k.next_expected_revision, k.position FROM ${s}.idempotency_keys k
               WHERE k.stream_id = a.stream AND k.key = p_keys[a.ord] LIMIT 1) k ON true
        ), decided AS (
          SELECT ap.*,
                 CASE WHEN ap.key_position IS NOT NULL THEN 'duplicate'
                      WHEN ap.basis_hash IS NOT NULL AND coalesce(ap.head_revision, -1) = ap.basis_revision
                           AND coalesce(ap.head_hash, repeat('0', 64)) = ap.basis_hash THEN 'written'
                      ELSE 'moved' END AS outcome
            FROM appends ap
        ), inserted AS (
          INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
          SELECT d.stream, t.r, t.i, t.ty, t.da::jsonb, t.me::jsonb, t.h, t.pr
            FROM unnest(p_owners, p_revisions, p_ids, p_types, p_data, p_metadata, p_hashes, p_previous)
                 WITH ORDINALITY AS t(o, r, i, ty, da, me, h, pr, ord)
            JOIN decided d ON d.ord = t.o AND d.outcome = 'written'
           ORDER BY t.ord
          RETURNING stream_id, revision, transaction_id, global_position
        ), heads AS (
          SELECT l.stream_id, l.revision, l.transaction_id::text || ':' || l.global_position::text AS pos
            FROM (SELECT DISTINCT ON (i.stream_id) i.stream_id, i.revision, i.transaction_id, i.global_position
                    FROM inserted i ORDER BY i.stream_id, i.revision DESC) l
        ), keys AS (
          INSERT INTO ${s}.idempotency_keys (stream_id, key, next_expected_revision, position)
          SELECT d.stream, d.key, hd.revision, hd.pos
            FROM decided d JOIN heads hd ON hd.stream_id = d.stream
           WHERE d.outcome = 'written' AND d.key IS NOT NULL
        )
        SELECT d.outcome,
               CASE d.outcome WHEN 'written' THEN hd.revision WHEN 'duplicate' THEN d.key_revision ELSE d.head_revision END,
               CASE d.outcome WHEN 'moved' THEN d.head_hash END,
               CASE d.outcome WHEN 'written' THEN hd.pos WHEN 'duplicate' THEN d.key_position END
          FROM decided d LEFT JOIN heads hd ON hd.stream_id = d.stream AND d.outcome = 'written'
         ORDER BY d.ord;`

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events, streams, idempotency keys',
    up: (s) => `
      CREATE TABLE ${s}.events (
        -- Commit order is (transaction_id, global_position), not global_position alone: see store.ts.
        global_position bigint GENERATED ALWAYS AS IDENTITY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        revision        bigint      NOT NULL CHECK (revision >= 0),
        id              text        NOT NULL,
        type            text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        hash            text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        previous_hash   text        NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (global_position),
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision),
        CONSTRAINT events_id_unique UNIQUE (id)
      );
      CREATE INDEX events_commit_order ON ${s}.events (transaction_id, global_position);

      -- One row per stream: its head, locked by every append to the stream.
      CREATE TABLE ${s}.streams (
        stream_id     text        PRIMARY KEY,
        last_revision bigint      NOT NULL,
        last_hash     text        NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      );

      -- The first result of each idempotent append; a retry with the same key returns it.
      CREATE TABLE ${s}.idempotency_keys (
        stream_id              text        NOT NULL,
        key                    text        NOT NULL,
        next_expected_revision bigint      NOT NULL,
        position               text        NOT NULL,
        recorded_at            timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, key)
      );

      -- The log is append-only. This stops mistakes and casual edits; it does not stop a superuser, which is
      -- what the hash chain is for.
      CREATE FUNCTION ${s}.events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'kezek events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${s}.events
        FOR EACH ROW EXECUTE FUNCTION ${s}.events_append_only();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_append_only();
    `,
  },
  {
    version: 2,
    name: 'append_events function',
    // The write half of an append as a function: PL/pgSQL caches its plans per connection, where the equivalent
    // inline statement was planned on every append (0.4 ms of a 1.2 ms append, measured with EXPLAIN ANALYZE).
    up: (s) => `
      CREATE FUNCTION ${s}.append_events(
        p_stream text, p_revisions bigint[], p_ids text[], p_types text[], p_data text[], p_metadata text[],
        p_hashes text[], p_previous text[], p_last_revision bigint, p_last_hash text, p_key text
      ) RETURNS TABLE (position_tx text, position_gp text) LANGUAGE plpgsql AS $$
      DECLARE
        v_tx text;
        v_gp text;
      BEGIN
        INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
        SELECT p_stream, t.r, t.i, t.ty, t.d::jsonb, t.m::jsonb, t.h, t.p
          FROM unnest(p_revisions, p_ids, p_types, p_data, p_metadata, p_hashes, p_previous)
               WITH ORDINALITY AS t(r, i, ty, d, m, h, p, ord)
         ORDER BY t.ord;
        SELECT e.transaction_id::text, e.global_position::text INTO v_tx, v_gp
          FROM ${s}.events e WHERE e.stream_id = p_stream AND e.revision = p_last_revision;
        INSERT INTO ${s}.streams AS st (stream_id, last_revision, last_hash) VALUES (p_stream, p_last_revision, p_last_hash)
        ON CONFLICT (stream_id) DO UPDATE
          SET last_revision = excluded.last_revision, last_hash = excluded.last_hash, updated_at = now();
        IF p_key IS NOT NULL THEN
          INSERT INTO ${s}.idempotency_keys (stream_id, key, next_expected_revision, position)
          VALUES (p_stream, p_key, p_last_revision, v_tx || ':' || v_gp);
        END IF;
        RETURN QUERY SELECT v_tx, v_gp;
      END $$;
    `,
  },
  {
    version: 3,
    name: 'cheaper rows: commit-order primary key, length checks, no stream-head table',
    // Every index now serves a named query (docs/storage.md, "Indexes"): the primary key (transaction_id,
    // global_position) is readAll's order and headPosition's; (stream_id, revision) is readStream's and the append's
    // head lookup; (id) refuses a duplicate event id. The old primary key on global_position alone served no query,
    // and the streams table cost a row update per append for a head that the (stream_id, revision) index already
    // gives; appends to a stream are serialised by an advisory lock, not by that row. The hashes are written only by
    // the store, which computes them; a length check guards their shape at a fraction of a regex's cost.
    up: (s) => `
      CREATE UNIQUE INDEX events_commit_order_key ON ${s}.events (transaction_id, global_position);
      ALTER TABLE ${s}.events DROP CONSTRAINT events_pkey;
      ALTER TABLE ${s}.events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_commit_order_key;
      DROP INDEX ${s}.events_commit_order;
      ALTER TABLE ${s}.events DROP CONSTRAINT events_hash_check, DROP CONSTRAINT events_previous_hash_check,
        ADD CONSTRAINT events_hash_length CHECK (octet_length(hash) = 64),
        ADD CONSTRAINT events_previous_hash_length CHECK (octet_length(previous_hash) = 64);
      DROP FUNCTION ${s}.append_events(text, bigint[], text[], text[], text[], text[], text[], text[], bigint, text, text);
      DROP TABLE ${s}.streams;
    `,
  },
  {
    version: 4,
    name: 'append_batch function (group commit)',
    // Several appends in one statement, so one commit: see store/sql/group-commit.ts. Each append carries the head
    // it was chained on (basis); the function writes it only if the stream's head is still exactly that, and
    // otherwise reports the head, so one append's conflict never fails the others. An idempotency key already
    // stored wins over everything (the retry gets the first result). The caller puts each stream at most once in
    // a batch and passes the lock keys sorted, so two batches never deadlock.
    up: (s) => `
      CREATE FUNCTION ${s}.append_batch(
        p_streams text[], p_locks bigint[], p_basis_revisions bigint[], p_basis_hashes text[], p_keys text[],
        p_owners integer[], p_revisions bigint[], p_ids text[], p_types text[], p_data text[], p_metadata text[],
        p_hashes text[], p_previous text[]
      ) RETURNS TABLE (o_outcome text, o_revision bigint, o_hash text, o_position text) LANGUAGE plpgsql
        -- One plan, made once per connection: re-planning this statement on every call cost more than running it.
        SET plan_cache_mode = force_generic_plan AS $$
      DECLARE
        v_lock bigint;
      BEGIN
        -- Before any write gives this transaction an id: the next append to a stream gets its id only after this
        -- one committed, so per-stream order holds inside the global order (see store.ts).
        FOREACH v_lock IN ARRAY p_locks LOOP
          PERFORM pg_advisory_xact_lock(v_lock);
        END LOOP;
        RETURN QUERY
        WITH appends AS (
          SELECT a.ord::integer AS ord, a.stream, p_keys[a.ord] AS key,
                 p_basis_revisions[a.ord] AS basis_revision, p_basis_hashes[a.ord] AS basis_hash,
                 h.revision AS head_revision, h.hash AS head_hash,
                 k.next_expected_revision AS key_revision, k.position AS key_position
            FROM unnest(p_streams) WITH ORDINALITY AS a(stream, ord)
            LEFT JOIN LATERAL (
              SELECT e.revision, e.hash FROM ${s}.events e
               WHERE e.stream_id = a.stream ORDER BY e.revision DESC LIMIT 1) h ON true
            LEFT JOIN ${s}.idempotency_keys k ON k.stream_id = a.stream AND k.key = p_keys[a.ord]
        ), decided AS (
          SELECT ap.*,
                 CASE WHEN ap.key_position IS NOT NULL THEN 'duplicate'
                      WHEN ap.basis_hash IS NOT NULL AND coalesce(ap.head_revision, -1) = ap.basis_revision
                           AND coalesce(ap.head_hash, repeat('0', 64)) = ap.basis_hash THEN 'written'
                      ELSE 'moved' END AS outcome
            FROM appends ap
        ), inserted AS (
          INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
          SELECT d.stream, t.r, t.i, t.ty, t.da::jsonb, t.me::jsonb, t.h, t.pr
            FROM unnest(p_owners, p_revisions, p_ids, p_types, p_data, p_metadata, p_hashes, p_previous)
                 WITH ORDINALITY AS t(o, r, i, ty, da, me, h, pr, ord)
            JOIN decided d ON d.ord = t.o AND d.outcome = 'written'
           ORDER BY t.ord
          RETURNING stream_id, revision, transaction_id, global_position
        ), heads AS (
          SELECT DISTINCT ON (i.stream_id) i.stream_id, i.revision,
                 i.transaction_id::text || ':' || i.global_position::text AS pos
            FROM inserted i ORDER BY i.stream_id, i.revision DESC
        ), keys AS (
          INSERT INTO ${s}.idempotency_keys (stream_id, key, next_expected_revision, position)
          SELECT d.stream, d.key, hd.revision, hd.pos
            FROM decided d JOIN heads hd ON hd.stream_id = d.stream
           WHERE d.outcome = 'written' AND d.key IS NOT NULL
        )
        SELECT d.outcome,
               CASE d.outcome WHEN 'written' THEN hd.revision WHEN 'duplicate' THEN d.key_revision ELSE d.head_revision END,
               CASE d.outcome WHEN 'moved' THEN d.head_hash END,
               CASE d.outcome WHEN 'written' THEN hd.pos WHEN 'duplicate' THEN d.key_position END
          FROM decided d LEFT JOIN heads hd ON hd.stream_id = d.stream AND d.outcome = 'written'
         ORDER BY d.ord;
      END $$;
    `,
  },
  {
    version: 5,
    name: 'append_batch: idempotency keys by index, positions formatted once per stream',
    // The generic plan of version 4 looked idempotency keys up with a hash join over a sequential scan of the
    // whole idempotency_keys table (seen with auto_explain): fine while the table is small, a full scan per batch
    // once every command carries a key. A lateral lookup with LIMIT 1 cannot be pulled up into that join, so it
    // stays a primary-key probe per append. And the position text is formatted for each stream's last event only,
    // not for every inserted row. Same arguments, same results.
    up: (s) => `
      CREATE OR REPLACE FUNCTION ${s}.append_batch(
        p_streams text[], p_locks bigint[], p_basis_revisions bigint[], p_basis_hashes text[], p_keys text[],
        p_owners integer[], p_revisions bigint[], p_ids text[], p_types text[], p_data text[], p_metadata text[],
        p_hashes text[], p_previous text[]
      ) RETURNS TABLE (o_outcome text, o_revision bigint, o_hash text, o_position text) LANGUAGE plpgsql
        -- One plan, made once per connection: re-planning this statement on every call cost more than running it.
        SET plan_cache_mode = force_generic_plan AS $$
      DECLARE
        v_lock bigint;
      BEGIN
        -- Before any write gives this transaction an id: the next append to a stream gets its id only after this
        -- one committed, so per-stream order holds inside the global order (see store.ts).
        FOREACH v_lock IN ARRAY p_locks LOOP
          PERFORM pg_advisory_xact_lock(v_lock);
        END LOOP;
${setBasedBatch(s)}
      END $$;
    `,
  },
  {
    version: 6,
    name: 'append_batch: a batch of one append takes a lean path',
    // A lone writer's batches hold one append each, and there the set-based statement of version 5 cost more than
    // the write itself: 270 µs a call against 100 µs for a plain INSERT into the same table, measured in one
    // transaction on this machine's PostgreSQL. For one append the function now runs a few single-row statements,
    // each a cached plan on an index: the key, the head, the rows, the key again. Same arguments, same results, same
    // locking (the stream's lock before any write); batches of two or more still take the set-based statement.
    up: (s) => `
      CREATE OR REPLACE FUNCTION ${s}.append_batch(
        p_streams text[], p_locks bigint[], p_basis_revisions bigint[], p_basis_hashes text[], p_keys text[],
        p_owners integer[], p_revisions bigint[], p_ids text[], p_types text[], p_data text[], p_metadata text[],
        p_hashes text[], p_previous text[]
      ) RETURNS TABLE (o_outcome text, o_revision bigint, o_hash text, o_position text) LANGUAGE plpgsql
        SET plan_cache_mode = force_generic_plan AS $$
      DECLARE
        v_lock bigint;
        v_revision bigint;
        v_hash text;
        v_position text;
        v_i integer;
      BEGIN
        FOREACH v_lock IN ARRAY p_locks LOOP
          PERFORM pg_advisory_xact_lock(v_lock);
        END LOOP;
        IF cardinality(p_streams) = 1 THEN
          IF p_keys[1] IS NOT NULL THEN
            SELECT k.next_expected_revision, k.position INTO v_revision, v_position
              FROM ${s}.idempotency_keys k WHERE k.stream_id = p_streams[1] AND k.key = p_keys[1];
            IF FOUND THEN
              RETURN QUERY SELECT 'duplicate'::text, v_revision, NULL::text, v_position;
              RETURN;
            END IF;
          END IF;
          SELECT e.revision, e.hash INTO v_revision, v_hash
            FROM ${s}.events e WHERE e.stream_id = p_streams[1] ORDER BY e.revision DESC LIMIT 1;
          IF p_basis_hashes[1] IS NULL OR coalesce(v_revision, -1) <> p_basis_revisions[1]
             OR coalesce(v_hash, repeat('0', 64)) <> p_basis_hashes[1] THEN
            RETURN QUERY SELECT 'moved'::text, v_revision, v_hash, NULL::text;
            RETURN;
          END IF;
          FOR v_i IN 1 .. cardinality(p_revisions) LOOP
            INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
            VALUES (p_streams[1], p_revisions[v_i], p_ids[v_i], p_types[v_i], p_data[v_i]::jsonb, p_metadata[v_i]::jsonb,
                    p_hashes[v_i], p_previous[v_i])
            RETURNING revision, transaction_id::text || ':' || global_position::text INTO v_revision, v_position;
          END LOOP;
          IF p_keys[1] IS NOT NULL THEN
            INSERT INTO ${s}.idempotency_keys (stream_id, key, next_expected_revision, position)
            VALUES (p_streams[1], p_keys[1], v_revision, v_position);
          END IF;
          RETURN QUERY SELECT 'written'::text, v_revision, NULL::text, v_position;
          RETURN;
        END IF;
${setBasedBatch(s)}
      END $$;
    `,
  },
  {
    version: 7,
    name: 'append_one: one event to one stream, in scalars',
    // A lone writer's batch is most often one append of one event. append_batch takes it as thirteen one-element
    // arrays, which node-postgres encodes by escaping every quote of the JSON and the server decodes again; these
    // scalars go as they are. The result comes back in OUT parameters, one row, without RETURN QUERY's tuple
    // store. Same checks in the same order as append_batch: the stream's lock first, then the key, then the head.
    // The event's revision is the basis revision + 1 and its previous hash the basis hash.
    up: (s) => `
      CREATE FUNCTION ${s}.append_one(
        p_stream text, p_lock bigint, p_basis_revision bigint, p_basis_hash text, p_key text,
        p_id text, p_type text, p_data text, p_metadata text, p_hash text,
        OUT o_outcome text, OUT o_revision bigint, OUT o_hash text, OUT o_position text
      ) LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock);
        IF p_key IS NOT NULL THEN
          SELECT 'duplicate', k.next_expected_revision, k.position INTO o_outcome, o_revision, o_position
            FROM ${s}.idempotency_keys k WHERE k.stream_id = p_stream AND k.key = p_key;
          IF FOUND THEN
            RETURN;
          END IF;
        END IF;
        SELECT e.revision, e.hash INTO o_revision, o_hash
          FROM ${s}.events e WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;
        IF p_basis_hash IS NULL OR coalesce(o_revision, -1) <> p_basis_revision
           OR coalesce(o_hash, repeat('0', 64)) <> p_basis_hash THEN
          o_outcome := 'moved';
          RETURN;
        END IF;
        INSERT INTO ${s}.events (stream_id, revision, id, type, data, metadata, hash, previous_hash)
        VALUES (p_stream, p_basis_revision + 1, p_id, p_type, p_data::jsonb, p_metadata::jsonb, p_hash, p_basis_hash)
        RETURNING transaction_id::text || ':' || global_position::text INTO o_position;
        IF p_key IS NOT NULL THEN
          INSERT INTO ${s}.idempotency_keys (stream_id, key, next_expected_revision, position)
          VALUES (p_stream, p_key, p_basis_revision + 1, o_position);
        END IF;
        o_outcome := 'written';
        o_revision := p_basis_revision + 1;
        o_hash := NULL;
      END $$;
    `,
  },
  {
    // Version 10, not 3: versions 3–9 are reserved for the append path's own migrations. Order of application
    // does not matter between them (this one touches no table they do).
    version: 10,
    name: 'request numbers from the database',
    // АРМ РШЭП's request numbers, handed out by the database so several service instances never give one number
    // twice: one row, bumped under its row lock. It starts above every number the log already holds; a caller
    // may pass a floor (numbers it has seen in imported events) that the next number must exceed.
    up: (s) => `
      CREATE TABLE ${s}.request_numbers (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last      bigint  NOT NULL CHECK (last >= 0)
      );
      INSERT INTO ${s}.request_numbers (singleton, last)
      SELECT true, COALESCE(max((data->>'requestNumber')::bigint), 0)
        FROM ${s}.events
       WHERE type = 'registered' AND data->>'requestNumber' ~ '^[0-9]{1,18}$';
    `,
  },
]

/** A schema name we can splice into SQL: lower-case identifier, short enough for the NOTIFY channel name. */
export const checkSchemaName = (schema: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) {
    throw new RangeError(`schema must match [a-z_][a-z0-9_]{0,47}, got ${JSON.stringify(schema)}`)
  }
  return schema
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

// Fixed key (the bytes of "kezekmig") so concurrent opens of any kezek schema serialise their migrations.
const MIGRATION_LOCK = 0x6b657a656b6d6967n

/** Applies the missing migrations; returns the versions it applied. */
export const migrate = async (driver: SqlDriver, schema: string): Promise<number[]> => {
  const s = quoteIdent(checkSchemaName(schema))
  return driver.transaction(async (tx) => {
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
    const rows = await tx.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)
    const applied = new Set(rows.map((r) => Number(r.version)))
    const done: number[] = []
    for (const m of migrations) {
      if (applied.has(m.version)) continue
      for (const statement of splitStatements(m.up(s))) await tx.query(statement)
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name])
      done.push(m.version)
    }
    return { commit: true, value: done }
  }, MIGRATION_LOCK)
}

/** Splits a migration into statements at top-level semicolons (not inside $$ bodies). */
const splitStatements = (sql: string): string[] => {
  const out: string[] = []
  let current = ''
  let inBody = false
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--')) continue
    current += `${line}\n`
    const dollars = line.split('$$').length - 1
    if (dollars % 2 === 1) inBody = !inBody
    if (!inBody && line.trimEnd().endsWith(';')) {
      out.push(current.trim())
      current = ''
    }
  }
  if (current.trim() !== '') out.push(current.trim())
  return out
}
