/**
 * Where the events are, as one string: the same `--store` value works for every command and every back-end.
 *
 *   ./data/kezek, pglite:./data/kezek, file:///srv/kezek  a PGlite data directory
 *   postgres://user@host:5432/db?schema=kezek            PostgreSQL (`schema` picks the store's schema; default kezek)
 *   esdb://host:2113?tls=false&namespace=kezek-almaty/     EventStoreDB / KurrentDB (`namespace` prefixes stream names;
 *                                                          kurrentdb:// is read as esdb://)
 *
 * The same KEZEK_STORE (and KEZEK_PG_SCHEMA) the HTTP service reads are the defaults.
 *
 * Parsing is pure and total: a string either names a store or says why it does not.
 */
import * as E from 'fp-ts/lib/Either.js'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { usage, type CliError } from './errors.js'

export type StoreLocator =
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly schema: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string; readonly display: string }
  | { readonly kind: 'esdb'; readonly connectionString: string; readonly namespace: string; readonly display: string }

export const DEFAULT_SCHEMA = 'kezek'

const SCHEMA = /^[a-z_][a-z0-9_]{0,47}$/

const checkSchema = (schema: string): E.Either<CliError, string> =>
  SCHEMA.test(schema)
    ? E.right(schema)
    : E.left(usage(`schema ${JSON.stringify(schema)} is not a valid schema name`, 'use lower-case letters, digits and _ (at most 48)'))

/** The URL without its password, for messages and logs. */
export const redact = (url: URL): string => {
  const copy = new URL(url.href)
  if (copy.password !== '') copy.password = '***'
  return copy.href
}

const takeParam = (url: URL, name: string): string | undefined => {
  const value = url.searchParams.get(name) ?? undefined
  url.searchParams.delete(name)
  return value
}

export const parseStoreUrl = (
  raw: string,
  cwd: string,
  schemaOverride?: string,
  /** PostgreSQL's schema when neither --schema nor ?schema= names one (KEZEK_PG_SCHEMA, as the HTTP service reads it). */
  defaultSchema: string = DEFAULT_SCHEMA,
): E.Either<CliError, StoreLocator> => {
  // KurrentDB is EventStoreDB renamed; the client this package uses speaks the esdb:// form.
  const text = raw.trim().replace(/^kurrentdb(\+discover)?:\/\//i, (_m, d: string | undefined) => `esdb${d ?? ''}://`)
  if (text === '') return E.left(usage('the store is empty', 'pass --store with a PGlite directory, a postgres:// URL or an esdb:// connection string'))
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase()
  // A Windows drive letter (C:\…) is a path, not a scheme.
  if (scheme === undefined || (scheme.length === 1 && /^[a-z]:[\\/]/i.test(text))) {
    return E.map((schema: string) => ({ kind: 'pglite', dataDir: isAbsolute(text) ? text : resolve(cwd, text), schema }) as const)(
      checkSchema(schemaOverride ?? DEFAULT_SCHEMA),
    )
  }
  switch (scheme) {
    case 'pglite': {
      const path = text.slice('pglite:'.length).replace(/^\/\//, '')
      if (path === '') return E.left(usage('pglite: needs a data directory, e.g. pglite:./data/kezek'))
      return E.map((schema: string) => ({ kind: 'pglite', dataDir: resolve(cwd, path), schema }) as const)(
        checkSchema(schemaOverride ?? DEFAULT_SCHEMA),
      )
    }
    case 'file':
      try {
        const dataDir = fileURLToPath(text)
        return E.map((schema: string) => ({ kind: 'pglite', dataDir, schema }) as const)(checkSchema(schemaOverride ?? DEFAULT_SCHEMA))
      } catch {
        return E.left(usage(`${text} is not a file URL`, 'write file:///absolute/path, or just the path'))
      }
    case 'postgres':
    case 'postgresql': {
      let url: URL
      try {
        url = new URL(text)
      } catch {
        return E.left(usage(`${text} is not a valid PostgreSQL URL`, 'write postgres://user@host:5432/database?schema=kezek'))
      }
      const fromUrl = takeParam(url, 'schema')
      return E.map((schema: string) => ({ kind: 'postgres', connectionString: url.href, schema, display: redact(url) }) as const)(
        checkSchema(schemaOverride ?? fromUrl ?? defaultSchema),
      )
    }
    case 'esdb':
    case 'esdb+discover': {
      let url: URL
      try {
        url = new URL(text)
      } catch {
        return E.left(usage(`${text} is not a valid EventStoreDB connection string`, 'write esdb://host:2113?tls=false'))
      }
      const namespace = takeParam(url, 'namespace') ?? ''
      return E.right({ kind: 'esdb', connectionString: url.href, namespace, display: redact(url) })
    }
    case 'memory':
      return E.left(
        usage(
          'an in-memory store does not outlive one command',
          'use a PGlite directory for a local store: kezek … --store ./data/kezek',
        ),
      )
    default:
      return E.left(
        usage(
          `unknown store kind ${JSON.stringify(scheme)} in ${JSON.stringify(text)}`,
          'use a PGlite directory path, postgres://… or esdb://…',
        ),
      )
  }
}

export const describeLocator = (l: StoreLocator): string => {
  switch (l.kind) {
    case 'pglite':
      return `PGlite ${l.dataDir}${l.schema === DEFAULT_SCHEMA ? '' : ` (schema ${l.schema})`}`
    case 'postgres':
      return `PostgreSQL ${l.display} (schema ${l.schema})`
    case 'esdb':
      return `EventStoreDB ${l.display}${l.namespace === '' ? '' : ` (namespace ${l.namespace})`}`
  }
}
