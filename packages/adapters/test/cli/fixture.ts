/**
 * Shared by the CLI tests: seeded stores (the generator's realistic histories, written through the store port as
 * the command handler writes them), the `kezek` bin run as a real child process, and raw SQL tampering.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { appendDecisions, generateDecisions } from '../../src/generator/index.js'
import type { EventStore } from '../../src/store/port.js'

export const BIN = fileURLToPath(new URL('../../bin/kezek.mjs', import.meta.url))
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url))

export interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `kezek …` as a child process from `cwd` (default: a temp dir, so nothing depends on the repo's cwd). */
export const kezek = (args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<Ran> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? tmpdir(),
        env: { ...process.env, KEZEK_STORE: '', KEZEK_LANG: '', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr })
      },
    )
    if (options.input !== undefined) child.stdin?.end(options.input)
    else child.stdin?.end()
  })

export const tempDir = (label: string): { readonly path: string; readonly remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), `kezek-cli-${label}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Writes `events` generated events (seeded) into the store; returns how many decisions (appends) it made. */
export const seed = async (store: EventStore, events: number, seedValue = 7): Promise<number> => {
  const loaded = await appendDecisions(store, generateDecisions({ seed: seedValue, events }))
  if (E.isLeft(loaded)) throw new Error(`seeding failed: ${JSON.stringify(loaded.left)}`)
  return loaded.right.decisions
}

export const PG_URL = process.env.KEZEK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Facts about a seeded store, read in-process, that the CLI's output is checked against. */
export interface Seeded {
  /** The application still on a waiting list with the most events. */
  readonly application: { readonly id: string; readonly streamId: string; readonly requestNumber: string; readonly iin: string; readonly types: readonly string[] }
  /** Every IIN anywhere in the events' data (applicants, signers, successors, representatives). */
  readonly iins: ReadonlySet<string>
  readonly events: number
  readonly streams: number
}

const IIN_FIELDS = new Set(['applicantIin', 'signerIin', 'successorIin', 'representativeIin', 'iin'])

const collectIins = (v: unknown, into: Set<string>): void => {
  if (Array.isArray(v)) for (const x of v) collectIins(x, into)
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (IIN_FIELDS.has(k) && typeof x === 'string' && /^\d{12}$/.test(x)) into.add(x)
      else collectIins(x, into)
    }
  }
}

export const describeSeeded = async (store: EventStore): Promise<Seeded> => {
  const byStream = new Map<string, { types: string[]; requestNumber?: string; iin?: string }>()
  const iins = new Set<string>()
  let events = 0
  for await (const r of store.readAll()) {
    events++
    collectIins(r.data, iins)
    const d = r.data as { type: string; requestNumber?: string; applicantIin?: string }
    const s = byStream.get(r.streamId) ?? { types: [] }
    s.types.push(d.type)
    if (d.type === 'registered') s.requestNumber = d.requestNumber
    if (d.type === 'authorized') s.iin = d.applicantIin
    byStream.set(r.streamId, s)
  }
  let best: Seeded['application'] | undefined
  for (const [streamId, s] of byStream) {
    // Still on the list: queued and neither housed nor removed since.
    if (!s.types.includes('queued') || s.types.includes('housing_allocated') || s.types.includes('removed')) continue
    if (s.requestNumber === undefined || s.iin === undefined) continue
    if (best === undefined || s.types.length > best.types.length) {
      best = { id: streamId.slice('application-'.length), streamId, requestNumber: s.requestNumber, iin: s.iin, types: s.types }
    }
  }
  if (best === undefined) throw new Error('the seeded store has no queued application')
  return { application: best, iins, events, streams: byStream.size }
}
