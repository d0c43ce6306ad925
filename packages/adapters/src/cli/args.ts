/**
 * Command-line parsing on `node:util` `parseArgs` (no dependency). Every mistake becomes a usage error naming the
 * option, so `main` can answer with exit code 2 before anything is opened.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { Languages, type Instant, type Language } from '@kezek/domain'
import { fail, usage } from './errors.js'
import type { CliIo } from './io.js'
import { parseStoreUrl, type StoreLocator } from './store-url.js'

export type Options = NonNullable<ParseArgsConfig['options']>

/** Options every command that touches a store understands. */
export const storeOptions = {
  store: { type: 'string', short: 's' },
  schema: { type: 'string' },
} as const satisfies Options

export const commonOptions = {
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export interface Parsed<O extends Options> {
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']
  readonly positionals: readonly string[]
}

export const parse = <O extends Options>(argv: readonly string[], options: O): Parsed<O> => {
  try {
    const r = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
    return { values: r.values, positionals: r.positionals }
  } catch (e) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes and a readable message.
    return fail(usage(e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e)))
  }
}

export const storeFrom = (values: { store?: string | undefined; schema?: string | undefined }, io: CliIo, what = 'the store'): StoreLocator => {
  const raw = values.store ?? io.env.KEZEK_STORE
  if (raw === undefined || raw === '') {
    return fail(
      usage(
        `which store? ${what} is not given`,
        'pass --store with a PGlite directory (./.data/kezek), postgres://user@host/db?schema=kezek or esdb://host:2113, or set KEZEK_STORE',
      ),
    )
  }
  const envSchema = io.env.KEZEK_PG_SCHEMA
  const parsed = parseStoreUrl(raw, io.cwd, values.schema, envSchema === undefined || envSchema === '' ? undefined : envSchema)
  return E.isLeft(parsed) ? fail(parsed.left) : parsed.right
}

export const languageFrom = (value: string | undefined, io: CliIo): Language => {
  const fromEnv = io.env.KEZEK_LANG
  const raw = value ?? (fromEnv === undefined || fromEnv === '' ? 'en' : fromEnv)
  if ((Languages as readonly string[]).includes(raw)) return raw as Language
  return fail(usage(`--lang ${raw} is not one of ${Languages.join(', ')}`, 'ru — русский, kk — қазақша, en — English'))
}

/** An ISO-8601 instant (`2024-03-01T09:00:00Z`, with or without offset) or a date (`2024-03-01`, 00:00 UTC). */
export const instantFrom = (raw: string, option: string): Instant => {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00.000Z` : raw
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN
  if (Number.isNaN(ms)) {
    return fail(usage(`${option} ${raw} is not an instant`, `write ${option} 2024-03-01T09:00:00Z, or a date: ${option} 2024-03-01 (00:00 UTC)`))
  }
  return new Date(ms).toISOString() as Instant
}

export const positiveIntFrom = (raw: string | undefined, option: string, fallback: number): number => {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) return fail(usage(`${option} ${raw} is not a whole number ≥ 0`))
  return n
}

export const exactlyOne = (positionals: readonly string[], what: string, example: string): string => {
  if (positionals.length === 1) return positionals[0] as string
  return fail(
    usage(
      positionals.length === 0 ? `missing ${what}` : `expected one ${what}, got ${positionals.length}: ${positionals.join(' ')}`,
      `e.g. ${example}`,
    ),
  )
}

export const noPositionals = (positionals: readonly string[], command: string): void => {
  if (positionals.length > 0) fail(usage(`${command} takes no arguments, got: ${positionals.join(' ')}`))
}
