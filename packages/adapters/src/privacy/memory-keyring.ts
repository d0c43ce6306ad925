/** A keyring held in process memory: for tests and embedding. Keys die with the process. */
import { randomBytes, randomUUID } from 'node:crypto'
import { KEY_BYTES, type ErasureReceipt, type Keyring, type KeyLookup, type SubjectKey } from './keyring.js'

interface Entry {
  readonly kid: string
  subject: string | undefined
  key: Uint8Array | undefined
  erasedAt: string | undefined
}

export const memoryKeyring = (now: () => Date = () => new Date()): Keyring => {
  const byKid = new Map<string, Entry>()
  const live = new Map<string, Entry>()
  return {
    keyFor: async (subject): Promise<SubjectKey> => {
      const existing = live.get(subject)
      if (existing?.key !== undefined) return { kid: existing.kid, key: existing.key }
      const entry: Entry = { kid: randomUUID(), subject, key: randomBytes(KEY_BYTES), erasedAt: undefined }
      byKid.set(entry.kid, entry)
      live.set(subject, entry)
      return { kid: entry.kid, key: entry.key as Uint8Array }
    },
    lookup: async (kid): Promise<KeyLookup> => {
      const e = byKid.get(kid)
      if (e === undefined) return { kind: 'unknown', kid }
      if (e.key === undefined) return { kind: 'erased', kid, erasedAt: e.erasedAt ?? '' }
      return { kind: 'live', key: { kid, key: Uint8Array.from(e.key) } }
    },
    erase: async (subject): Promise<ErasureReceipt> => {
      const erasedAt = now().toISOString()
      const kids: string[] = []
      for (const e of byKid.values()) {
        if (e.subject !== subject) continue
        e.key?.fill(0)
        e.key = undefined
        e.subject = undefined
        e.erasedAt = erasedAt
        kids.push(e.kid)
      }
      live.delete(subject)
      return { kids: kids.sort(), erasedAt }
    },
    rotate: async (subject) => {
      const retired = subject === undefined ? [...live.keys()] : live.has(subject) ? [subject] : []
      for (const s of retired) live.delete(s)
      return retired.length
    },
  }
}
