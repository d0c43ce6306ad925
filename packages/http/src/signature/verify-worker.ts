/**
 * Worker thread body for `workerPoolVerifier`: loads the trust anchors once, then verifies the documents it is
 * sent with the same in-process verifier the service uses.
 */
import { parentPort, workerData } from 'node:worker_threads'
import * as E from 'fp-ts/lib/Either.js'
import { loadTrust } from '@kezek/adapters'
import { xmlDsigVerifier } from './adapter.js'
import { revocationOf } from './revocation.js'
import type { WorkerData } from './worker-pool.js'

const data = workerData as WorkerData
const loaded = loadTrust(data.trust)
if (E.isLeft(loaded)) throw new Error(`verify worker: ${loaded.left.detail}`)
const trust = loaded.right
// Each worker has its own OCSP answer cache (the settings cross the thread, the port cannot).
const verifier = xmlDsigVerifier({
  current: () => trust,
  ...(data.revocation === undefined ? {} : { revocation: revocationOf(data.revocation, () => new Date()) }),
  ...(data.signerPolicy === undefined ? {} : { signerPolicy: data.signerPolicy }),
})

parentPort?.on('message', (m: { readonly id: number; readonly xml: string; readonly at: number }) => {
  verifier.verifyRequest(m.xml, new Date(m.at)).then(
    (result) => parentPort?.postMessage({ id: m.id, result }),
    (e: unknown) => parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  )
})
