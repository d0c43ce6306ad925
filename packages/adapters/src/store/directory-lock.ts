/**
 * One process per PGlite data directory. PGlite has no lock of its own: a second process (the CLI while the
 * server runs) would open the same files and corrupt them. The owner keeps `<dataDir>.lock` (next to the
 * directory, so PGlite's own files stay untouched) holding its pid; a second opener is refused with a clear error.
 * A lock left by a process that died (kill -9, a crash) is taken over: its pid no longer runs.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, resolve } from 'node:path'

export class DataDirectoryInUse extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `the PGlite data directory ${dataDir} is in use by process ${pid} (lock file ${dataDir}.lock): ` +
        'one process at a time may open it. Stop that process first (the HTTP service, another kezek command), ' +
        'work on a copy of the stopped directory, or run the service on PostgreSQL to use the CLI alongside it',
    )
    this.name = 'DataDirectoryInUse'
  }
}

export interface DirectoryLock {
  readonly release: () => void
}

const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

interface Holder {
  readonly pid: number
  readonly host: string
}

const readHolder = (file: string): Holder | undefined => {
  try {
    const [pid, host] = readFileSync(file, 'utf8').split('\n')
    const n = Number(pid)
    return Number.isInteger(n) && n > 0 ? { pid: n, host: host ?? '' } : undefined
  } catch {
    return undefined
  }
}

/** Lock files this process holds: its own pid in a lock file it does not hold is a dead predecessor's (pid 1 again). */
const held = new Set<string>()

export const lockDataDirectory = (dataDir: string): DirectoryLock => {
  const dir = resolve(dataDir)
  const file = `${dir}.lock`
  if (held.has(file)) throw new DataDirectoryInUse(dir, process.pid)
  const me = `${process.pid}\n${hostname()}\n`
  mkdirSync(dirname(dir), { recursive: true }) // the lock sits beside the directory, which PGlite creates later
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, me)
      closeSync(fd)
      held.add(file)
      return {
        release: () => {
          if (!held.delete(file)) return
          if (readHolder(file)?.pid === process.pid) unlinkSync(file)
        },
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const holder = readHolder(file)
    // Another host's pid means nothing here (a directory on shared storage): never take that lock over.
    const alive = holder !== undefined && (holder.host !== hostname() || (holder.pid !== process.pid && running(holder.pid)))
    if (alive) throw new DataDirectoryInUse(dir, holder.pid)
    // Stale (its process is gone) or half-written by an opener that died: remove it and try again.
    try {
      unlinkSync(file)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
  }
  throw new Error(`could not take the lock ${file}: other processes keep taking it`)
}
