/**
 * The OCSP port over HTTP (RFC 6960 appendix A: POST application/ocsp-request). The responder URL is configured;
 * the certificate's AIA URL is used only when `useAiaUrl` is set (a document's certificate must not choose where
 * the server connects — NCANode's OCSP_STRICT). A timeout bounds the wait; any failure is a Left, never a throw.
 */
import * as E from 'fp-ts/lib/Either.js'
import { x509 } from '../engine.js'
import { buildOcspRequest, readOcspResponse } from './ocsp-messages.js'
import type { OcspPort } from './port.js'

export interface HttpOcspOptions {
  /** The responder, e.g. NCA's `http://ocsp.pki.gov.kz` (test: `http://test.pki.gov.kz/ocsp/`). */
  readonly url: string
  /** Prefer the URL the certificate's AIA names (default false). */
  readonly useAiaUrl?: boolean
  readonly timeoutMs?: number
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof globalThis.fetch
  /** Largest response read, bytes (default 256 KiB). */
  readonly maxBytes?: number
}

const aiaUrlOf = (cert: x509.X509Certificate): string | undefined => {
  const aia = cert.getExtension(x509.AuthorityInfoAccessExtension)
  const names = aia?.ocsp ?? []
  const uri = names.find((n) => n.type === 'url')
  return uri === undefined ? undefined : String(uri.value)
}

export const httpOcsp = (options: HttpOcspOptions): OcspPort => ({
  status: async (certificate, issuer, at) => {
    const url = (options.useAiaUrl === true ? aiaUrlOf(certificate) : undefined) ?? options.url
    const request = buildOcspRequest(certificate, issuer)
    const doFetch = options.fetch ?? globalThis.fetch
    let body: Uint8Array
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: new Uint8Array(request.der),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      })
      if (!response.ok) return E.left(`OCSP responder ${url} answered HTTP ${response.status}`)
      body = new Uint8Array(await response.arrayBuffer())
    } catch (e) {
      return E.left(`OCSP responder ${url} unreachable: ${(e as Error).message.slice(0, 120)}`)
    }
    if (body.length > (options.maxBytes ?? 256 * 1024)) return E.left('OCSP response too large')
    return readOcspResponse(body, request, issuer, at)
  },
})
