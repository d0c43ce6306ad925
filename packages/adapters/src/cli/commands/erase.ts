/**
 * `kezek erase --iin … --ground …`: erases a person (crypto-shredding). Their keys are destroyed, so every
 * personal field sealed under them — in their own applications, and their IIN wherever it stands in others' —
 * reads as erased from now on; an erasure record (who, when, on which ground, no personal data) is appended; a
 * running service following the store forgets the person as soon as it reads the record.
 */
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { commonOptions, noPositionals, parse, storeFrom, storeOptions } from '../args.js'
import { json, type Command } from '../command.js'
import { cliError, fail, usage } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { withStore } from '../open-store.js'
import { checkErasureOrder, erasePerson } from '../../privacy/erase.js'

const options = {
  ...commonOptions,
  ...storeOptions,
  iin: { type: 'string' },
  ground: { type: 'string' },
  by: { type: 'string' },
  json: { type: 'boolean' },
} as const

export const erase: Command = {
  name: 'erase',
  summary: 'erase a person’s personal data (destroys their keys; records who, when and on which legal ground)',
  help: `kezek erase --store URL --iin IIN --ground TEXT [--by STAFF-ID] [--json]

Destroys every key of the person with this IIN. What was sealed under them reads as erased from then on: their IIN
(000000000000), names, addresses, phones, document numbers and birth dates in their applications, and their IIN
where it stands in other people's applications (as a representative, child, second parent). Nothing stored is
rewritten: list positions, request numbers and the hash chain stay, and \`kezek verify\` still passes.

--ground states the legal ground (the subject's request and its number, a court decision); it is kept in the
erasure record and must not contain an IIN. --by names the data-protection officer (default: cli:$USER). The
record holds no personal data. Erasure is final: keys in backups taken before it are not destroyed
(docs/personal-data.md). Needs encryption on (the default); exit 2 on a bad IIN or ground.`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    noPositionals(positionals, 'erase')
    if (values.iin === undefined || values.ground === undefined) {
      return fail(usage('erase needs --iin and --ground', 'kezek erase --iin 871008401427 --ground "заявление № ПД-12 от 01.03.2025" --store …'))
    }
    const problem = checkErasureOrder({ iin: values.iin, ground: values.ground })
    if (problem !== undefined) return fail(usage(problem))
    const locator = storeFrom(values, io)
    const by = values.by ?? `cli:${io.env['USER'] ?? 'unknown'}`
    return withStore(locator, 'read', async (opened) => {
      if (opened.personal === undefined) {
        fail(cliError('usage', 'personal data is not encrypted here (KEZEK_PERSONAL_DATA=off): there is no key to destroy', 'erasure needs encryption on'))
      }
      const done = await erasePerson(opened.personal!, {
        iin: values.iin!, ground: values.ground!, requestedBy: { id: by, role: 'data_protection_officer' },
        erasureId: randomUUID(), eventId: randomUUID(), now: io.now(),
      })
      if (E.isLeft(done)) return fail(usage(done.left.detail))
      const { record } = done.right
      const report = { erasureId: record.erasureId, erasedAt: record.erasedAt, keysDestroyed: record.kids.length, streams: record.streams.length, ground: record.ground, by: record.requestedBy.id }
      io.out.write(values.json === true
        ? json(report)
        : `erased: ${record.kids.length} key(s) destroyed, ${record.streams.length} stream(s) named the person; erasure ${record.erasureId} recorded at ${record.erasedAt}\n`)
      return ExitCode.ok
    }, io)
  },
}
