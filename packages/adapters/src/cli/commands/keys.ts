/**
 * `kezek keys`: the personal-data keys, apart from the events.
 *
 *  - `rotate [--iin …]` retires the current key of every person (or of one), so the next write for them makes a new
 *    key with a new kid. Retired keys are kept: they still open what they sealed, and an erasure destroys them with
 *    the current one. Nothing stored is rewritten, so the hash chain is untouched.
 *  - `export --out FILE` writes the keys as stored (wrapped under the master key when there is one; subjects as
 *    HMACs, never IINs; erased keys as tombstones), mode 0600: the key backup kept apart from the events' backup.
 *  - `import FILE` adds them to a store's keyring (after a restore or a move of the events), never bringing back an
 *    erased key, then destroys again every kid the store's erasure records name — so an older key backup cannot
 *    undo an erasure the events remember.
 */
import { createHash } from 'node:crypto'
import { hasValidChecksum } from '@kezek/domain'
import { commonOptions, exactlyOne, parse, storeFrom, storeOptions } from '../args.js'
import { json, type Command } from '../command.js'
import { cliError, fail, usage } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { personalDataConfig, withStore, type OpenedStore } from '../open-store.js'
import { checkOutput, openSink } from '../output-file.js'
import { lineSource } from '../transfer/read-lines.js'
import { erasedKidsOf } from '../../privacy/erasure-record.js'
import type { KeyBackup, StoredKey } from '../../privacy/keyring.js'
import type { ProtectedStore } from '../../privacy/protect.js'

