/**
 * Output that is either stdout or a file written through `<file>.partial` and renamed when complete, so an
 * interrupted export or rebuild never leaves a short file that looks whole. An existing file is kept unless
 * `--force` says otherwise.
 */
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { cliError, describeCause, fail } from './errors.js'
import type { CliIo } from './io.js'

export interface Sink {
  readonly write: (text: string) => Promise<void>
  /** Completes the file (rename) — call only on success. */
  readonly commit: () => Promise<void>
  /** Drops the partial file after a failure. */
  readonly abandon: () => Promise<void>
  readonly description: string
}

const FLUSH_AT = 1 << 20

/** Refuses an existing output file before any work is done (also checked again when the file is opened). */
export const checkOutput = (io: CliIo, path: string | undefined, force: boolean): void => {
  if (path === undefined || path === '-' || force) return
  const target = resolve(io.cwd, path)
  if (existsSync(target)) fail(cliError('conflict', `${target} already exists`, 'pass --force to replace it, or choose another --out'))
}

export const openSink = (io: CliIo, path: string | undefined, force: boolean): Sink => {
  if (path === undefined || path === '-') {
    return { write: async (t) => io.out.write(t), commit: async () => undefined, abandon: async () => undefined, description: 'standard output' }
  }
  const target = resolve(io.cwd, path)
  if (existsSync(target) && !force) {
    fail(cliError('conflict', `${target} already exists`, 'pass --force to replace it, or choose another --out'))
  }
  const partial = `${target}.partial`
  // 0600: an export is a backup of the events (personal data sealed or, with encryption off, in clear) and a list
  // can name people: only the owner reads it.
  const out = createWriteStream(partial, { encoding: 'utf8', mode: 0o600 })
  let failure: unknown
  out.on('error', (e) => {
    failure = e
  })
  let buffer = ''
  const flush = async (): Promise<void> => {
    if (failure !== undefined) fail(cliError('conflict', `cannot write ${partial}: ${describeCause(failure)}`, 'check the directory exists and is writable'))
    if (buffer === '') return
    const ok = out.write(buffer)
    buffer = ''
    if (!ok) await once(out, 'drain')
  }
  const close = async (): Promise<void> => {
    out.end()
    if (!out.closed) await once(out, 'close')
  }
  return {
    write: async (t) => {
      buffer += t
      if (buffer.length >= FLUSH_AT) await flush()
    },
    commit: async () => {
      await flush()
      await close()
      if (failure !== undefined) fail(cliError('conflict', `cannot write ${partial}: ${describeCause(failure)}`, 'check the directory exists and is writable'))
      renameSync(partial, target)
    },
    abandon: async () => {
      await close().catch(() => undefined)
      rmSync(partial, { force: true })
    },
    description: target,
  }
}
