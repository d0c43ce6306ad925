/**
 * Shared by the CLI tests: seeded stores (the generator's realistic histories, written through the store port as
 * the command handler writes them), the `kezek` bin run as a real child process, and raw SQL tampering.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/Either'
import { appendDecisions, generateDecisions } from '../../src/generator'
import type { EventStore } from '../../src/store/port'

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
