/**
 * One test PKI for every signature test file (uvu runs them in one process): keys are generated once, in
 * parallel. Everything is judged at the fixed instant `AT`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as assert from 'uvu/assert'
import type { SignatureRefusal, VerifyRequestOptions, VerifySeveralOptions } from '../../src/signature/index.js'
import { createGostTestPki, createTestPki, type GostTestPki, type TestPki } from '../../src/signature/testing/index.js'

export const AT = new Date('2025-03-01T09:00:00.000Z')

let shared: Promise<TestPki> | undefined
export const testPki = (): Promise<TestPki> => (shared ??= createTestPki({ at: AT }))

let sharedGost: Promise<GostTestPki> | undefined
export const gostTestPki = (): Promise<GostTestPki> => (sharedGost ??= createGostTestPki({ at: AT }))

export const optionsFor = (
  pki: TestPki | GostTestPki,
  extra: Partial<VerifyRequestOptions & VerifySeveralOptions> = {},
): VerifyRequestOptions & VerifySeveralOptions => ({
  trust: pki.trust,
  crls: pki.crls,
  at: AT,
  ...extra,
})

export const expectRefusal = <T>(
  result: E.Either<SignatureRefusal, T>,
  code: SignatureRefusal['code'],
  family?: SignatureRefusal['family'],
): SignatureRefusal => {
  if (E.isRight(result)) assert.unreachable(`expected refusal ${code}, got a verified document`)
  const refusal = (result as E.Left<SignatureRefusal>).left
  assert.is(refusal.code, code, `expected ${code}, got ${refusal.code}: ${refusal.detail}`)
  if (family !== undefined) assert.is(refusal.family, family)
  return refusal
}

export const expectVerified = <T>(result: E.Either<SignatureRefusal, T>): T => {
  if (E.isLeft(result)) assert.unreachable(`expected a verified document, got ${result.left.code}: ${result.left.detail}`)
  return (result as E.Right<T>).right
}
