/**
 * A throwaway PostgreSQL 15 cluster for fault tests: initdb into a temp directory, the postmaster on a free port,
 * run as an unprivileged user (nobody) when the tests run as root — PostgreSQL refuses to run as root. Never the
 * machine's shared server: this one is killed with SIGKILL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresDriver } from '@kezek/adapters'

const BIN = '/usr/lib/postgresql/15/bin'
const NOBODY = 65534

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))))
    })
  })

/** Runs a program as nobody when we are root, else as ourselves. */
const command = (program: string, args: readonly string[]): [string, string[]] =>
  process.getuid?.() === 0
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', program, ...args]]
    : [program, [...args]]

const canConnect = async (url: string): Promise<boolean> => {
  const driver = postgresDriver({ connectionString: url, maxConnections: 1, connectTimeoutMs: 1000 })
  try {
    await driver.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await driver.close().catch(() => undefined)
  }
}

export interface ThrowawayCluster {
  readonly url: string
  readonly port: number
  /** Starts the postmaster and waits until it accepts connections (retrying while a killed one's backends linger). */
  readonly start: () => Promise<void>
  /** SIGKILL to the postmaster, as an operator's `kill -9` would; resolves when it has exited. */
  readonly kill9: () => Promise<void>
  readonly destroy: () => Promise<void>
}

export const throwawayCluster = async (): Promise<ThrowawayCluster> => {
  if (!existsSync(join(BIN, 'initdb'))) throw new Error(`the fault tests need PostgreSQL 15's server programs in ${BIN} (Debian: postgresql-15)`)
  const dir = mkdtempSync(join(tmpdir(), 'kezek-fault-pg-'))
  if (process.getuid?.() === 0) chownSync(dir, NOBODY, NOBODY)
  const data = join(dir, 'data')
  const [initdb, initArgs] = command(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8' })
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`)
  const port = await freePort()
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  let postmaster: ChildProcess | undefined

  const launch = (): ChildProcess => {
    // fsync off: these tests kill processes, not the machine; the page cache survives a SIGKILL.
    const [program, args] = command(join(BIN, 'postgres'), [
      '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
      '-c', 'shared_buffers=16MB', '-c', 'max_connections=60',
    ])
    return spawn(program, args, { stdio: 'ignore' })
  }

  const start = async (): Promise<void> => {
    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      const p = launch()
      const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()))
      // Ready when it accepts connections; a start that exits (old backends still hold shared memory) is retried.
      for (;;) {
        if (p.exitCode !== null || p.signalCode !== null) break
        if (await canConnect(url)) {
          postmaster = p
          return
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 100))])
      }
    }
    throw new Error('the throwaway PostgreSQL did not start within 60 s')
  }

  const kill9 = async (): Promise<void> => {
    const p = postmaster
    if (p === undefined || p.exitCode !== null) return
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()))
    p.kill('SIGKILL')
    await exited
    postmaster = undefined
  }

  return {
    url, port, start, kill9,
    destroy: async () => {
      const p = postmaster
      if (p !== undefined && p.exitCode === null) {
        const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()))
        p.kill('SIGQUIT') // immediate shutdown
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
