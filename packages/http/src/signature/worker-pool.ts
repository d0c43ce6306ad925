/**
 * A `SignatureVerifier` that spreads verification over worker threads. Verifying an RSA XMLDSig is the most
 * expensive step of a submission; on a machine with several cores the service thread keeps answering while the
 * workers verify. Results are the same values the in-process verifier returns (tested).
 *
 * Trust is handed over as encoded bytes (certificates and CRLs cannot cross threads as objects); to load fresh
 * CRLs, build a new pool and close the old one. A worker that dies fails its requests (a 500 with a correlation
 * id, never a hang) and is not used again.
 */
import { Worker } from 'node:worker_threads'
import type { SignerPolicy, TrustSource } from '@kezek/adapters'
import type { RevocationSettings } from '../config.js'
import type { SignatureVerifier, VerifiedRequest } from './port.js'

/** What a worker is started with: the trust bytes and the revocation settings (KEZEK_REVOCATION, KEZEK_OCSP_*). */
export interface WorkerData {
  readonly trust: TrustSource
  readonly revocation?: RevocationSettings
  readonly signerPolicy?: SignerPolicy
}

export interface WorkerPoolVerifier extends SignatureVerifier {
  readonly close: () => Promise<void>
}

// Built (dist/*.js, as installed from npm) the worker module is plain JavaScript. From sources in the workspace,
// workers do not inherit the TypeScript loader the service runs under: the boot script registers tsx's ESM hooks
// in the worker first (tsx is a development dependency only, so the built path must not need it).
const COMPILED = import.meta.url.endsWith('.js')
const WORKER_MODULE = new URL(COMPILED ? './verify-worker.js' : './verify-worker.ts', import.meta.url).href
const BOOT = COMPILED
  ? `import(${JSON.stringify(WORKER_MODULE)})`
  : `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_MODULE)}) })`

interface Pending { readonly resolve: (r: VerifiedRequest) => void; readonly reject: (e: Error) => void }

interface Slot {
  readonly worker: Worker
  readonly pending: Map<number, Pending>
  alive: boolean
}

export const workerPoolVerifier = (
  source: TrustSource,
  size: number,
  revocation?: RevocationSettings,
  signerPolicy?: SignerPolicy,
): WorkerPoolVerifier => {
  const workerData: WorkerData = {
    trust: source,
    ...(revocation === undefined ? {} : { revocation }),
    ...(signerPolicy === undefined ? {} : { signerPolicy }),
  }
  let next = 0
  let closing = false
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => {
    const slot: Slot = { worker: new Worker(BOOT, { eval: true, workerData }), pending: new Map(), alive: true }
    const failAll = (e: Error) => {
      slot.alive = false
      for (const p of slot.pending.values()) p.reject(e)
      slot.pending.clear()
    }
    slot.worker.on('message', (m: { id: number; result?: VerifiedRequest; error?: string }) => {
      const p = slot.pending.get(m.id)
      slot.pending.delete(m.id)
      if (m.result !== undefined) p?.resolve(m.result)
      else p?.reject(new Error(m.error ?? 'verification failed'))
    })
    slot.worker.on('error', failAll)
    slot.worker.on('exit', (code) => { if (!closing) failAll(new Error(`verify worker exited with code ${code}`)) })
    return slot
  })
  let turn = 0
  return {
    verifyRequest: (xml, at) =>
      new Promise<VerifiedRequest>((resolve, reject) => {
        const alive = slots.filter((s) => s.alive)
        const slot = alive[turn++ % Math.max(1, alive.length)]
        if (slot === undefined) { reject(new Error('no signature verification worker is alive')); return }
        const id = next++
        slot.pending.set(id, { resolve, reject })
        slot.worker.postMessage({ id, xml, at: at.getTime() })
      }),
    close: async () => {
      closing = true
      await Promise.all(slots.map((s) => s.worker.terminate()))
    },
  }
}
