/**
 * What can stop a command, as values. Every error says what happened and what the person can do about it; `main`
 * prints both and maps the kind to an exit code, so no command ever calls `process.exit` itself.
 */
import { ExitCode } from './exit-codes.js'

export type CliErrorKind = 'usage' | 'unreachable' | 'not_found' | 'conflict' | 'not_available' | 'problems'

export interface CliError {
  readonly kind: CliErrorKind
  /** What went wrong, in one sentence. */
  readonly message: string
  /** What to do about it. */
  readonly hint?: string
}

export const cliError = (kind: CliErrorKind, message: string, hint?: string): CliError =>
  hint === undefined ? { kind, message } : { kind, message, hint }

export const usage = (message: string, hint = 'run `kezek help` for the commands and their options'): CliError =>
  cliError('usage', message, hint)

export const exitCodeOf = (kind: CliErrorKind): ExitCode => {
  switch (kind) {
    case 'usage':
      return ExitCode.usage
    case 'unreachable':
      return ExitCode.unreachable
    case 'not_found':
      return ExitCode.notFound
    case 'conflict':
      return ExitCode.conflict
    case 'not_available':
      return ExitCode.notAvailable
    case 'problems':
      return ExitCode.problems
  }
}

/** Thrown only inside the CLI to unwind to `main`; everything outside sees `CliError` values. */
export class CliFailure extends Error {
  constructor(readonly error: CliError) {
    super(error.message)
  }
}

export const fail = (error: CliError): never => {
  throw new CliFailure(error)
}

export const describeCause = (e: unknown): string => {
  if (e instanceof AggregateError && e.errors.length > 0) return e.errors.map(describeCause).join('; ')
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code
    return typeof code === 'string' && !e.message.includes(code) ? `${e.message} (${code})` : e.message
  }
  return String(e)
}
