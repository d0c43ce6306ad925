import type { CliIo } from './io.js'
import type { ExitCode } from './exit-codes.js'

/** One `kezek` subcommand. `run` returns the exit code; failures that stop it are thrown as `CliFailure`. */
export interface Command {
  readonly name: string
  readonly summary: string
  /** The full help text, printed by `kezek help <name>` and `kezek <name> --help`. */
  readonly help: string
  readonly run: (argv: readonly string[], io: CliIo) => Promise<ExitCode>
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`
