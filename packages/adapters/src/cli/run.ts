/**
 * The `kezek` command line: dispatches to a subcommand and turns its outcome into an exit code. Every failure is
 * printed as "kezek <command>: <what happened>" and a "hint:" line saying what to do; a stack trace is printed
 * only for a bug (exit 70), or with KEZEK_DEBUG=1.
 */
import type { Command } from './command.js'
import { history } from './commands/history.js'
import { verify } from './commands/verify.js'
import { exportCommand } from './commands/export.js'
import { importCommand } from './commands/import.js'
import { rebuildQueue } from './commands/rebuild-queue.js'
import { list } from './commands/list.js'
import { erase } from './commands/erase.js'
import { keys } from './commands/keys.js'
import { CliFailure, describeCause, exitCodeOf } from './errors.js'
import { KeyringIncomplete } from '../privacy/seal.js'
import { ExitCode } from './exit-codes.js'
import type { CliIo } from './io.js'

export const commands: readonly Command[] = [history, verify, rebuildQueue, exportCommand, importCommand, list, erase, keys]

export const helpText = (): string => `kezek — audit and maintenance of kezek event stores

usage: kezek <command> [options]      (pnpm kezek … inside the repository)

commands:
${commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}
  help [command] this text, or a command's full help

the store (--store, or $KEZEK_STORE):
  ./.data/kezek  pglite:DIR  file:///DIR        a PGlite data directory
  postgres://user@host:5432/db?schema=kezek     PostgreSQL (schema default kezek)
  esdb://host:2113?tls=false&namespace=NS        EventStoreDB / KurrentDB

exit codes:
  0 ok · 1 problems found · 2 usage error · 3 store unreachable · 4 not found
  5 conflict (would overwrite) · 6 not available on this machine · 70 bug in kezek
`

export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = commands.find((c) => c.name === rest[0])
    io.out.write(topic === undefined ? helpText() : `${topic.help}\n`)
    return name === undefined ? ExitCode.usage : ExitCode.ok
  }
  if (name === '--version' || name === '-V') {
    io.out.write('kezek 0.1.0\n')
    return ExitCode.ok
  }
  const command = commands.find((c) => c.name === name)
  if (command === undefined) {
    io.err.write(`kezek: unknown command ${JSON.stringify(name)}\nhint: the commands are ${commands.map((c) => c.name).join(', ')}; run \`kezek help\`\n`)
    return ExitCode.usage
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.write(`${command.help}\n`)
    return ExitCode.ok
  }
  try {
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof CliFailure) {
      io.err.write(`kezek ${command.name}: ${e.error.message}\n${e.error.hint === undefined ? '' : `hint: ${e.error.hint}\n`}`)
      return exitCodeOf(e.error.kind)
    }
    if (e instanceof KeyringIncomplete) {
      // Events restored or moved without their keys: an operator's step is missing, not a bug.
      io.err.write(`kezek ${command.name}: ${e.message}\nhint: restore the keys beside these events (\`kezek keys import\` of the key backup), or set KEZEK_KEYRING to the keyring that holds them\n`)
      return exitCodeOf('problems')
    }
    io.err.write(`kezek ${command.name}: unexpected failure: ${describeCause(e)}\n`)
    io.err.write(`hint: this is a bug in kezek; please report it with the command line${io.env.KEZEK_DEBUG === '1' ? '' : ' (KEZEK_DEBUG=1 prints the stack)'}\n`)
    if (io.env.KEZEK_DEBUG === '1' && e instanceof Error && e.stack !== undefined) io.err.write(`${e.stack}\n`)
    return ExitCode.internal
  }
}
