/**
 * `kezek keys rotate [--iin …]`: retires the current personal-data key of every person (or of one), so the next
 * write for them makes a new key with a new kid. Retired keys are kept: they still open what they sealed, and an
 * erasure destroys them with the current one. Nothing stored is rewritten, so the hash chain is untouched.
 */
import { hasValidChecksum } from '@kezek/domain'
import { commonOptions, parse, storeFrom, storeOptions } from '../args.js'
import { json, type Command } from '../command.js'
import { cliError, fail, usage } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { withStore } from '../open-store.js'

const options = { ...commonOptions, ...storeOptions, iin: { type: 'string' }, json: { type: 'boolean' } } as const

export const keys: Command = {
  name: 'keys',
  summary: 'rotate the personal-data keys (new kids for new writes; old data stays readable)',
  help: `kezek keys rotate --store URL [--iin IIN] [--json]

Retires the current key of every person (or, with --iin, of one person). The next event that names a person
is sealed under a new key with a new kid — in new applications and in new events of existing ones; events
already stored keep their kid, and the retired key still opens them. Nothing stored is rewritten: the hash chain
and \`kezek verify\` are untouched. \`kezek erase\` destroys a person's retired keys together with the current one.

A running service keeps using the key it has in memory for a person until it restarts (or until the person is
erased through it); restart it after rotating. Keys are kept beside the events (the kezek_subject_keys table) or
in KEZEK_KEYRING: back them up apart from the events (docs/personal-data.md). The master key
(KEZEK_KEYRING_MASTER_KEY) is not rotated by this command. Needs encryption on (the default).`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    const [action, ...rest] = positionals
    if (action !== 'rotate' || rest.length > 0) {
      return fail(usage(action === undefined ? 'keys needs an action' : `keys ${positionals.join(' ')}: the only action is rotate`, 'kezek keys rotate --store ./.data/kezek'))
    }
    if (values.iin !== undefined && !hasValidChecksum(values.iin)) return fail(usage('--iin must be 12 digits with a valid check digit'))
    const locator = storeFrom(values, io)
    return withStore(locator, 'read', async (opened) => {
      if (opened.personal === undefined) {
        fail(cliError('usage', 'personal data is not encrypted here (KEZEK_PERSONAL_DATA=off): there are no keys to rotate', 'rotation needs encryption on'))
      }
      const retired = await opened.personal!.rotate(values.iin)
      const report = { retired, scope: values.iin === undefined ? 'every person' : 'one person' }
      io.out.write(values.json === true
        ? json(report)
        : `rotated: ${retired} current key(s) retired (${report.scope}); the next write for each person makes a new kid, retired keys still open what they sealed\n`)
      return ExitCode.ok
    }, io)
  },
}
