/**
 * Signs result documents with the key of the provider's authorised person (регламент: «Электронный документ
 * формируется с использованием ЭЦП уполномоченного лица услугодателя»), the same enveloped XMLDSig the
 * citizens' documents use, so any NCALayer-compatible tool verifies it.
 */
import type { webcrypto } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { x509 } from '@kezek/adapters'
import { signXml } from '@kezek/adapters'
import type { ResultSigner } from './port.js'

export interface SigningIdentity {
  readonly privateKey: webcrypto.CryptoKey
  readonly certificate: x509.X509Certificate
}

export const keyResultSigner = (keys: (providerId: string) => SigningIdentity | undefined): ResultSigner => ({
  signResult: async (providerId, xml) => {
    const key = keys(providerId)
    if (key === undefined) throw new Error(`no signing key configured for provider ${providerId}`)
    const signed = await signXml(xml, key.privateKey, key.certificate)
    if (E.isLeft(signed)) throw new Error(`result document cannot be signed: ${signed.left.detail}`)
    return signed.right
  },
})
