/**
 * The service's revocation settings (config.ts: KEZEK_REVOCATION, KEZEK_OCSP_*) turned into what the verifier
 * takes: the order of sources and, when OCSP is one, NCA's responder over HTTP behind the answer cache. Built
 * in the service thread and again in each verify worker (a port cannot cross threads; the settings can).
 */
import { cachedOcsp, httpOcsp, type OcspPort, type RevocationSource } from '@kezek/adapters'
import type { RevocationSettings } from '../config.js'

export interface VerifierRevocation {
  readonly sources: readonly RevocationSource[]
  readonly ocsp?: OcspPort
}

/** The verifier's revocation sources and OCSP port (HTTP responder behind the answer cache) from the service's settings. */
export const revocationOf = (settings: RevocationSettings, now: () => Date, fetch?: typeof globalThis.fetch): VerifierRevocation => {
  const o = settings.ocsp
  if (o === undefined) return { sources: settings.sources }
  const http = httpOcsp({ url: o.url, useAiaUrl: o.useAiaUrl, timeoutMs: o.timeoutMs, ...(fetch === undefined ? {} : { fetch }) })
  const ocsp = o.cacheSeconds === 0 ? http : cachedOcsp(http, { maxAgeMs: o.cacheSeconds * 1000, now })
  return { sources: settings.sources, ocsp }
}
