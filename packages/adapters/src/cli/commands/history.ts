/**
 * `kezek history <request number | application id | IIN>`: an application's timeline in plain words.
 */
import * as E from 'fp-ts/lib/Either.js'
import { commonOptions, exactlyOne, languageFrom, parse, storeFrom, storeOptions } from '../args.js'
import { buildTimeline } from '../audit/timeline.js'
import { findApplications } from '../audit/find-application.js'
import { renderTimeline } from '../audit/render-timeline.js'
import { json, type Command } from '../command.js'
import { cliError, fail } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { withStore } from '../open-store.js'

const options = { ...commonOptions, ...storeOptions, lang: { type: 'string', short: 'l' }, json: { type: 'boolean' } } as const

export const history: Command = {
  name: 'history',
  summary: 'an application’s timeline: who, role, channel, valid/record time, rule version, signature, hash-chain link',
  help: `kezek history <request number | application id | IIN> --store URL [--lang ru|kk|en] [--json]

Prints every event of the application in plain words (ru, kk or en; default en or $KEZEK_LANG): who acted, in
which role and channel, on whose behalf, its valid time and record time, the rule version it was decided under,
whether its hash-chain link verifies, and what is known about its signature. An IIN may match several
applications: each is printed. Exit 0 when every event checks out, 1 when a problem was found, 4 when nothing
matches the reference.`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    const ref = exactlyOne(positionals, 'reference (request number, application id or IIN)', 'kezek history 000000042 --store ./.data/kezek')
    const lang = languageFrom(values.lang, io)
    const locator = storeFrom(values, io)
    return withStore(locator, 'read', async ({ store, stored, personal, description }) => {
      const matches = await findApplications(store, ref)
      if (matches.length === 0) {
        fail(
          cliError(
            'not_found',
            `no application in ${description} has the application id, request number or IIN ${ref}`,
            'check the reference; `kezek list --full` shows request numbers and application ids',
          ),
        )
      }
      const timelines = []
      for (const m of matches) {
        // The chain is checked on what is stored; the words are told from the decrypted events.
        const read = await stored.readStream(m.streamId)
        const recorded = E.isRight(read) ? read.right : []
        const readable = personal === undefined ? recorded : await Promise.all(recorded.map((r) => personal.reveal(r)))
        timelines.push(buildTimeline(m, recorded, lang, readable))
      }
      if (values.json === true) io.out.write(json(timelines.length === 1 ? timelines[0] : timelines))
      else io.out.write(timelines.map((t) => renderTimeline(t, lang)).join('\n'))
      return timelines.some((t) => t.problems.length > 0) ? ExitCode.problems : ExitCode.ok
    }, io)
  },
}
