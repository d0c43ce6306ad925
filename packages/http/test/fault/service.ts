/**
 * The service as an operator runs it: `node --import tsx packages/http/src/main.ts` in a process of its own, with
 * its configuration in the environment. Its token secret is the test's (`KEZEK_TOKEN_SECRET`), so the officer's token
 * is issued here as an identity provider would — the service prints no tokens once a secret is configured.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ProviderId } from '@kezek/domain'
import { issueToken } from '../../src/auth/jwt.js'

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

/** Start-up (migrations, catching up the read models) that takes longer than this is a failure, not a wait. */
const START_MS = 120_000

export const startService = async (env: Record<string, string>, providerId: ProviderId): Promise<ServiceProcess> => {
  const secret = env['KEZEK_TOKEN_SECRET']
  if (secret === undefined) throw new Error('startService needs KEZEK_TOKEN_SECRET to issue the officer token')
  const officer = issueToken(secret, { role: 'provider_officer', sub: 'fault-officer', providerId, exp: Math.floor(Date.now() / 1000) + 3600 })
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env: { ...process.env, KEZEK_DEMO: 'off', KEZEK_VERIFY_WORKERS: '0', LOG_LEVEL: 'error', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stdout?.resume() // request logs: read and dropped, so the pipe never fills
  child.stderr?.setEncoding('utf8')
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  const started = new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: string) => {
      err += chunk
      const url = /kezek is listening on (http:\/\/\S+)/.exec(err)?.[1]
      if (url !== undefined) resolve(url)
    })
    void exited.then((code) => reject(new Error(`the service exited (${code}) before it started:\n${err}`)))
    const timer = setTimeout(() => reject(new Error(`the service did not start within ${START_MS} ms:\n${err}`)), START_MS)
    timer.unref()
  })
  const url = await started.catch((e: unknown) => { child.kill('SIGKILL'); throw e })
  return { url, officer, child, stderr: () => err, exited }
}
