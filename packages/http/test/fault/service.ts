/**
 * The service as an operator runs it: `node --import tsx packages/http/src/main.ts` in a process of its own, with
 * its configuration in the environment. The officer's token is read from what it prints at start.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

export interface ServiceProcess {
  readonly url: string
  readonly officer: string
  readonly child: ChildProcess
  /** Everything it wrote to stderr (start-up lines, shutdown lines, warnings). */
  readonly stderr: () => string
  /** Resolves with the exit code (or signal) once it has exited. */
  readonly exited: Promise<number | string>
}

export const startService = async (env: Record<string, string>): Promise<ServiceProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env: { ...process.env, KEZEK_DEMO: 'off', KEZEK_VERIFY_WORKERS: '0', LOG_LEVEL: 'error', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stdout?.resume() // request logs: read and dropped, so the pipe never fills
  child.stderr?.setEncoding('utf8')
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  const started = new Promise<{ url: string; officer: string }>((resolve, reject) => {
    child.stderr?.on('data', (chunk: string) => {
      err += chunk
      const url = /kezek is listening on (http:\/\/\S+)/.exec(err)?.[1]
      const officer = /export OFFICER=(\S+)/.exec(err)?.[1]
      if (url !== undefined && officer !== undefined) resolve({ url, officer })
    })
    void exited.then((code) => reject(new Error(`the service exited (${code}) before it started:\n${err}`)))
  })
  const { url, officer } = await started
  return { url, officer, child, stderr: () => err, exited }
}
