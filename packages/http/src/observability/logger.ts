/**
 * Structured logs: one JSON object per line, with the correlation id of the request, and every IIN masked at the
 * very last step (after serialisation), so no field a caller adds can leak one.
 */
import { newMaskKey, redactIins, type MaskKey } from './redact.js'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  readonly log: (level: LogLevel, msg: string, fields?: Readonly<Record<string, unknown>>) => void
  readonly child: (fields: Readonly<Record<string, unknown>>) => Logger
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export const jsonLogger = (
  options: { readonly sink?: (line: string) => void; readonly level?: LogLevel; readonly now?: () => Date; readonly maskKey?: MaskKey } = {},
  bound: Readonly<Record<string, unknown>> = {},
): Logger => {
  const sink = options.sink ?? ((line: string) => process.stdout.write(line + '\n'))
  const min = order[options.level ?? 'info']
  const now = options.now ?? (() => new Date())
  // Without a configured key the masks are still irreversible, only not comparable across restarts.
  const maskKey = options.maskKey ?? newMaskKey()
  return {
    log: (level, msg, fields) => {
      if (order[level] < min) return
      const line = JSON.stringify({ time: now().toISOString(), level, msg, ...bound, ...fields }, (_k, v: unknown) =>
        v instanceof Error ? { name: v.name, message: v.message } : v)
      sink(redactIins(line, maskKey))
    },
    child: (fields) => jsonLogger({ ...options, maskKey }, { ...bound, ...fields }),
  }
}

export const silentLogger: Logger = { log: () => undefined, child: () => silentLogger }
