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

export interface SpawnedService {
  readonly child: ChildProcess
  readonly stderr: () => string
  readonly exited: Promise<number | string>
  /** Resolves with the first match of `line` in stderr; rejects if the process exits or START_MS passes first. */
  readonly waitFor: (line: RegExp) => Promise<RegExpExecArray>
}

/** `main.ts` in a process of its own, its stderr collected; nothing awaited yet. */
export const spawnService = (env: Record<string, string>): SpawnedService => {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env: { ...process.env, KEZEK_DEMO: 'off', KEZEK_VERIFY_WORKERS: '0', LOG_LEVEL: 'error', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  const seen: (() => void)[] = []
  child.stdout?.resume() // request logs: read and dropped, so the pipe never fills
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    err += chunk
    for (const f of seen) f()
  })
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  const waitFor = (line: RegExp): Promise<RegExpExecArray> => new Promise((resolve, reject) => {
    const check = () => {
      const m = line.exec(err)
      if (m !== null) resolve(m)
    }
    seen.push(check)
    check()
    void exited.then((code) => reject(new Error(`the service exited (${code}) before printing ${line}:\n${err}`)))
    const timer = setTimeout(() => reject(new Error(`the service did not print ${line} within ${START_MS} ms:\n${err}`)), START_MS)
    timer.unref()
  })
  return { child, stderr: () => err, exited, waitFor }
}

export const startService = async (env: Record<string, string>, providerId: ProviderId): Promise<ServiceProcess> => {
  const secret = env['KEZEK_TOKEN_SECRET']
  if (secret === undefined) throw new Error('startService needs KEZEK_TOKEN_SECRET to issue the officer token')
  const officer = issueToken(secret, { role: 'provider_officer', sub: 'fault-officer', providerId, exp: Math.floor(Date.now() / 1000) + 3600 })
  const s = spawnService(env)
  const url = await s.waitFor(/kezek is listening on (http:\/\/\S+)/).catch((e: unknown) => { s.child.kill('SIGKILL'); throw e })
  return { url: url[1]!, officer, child: s.child, stderr: s.stderr, exited: s.exited }
}