const options = {
  ...commonOptions,
  ...storeOptions,
  iin: { type: 'string' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
} as const

const KEYS_FORMAT = 1

const personalOf = (opened: OpenedStore, action: string): ProtectedStore => {
  if (opened.personal === undefined) {
    return fail(cliError('usage', `personal data is not encrypted here (KEZEK_PERSONAL_DATA=off): there are no keys to ${action}`, 'keys need encryption on'))
  }
  return opened.personal
}

const backupOf = (p: ProtectedStore): KeyBackup =>
  p.keyring.backup ?? fail(cliError('not_available', 'this keyring cannot be backed up by kezek', 'back up its database yourself'))

/** Whether the keys are wrapped: a file written under a master key is only usable with the same one. */
const wrapping = (io: CliIo): string | null => {
  const config = personalDataConfig(io.env, io.cwd)
  if (config.mode !== 'encrypted' || config.masterKey === undefined) return null
  // A fingerprint, not the key: tells a wrong master key apart before anything is written.
  return createHash('sha256').update('kezek-master-key-fingerprint|').update(config.masterKey).digest('hex').slice(0, 16)
}

const rotate = async (opened: OpenedStore, iin: string | undefined, io: CliIo, asJson: boolean): Promise<ExitCode> => {
  const retired = await personalOf(opened, 'rotate').rotate(iin)
  const report = { retired, scope: iin === undefined ? 'every person' : 'one person' }
  io.out.write(asJson
    ? json(report)
    : `rotated: ${retired} current key(s) retired (${report.scope}); the next write for each person makes a new kid, retired keys still open what they sealed\n`)
  return ExitCode.ok
}

const exportKeys = async (opened: OpenedStore, out: string | undefined, force: boolean, io: CliIo, asJson: boolean): Promise<ExitCode> => {
  if (out === undefined || out === '-') return fail(usage('keys export needs --out FILE (keys are not written to a terminal)', 'kezek keys export --store … --out keys-2026-12-01.ndjson'))
  const rows = await backupOf(personalOf(opened, 'export')).rows()
  const sink = openSink(io, out, force)
  try {
    await sink.write(`${JSON.stringify({ kezek: 'keys', format: KEYS_FORMAT, exportedAt: io.now().toISOString(), source: opened.description, masterKey: wrapping(io) })}\n`)
    for (const r of rows) await sink.write(`${JSON.stringify(r)}\n`)
    await sink.write(`${JSON.stringify({ kezek: 'end', keys: rows.length })}\n`)
    await sink.commit()
  } catch (e) {
    await sink.abandon()
    throw e
  }
  const live = rows.filter((r) => r.erasedAt === null).length
  const report = { file: sink.description, keys: rows.length, live, erased: rows.length - live }
  io.out.write(asJson ? json(report) : `exported ${rows.length} key(s) (${live} live, ${rows.length - live} erased) to ${sink.description} (mode 0600): keep it apart from the events' backup\n`)
  return ExitCode.ok
}

const isKey = (v: unknown): v is StoredKey => {
  const r = v as Record<string, unknown> | null
  const text = (x: unknown) => typeof x === 'string'
  const textOrNull = (x: unknown) => x === null || typeof x === 'string'
  return r !== null && typeof r === 'object' && text(r['kid']) && textOrNull(r['subject']) && textOrNull(r['key']) && text(r['createdAt']) &&
    textOrNull(r['retiredAt']) && textOrNull(r['erasedAt']) && (r['erasedAt'] === null) === (r['key'] !== null && r['subject'] !== null)
}

const readKeysFile = async (io: CliIo, file: string): Promise<StoredKey[]> => {
  const source = lineSource(io, file)
  const keys: StoredKey[] = []
  let header: { masterKey?: unknown } | undefined
  let trailer: number | undefined
  for await (const l of source.lines()) {
    const bad = (detail: string) => fail(cliError('problems', `line ${l.n}: ${detail}`, 'nothing was imported; use the file `kezek keys export` wrote'))
    let v: Record<string, unknown>
    try {
      v = JSON.parse(l.text) as Record<string, unknown>
    } catch {
      return bad('not JSON')
    }
    if (trailer !== undefined) bad('there is more after the trailer line')
    if (header === undefined) {
      if (v['kezek'] !== 'keys' || v['format'] !== KEYS_FORMAT) bad('the file does not start with a kezek keys header (format 1)')
      header = v
      continue
    }
    if (v['kezek'] === 'end') {
      trailer = typeof v['keys'] === 'number' ? v['keys'] : bad('a malformed trailer')
      continue
    }
    if (!isKey(v)) bad('not a stored key (kid, subject, key, createdAt, retiredAt, erasedAt)')
    keys.push(v as unknown as StoredKey)
  }
  if (header === undefined) return fail(cliError('problems', 'the file is empty', 'use the file `kezek keys export` wrote'))
  if (trailer !== keys.length) return fail(cliError('problems', trailer === undefined ? 'the file ends without its trailer: it was cut short' : `the trailer counts ${trailer} keys, the file holds ${keys.length}`, 'nothing was imported; copy or export the keys again'))
  const here = wrapping(io)
  if ((header.masterKey ?? null) !== here) {
    return fail(cliError('usage', header.masterKey === null
      ? 'the keys in this file are not wrapped, but KEZEK_KEYRING_MASTER_KEY is set here'
      : here === null ? 'the keys in this file are wrapped under a master key, and KEZEK_KEYRING_MASTER_KEY is not set here' : 'the keys in this file are wrapped under another master key',
    'set KEZEK_KEYRING_MASTER_KEY to the master key the keys were exported under'))
  }
  return keys
}

const importKeys = async (opened: OpenedStore, keys: readonly StoredKey[], io: CliIo, asJson: boolean): Promise<ExitCode> => {
  const personal = personalOf(opened, 'import')
  const backup = backupOf(personal)
  const { added, present } = await backup.restore(keys)
  // Erasures the events remember are applied again: a key backup older than an erasure must not undo it.
  const erased = new Set<string>()
  for await (const e of opened.stored.readAll({ batchSize: 1000 })) for (const kid of erasedKidsOf(e) ?? []) erased.add(kid)
  const destroyed = await backup.destroy([...erased])
  const report = { added, alreadyThere: present, destroyedAgain: destroyed, erasureRecords: erased.size }
  io.out.write(asJson
    ? json(report)
    : `imported ${added} key(s) into ${opened.description} (${present} already there, left as they were); ${destroyed} key(s) destroyed again as the store's erasure records say\n`)
  return ExitCode.ok
}

export const keys: Command = {
  name: 'keys',
  summary: 'the personal-data keys: rotate them, back them up apart from the events, restore them',
  help: `kezek keys rotate --store URL [--iin IIN] [--json]
kezek keys export --store URL --out FILE [--force] [--json]
kezek keys import FILE --store URL [--json]

rotate: retires the current key of every person (or, with --iin, of one person). The next event that names a
person is sealed under a new key with a new kid — in new applications and in new events of existing ones; events
already stored keep their kid, and the retired key still opens them. Nothing stored is rewritten: the hash chain
and \`kezek verify\` are untouched. \`kezek erase\` destroys a person's retired keys together with the current one.
A running service keeps using the key it has in memory for a person until it restarts: restart it after rotating.

export: writes the keyring as stored, to FILE with mode 0600 — the key backup, to keep apart from the events'
backup (\`kezek export\`): its own place, access rights and a short retention. Subjects are HMACs (no IIN); with
KEZEK_KEYRING_MASTER_KEY the keys are wrapped under it, and the master key itself is never written.

import: adds the keys of FILE to the store's keyring — after restoring or moving the events (\`kezek import\`) to a
store whose keyring lacks them. A kid already there is left as it is (an erased key is never brought back); then
every kid named by the store's erasure records is destroyed again, so an older key backup does not undo an
erasure. Needs the master key the file was exported under.

Needs encryption on (the default). The master key is not rotated by these commands.`,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options)
    const [action, ...rest] = positionals
    const asJson = values.json === true
    if (action === 'rotate' && rest.length === 0) {
      if (values.iin !== undefined && !hasValidChecksum(values.iin)) return fail(usage('--iin must be 12 digits with a valid check digit'))
      return withStore(storeFrom(values, io), 'read', (opened) => rotate(opened, values.iin, io, asJson), io)
    }
    if (action === 'export' && rest.length === 0) {
      checkOutput(io, values.out, values.force === true)
      return withStore(storeFrom(values, io), 'read', (opened) => exportKeys(opened, values.out, values.force === true, io, asJson), io)
    }
    if (action === 'import') {
      const file = exactlyOne(rest, 'keys file to import', 'kezek keys import keys-2026-12-01.ndjson --store …')
      const locator = storeFrom(values, io)
      const keys = await readKeysFile(io, file)
      return withStore(locator, 'read', (opened) => importKeys(opened, keys, io, asJson), io)
    }
    return fail(usage(action === undefined ? 'keys needs an action' : `keys ${positionals.join(' ')}: the actions are rotate, export and import`, 'kezek keys rotate --store ./.data/kezek'))
  },
}
