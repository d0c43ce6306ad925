/**
 * Bounds every registry call: a look-up that throws or does not answer in time becomes `registry_unavailable`,
 * so a hung ШЭП connection costs the citizen a retry, not a wrong refusal.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Lookup, Registries, RegistryUnavailable } from './port.js'

const bounded = <A>(registry: RegistryUnavailable['registry'], ms: number, call: () => Promise<Lookup<A>>): Promise<Lookup<A>> =>
  new Promise((resolve) => {
    const fail = (detail: string) => resolve(E.left({ kind: 'registry_unavailable', registry, detail, retryable: true }))
    const timer = setTimeout(() => fail(`no answer within ${ms} ms`), ms)
    call().then(
      (r) => { clearTimeout(timer); resolve(r) },
      (e: unknown) => { clearTimeout(timer); fail(e instanceof Error ? e.message : String(e)) },
    )
  })

const absent = (registry: RegistryUnavailable['registry']): Lookup<never> =>
  E.left({ kind: 'registry_unavailable', registry, detail: 'no connection to this register is configured', retryable: true })

export const withTimeout = (r: Registries, ms: number): Registries => ({
  persons: { findPerson: (iin) => bounded('gbdfl', ms, () => r.persons.findPerson(iin)) },
  powersOfAttorney: { findPowerOfAttorney: (q) => bounded('enis', ms, () => r.powersOfAttorney.findPowerOfAttorney(q)) },
  records: {
    findRecord: (q) => {
      const records = r.records
      return records === undefined ? Promise.resolve(absent(q.registry)) : bounded(q.registry, ms, () => records.findRecord(q))
    },
  },
})
