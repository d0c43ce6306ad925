/**
 * The reference registries: a table an akimat can load (JSON), standing in for the ШЭП connections to ГБД ФЛ and
 * ЕНИС until those are wired. Read from a file at each look-up when its modification time changes, so an
 * operator can update it without a restart; a missing or broken file makes the registry *unavailable* (503),
 * never "person not found".
 */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { IIN, Registry } from '@kezek/domain'
import type { PersonRegistry, PowerOfAttorneyRegistry, RecordQuery, RecordRegistry, Registries, RegistryUnavailable } from './port.js'

const RegistryTableCore = t.type({
  persons: t.readonlyArray(t.intersection([t.type({ iin: IIN }), t.partial({ reference: t.string })])),
  powersOfAttorney: t.readonlyArray(
    t.intersection([
      t.type({ number: t.string, principalIin: IIN, representativeIin: IIN }),
      t.partial({ validUntil: t.string, reference: t.string }),
    ]),
  ),
})

/** `records`: entries of the other registers (guardianship register, state information systems), optional. */
export const RegistryTable = t.intersection([
  RegistryTableCore,
  t.partial({
    records: t.readonlyArray(t.intersection([
      t.type({ registry: Registry, iin: IIN }),
      t.partial({ subjectIin: IIN, reference: t.string }),
    ])),
  }),
], 'RegistryTable')
export type RegistryTable = t.TypeOf<typeof RegistryTable>

const unavailable = (registry: RegistryUnavailable['registry'], detail: string): RegistryUnavailable =>
  ({ kind: 'registry_unavailable', registry, detail, retryable: true })

// The reply reference must not carry the IIN in clear: it is written into events and logs.
const hashRef = (iin: string): string => createHash('sha256').update(iin).digest('hex').slice(0, 16)

const lookupPerson = (table: RegistryTable, iin: string) => {
  const p = table.persons.find((x) => x.iin === iin)
  return p === undefined ? undefined : { registryReference: p.reference ?? `gbdfl:${hashRef(iin)}` }
}

const lookupPoa = (table: RegistryTable, q: Parameters<PowerOfAttorneyRegistry['findPowerOfAttorney']>[0]) => {
  const d = table.powersOfAttorney.find((x) =>
    x.number === q.number && x.principalIin === q.principalIin && x.representativeIin === q.representativeIin &&
    (x.validUntil === undefined || q.at.slice(0, 10) <= x.validUntil))
  return d === undefined ? undefined : { registryReference: d.reference ?? `enis:${d.number}` }
}

const lookupRecord = (table: RegistryTable, q: RecordQuery) => {
  const r = (table.records ?? []).find((x) =>
    x.registry === q.registry && x.iin === q.applicantIin && (x.subjectIin === undefined || x.subjectIin === q.subjectIin))
  return r === undefined ? undefined : { registryReference: r.reference ?? `${q.registry}:${hashRef(`${q.applicantIin}/${q.subjectIin ?? ''}`)}` }
}

/** Registries over a table held in memory (tests, embedders that load the table themselves). */
export const tableRegistries = (table: RegistryTable): Registries => ({
  persons: { findPerson: async (iin) => E.right(lookupPerson(table, iin)) },
  powersOfAttorney: { findPowerOfAttorney: async (q) => E.right(lookupPoa(table, q)) },
  records: { findRecord: async (q) => E.right(lookupRecord(table, q)) },
})

/** Registries over a JSON file, re-read when it changes. */
export const fileRegistries = (path: string): Registries => {
  let cached: { readonly mtimeMs: number; readonly table: RegistryTable } | undefined
  const load = async (registry: RegistryUnavailable['registry']): Promise<E.Either<RegistryUnavailable, RegistryTable>> => {
    try {
      const { mtimeMs } = await stat(path)
      if (cached?.mtimeMs === mtimeMs) return E.right(cached.table)
      const decoded = RegistryTable.decode(JSON.parse(await readFile(path, 'utf8')))
      if (E.isLeft(decoded)) return E.left(unavailable(registry, `registry table ${path} does not match the expected shape`))
      cached = { mtimeMs, table: decoded.right }
      return E.right(decoded.right)
    } catch (e) {
      return E.left(unavailable(registry, `registry table unreadable: ${e instanceof Error ? e.message : String(e)}`))
    }
  }
  const persons: PersonRegistry = {
    findPerson: async (iin) => E.map((table: RegistryTable) => lookupPerson(table, iin))(await load('gbdfl')),
  }
  const powersOfAttorney: PowerOfAttorneyRegistry = {
    findPowerOfAttorney: async (q) => E.map((table: RegistryTable) => lookupPoa(table, q))(await load('enis')),
  }
  const records: RecordRegistry = {
    findRecord: async (q) => E.map((table: RegistryTable) => lookupRecord(table, q))(await load(q.registry)),
  }
  return { persons, powersOfAttorney, records }
}
