import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { appendsNothing, verifyRequest, type VerificationStage } from '../../src/signature/index.js'
import { sampleRequestXml, signAs } from '../../src/signature/testing/index.js'
import { buildCorpus, fiftyMegabytes, rsaWorld } from './corpus.js'
import { expectRefusal, expectVerified, optionsFor, testPki } from './fixtures.js'

test('every document of the attack corpus gets its typed refusal', async () => {
  const pki = await testPki()
  const corpus = await buildCorpus(rsaWorld(pki))
  assert.ok(corpus.length >= 30)
  const wrong: string[] = []
  for (const attack of corpus) {
    const result = await verifyRequest(attack.document, optionsFor(pki))
    const got = E.isLeft(result) ? `${result.left.code} (${result.left.detail})` : 'VERIFIED'
    if (!E.isLeft(result) || result.left.code !== attack.refusal) wrong.push(`${attack.name}: expected ${attack.refusal}, got ${got}`)
  }
  assert.equal(wrong, [])
})

test('bad-input refusals are flagged as appending nothing; certificate refusals are for the domain to record', async () => {
  const pki = await testPki()
  const corpus = await buildCorpus(rsaWorld(pki))
  for (const attack of corpus) {
    const result = await verifyRequest(attack.document, optionsFor(pki))
    if (E.isRight(result)) return assert.unreachable(attack.name)
    const domainCodes = ['iin_mismatch', 'untrusted_issuer', 'certificate_expired', 'certificate_revoked', 'wrong_key_usage', 'unsupported_algorithm', 'signature_invalid']
    assert.is(appendsNothing(result.left), !domainCodes.includes(result.left.code), attack.name)
  }
})

const stagesSeen = async (document: string | Uint8Array, maxBytes?: number) => {
  const pki = await testPki()
  const stages: VerificationStage[] = []
  const result = await verifyRequest(document, optionsFor(pki, { onStage: (s) => stages.push(s), ...(maxBytes === undefined ? {} : { maxBytes }) }))
  return { result, stages }
}

test('a 50 MB document is refused by size before any parsing (string and bytes)', async () => {
  const huge = fiftyMegabytes()
  assert.ok(huge.length >= 50 * 1024 * 1024)
  const asText = await stagesSeen(huge)
  expectRefusal(asText.result, 'too_large', 'bad_input')
  assert.equal(asText.stages, ['guard'], 'the parser never ran')
  const asBytes = await stagesSeen(new TextEncoder().encode(huge))
  expectRefusal(asBytes.result, 'too_large')
  assert.equal(asBytes.stages, ['guard'])
})

test('the size limit counts UTF-8 bytes, not characters', async () => {
  const pki = await testPki()
  const xml = await signAs(pki.citizen, sampleRequestXml({ documents: [{ kind: 'удостоверение личности', sha256: 'ab'.repeat(32) }] }))
  const bytes = Buffer.byteLength(xml, 'utf8')
  assert.ok(bytes > xml.length, 'Cyrillic names make the byte count exceed the character count')
  expectRefusal((await stagesSeen(xml, xml.length)).result, 'too_large')
  expectVerified((await stagesSeen(xml, bytes)).result)
})

test('DTD payloads are refused before the parser sees them', async () => {
  const laughs = '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><application>&b;</application>'
  const { result, stages } = await stagesSeen(laughs)
  expectRefusal(result, 'dtd_forbidden')
  assert.equal(stages, ['guard'])
})

test('GOST 2004 and GOST 2015/256 are refused with a plain message; a GOST 2015/512 method needs a GOST key', async () => {
  const pki = await testPki()
  const signed = await signAs(pki.citizen, sampleRequestXml())
  const rsa = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
  for (const legacy of [
    'http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311',
    'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256',
  ]) {
    const refusal = expectRefusal(await verifyRequest(signed.replace(rsa, legacy), optionsFor(pki)), 'unsupported_algorithm', 'not_confirmed')
    assert.match(refusal.detail, /GOST .* is not supported: only GOST 34.10-2015 with a 512-bit key/)
  }
  const gost = signed.replace(rsa, 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512')
  const refusal = expectRefusal(await verifyRequest(gost, optionsFor(pki)), 'unsupported_algorithm', 'not_confirmed')
  assert.match(refusal.detail, /GOST 2015\/512 but key algorithm 1.2.840.113549.1.1.1/)
})

test('comment games: without-comments c14n cannot make the reader see a truncated value', async () => {
  const pki = await testPki()
  for (const canonicalization of ['c14n', 'exc-c14n'] as const) {
    const signed = await signAs(pki.citizen, sampleRequestXml({ familySize: 14 }), { canonicalization })
    // comments are outside what this canonicalisation signs, so the digest still matches …
    const commented = signed.replace('<familySize>14<', '<familySize>1<!-- truncated? -->4<')
    const verified = expectVerified(await verifyRequest(commented, optionsFor(pki)))
    // … and the reader sees the signed value, not the text before the comment
    assert.is(verified.request.familySize, 14, canonicalization)
  }
  for (const canonicalization of ['c14n-com', 'exc-c14n-com'] as const) {
    const signed = await signAs(pki.citizen, sampleRequestXml({ familySize: 14 }), { canonicalization })
    const commented = signed.replace('<familySize>14<', '<familySize>1<!-- x -->4<')
    expectRefusal(await verifyRequest(commented, optionsFor(pki)), 'digest_mismatch')
  }
})

test('whitespace and namespace games that canonicalisation absorbs change nothing the reader sees', async () => {
  const pki = await testPki()
  const signed = await signAs(pki.citizen, sampleRequestXml())
  const spaced = signed.replace('<applicant iin=', '<applicant    iin=').replace('"/>\n  <category>', '"   />\n  <category>')
  assert.is.not(spaced, signed)
  assert.is(expectVerified(await verifyRequest(spaced, optionsFor(pki))).request.applicantIin, '871008401427')
  // An unused namespace is invisible to the exclusive c14n of the Reference, but SignedInfo is canonicalised
  // inclusively (as NCALayer does) and inherits it from the root: the signature value no longer matches.
  const exclusive = await signAs(pki.citizen, sampleRequestXml(), { canonicalization: 'exc-c14n' })
  const extraNs = exclusive.replace('<application xmlns=', '<application xmlns:evil="urn:evil" xmlns=')
  expectRefusal(await verifyRequest(extraNs, optionsFor(pki)), 'signature_invalid')
  // a field hidden in CDATA is the same text to c14n and to the reader
  const cdata = await signAs(pki.citizen, sampleRequestXml().replace('<familySize>4<', '<familySize><![CDATA[4]]><'))
  assert.is(expectVerified(await verifyRequest(cdata, optionsFor(pki))).request.familySize, 4)
})

test('verification has no side effects: the same document verifies twice to equal results', async () => {
  const pki = await testPki()
  const input = new TextEncoder().encode(await signAs(pki.citizen, sampleRequestXml()))
  const copy = input.slice()
  const first = expectVerified(await verifyRequest(input, optionsFor(pki)))
  const second = expectVerified(await verifyRequest(input, optionsFor(pki)))
  assert.equal(first, second)
  assert.equal(input, copy, 'the input bytes are untouched')
})

test.run()
