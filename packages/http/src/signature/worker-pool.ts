/**
 * A `SignatureVerifier` that spreads verification over worker threads. Verifying an RSA XMLDSig is the most
 * expensive step of a submission; on a machine with several cores the service thread keeps answering while the
 * workers verify. Results are the same values the in-process verifier returns.
 *
 * Trust is handed over as encoded bytes (certificates and CRLs cannot cross threads as objects); to load fresh
 * CRLs, build a new pool and close the old one.
 */
import { Worker } from 'node:worker_threads'
import type { TrustSource } from '@kezek/adapters/signature/trust'
import type { SignatureVerifier, VerifiedRequest } from './port'

export interface WorkerPoolVerifier extends SignatureVerifier {
  readonly close: () => Promise<void>
}

// Workers do not inherit the TypeScript loader the service runs under: the boot script registers tsx's ESM hooks
// in the worker, then loads the worker module.
const WORKER_MODULE = new URL('./verify-worker.ts', import.meta.url).href
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_MODULE)}) })`

interface Pending { readonly resolve: (r: VerifiedRequest) => void; readonly reject: (e: Error) => void }

export const workerPoolVerifier = (source: TrustSource, size: number): WorkerPoolVerifier => {
  const pending = new Map<number, Pending>()
  let next = 0
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const w = new Worker(BOOT, { eval: true, workerData: source })
    w.on('message', (m: { id: number; result?: VerifiedRequest; error?: string }) => {
      const p = pending.get(m.id)
      pending.delete(m.id)
      if (m.result !== undefined) p?.resolve(m.result)
      else p?.reject(new Error(m.error ?? 'verification failed'))
    })
    w.on('error', (e) => { for (const p of pending.values()) p.reject(e); pending.clear() })
    return w
  })
  let turn = 0
  return {
    verifyRequest: (xml, at) =>
      new Promise<VerifiedRequest>((resolve, reject) => {
        const id = next++
        pending.set(id, { resolve, reject })
        const w = workers[turn++ % workers.length] as Worker
        w.postMessage({ id, xml, at: at.getTime() })
      }),
    close: async () => { await Promise.all(workers.map((w) => w.terminate())) },
  }
}
